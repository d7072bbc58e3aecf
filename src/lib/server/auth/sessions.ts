/** Sessions: random tokens handed to the browser, stored only as their SHA-256, with an idle timeout and an absolute lifetime. */
import { createHash, randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SessionUser } from '../../auth-roles.ts';
import type { Database } from '../db.ts';
import { execute, query } from '../sql.ts';

/** A session unused for this long ends (30 minutes). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, however busy (12 hours). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** last_seen is written at most this often per session, so reading pages costs no write each time. */
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * A session the database found live is trusted for this long without waiting for it again, so
 * that 50 busy readers cost no query each and a page never waits behind an import for its
 * session; ending a session or disabling a login (both in this process, the only one that may
 * write the book while it runs) forgets it at once. Well within the idle timeout, so a session
 * idle too long is always looked up again before it is served.
 */
const TRUSTED_MS = 60 * 1000;
/** After this long the database is asked again in the background, while the session is served. */
const RECHECK_MS = 5 * 1000;

/** A token as the browser holds it: 32 random bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** DuckDB TIMESTAMP text of a moment, in UTC. */
function sqlTimestamp(at: Date | number): string {
  return new Date(at).toISOString().replace('T', ' ').replace('Z', '');
}

/** The SHA-256 (hex) of a token: what the sessions table keeps. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A session just opened: the token for the cookie and when it ends at the latest. */
export interface NewSession {
  token: string;
  expires: Date;
}

/**
 * Opens a session for `userName` on `conn` (inside the login's write transaction). Stale sessions
 * are swept at the same time, and the browser's previous session, if any, ends: a sign-in always
 * gets a new token (no session fixation).
 */
export async function openSession(conn: DuckDBConnection, userName: string, previousToken?: string | null): Promise<NewSession> {
  const now = Date.now();
  if (previousToken && TOKEN_PATTERN.test(previousToken)) {
    const previous = tokenHash(previousToken);
    forgetLive(previous);
    await execute(conn, 'auth_session_delete', { token_hash: previous });
  }
  await execute(conn, 'auth_sessions_delete_stale', { now: sqlTimestamp(now), idle_since: sqlTimestamp(now - SESSION_IDLE_MS) });
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now + SESSION_LIFETIME_MS);
  await execute(conn, 'auth_session_insert', { token_hash: tokenHash(token), user_name: userName, now: sqlTimestamp(now), expires: sqlTimestamp(expires) });
  return { token, expires };
}

const lastTouch = new Map<string, number>();

/** A session found live: its user, when the database said so, when it ends at the latest, and a recheck under way. */
interface LiveSession {
  user: SessionUser;
  checkedAt: number;
  expiresAt: number;
  recheck?: Promise<unknown>;
}
/** Sessions found live recently, by token hash. */
const recentlyLive = new Map<string, LiveSession>();

/** Forgets what `recentlyLive` knows of one session, or of every session. */
function forgetLive(hash?: string): void {
  if (hash) recentlyLive.delete(hash);
  else recentlyLive.clear();
}

/** Asks the database whether the session of `hash` is live at `now`: its user, or null (then forgotten). */
async function lookUp(db: Database, hash: string, now: number): Promise<SessionUser | null> {
  const [row] = await db.read((conn) =>
    query<{ name: string; role: SessionUser['role']; last_seen_ms: number; expires_ms: number }>(conn, 'auth_session_get', {
      token_hash: hash, now: sqlTimestamp(now), idle_since: sqlTimestamp(now - SESSION_IDLE_MS),
    }),
  );
  if (!row) {
    lastTouch.delete(hash);
    forgetLive(hash);
    return null;
  }
  if (now - Math.max(row.last_seen_ms, lastTouch.get(hash) ?? 0) >= TOUCH_EVERY_MS) {
    lastTouch.set(hash, now);
    // Outside the write queue: a page read must not wait for an import. A lost touch costs at most a minute of idle time.
    void db.read((conn) => execute(conn, 'auth_session_touch', { token_hash: hash, now: sqlTimestamp(now) })).catch(() => lastTouch.delete(hash));
  }
  const user: SessionUser = { name: row.name, role: row.role };
  if (recentlyLive.size > 10_000) {
    for (const [key, entry] of recentlyLive) if (now - entry.checkedAt >= TRUSTED_MS) recentlyLive.delete(key);
  }
  recentlyLive.set(hash, { user, checkedAt: now, expiresAt: row.expires_ms });
  return user;
}

/**
 * The user a session token belongs to, or null when it is unknown, expired, idle too long or its
 * login is disabled. Marks the session as used (at most once a minute, without waiting for it).
 * A session confirmed in the last minute is answered at once (and confirmed again meanwhile).
 */
export async function sessionUser(db: Database, token: string | undefined): Promise<SessionUser | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const hash = tokenHash(token);
  const now = Date.now();
  const recent = recentlyLive.get(hash);
  if (!recent || now - recent.checkedAt >= TRUSTED_MS || now >= recent.expiresAt) return lookUp(db, hash, now);
  if (now - recent.checkedAt >= RECHECK_MS && !recent.recheck) {
    // A recheck that finds the session replaces this entry; one that fails lets the next request try again.
    recent.recheck = lookUp(db, hash, now).catch(() => undefined).finally(() => (recent.recheck = undefined));
  }
  return recent.user;
}

/** Ends the session of `token` (logout), on `conn` inside a write transaction. */
export async function closeSession(conn: DuckDBConnection, token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  const hash = tokenHash(token);
  lastTouch.delete(hash);
  forgetLive(hash);
  await execute(conn, 'auth_session_delete', { token_hash: hash });
}

/** Ends every session of `userName` (a disabled login), on `conn` inside a write transaction. */
export async function closeUserSessions(conn: DuckDBConnection, userName: string): Promise<void> {
  forgetLive();
  await execute(conn, 'auth_sessions_delete_user', { user_name: userName });
}
