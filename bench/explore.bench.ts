// The Explore page on a 1,000,000-invoice demo book (DUESIGHT_BENCH_EXPLORE_INVOICES): the Arrow
// payload against the same rows as JSON (size, transfer and decode), the endpoint's own time, the
// first full render of the page in headless Chromium (target < 2 s) and the brush re-filter
// measured inside the page (target p95 < 50 ms), driven by playwright.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { chromium } from 'playwright-core';
import { ensureBuilt } from '../src/cli/build-app.ts';
import { DENSE_COLUMNS } from '../src/lib/explore/columns.ts';
import { projectRoot } from '../src/lib/server/paths.ts';
import { startBuiltApp } from '../test/e2e/server.ts';
import { fmt } from './timing.ts';

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
  if (invoices > 1_000_000) throw new Error('The explorer benchmark runs up to 1,000,000 invoices (beyond that the page asks for binned aggregates).');
  const path = join(projectRoot, 'data', 'bench', `explore-${invoices}.duckdb`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    const args = ['bin/duesight.js', 'demo', '--customers', String(Math.max(100, Math.round(invoices / 100))), '--invoices', String(invoices), '--seed', '7', '--db', path];
    const run = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`demo generation failed (exit ${run.status})`);
    log(`generated a ${invoices.toLocaleString('en-US')}-invoice book in ${fmt((performance.now() - t0) / 1000)} (kept in ${path})`);
  }
  ensureBuilt(log);
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
