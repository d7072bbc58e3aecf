// Hostile input against the running app: SQL injection attempts in every query parameter the pages
// and endpoints read, path traversal in route parameters, and customer names that are formulas,
// markup or SQL. Each is answered with a page or a clear 4xx, never a 500 or a database error,
// nothing changes in the book, and the server stays up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importFile } from '../../src/lib/server/import/index.ts';
import { projectRoot } from '../../src/lib/server/paths.ts';
import { startSecurityApp, type SecurityApp } from './app.ts';
import { routeOperations } from './routes.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'security');

/** Every query parameter some page or endpoint reads (src/lib/url-state.ts, page-params.ts, the explorer's codec, the routes). */
const PARAMS = [
  'as_of', 'segment', 'region', 'currency', 'sort', 'q', 'page', 'buckets', 'bucket', 'customer', 'tier', 'severity', 'rule',
  'kind', 'before', 'limit', 'columns', 'format', 'y', 'amount', 'ydays', 'dbt', 'month', 'pick_segment', 'next',
];

/** What a stored password looks like (users.password_kdf): never in a response, whatever the query. */
// (The payloads name password_hash themselves, and pages echo the query back as text: so look for the data.)

/** Classic injections, for text, numbers, identifiers and lists. */
const PAYLOADS = [
  "' OR '1'='1",
  "x'); DROP TABLE invoices; --",
  '-ar; DELETE FROM customers',
  "1 UNION SELECT password_hash FROM users --",
  "30,60) ; COPY users TO '/tmp/duesight-stolen.csv' --",
  '../../../../etc/passwd',
  `${'9'.repeat(40)}`,
];

/** What a database error looks like in a response: it must never reach a user. */
const DATABASE_ERROR = /Parser Error|Binder Error|Catalog Error|Conversion Error|Invalid Input Error|syntax error at or near/;

/** The names of the hostile customers (test/fixtures/security/hostile_customers.csv). */
const HOSTILE_NAMES = [
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A9)',
  "<script>alert('x')</script>",
  '../../etc/passwd',
  "x'; DROP TABLE customers; --",
  "@SUM(1+1)*cmd|' /C calc'!A0",
];

describe('hostile input', () => {
  let s: SecurityApp;
  /** The aging total before the attacks: it must not move. */
  let arBefore = '';

  const agingTotal = async () => {
    const html = await (await s.request('admin', '/aging')).text();
    return /data-testid="aging-total"[^>]*>\s*<data value="([^"]+)"/.exec(html)?.[1] ?? html.slice(0, 200);
  };

  beforeAll(async () => {
    s = await startSecurityApp({
      prepare: async (db) => {
        for (const [kind, file] of [['customers', 'hostile_customers.csv'], ['invoices', 'hostile_invoices.csv']] as const) {
          const result = await importFile(db, { kind, path: join(fixtures, file), userName: 'cli:test' });
          if (result.status !== 'imported') throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
        }
      },
    });
    arBefore = await agingTotal();
  }, 300_000);
  afterAll(() => s?.close());

  test('SQL injection in every parameter of every page and endpoint: a page or a 4xx, never a database error', async () => {
    const gets = routeOperations().filter((o) => o.op.startsWith('GET ') && !o.op.includes('['));
    const failures: string[] = [];
    const jobs: (() => Promise<void>)[] = [];
    for (const { op } of gets) {
      for (const param of PARAMS) {
        for (const payload of PAYLOADS) {
          jobs.push(async () => {
            const path = `${op.slice(4)}?${new URLSearchParams({ [param]: payload })}`;
            const res = await s.request('admin', path);
            const body = await res.text();
            if (res.status >= 500 || DATABASE_ERROR.test(body) || body.includes('scrypt:N=')) failures.push(`${path} → ${res.status} ${body.slice(0, 160)}`);
          });
        }
      }
    }
    // Four at a time: the server answers them concurrently, as it would a busy office.
    for (let i = 0; i < jobs.length; i += 4) await Promise.all(jobs.slice(i, i + 4).map((j) => j()));
    expect(failures).toEqual([]);
    expect(jobs.length).toBeGreaterThan(500);
    // Nothing changed, nothing was written, and the server still answers.
    expect(await agingTotal()).toBe(arBefore);
    expect(() => readFileSync('/tmp/duesight-stolen.csv')).toThrow();
    expect((await s.request('admin', '/admin/users')).status).toBe(200);
  }, 600_000);

  test('path traversal and injection in route parameters are a 404 or 400', async () => {
    const paths = [
      '/customers/..%2F..%2F..%2Fetc%2Fpasswd',
      '/customers/%27%20OR%20%271%27%3D%271',
      `/customers/${'x'.repeat(5000)}`,
      '/imports/..%2F..%2Fduesight.duckdb',
      '/imports/..%2F..%2Fduesight.duckdb/progress',
      '/imports/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ];
    for (const path of paths) {
      const res = await s.request('admin', path);
      const body = await res.text();
      expect([400, 404], `${path} → ${res.status}`).toContain(res.status);
      expect(body).not.toMatch(/root:x:0:0|DUCK/);
    }
  });

  test('names that are formulas, markup or SQL are shown as text', async () => {
    for (const name of HOSTILE_NAMES) {
      const res = await s.request('cfo', `/aging?${new URLSearchParams({ q: name })}`);
      expect(res.status, name).toBe(200);
      const html = await res.text();
      expect(html).not.toContain("<script>alert('x')</script>");
    }
    const markup = await (await s.request('cfo', '/customers/H-F3')).text();
    expect(markup).toContain('&lt;script>alert'); // Svelte escapes the name: no script runs
    expect(markup).not.toContain("<script>alert('x')</script>");
    // The SQL-looking name left the customers table in place: the customer page of H-F5 shows its name.
    const sql = await (await s.request('cfo', '/customers/H-F5')).text();
    expect(sql).toContain('DROP TABLE customers');
  });

  test('formula names are neutralised in CSV downloads', async () => {
    const res = await s.request('analyst', '/explore/export?format=csv');
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('HYPERLINK'); // the hostile customers are in the download
    for (const name of HOSTILE_NAMES.filter((n) => /^[=+\-@]/.test(n))) {
      // A cell that starts with = + - @ would run as a formula in a spreadsheet; it must start with a quote mark.
      const cells = csv.split(/\r?\n/).flatMap((line) => line.split(','));
      expect(cells.some((c) => c.replace(/^"/, '').startsWith(name.slice(0, 6))), `${name} unescaped in ${csv.slice(0, 300)}`).toBe(false);
    }
  });
});
