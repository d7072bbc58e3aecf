// The authorisation matrix: every operation of the app (each page, form action and endpoint
// method found under src/routes) × every role × anonymous gives the expected status, and no
// refused response carries data. The operations are read from src/routes, so a new route, action
// or method without an entry in EXPECTED fails the first test: add one there (see the README,
// "Logins, roles and the audit log").
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { can, ROLES, type Permission, type Role } from '../../src/lib/auth-roles.ts';
import { TEST_USERS } from '../e2e/server.ts';
import { startSecurityApp, type SecurityApp } from './app.ts';
import { routeOperations } from './routes.ts';

type Who = Role | 'anonymous';
const EVERYONE: Who[] = ['anonymous', ...ROLES];

/** What an operation needs, and how it answers someone allowed. */
interface Rule {
  /** The permissions it needs (all of them); 'public' for the login page. */
  needs: Permission[] | 'public';
  /** The status for someone allowed (the request carries no form fields and no query). */
  ok: number;
  /** The address to ask (default: the route id); `{customer}` and `{upload}` are filled in. */
  path?: string;
  /** Statuses that differ from the rule for some (e.g. the login page sends signed-in users on). */
  except?: Partial<Record<Who, number>>;
  /** The request must use a session of its own (it ends it). */
  freshSession?: boolean;
}

/** An upload id of the right shape that no upload has. */
const NO_UPLOAD = '00000000-0000-4000-8000-000000000000';

const EXPECTED: Record<string, Rule> = {
  'GET /': { needs: ['view'], ok: 200 },
  'GET /aging': { needs: ['view'], ok: 200 },
  // The invoices behind one amount of the aging table (it must be named).
  'GET /aging/invoices': { needs: ['view'], ok: 200, path: '/aging/invoices?bucket=overdue' },
  'GET /customers': { needs: ['view'], ok: 200 },
  'GET /customers/[id]': { needs: ['view'], ok: 200, path: '/customers/{customer}' },
  'GET /risk': { needs: ['view'], ok: 200 },
  'GET /warnings': { needs: ['view'], ok: 200 },
  // The import history is for every viewer; the upload form and uploads need 'import'.
  'GET /imports': { needs: ['view'], ok: 200 },
  // An empty form: the action answers what is missing (400) to those who may import.
  'POST /imports?/upload': { needs: ['import'], ok: 400 },
  // An upload nobody made: 404, but only after the permission check.
  'GET /imports/[upload]': { needs: ['import'], ok: 404, path: `/imports/${NO_UPLOAD}` },
  'POST /imports/[upload]?/check': { needs: ['import'], ok: 404, path: `/imports/${NO_UPLOAD}` },
  'POST /imports/[upload]?/import': { needs: ['import'], ok: 404, path: `/imports/${NO_UPLOAD}` },
  // Progress of an upload's jobs as JSON: for an id with no jobs, that none is running (200).
  'GET /imports/[upload]/progress': { needs: ['import'], ok: 200, path: `/imports/${NO_UPLOAD}/progress` },
  // The explorer's invoice-level data, and its download (which also needs 'export').
  'GET /explore/data': { needs: ['explore'], ok: 200 },
  'GET /explore/invoices': { needs: ['explore'], ok: 200 },
  'GET /explore/export': { needs: ['explore', 'export'], ok: 200 },
  // The explorer page, its binned aggregates, and the SQL console (run: an empty query is a 400;
  // download: an empty form names no format, a 400).
  'GET /explore': { needs: ['explore'], ok: 200 },
  'GET /explore/bins': { needs: ['explore'], ok: 200 },
  'GET /explore/sql': { needs: ['sql'], ok: 200 },
  'POST /explore/sql?/run': { needs: ['sql'], ok: 400 },
  'POST /explore/sql/download': { needs: ['sql'], ok: 400 },
  // A report download: the aging detail as CSV (the default format) for the book's last date.
  'GET /export/[report]': { needs: ['export'], ok: 200, path: '/export/aging-detail' },
  'GET /audit': { needs: ['audit'], ok: 200 },
  'GET /admin/users': { needs: ['admin'], ok: 200 },
  // Empty forms: no name to add or disable (400), but only for administrators.
  'POST /admin/users?/add': { needs: ['admin'], ok: 400 },
  'POST /admin/users?/disable': { needs: ['admin'], ok: 400 },
  // Open to all; a signed-in user is sent on to the overview (303).
  'GET /login': { needs: 'public', ok: 200, except: { admin: 303, analyst: 303, cfo: 303, auditor: 303 } },
  // An empty form: name and password missing (400); a signed-in user is sent on by the page's load (303).
  'POST /login': { needs: 'public', ok: 400, except: { admin: 303, analyst: 303, cfo: 303, auditor: 303 } },
  // Signing out: back to the login page (303); it ends the session, so each request has its own.
  'POST /logout': { needs: ['view'], ok: 303, freshSession: true },
};

/** The status `who` should get for `op`. */
function expectedStatus(op: string, who: Who): number {
  const rule = EXPECTED[op];
  if (rule.except?.[who] !== undefined) return rule.except[who]!;
  if (rule.needs === 'public') return rule.ok;
  if (who === 'anonymous') return kinds.get(op) === 'page' ? 302 : 401;
  return rule.needs.every((p) => can({ name: who, role: who }, p)) ? rule.ok : 403;
}

const operations = routeOperations();
/** Page, action or endpoint (a route with both a page and a GET endpoint would need Accept to choose: none has). */
const kinds = new Map(operations.map((o) => [o.op, o.kind]));

describe('the authorisation matrix', () => {
  let s: SecurityApp;
  const ops = operations.map((o) => o.op);

  beforeAll(async () => {
    s = await startSecurityApp();
  }, 300_000);
  afterAll(() => s?.close());

  test('every operation under src/routes has an expected entry, and every entry an operation', () => {
    // Missing here? Add the operation to EXPECTED with the permission it needs and its status.
    expect(ops).toEqual(Object.keys(EXPECTED).sort());
  });

  /** Sends `op` as `who`; returns the status and body. */
  async function send(op: string, who: Who): Promise<{ status: number; body: string; location: string | null }> {
    const [method, route] = op.split(' ');
    const rule = EXPECTED[op];
    const [routePath, action] = route.split('?');
    let path = (rule.path ?? routePath).replace('{customer}', encodeURIComponent(s.book.customerId)).replace('{upload}', NO_UPLOAD);
    if (action) path += `?${action}`;
    const init: RequestInit = { method };
    if (method === 'POST') {
      // As a browser's form post (Accept */* would get SvelteKit's JSON answer for use:enhance).
      init.headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
      init.body = '';
    }
    if (rule.freshSession && who !== 'anonymous') {
      init.headers = { ...(init.headers as Record<string, string>), cookie: await s.app.newSessionCookie(who) };
      const res = await fetch(`${s.app.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), origin: s.app.url }, redirect: 'manual' });
      return { status: res.status, body: await res.text(), location: res.headers.get('location') };
    }
    const res = await s.request(who, path, init);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }

  for (const who of EVERYONE) {
    test(`${who}: every operation answers as expected, and refusals carry no data`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const op of ops) {
        if (!EXPECTED[op]) continue;
        const { status, body, location } = await send(op, who);
        got[op] = status;
        want[op] = expectedStatus(op, who);
        if (status === 302) expect(location, op).toMatch(/^\/login(\?next=|$)/);
        if (status === 401 || status === 403 || status === 302) {
          // A refusal shows no customer, and no other login's name.
          for (const name of s.book.customerNames) expect(body, `${op} as ${who} shows the customer ${name}`).not.toContain(name);
          for (const role of ROLES) if (role !== who) expect(body, `${op} as ${who}`).not.toContain(TEST_USERS[role].name);
        }
      }
      expect(got, s.app.output()).toEqual(want);
    }, 180_000);
  }

  test('client-side navigation data (__data.json) of a refused page carries no data either', async () => {
    const pages = ops.filter((o) => kinds.get(o) === 'page' && EXPECTED[o].needs !== 'public');
    for (const op of pages) {
      const [route, query] = (EXPECTED[op].path ?? op.slice(4)).replace('{customer}', encodeURIComponent(s.book.customerId)).split('?');
      const dataPath = `${route === '/' ? '' : route}/__data.json${query ? `?${query}` : ''}`;
      for (const who of EVERYONE) {
        if (who !== 'anonymous' && expectedStatus(op, who) !== 403) continue;
        const res = await s.request(who, dataPath);
        const body = await res.text();
        if (who === 'anonymous') expect(JSON.parse(body), `${dataPath} anonymous`).toMatchObject({ type: 'redirect', location: expect.stringMatching(/^\/login/) });
        for (const name of s.book.customerNames) expect(body, `${dataPath} as ${who}`).not.toContain(name);
        for (const role of ROLES) if (role !== who) expect(body, `${dataPath} as ${who}`).not.toContain(TEST_USERS[role].name);
      }
    }
  }, 120_000);
});
