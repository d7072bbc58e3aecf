/** Logins: add, list, disable, and check a name and password. Every change is audited. */
import { isRole, type Role, type SessionUser } from '../../auth-roles.ts';
import { audit, recordAudit, type AuditActor } from '../audit.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { execute, query } from '../sql.ts';
import { checkNothing, checkPassword, hashPassword, passwordProblem } from './passwords.ts';
import { closeUserSessions } from './sessions.ts';

/** A login name: letters, digits and `. _ @ -`, up to 64 characters, never a `:` (kept for `cli:` actors). */
export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** A login as listed (never its password hash). */
export interface UserSummary {
  name: string;
  role: Role;
  disabled: boolean;
  /** ISO UTC. */
  created: string;
  /** Live sessions. */
  sessions: number;
}

interface UserRow {
  name: string;
  role: Role;
  password_hash: string;
  password_salt: string;
  password_kdf: string;
  disabled: boolean;
}

/** DuckDB TIMESTAMP text of a moment, in UTC. */
export function sqlTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Why `name` cannot be a login name, or null. */
export function userNameProblem(name: string): string | null {
  return USER_NAME_PATTERN.test(name)
    ? null
    : `"${name.slice(0, 80)}" cannot be a login name: use up to 64 letters, digits, dots, underscores, @ or hyphens, starting with a letter or digit.`;
}

/** Creates a login with `role`; refuses a taken name, an unknown role or a short password. */
export async function addUser(db: Database, user: { name: string; role: string; password: string }, by: AuditActor): Promise<void> {
  const problem = userNameProblem(user.name) ?? (isRole(user.role) ? null : `"${user.role}" is not a role: use admin, analyst, cfo or auditor.`) ?? passwordProblem(user.password);
  if (problem) throw new DuesightError(problem);
  const hashed = await hashPassword(user.password);
  const entry = { ...by, action: 'user_add', target: user.name, params: { role: user.role } };
  try {
    await db.write(async (conn) => {
      if ((await query(conn, 'auth_user_get', { name: user.name })).length) throw new DuesightError(`There is already a login named "${user.name}".`);
      await execute(conn, 'auth_user_insert', {
        name: user.name, role: user.role, password_hash: hashed.hash, password_salt: hashed.salt, password_kdf: hashed.kdf, created: sqlTimestamp(new Date()),
      });
      await recordAudit(conn, { ...entry, outcome: 'ok' });
    }, { book: false });
  } catch (err) {
    if (err instanceof DuesightError) await audit(db, { ...entry, outcome: 'failed', detail: err.message });
    throw err;
  }
}

/** Every login, by name. */
export function listUsers(db: Database): Promise<UserSummary[]> {
  return db.read((conn) => query<UserSummary>(conn, 'auth_user_list', { now: sqlTimestamp(new Date()) }));
}

/** How many logins exist (disabled ones included). */
export async function userCount(db: Database): Promise<number> {
  const [{ users }] = await db.read((conn) => query<{ users: number }>(conn, 'auth_user_count'));
  return users;
}

/** Disables a login and ends its sessions; the row stays, so the audit log's names keep their meaning. */
export async function disableUser(db: Database, name: string, by: AuditActor): Promise<void> {
  const entry = { ...by, action: 'user_disable', target: name };
  try {
    await db.write(async (conn) => {
      const found = await query(conn, 'auth_user_disable', { name });
      if (!found.length) throw new DuesightError(`There is no login named "${name.slice(0, 80)}".`);
      await closeUserSessions(conn, name);
      await recordAudit(conn, { ...entry, outcome: 'ok' });
    }, { book: false });
  } catch (err) {
    if (err instanceof DuesightError) await audit(db, { ...entry, outcome: 'failed', detail: err.message });
    throw err;
  }
}

/**
 * The user whose name and password these are, or null (unknown name, disabled login or wrong
 * password alike, in about the same time).
 */
export async function verifyPassword(db: Database, name: string, password: string): Promise<SessionUser | null> {
  const [row] = userNameProblem(name) ? [] : await db.read((conn) => query<UserRow>(conn, 'auth_user_get', { name }));
  if (!row || row.disabled) return checkNothing(password).then(() => null);
  const ok = await checkPassword(password, { hash: row.password_hash, salt: row.password_salt, kdf: row.password_kdf });
  return ok ? { name: row.name, role: row.role } : null;
}
