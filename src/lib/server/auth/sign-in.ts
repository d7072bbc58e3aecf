/** Signing in and out: throttled, audited, and a fresh session each time. */
import type { SessionUser } from '../../auth-roles.ts';
import { audit, recordAudit } from '../audit.ts';
import type { Database } from '../db.ts';
import { loginThrottle, type LoginThrottle } from './rate-limit.ts';
import { closeSession, openSession, type NewSession } from './sessions.ts';
import { verifyPassword } from './users.ts';

/** A sign-in attempt from the login form. */
export interface SignInAttempt {
  name: string;
  password: string;
  /** The client's address, for throttling and the audit log. */
  address: string;
  /** The session token the browser already holds, ended on success. */
  previousToken?: string | null;
}

/** What came of an attempt. */
export type SignInResult =
  | { ok: true; user: SessionUser; session: NewSession }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Refused attempts are audited once a minute per name and address, so a flood cannot fill the log (or queue its writes). */
const THROTTLED_AUDIT_EVERY_MS = 60_000;
const lastThrottledAudit = new Map<string, number>();

function firstRefusalThisMinute(key: string): boolean {
  const now = Date.now();
  if (now - (lastThrottledAudit.get(key) ?? 0) < THROTTLED_AUDIT_EVERY_MS) return false;
  for (const [k, at] of lastThrottledAudit) if (now - at >= THROTTLED_AUDIT_EVERY_MS) lastThrottledAudit.delete(k);
  lastThrottledAudit.set(key, now);
  return true;
}

/** The longest name written to the audit log for a failed attempt (whatever was typed). */
const MAX_LOGGED_NAME = 64;

/**
 * Checks a name and password. Success opens a session and records `login`; a wrong name or
 * password records `login_failed`; after too many failures attempts are refused without
 * checking the password, and recorded as `login_throttled` (once a minute per name and address).
 */
export async function signIn(db: Database, attempt: SignInAttempt, throttle: LoginThrottle = loginThrottle): Promise<SignInResult> {
  const name = attempt.name.trim();
  const loggedName = name.slice(0, MAX_LOGGED_NAME);
  const params = { address: attempt.address };
  const verdict = throttle.check(name, attempt.address);
  if (!verdict.allowed) {
    if (firstRefusalThisMinute(`${name.toLowerCase()}\u0000${attempt.address}`)) {
      await audit(db, { actor: loggedName, role: null, via: 'web', action: 'login_throttled', params, outcome: 'denied' });
    }
    return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const user = await verifyPassword(db, name, attempt.password);
  if (!user) {
    throttle.fail(name, attempt.address);
    await audit(db, { actor: loggedName, role: null, via: 'web', action: 'login_failed', params, outcome: 'failed' });
    return { ok: false, reason: 'invalid' };
  }
  throttle.succeed(name, attempt.address);
  const session = await db.write(async (conn) => {
    const opened = await openSession(conn, user.name, attempt.previousToken);
    await recordAudit(conn, { actor: user.name, role: user.role, via: 'web', action: 'login', params, outcome: 'ok' });
    return opened;
  }, { book: false });
  return { ok: true, user, session };
}

/** Ends the session of `token` and records `logout`. */
export async function signOut(db: Database, user: SessionUser | null, token: string | undefined, address: string): Promise<void> {
  await db.write(async (conn) => {
    if (token) await closeSession(conn, token);
    if (user) await recordAudit(conn, { actor: user.name, role: user.role, via: 'web', action: 'logout', params: { address }, outcome: 'ok' });
  }, { book: false });
}
