// The Explore page on a 1,000,000-invoice demo book (DUESIGHT_BENCH_EXPLORE_INVOICES): the Arrow
// payload against the same rows as JSON (size, transfer and decode), the endpoint's own time, the
// first full render of the page in headless Chromium (target < 2 s) and the brush re-filter
// measured inside the page (target p95 < 50 ms), driven by playwright. Then the fallback beyond the
// row limit (the server run with DUESIGHT_EXPLORE_ROW_LIMIT below the book): the binned answer of
// every view, cold and repeated, and a re-filter's round trip, as ratios against a plain DuckDB
// count(*) and GROUP BY scan of the same invoices in the same run. DUESIGHT_BENCH_EXPLORE_PARTS=binned
// runs only the fallback (then DUESIGHT_BENCH_EXPLORE_INVOICES may be 10000000).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { chromium } from 'playwright-core';
import { ensureBuilt } from '../src/cli/build-app.ts';
import { DENSE_COLUMNS } from '../src/lib/explore/columns.ts';
import { bookBounds } from '../src/lib/server/book.ts';
import { Database } from '../src/lib/server/db.ts';
import { queryText } from '../src/lib/server/sql.ts';
import { projectRoot } from '../src/lib/server/paths.ts';
import { startBuiltApp } from '../test/e2e/server.ts';
import { fmt, medianSeconds } from './timing.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Serves `body` once per request on a local port, to time a transfer without the database. */
async function serveBytes(body: Uint8Array | string, type: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_req, res) => {
    // Closed after each answer: a kept-alive socket the server times out mid-run resets the next fetch.
    res.writeHead(200, { 'content-type': type, connection: 'close' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export default async function exploreBench(log: (line: string) => void): Promise<void> {
  const invoices = Number(process.env.DUESIGHT_BENCH_EXPLORE_INVOICES ?? 1_000_000);
  const binnedOnly = process.env.DUESIGHT_BENCH_EXPLORE_PARTS === 'binned';
  if (invoices > 1_000_000 && !binnedOnly) {
    throw new Error('The page takes up to 1,000,000 invoices in the browser; beyond that, run only the fallback (DUESIGHT_BENCH_EXPLORE_PARTS=binned).');
  }
  const path = join(projectRoot, 'data', 'bench', `explore-${invoices}.duckdb`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    const args = ['bin/duesight.js', 'demo', '--customers', String(Math.max(100, Math.round(invoices / 100))), '--invoices', String(invoices), '--seed', '7', '--db', path];
    const run = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`demo generation failed (exit ${run.status})`);
    log(`generated a ${invoices.toLocaleString('en-US')}-invoice book in ${fmt((performance.now() - t0) / 1000)} (kept in ${path})`);
  }
  ensureBuilt(log);
  if (!binnedOnly) await browserBench(path, log);
  await binnedBench(path, log);
}

/** The Arrow payload, the page's first render and the in-page brush, on the book at `path`. */
async function browserBench(path: string, log: (line: string) => void): Promise<void> {
  const app = await startBuiltApp(projectRoot, path, 120_000);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const cookie = await app.sessionCookie('analyst');
    const dataUrl = `${app.url}/explore/data?columns=${DENSE_COLUMNS.join(',')}`;
    const timeEndpoint = async () => {
      const t0 = performance.now();
      const res = await fetch(dataUrl, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET /explore/data: HTTP ${res.status} ${await res.text()}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { bytes, seconds: (performance.now() - t0) / 1000 };
    };
    const cold = await timeEndpoint();
    const warm = await timeEndpoint();
    log(`GET /explore/data (${DENSE_COLUMNS.length} columns): ${mb(cold.bytes.length)}; first request ${fmt(cold.seconds)}, repeated ${fmt(warm.seconds)} (DuckDB pass + Arrow batches)`);

    // The same rows as JSON (what a row-object API would send), both served from memory.
    const table = tableFromIPC(cold.bytes);
    const rows = table.toArray().map((r) => r.toJSON());
    const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    const jsonBytes = Buffer.byteLength(json);
    const arrowServer = await serveBytes(cold.bytes, 'application/vnd.apache.arrow.stream');
    const jsonServer = await serveBytes(json, 'application/json');
    const transfer = async (url: string, decode: (res: Response) => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await decode(await fetch(url));
        times.push((performance.now() - t0) / 1000);
      }
      return times.sort((a, b) => a - b)[1];
    };
    const arrowTime = await transfer(arrowServer.url, async (res) => tableFromIPC(new Uint8Array(await res.arrayBuffer())));
    const jsonTime = await transfer(jsonServer.url, (res) => res.json());
    arrowServer.close();
    jsonServer.close();
    log(`payload: Arrow ${mb(cold.bytes.length)} vs JSON ${mb(jsonBytes)} = ${(jsonBytes / cold.bytes.length).toFixed(1)}× smaller`);
    log(`transfer + decode (median of 3): Arrow ${fmt(arrowTime)} vs JSON ${fmt(jsonTime)} = ${(jsonTime / arrowTime).toFixed(1)}× faster`);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    await app.loginAs(page, 'analyst');
    const render = async () => {
      await page.goto(`${app.url}/explore`);
      await page.waitForFunction(() => (window as unknown as { __exploreRendered?: number }).__exploreRendered, null, { timeout: 300_000, polling: 50 });
      return (await page.evaluate(() => (window as unknown as { __exploreRendered: number }).__exploreRendered)) / 1000;
    };
    const steps = async () => {
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const probe = window as unknown as { __exploreTimings: Record<string, number>; __exploreRendered: number };
        return { html: nav.responseEnd, ...probe.__exploreTimings, rendered: probe.__exploreRendered } as Record<string, number>;
      });
      const order = ['html', 'script', 'headers', 'body', 'decoded', 'aggregated', 'rendered'] as const;
      return order.map((k, i) => `${k} ${((t[k] - (i ? t[order[i - 1]] : 0)) / 1000).toFixed(2)}`).join(', ');
    };
    const firstRender = await render();
    const firstSteps = await steps();
    const againRender = await render();
    log(`first full render of /explore in headless Chromium: ${fmt(firstRender)} on the first visit, ${fmt(againRender)} on a repeat visit (target < 2 s)`);
    log(`  steps of the first visit (s each): ${firstSteps}`);
    log(`  steps of the repeat visit (s each): ${await steps()}`);

    // Brush the scatter: one drag of many small moves, then the same on the histogram; each move re-aggregates.
    await page.evaluate(() => ((window as unknown as { __exploreRefilterTimes: number[] }).__exploreRefilterTimes.length = 0));
    for (const [selector, steps] of [['[data-testid="view-scatter"] g.brush rect.overlay', 40], ['[data-testid="view-dbt"] g.brush rect.overlay', 30]] as const) {
      const box = (await page.locator(selector).boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.9, { steps });
      await page.mouse.up();
    }
    const times = await page.evaluate(() => [...(window as unknown as { __exploreRefilterTimes: number[] }).__exploreRefilterTimes]);
    log(`brush re-filter inside the page: ${times.length} re-aggregations, p95 ${p95(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target p95 < 50 ms)`);
  } catch (err) {
    log(`the server said: ${app.output().slice(-3000)}`);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** The book's last date. */
async function lastDate(path: string): Promise<string> {
  const db = await Database.open(path, { readOnly: true });
  return (await bookBounds(db).finally(() => db.close())).last_date!;
}

/** A plain DuckDB scan of the book's invoices dated by `asOf`: a count, and amounts grouped by segment. */
async function plainScans(path: string, asOf: string): Promise<{ count: number; groupBy: number }> {
  const db = await Database.open(path, { readOnly: true, rememberAnswers: false });
  try {
    const run = (sql: string) => db.read((conn) => queryText(conn, sql, { as_of: asOf }));
    const count = await medianSeconds(() => run('SELECT count(*)::INTEGER AS n FROM invoices WHERE invoice_date <= $as_of::DATE'), 5);
    const groupBy = await medianSeconds(
      () =>
        run(`SELECT c.segment, count(*)::INTEGER AS n, sum(i.amount)::DOUBLE AS amount
             FROM invoices i JOIN customers c USING (customer_id) WHERE i.invoice_date <= $as_of::DATE GROUP BY ALL`),
      5,
    );
    return { count, groupBy };
  } finally {
    await db.close();
  }
}

/**
 * The fallback beyond the row limit on the book at `path`: GET /explore/bins for every view, on
 * the first request (the scope's invoices derived and binned, then kept) and repeated, and the
 * round trip of re-filters as a brush on the histogram moves and a segment bar is clicked.
 */
async function binnedBench(path: string, log: (line: string) => void): Promise<void> {
  const before = await plainScans(path, await lastDate(path));
  const app = await startBuiltApp(projectRoot, path, 120_000, {
    // Nothing computed ahead, so that the first request derives the scope and nothing else runs meanwhile.
    env: { DUESIGHT_EXPLORE_ROW_LIMIT: '1000', DUESIGHT_WARM: '0' },
  });
  const timed = { cold: 0, warm: 0, refilters: [] as number[], invoices: 0, render: 0, inPage: [] as number[] };
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const cookie = await app.sessionCookie('analyst');
    const ask = async (query: string) => {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/explore/bins?${query}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET /explore/bins?${query}: HTTP ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { invoices: number; summary: { count: number } };
      return { body, seconds: (performance.now() - t0) / 1000 };
    };
    const cold = await ask('');
    timed.cold = cold.seconds;
    timed.invoices = cold.body.invoices;
    timed.warm = (await ask('')).seconds;
    // A brush sliding along the histogram (10 positions, 30 days wide), then a segment bar clicked.
    for (let lo = -20; lo < 80; lo += 10) timed.refilters.push((await ask(`dbt=${lo}..${lo + 30}`)).seconds);
    timed.refilters.push((await ask('dbt=0..30&pick_segment=Enterprise')).seconds);

    // The page in Chromium (the scope kept by now): first full render, then a drag across the
    // histogram, each answer's round trip measured inside the page (debounced moves, then the end).
    const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    // Signed in with the session above rather than through the login form, whose landing page (the
    // overview, nothing computed ahead) would compete with the explorer for the cores.
    const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
    await page.context().addCookies([{ name, value, url: app.url }]);
    await page.goto(`${app.url}/explore`);
    await page.waitForFunction(() => (window as unknown as { __exploreRendered?: number }).__exploreRendered, null, { timeout: 300_000, polling: 50 });
    timed.render = (await page.evaluate(() => (window as unknown as { __exploreRendered: number }).__exploreRendered)) / 1000;
    const box = (await page.locator('[data-testid="view-dbt"] g.brush rect.overlay').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    // Three stretches with a rest after each (longer than the debounce): an answer during the drag each time, and one at its end.
    for (const to of [0.3, 0.45, 0.6]) {
      await page.mouse.move(box.x + box.width * to, box.y + box.height * 0.5, { steps: 10 });
      await page.waitForTimeout(1000);
    }
    await page.mouse.up();
    await page.waitForSelector('[data-testid="selection-summary"][data-pending="false"]', { timeout: 60_000 });
    timed.inPage = await page.evaluate(() => [...(window as unknown as { __exploreRoundTrips: number[] }).__exploreRoundTrips]);
  } catch (err) {
    log(`the server said: ${app.output().slice(-3000)}`);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
  const scan = await plainScans(path, await lastDate(path));
  // The machine may be busier at one time than another: the scans measured before the server ran too, the faster kept.
  scan.count = Math.min(scan.count, before.count);
  scan.groupBy = Math.min(scan.groupBy, before.groupBy);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = (s: number, base: number) => `${(s / base).toFixed(1)}×`;
  const refilter = median(timed.refilters);
  log(`fallback beyond the row limit (server-side bins of all views, ${timed.invoices.toLocaleString('en-US')} invoices):`);
  log(`  plain DuckDB scans of the same invoices: count(*) ${fmt(scan.count)}, GROUP BY segment ${fmt(scan.groupBy)}`);
  log(`  GET /explore/bins, first request (scope derived, binned and kept): ${fmt(timed.cold)} = ${ratio(timed.cold, scan.groupBy)} the GROUP BY scan`);
  log(`  GET /explore/bins, repeated: ${fmt(timed.warm)} = ${ratio(timed.warm, scan.groupBy)} the GROUP BY scan`);
  log(
    `  re-filter round trip (${timed.refilters.length} selections): median ${fmt(refilter)}, p95 ${fmt(p95(timed.refilters))} = ` +
      `${ratio(refilter, scan.groupBy)} / ${ratio(p95(timed.refilters), scan.groupBy)} the GROUP BY scan (${ratio(refilter, scan.count)} the count(*))`,
  );
  log(
    `  the page in headless Chromium: first full render ${fmt(timed.render)}; a drag across the histogram (three rests of 1 s, then its end): ` +
      `${timed.inPage.length} answers drawn (moves debounced, one question at a time), round trip in the page median ` +
      `${timed.inPage.length ? fmt(median(timed.inPage) / 1000) : '-'}`,
  );
}
