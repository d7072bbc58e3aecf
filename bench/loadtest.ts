// `npm run loadtest [-- --duration 60 --connections 50 --without-imports --rate N]`: the built app on the default
// demo book, with 50 signed-in users (a session and a connection each) on the overview, aging and a customer page
// while imports run through the import page; reports p95 per page, errors, and the server's memory. Users ask
// for their next page as soon as the last one has arrived, unless --rate N paces each at N pages per second.
// The demo book is generated once into data/bench/loadtest-base.duckdb and copied for each run.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ensureBuilt } from '../src/cli/build-app.ts';
import { Database } from '../src/lib/server/db.ts';
import { generateDemo } from '../src/lib/server/demo/index.ts';
import { projectRoot } from '../src/lib/server/paths.ts';
import { queryText } from '../src/lib/server/sql.ts';
import { startBuiltApp, type RunningApp } from '../test/e2e/server.ts';

/** The part of autocannon 8's API used here (it ships no types). */
interface CannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface CannonInstance extends PromiseLike<CannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => CannonInstance;

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    'import-rows': { type: 'string' },
    'without-imports': { type: 'boolean' },
    rate: { type: 'string' },
  },
});
/** Seconds of load (default 60). */
const DURATION = Number(flags.duration ?? process.env.LOADTEST_DURATION ?? 60);
const CONNECTIONS = Number(flags.connections ?? 50);
/** Invoices per imported file. */
const IMPORT_ROWS = Number(flags['import-rows'] ?? 50_000);
/** Pages per second each user asks for at most (0: the next as soon as the last has arrived). */
const RATE = Number(flags.rate ?? 0);
/** The same load with no import (the yardstick the imports are compared with). */
const WITHOUT_IMPORTS = flags['without-imports'] === true;
/** The target of issue 7: p95 under 300 ms per page. */
const P95_TARGET_MS = 300;

const benchDir = join(projectRoot, 'data', 'bench');
const baseDb = join(benchDir, 'loadtest-base.duckdb');

/** The default demo book (2,000 customers, about 200,000 invoices), made once. */
async function ensureBaseBook(): Promise<void> {
  if (existsSync(baseDb)) return;
  mkdirSync(benchDir, { recursive: true });
  console.log(`Generating the default demo book into ${baseDb}…`);
  const db = await Database.open(baseDb);
  try {
    await generateDemo(db, {});
  } finally {
    await db.close();
  }
}

/** A customer with many invoices (its page is the heaviest of its kind), the book's last date and some customer ids. */
async function bookFacts(dbPath: string): Promise<{ customer: string; lastDate: string; customers: string[] }> {
  const db = await Database.open(dbPath, { readOnly: true });
  try {
    return await db.read(async (conn) => {
      const top = await queryText<{ customer_id: string }>(conn, 'SELECT customer_id FROM invoices GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 200');
      const [{ last }] = await queryText<{ last: string }>(conn, 'SELECT max(invoice_date)::VARCHAR AS last FROM invoices');
      return { customer: top[0].customer_id, lastDate: last, customers: top.map((r) => r.customer_id) };
    });
  } finally {
    await db.close();
  }
}

/** An invoices CSV of `rows` new invoices (ids unique to `batch`) for known customers, dated in the book's last month. */
function invoicesFile(dir: string, batch: number, customers: string[], lastDate: string): string {
  const lines = ['invoice_id,customer_id,invoice_date,due_date,amount,currency,disputed'];
  const day = lastDate.slice(0, 8);
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const d = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`LT${batch}-${i},${customers[i % customers.length]},${day}${d},${day}${d},${(100 + (i % 9000) / 100).toFixed(2)},USD,false`);
  }
  const path = join(dir, `loadtest-invoices-${batch}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Imports files through the import page, one after another, until `until`; returns how many finished and how long each took. */
async function importLoop(app: RunningApp, dir: string, facts: Awaited<ReturnType<typeof bookFacts>>, until: number) {
  const cookie = await app.newSessionCookie('analyst');
  const seconds: number[] = [];
  const failures: string[] = [];
  for (let batch = 1; Date.now() < until; batch++) {
    const path = invoicesFile(dir, batch, facts.customers, facts.lastDate);
    const form = new FormData();
    form.set('kind', 'invoices');
    form.set('mode', 'import');
    form.set('file', new Blob([readFileSync(path)], { type: 'text/csv' }), `loadtest-${batch}.csv`);
    const started = Date.now();
    const res = await fetch(`${app.url}/imports?/upload`, { method: 'POST', body: form, headers: { cookie, origin: app.url, accept: 'text/html' }, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 303 || !location) {
      failures.push(`upload ${batch}: HTTP ${res.status}`);
      break;
    }
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const progress = (await (await fetch(`${app.url}${location}/progress`, { headers: { cookie } })).json()) as { import: { state: string } | null };
      if (progress.import?.state === 'failed') failures.push(`import ${batch} failed (see ${location})`);
      if (progress.import && progress.import.state !== 'running') break;
    }
    seconds.push((Date.now() - started) / 1000);
  }
  return { seconds, failures };
}

/** The server's resident memory in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs autocannon for `seconds` on one page with one connection per cookie; collects every response time. */
function cannon(url: string, path: string, cookies: string[], seconds: number, times: number[]): Promise<CannonResult> {
  let next = 0;
  const instance = autocannon({
    url: `${url}${path}`,
    connections: cookies.length,
    duration: seconds,
    timeout: 30,
    ...(RATE >= 1 ? { connectionRate: RATE } : {}),
    setupClient: (client: { setHeaders: (headers: Record<string, string>) => void }) => client.setHeaders({ cookie: cookies[next++ % cookies.length] }),
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  return new Promise((resolve, reject) => instance.then(resolve, reject));
}

/**
 * Loads one page with a user (a connection) per cookie. Paced users start at their own moment
 * within the first second (`offsets`, in seconds): autocannon paces a connection by a timer
 * started with it, so users started together would all ask in the same instant every second.
 */
async function loadPage(url: string, path: string, cookies: string[], offsets: number[]) {
  const times: number[] = [];
  const users =
    RATE >= 1
      ? cookies.map(async (cookie, k) => {
          await new Promise((r) => setTimeout(r, offsets[k] * 1000));
          return cannon(url, path, [cookie], DURATION - offsets[k], times);
        })
      : [cannon(url, path, cookies, DURATION, times)];
  const each = await Promise.all(users);
  const result = { errors: 0, timeouts: 0, non2xx: 0 };
  for (const r of each) for (const key of ['errors', 'timeouts', 'non2xx'] as const) result[key] += r[key];
  return { path, times, result };
}

async function main(): Promise<void> {
  ensureBuilt((line) => console.log(line));
  await ensureBaseBook();
  const dir = mkdtempSync(join(tmpdir(), 'duesight-loadtest-'));
  const dbPath = join(dir, 'book.duckdb');
  copyFileSync(baseDb, dbPath);
  const facts = await bookFacts(dbPath);
  const app = await startBuiltApp(projectRoot, dbPath, 120_000);
  try {
    // 50 users: a signed-in session per connection, CFOs, analysts and auditors in turn.
    const cookies: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) cookies.push(await app.newSessionCookie((['cfo', 'analyst', 'auditor'] as const)[i % 3]));
    const cookie = cookies[0];
    const pages = ['/', '/aging', `/customers/${encodeURIComponent(facts.customer)}`];
    // Warm up: each page once, so the first measured requests do not pay for cold caches alone.
    for (const p of pages) await fetch(`${app.url}${p}`, { headers: { cookie } }).then((r) => r.text());
    const memoryBefore = rssMb(app.pid);
    let memoryPeak = memoryBefore;
    const sampler = setInterval(() => (memoryPeak = Math.max(memoryPeak, rssMb(app.pid))), 1000);
    const running = WITHOUT_IMPORTS ? 'and no import' : `with imports of ${IMPORT_ROWS.toLocaleString('en-US')} invoices running`;
    const pace = RATE >= 1 ? `, each user at most ${RATE} page(s) per second` : ', each user asking again at once';
    console.log(`${CONNECTIONS} connections for ${DURATION} s on ${pages.join(', ')}${pace}, ${running}…`);
    const until = Date.now() + DURATION * 1000;
    // Each page gets every third user.
    const usersOf = (i: number) => cookies.filter((_, k) => k % pages.length === i);
    // Paced users spread over the second, in turn across the pages.
    const offsetsOf = (i: number) => usersOf(i).map((_, k) => (k * pages.length + i) / CONNECTIONS);
    const noImports = Promise.resolve({ seconds: [] as number[], failures: [] as string[] });
    const [imports, ...results] = await Promise.all([WITHOUT_IMPORTS ? noImports : importLoop(app, dir, facts, until), ...pages.map((p, i) => loadPage(app.url, p, usersOf(i), offsetsOf(i)))]);
    clearInterval(sampler);
    const memoryAfter = rssMb(app.pid);

    console.log('\npage                         requests   p50 ms   p95 ms   p99 ms   errors  non-2xx  timeouts');
    let worstP95 = 0;
    let errors = 0;
    for (const { path, times, result } of results) {
      const sorted = times.sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      worstP95 = Math.max(worstP95, p95);
      errors += result.errors + result.non2xx + result.timeouts;
      const name = path.length > 28 ? `${path.slice(0, 25)}…` : path;
      console.log(
        `${name.padEnd(28)} ${String(sorted.length).padStart(8)} ${percentile(sorted, 50).toFixed(0).padStart(8)} ${p95.toFixed(0).padStart(8)} ${percentile(sorted, 99).toFixed(0).padStart(8)} ${String(result.errors).padStart(8)} ${String(result.non2xx).padStart(8)} ${String(result.timeouts).padStart(9)}`,
      );
    }
    console.log(`\nimports finished during the load: ${imports.seconds.length} (${imports.seconds.map((s) => `${s.toFixed(1)} s`).join(', ') || 'none'})${imports.failures.length ? `; failures: ${imports.failures.join('; ')}` : ''}`);
    console.log(`server memory (RSS): ${memoryBefore.toFixed(0)} MB before, ${memoryPeak.toFixed(0)} MB at most, ${memoryAfter.toFixed(0)} MB after`);
    const alive = (await fetch(`${app.url}/login`)).ok;
    console.log(`server still answering: ${alive ? 'yes' : 'NO'}`);
    const ok = worstP95 < P95_TARGET_MS && errors === 0 && imports.failures.length === 0 && alive;
    console.log(ok ? `\nOK: p95 under ${P95_TARGET_MS} ms on every page, no errors.` : `\nNOT MET: the worst p95 is ${worstP95.toFixed(0)} ms (target ${P95_TARGET_MS} ms), ${errors} errors, ${imports.failures.length} failed imports.`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
