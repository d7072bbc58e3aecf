/** A built app on a small demo book, for the security tests that talk HTTP to it (no browser needed). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/build-app.ts';
import type { Role } from '../../src/lib/auth-roles.ts';
import { Database } from '../../src/lib/server/db.ts';
import { projectRoot } from '../../src/lib/server/paths.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { startBuiltApp, type RunningApp, type StartOptions } from '../e2e/server.ts';

/** A running app, what its book holds, and a fetch that signs in as a role. */
export interface SecurityApp {
  app: RunningApp;
  dbPath: string;
  /** A customer id and the names of customers the overview and aging pages show. */
  book: { customerId: string; customerNames: string[]; invoices: number };
  /** fetch against the app as `who` (a role or anonymous); never follows redirects. */
  request: (who: Role | 'anonymous', path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
}

/** Builds the app if needed, generates a small demo book, and starts the app on it (`originScheme: 'https'`: as behind a TLS proxy; `prepare` adds to the book first). */
export async function startSecurityApp(options: StartOptions & { prepare?: (db: Database) => Promise<void> } = {}): Promise<SecurityApp> {
  ensureBuilt(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'duesight-security-'));
  const dbPath = join(dir, 'demo.duckdb');
  execFileSync(process.execPath, [join(projectRoot, 'bin', 'duesight.js'), 'demo', '--customers', '100', '--invoices', '5000', '--db', dbPath], { cwd: projectRoot, stdio: 'pipe' });
  const db = await Database.open(dbPath);
  let book: SecurityApp['book'];
  try {
    await options.prepare?.(db);
    book = await db.read(async (conn) => {
      // Customers with the most invoices: the ones the overview and aging pages show first.
      const top = await queryText<{ customer_id: string; name: string }>(
        conn,
        'SELECT customer_id, any_value(c.name) AS name FROM invoices JOIN customers c USING (customer_id) GROUP BY customer_id ORDER BY count(*) DESC LIMIT 10',
      );
      const [{ n }] = await queryText<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM invoices');
      return { customerId: top[0].customer_id, customerNames: top.map((r) => r.name), invoices: n };
    });
  } finally {
    await db.close();
  }
  const app = await startBuiltApp(projectRoot, dbPath, 60_000, options);
  const origin = options.originScheme === 'https' ? app.url.replace('http:', 'https:') : app.url;
  const request = async (who: Role | 'anonymous', path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (who !== 'anonymous') headers.set('cookie', await app.sessionCookie(who));
    // A same-origin browser request says where it comes from (unless the test says otherwise).
    if (init.method && init.method !== 'GET' && !headers.has('origin') && !headers.has('sec-fetch-site')) headers.set('origin', origin);
    return fetch(`${app.url}${path}`, { ...init, headers, redirect: 'manual' });
  };
  return {
    app,
    dbPath,
    book,
    request,
    close: async () => {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
