/**
 * Starts and stops the built app (`node build`) on a free port, for browser tests, with one login
 * per role created in the database first: `loginAs(page, role)` signs a browser page in through
 * the login form, `sessionCookie(role)` gives a Cookie header for fetch-based tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROLES, type Role } from '../../src/lib/auth-roles.ts';
import { addUser, listUsers } from '../../src/lib/server/auth/users.ts';
import { Database } from '../../src/lib/server/db.ts';

/** Node's flags for the server, as `npm start` gives them (a larger young generation: pages allocate much and briefly). */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

/** The login of each role in a test database: `e2e-<role>`, with a password only tests know. */
export const TEST_USERS: Record<Role, { name: string; password: string }> = Object.fromEntries(
  ROLES.map((role) => [role, { name: `e2e-${role}`, password: `e2e-${role}-password` }]),
) as Record<Role, { name: string; password: string }>;

/** Adds the logins of TEST_USERS to the database at `dbPath` (those missing); the server must not hold the file yet. */
export async function createTestUsers(dbPath: string): Promise<void> {
  const db = await Database.open(dbPath);
  try {
    const existing = new Set((await listUsers(db)).map((u) => u.name));
    for (const role of ROLES) {
      const { name, password } = TEST_USERS[role];
      if (!existing.has(name)) await addUser(db, { name, role, password }, { actor: 'cli:e2e', role: null, via: 'cli' });
    }
  } finally {
    await db.close();
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  /** The server's process id (e.g. to read its memory). */
  pid: number;
  /** What the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
  /** Signs `page` in as the test user of `role` through the login form (the page is then on its way to the overview). */
  loginAs: (page: Page, role: Role) => Promise<void>;
  /** A `Cookie` header value of a session of the test user of `role` (one sign-in per role, reused). */
  sessionCookie: (role: Role) => Promise<string>;
  /** A `Cookie` header value of a new session (for tests that end it, e.g. by signing out). */
  newSessionCookie: (role: Role) => Promise<string>;
}

/** How to start the app beyond the defaults. */
export interface StartOptions {
  /** The scheme of the ORIGIN the app believes it is served at (default http; https as behind a TLS proxy, on the same host and port). */
  originScheme?: 'http' | 'https';
  /** More environment variables for the server. */
  env?: Record<string, string>;
}

/** Signs in through the login form's action with fetch; returns the session cookie (name=value). */
async function signInWithFetch(url: string, origin: string, role: Role): Promise<string> {
  const { name, password } = TEST_USERS[role];
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    // As a browser's form post (with Accept */*, SvelteKit would answer as to use:enhance, in JSON).
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
    body: new URLSearchParams({ name, password }).toString(),
    redirect: 'manual',
  });
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-duesight|duesight_session)=/.test(c));
  if (res.status !== 303 || !cookie) throw new Error(`Signing in as ${name} failed: HTTP ${res.status}.`);
  return cookie.split(';')[0];
}

/**
 * Runs `node build` from `root` against the database `dbPath`, and waits until it answers. The
 * logins of TEST_USERS are added to the database before the server starts.
 */
export async function startBuiltApp(root: string, dbPath: string, timeoutMs = 60_000, options: StartOptions = {}): Promise<RunningApp> {
  if (!existsSync(join(root, 'build', 'index.js'))) {
    throw new Error(`No built app in ${join(root, 'build')}: run "npx vite build" before the browser tests.`);
  }
  await createTestUsers(dbPath);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const origin = options.originScheme === 'https' ? url.replace('http:', 'https:') : url;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'build'], {
    cwd: root,
    env: {
      ...process.env, DUESIGHT_DB: dbPath, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, BODY_SIZE_LIMIT: String(300 * 1024 * 1024),
      // As `npm start` runs it: DuckDB's queries and password hashing share Node's thread pool.
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`The app stopped before answering:\n${log}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookies = new Map<Role, Promise<string>>();
  const sessionCookie = (role: Role) => {
    if (!cookies.has(role)) cookies.set(role, signInWithFetch(url, origin, role));
    return cookies.get(role)!;
  };
  const loginAs = async (page: Page, role: Role) => {
    const { name, password } = TEST_USERS[role];
    await page.context().clearCookies(); // a signed-in browser would be sent on from /login
    // Until the page's scripts have loaded and taken over the form: a click while they hydrate it
    // can be lost (seen on a busy machine), and the test would wait for a sign-in never sent.
    await page.goto(`${url}/login`, { waitUntil: 'networkidle' });
    await page.fill('#login-name', name);
    await page.fill('#login-password', password);
    // Only until the next page starts to arrive: the overview it lands on may be slow on a busy machine.
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login', { waitUntil: 'commit', timeout: 60_000 }), page.click('button[type="submit"]')]);
  };
  const newSessionCookie = (role: Role) => signInWithFetch(url, origin, role);
  return { url, pid: child.pid!, output: () => log, stop, loginAs, sessionCookie, newSessionCookie };
}
