// Logins and sessions: passwords kept only as scrypt hashes, sessions as token hashes with an
// idle timeout and an absolute lifetime, a new token at each sign-in, throttled failures, every
// change and every attempt in the audit log, and the permission check every page makes.
import { createHash } from 'node:crypto';
import { isHttpError } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { auditEntries } from '../../src/lib/server/audit.ts';
import { requirePermission } from '../../src/lib/server/auth/guard.ts';
import { checkPassword, hashPassword } from '../../src/lib/server/auth/passwords.ts';
import { loginUrl, safeNext } from '../../src/lib/server/auth/public-routes.ts';
import { LoginThrottle, THROTTLE_WINDOW_MS } from '../../src/lib/server/auth/rate-limit.ts';
import { SESSION_IDLE_MS, sessionUser } from '../../src/lib/server/auth/sessions.ts';
import { signIn, signOut } from '../../src/lib/server/auth/sign-in.ts';
import { addUser, disableUser, listUsers, verifyPassword } from '../../src/lib/server/auth/users.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';

let db: Database;
const cli = { actor: 'cli:tester', role: null, via: 'cli' } as const;
const PASSWORD = 'correct horse battery';

beforeEach(async () => {
  db = await Database.open(':memory:');
});
afterEach(() => db.close());

const rows = <T>(text: string) => db.read((conn) => queryText<T>(conn, text));
const actions = async () => (await db.read((conn) => auditEntries(conn))).map((e) => `${e.actor} ${e.action} ${e.outcome}`);
const attempt = (name: string, password: string, extra: object = {}) => ({ name, password, address: '10.1.2.3', ...extra });

describe('passwords', () => {
  test('are stored as a salted scrypt hash, and only the right password matches', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a.kdf).toBe('scrypt:N=32768,r=8,p=1');
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.salt).not.toBe(b.salt); // a fresh salt each time: equal passwords do not look equal
    expect(a.hash).not.toBe(b.hash);
    expect(await checkPassword(PASSWORD, a)).toBe(true);
    expect(await checkPassword('correct horse battery ', a)).toBe(false);
    expect(await checkPassword(PASSWORD, { ...a, kdf: 'md5' })).toBe(false);
  });
});

describe('users', () => {
  test('add, list and disable; the password appears nowhere; every change is audited', async () => {
    await addUser(db, { name: 'alice', role: 'cfo', password: PASSWORD }, cli);
    const [listed] = await listUsers(db);
    expect(listed).toMatchObject({ name: 'alice', role: 'cfo', disabled: false, sessions: 0 });
    expect(Object.keys(listed)).not.toContain('password_hash');
    const [stored] = await rows<Record<string, string>>('SELECT * FROM users');
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);

    expect(await verifyPassword(db, 'alice', PASSWORD)).toEqual({ name: 'alice', role: 'cfo' });
    expect(await verifyPassword(db, 'alice', 'wrong password!')).toBeNull();
    expect(await verifyPassword(db, 'nobody', PASSWORD)).toBeNull();

    await disableUser(db, 'alice', cli);
    expect((await listUsers(db))[0].disabled).toBe(true);
    expect(await verifyPassword(db, 'alice', PASSWORD)).toBeNull();
    expect(await actions()).toEqual(['cli:tester user_add ok', 'cli:tester user_disable ok']);
  });

  test('refuses a taken name, an unknown role, a short password and names with a colon or spaces', async () => {
    await addUser(db, { name: 'alice', role: 'cfo', password: PASSWORD }, cli);
    await expect(addUser(db, { name: 'alice', role: 'admin', password: PASSWORD }, cli)).rejects.toThrow('already a login named "alice"');
    await expect(addUser(db, { name: 'bob', role: 'root', password: PASSWORD }, cli)).rejects.toThrow('"root" is not a role');
    await expect(addUser(db, { name: 'bob', role: 'cfo', password: 'short' }, cli)).rejects.toThrow('at least 10 characters');
    await expect(addUser(db, { name: 'cli:bob', role: 'cfo', password: PASSWORD }, cli)).rejects.toThrow('cannot be a login name');
    await expect(addUser(db, { name: "x' OR 1=1 --", role: 'cfo', password: PASSWORD }, cli)).rejects.toThrow('cannot be a login name');
    await expect(disableUser(db, 'nobody', cli)).rejects.toThrow('no login named "nobody"');
    expect((await listUsers(db)).map((u) => u.name)).toEqual(['alice']);
    // The taken name was audited as a failure (the others never reached the database).
    expect(await actions()).toEqual(['cli:tester user_add ok', 'cli:tester user_add failed', 'cli:tester user_disable failed']);
  });
});

describe('signing in and sessions', () => {
  beforeEach(() => addUser(db, { name: 'alice', role: 'auditor', password: PASSWORD }, cli));

  test('a sign-in opens a session whose token is stored only as its SHA-256', async () => {
    const result = await signIn(db, attempt('alice', PASSWORD), new LoginThrottle());
    if (!result.ok) throw new Error('sign-in failed');
    expect(result.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const [row] = await rows<{ token_hash: string; user_name: string }>('SELECT token_hash, user_name FROM sessions');
    expect(row.token_hash).toBe(createHash('sha256').update(result.session.token).digest('hex'));
    expect(await sessionUser(db, result.session.token)).toEqual({ name: 'alice', role: 'auditor' });
    expect(await sessionUser(db, row.token_hash)).toBeNull(); // the stored value is not a key
    expect(await sessionUser(db, 'x'.repeat(43))).toBeNull();
    // Lifetime: 12 hours from now.
    expect(result.session.expires.getTime() - Date.now()).toBeGreaterThan(12 * 3600_000 - 60_000);
  });

  test('a session ends after 30 idle minutes, at its absolute end, at logout and when the login is disabled', async () => {
    const open = async () => {
      const r = await signIn(db, attempt('alice', PASSWORD), new LoginThrottle());
      if (!r.ok) throw new Error('sign-in failed');
      return r.session.token;
    };
    const idle = await open();
    await rows(`UPDATE sessions SET last_seen = last_seen - INTERVAL ${SESSION_IDLE_MS / 60_000 + 1} MINUTE WHERE token_hash = '${createHash('sha256').update(idle).digest('hex')}'`);
    expect(await sessionUser(db, idle)).toBeNull();

    const old = await open();
    await rows(`UPDATE sessions SET expires = TIMESTAMP '2000-01-01 00:00:00' WHERE token_hash = '${createHash('sha256').update(old).digest('hex')}'`);
    expect(await sessionUser(db, old)).toBeNull();

    const out = await open();
    await signOut(db, { name: 'alice', role: 'auditor' }, out, '10.1.2.3');
    expect(await sessionUser(db, out)).toBeNull();

    const live = await open();
    expect(await sessionUser(db, live)).not.toBeNull();
    await disableUser(db, 'alice', cli);
    expect(await sessionUser(db, live)).toBeNull();
    expect(await rows('SELECT * FROM sessions')).toEqual([]);
  });

  test('signing in again gives a new token and ends the one the browser held', async () => {
    const first = await signIn(db, attempt('alice', PASSWORD), new LoginThrottle());
    if (!first.ok) throw new Error('sign-in failed');
    const second = await signIn(db, attempt('alice', PASSWORD, { previousToken: first.session.token }), new LoginThrottle());
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.session.token).not.toBe(first.session.token);
    expect(await sessionUser(db, first.session.token)).toBeNull();
    expect(await sessionUser(db, second.session.token)).not.toBeNull();
  });

  test('a session confirmed in the last minute is answered without waiting for the database, which confirms it again meanwhile', async () => {
    const r = await signIn(db, attempt('alice', PASSWORD), new LoginThrottle());
    if (!r.ok) throw new Error('sign-in failed');
    const token = r.session.token;
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(start);
      expect(await sessionUser(db, token)).toEqual({ name: 'alice', role: 'auditor' });
      // The session goes from the database behind the process's back (the process itself forgets
      // the sessions it ends, as the idle/logout/disable test shows).
      await rows(`DELETE FROM sessions`);
      const reads = vi.spyOn(db, 'read');
      vi.setSystemTime(start + 4_000);
      expect(await sessionUser(db, token)).not.toBeNull(); // confirmed 4 s ago: no query at all
      expect(reads).not.toHaveBeenCalled();
      vi.setSystemTime(start + 6_000);
      // Confirmed 6 s ago: answered from memory while the database is asked in the background...
      expect(await sessionUser(db, token)).not.toBeNull();
      expect(reads).toHaveBeenCalledTimes(1);
      reads.mockRestore();
      // ...which finds it gone, so the next request is refused.
      let user: unknown = 'served';
      for (let i = 0; i < 200 && user !== null; i++) {
        await new Promise((done) => setTimeout(done, 10));
        user = await sessionUser(db, token);
      }
      expect(user).toBeNull();

      // Past a minute without a confirmation, the request waits for the database.
      const again = await signIn(db, attempt('alice', PASSWORD), new LoginThrottle());
      if (!again.ok) throw new Error('sign-in failed');
      vi.setSystemTime(Date.now());
      expect(await sessionUser(db, again.session.token)).not.toBeNull();
      await rows(`DELETE FROM sessions`);
      vi.setSystemTime(Date.now() + 61_000);
      expect(await sessionUser(db, again.session.token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  test('failed and throttled attempts are refused alike for wrong passwords and unknown names, and audited', async () => {
    const throttle = new LoginThrottle();
    expect(await signIn(db, attempt('alice', 'wrong password'), throttle)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(db, attempt('ghost', PASSWORD), throttle)).toEqual({ ok: false, reason: 'invalid' });
    for (let i = 0; i < 4; i++) await signIn(db, attempt('alice', 'wrong password'), throttle);
    // Five failures for alice from this address: the sixth attempt is refused even with the right password.
    expect(await signIn(db, attempt('alice', PASSWORD), throttle)).toMatchObject({ ok: false, reason: 'throttled' });
    // A flood of refused attempts is recorded once a minute, not once each.
    for (let i = 0; i < 10; i++) expect(await signIn(db, attempt('alice', PASSWORD), throttle)).toMatchObject({ reason: 'throttled' });
    const log = await actions();
    expect(log.filter((a) => a === 'alice login_failed failed')).toHaveLength(5);
    expect(log).toContain('ghost login_failed failed');
    expect(log.at(-1)).toBe('alice login_throttled denied');
    expect(log.filter((a) => a.includes('login_throttled'))).toHaveLength(1);
    const [entry] = (await db.read((conn) => auditEntries(conn))).filter((e) => e.action === 'login_failed');
    expect(JSON.parse(entry.params)).toEqual({ address: '10.1.2.3' }); // never the password
  });
});

describe('the login throttle', () => {
  test('five failures per name and address within 15 minutes, then a wait until the oldest ages out', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 5; i++) {
      expect(throttle.check('alice', 'a1').allowed).toBe(true);
      throttle.fail('alice', 'a1');
      now += 1000;
    }
    // The first failure was at 1,000,000 and now is 1,005,000: it ages out after 900 s - 5 s = 895 s.
    expect(throttle.check('alice', 'a1')).toEqual({ allowed: false, retryAfterSeconds: 895 });
    expect(throttle.check('Alice', 'a1').allowed).toBe(false); // names compare without case
    expect(throttle.check('alice', 'a2').allowed).toBe(true); // another address
    expect(throttle.check('bob', 'a1').allowed).toBe(true); // another name
    now += THROTTLE_WINDOW_MS;
    expect(throttle.check('alice', 'a1').allowed).toBe(true);
  });

  test('thirty failures from one address block it for every name; a success clears only its own name', () => {
    const throttle = new LoginThrottle(() => 0);
    for (let i = 0; i < 30; i++) throttle.fail(`user${i}`, 'a1');
    expect(throttle.check('someone-new', 'a1').allowed).toBe(false);
    const other = new LoginThrottle(() => 0);
    for (let i = 0; i < 4; i++) other.fail('alice', 'a1');
    other.succeed('alice', 'a1');
    for (let i = 0; i < 4; i++) other.fail('alice', 'a1');
    expect(other.check('alice', 'a1').allowed).toBe(true); // 4 since the success
  });
});

describe('requirePermission and the login redirect', () => {
  const status = (fn: () => unknown) => {
    try {
      fn();
      return 200;
    } catch (err) {
      if (isHttpError(err)) return err.status;
      throw err;
    }
  };

  test('401 for nobody, 403 for a role without the permission, the user otherwise', () => {
    expect(status(() => requirePermission({ user: null }, 'view'))).toBe(401);
    expect(status(() => requirePermission({ user: { name: 'c', role: 'cfo' } }, 'audit'))).toBe(403);
    expect(status(() => requirePermission({ user: { name: 'c', role: 'cfo' } }, 'import'))).toBe(403);
    expect(status(() => requirePermission({ user: { name: 'a', role: 'auditor' } }, 'audit'))).toBe(200);
    expect(requirePermission({ user: { name: 'x', role: 'analyst' } }, 'import')).toEqual({ name: 'x', role: 'analyst' });
  });

  test('the page asked for is kept, but only as a path on this site', () => {
    expect(loginUrl(new URL('http://h/aging?sort=-ar&q=a%20b'))).toBe('/login?next=%2Faging%3Fsort%3D-ar%26q%3Da%2520b');
    expect(loginUrl(new URL('http://h/'))).toBe('/login');
    expect(safeNext('/aging?sort=-ar')).toBe('/aging?sort=-ar');
    for (const hostile of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '/\nSet-Cookie:x', '']) {
      expect(safeNext(hostile)).toBe('/');
    }
  });
});
