// The Explore page in a real browser, against the built app and a generated demo book: brushing
// the scatter changes the summary and the other views to the figures an independent SQL query
// gives for the same filter; clicking a segment bar narrows them again; the selection survives a
// reload; and the CSV download holds the selected invoices. The expected figures come from this
// test's own SQL (explore-figures.ts) over a copy of the database (the server holds the original).
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { closeRun, describeInBrowser, openSignedIn, prepareDemoBook, shot } from './browser.ts';
import { expectedFigures, pageSummary, type Figures } from './explore-figures.ts';
import type { RunningApp } from './server.ts';

describeInBrowser('the Explore page in a browser', () => {
  let dir: string;
  let copy: Database;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let asOf = '';
  let problems: string[];

  beforeAll(async () => {
    const book = prepareDemoBook('explore', 200, 20_000);
    dir = book.dir;
    const dbPath = book.dbPath;
    copyFileSync(dbPath, join(dir, 'copy.duckdb'));
    copy = await Database.open(join(dir, 'copy.duckdb'), { readOnly: true });
    asOf = (await bookBounds(copy)).last_date!;
    ({ app, browser, page, problems } = await openSignedIn(dbPath, 'analyst', { height: 1200, acceptDownloads: true, responses: false }));
  }, 300_000);

  afterAll(async () => {
    await copy?.close();
    await closeRun({ app, browser }, dir);
  });

  /** The figures SQL gives for the URL's scatter brush (settled, amount and days to pay in [lo, hi)) and segment pick. */
  function expectedFor(url: URL) {
    const [lo, hi] = url.searchParams.get('amount')!.split('..').map(Number);
    const [dlo, dhi] = url.searchParams.get('ydays')!.split('..').map(Number);
    const brush = 'settle IS NOT NULL AND amount::DOUBLE >= $lo AND amount::DOUBLE < $hi AND settle - invoice_date >= $dlo AND settle - invoice_date < $dhi';
    return expectedFigures(copy, asOf, brush, { lo, hi, dlo, dhi }, url.searchParams.get('pick_segment') ?? '');
  }

  const summary = () => pageSummary(page);

  function expectSummary(s: Awaited<ReturnType<typeof summary>>, e: Figures): void {
    expect(s.count).toBe(e.count);
    expect(Math.round(s.amount * 100)).toBe(Math.round(e.amount * 100));
    expect(s.dbt).toBeCloseTo(e.dbt, 6);
    expect(s.onTime).toBeCloseTo(e.on_time, 9);
  }

  test('brushing the scatter filters the summary and the other views to the SQL figures', async () => {
    await page.goto(`${app.url}/explore`);
    await page.waitForSelector('[data-testid="selection-summary"]', { timeout: 120_000 });
    const before = await summary();
    const [{ n }] = await copy.read((conn) => queryText<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM invoices WHERE invoice_date <= $d::DATE', { d: asOf }));
    expect(before.count).toBe(n);

    const overlay = page.locator('[data-testid="view-scatter"] g.brush rect.overlay');
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.55);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.9, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL((u) => u.searchParams.has('amount') && u.searchParams.has('ydays'));

    const e = await expectedFor(new URL(page.url()));
    expect(e.all.count).toBeGreaterThan(0);
    expect(e.all.count).toBeLessThan(n);
    await expect.poll(async () => (await summary()).count, { timeout: 30_000 }).toBe(e.all.count);
    expectSummary(await summary(), e.all);

    // The segment bars show each segment's amount under the brush.
    for (const [segment, figures] of e.bySegment) {
      const bar = page.locator(`[data-testid="view-segment"] button[data-value="${segment}"]`);
      expect(Math.round(Number(await bar.getAttribute('data-amount')) * 100)).toBe(Math.round(figures.amount * 100));
      expect(Number(await bar.getAttribute('data-count'))).toBe(figures.count);
    }
    // The histogram of days beyond terms counts exactly the brushed invoices (all settled).
    const histogram = await page.locator('[data-testid="view-dbt"] rect.value').evaluateAll((rs) => rs.reduce((sum, r) => sum + Number(r.getAttribute('data-value')), 0));
    expect(histogram).toBe(e.all.count);
    await shot(page, 'e2e-explore-brushed');
  });

  test('clicking a segment bar narrows the selection; a reload restores it', async () => {
    const first = page.locator('[data-testid="view-segment"] button.bar').first();
    const segment = (await first.getAttribute('data-value'))!;
    await first.click();
    await page.waitForURL((u) => u.searchParams.get('pick_segment') === segment);
    const e = await expectedFor(new URL(page.url()));
    await expect.poll(async () => (await summary()).count, { timeout: 30_000 }).toBe(e.all.count);
    expectSummary(await summary(), e.all);

    await page.reload();
    await page.waitForSelector('[data-testid="selection-summary"]', { timeout: 120_000 });
    expectSummary(await summary(), e.all);
    expect(await page.locator(`[data-testid="view-segment"] button[data-value="${segment}"]`).getAttribute('aria-pressed')).toBe('true');
  });

  test('the selection downloads as CSV with exactly its invoices, and lists them', async () => {
    const e = await expectedFor(new URL(page.url()));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv"]').click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('invoice_id,customer_id,customer_name,segment,region,tier,invoice_date,due_date,settle_date,terms,currency,amount_invoiced,amount,days_to_pay,days_beyond_terms,method');
    expect(lines.length - 1).toBe(e.all.count);
    const amountColumn = lines[0].split(',').indexOf('amount');
    // Names hold no commas in the demo book, so splitting on commas finds the amount column.
    const total = lines.slice(1).reduce((sum, l) => sum + Math.round(Number(l.split(',')[amountColumn]) * 100), 0);
    expect(total).toBe(Math.round(e.all.amount * 100));

    await page.getByRole('button', { name: 'List the invoices' }).click();
    await expect.poll(() => page.locator('[data-testid="selection-list"] tbody tr').count(), { timeout: 60_000 }).toBe(Math.min(50, e.all.count));
    expect(problems).toEqual([]);
  });
});
