// The Explore page over the row limit, in a real browser: the built app runs with
// DUESIGHT_EXPLORE_ROW_LIMIT below the demo book's invoices, so the page draws the server's bins.
// Brushing the days-beyond-terms histogram changes the summary and the segment bars to the
// figures of this file's own SQL for the same filter; clicking a segment bar narrows them again;
// the focused histogram's brush is moved, widened and cleared from the keyboard. The expected
// figures come from a copy of the database (the server holds the original).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { closeRun, describeInBrowser, launchBrowser, prepareDemoBook, root, shot, watchProblems } from '../e2e/browser.ts';
import { startBuiltApp, type RunningApp } from '../e2e/server.ts';

/**
 * The selection's figures by the Explore page's definitions, written out without the app's
 * macros: invoices dated by D, base amount at the invoice date's rate rounded to the cent,
 * settled by D; the histogram's brush keeps settled invoices with days beyond terms in [lo, hi);
 * a segment pick keeps that segment's customers. Per segment and overall.
 */
const EXPECTED_SQL = `
WITH base AS (SELECT coalesce((SELECT max(value) FROM settings WHERE key = 'base_currency'), 'USD') AS ccy),
inv AS (
  SELECT c.segment, s.due_date,
         CASE WHEN s.settle_date <= $as_of::DATE THEN s.settle_date END AS settle,
         round(s.amount * CASE WHEN s.currency = (SELECT ccy FROM base) THEN 1
           ELSE (SELECT arg_max(f.rate_to_base, f.date) FROM fx_rates f WHERE f.currency = s.currency AND f.date <= s.invoice_date) END, 2) AS amount
  FROM invoice_status s JOIN customers c USING (customer_id)
  WHERE s.invoice_date <= $as_of::DATE
),
picked AS (
  SELECT * FROM inv
  WHERE settle - due_date >= $lo AND settle - due_date < $hi AND ($segment = '' OR segment = $segment)
)
SELECT grouping(segment)::INTEGER AS whole, segment, count(*)::INTEGER AS count, sum(amount)::DOUBLE AS amount,
       (sum(amount * greatest(settle - due_date, 0)) / sum(amount))::DOUBLE AS dbt,
       (count(*) FILTER (WHERE settle <= due_date) / count(*))::DOUBLE AS on_time
FROM picked GROUP BY GROUPING SETS ((segment), ()) ORDER BY segment NULLS FIRST`;

interface Figures {
  segment: string | null;
  count: number;
  amount: number;
  dbt: number;
  on_time: number;
}

describeInBrowser('the Explore page over the row limit (server-side bins)', () => {
  let dir: string;
  let copy: Database;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let asOf = '';

  beforeAll(async () => {
    const book = prepareDemoBook('explore-binned', 100, 5_000);
    dir = book.dir;
    copyFileSync(book.dbPath, join(dir, 'copy.duckdb'));
    copy = await Database.open(join(dir, 'copy.duckdb'), { readOnly: true });
    asOf = (await bookBounds(copy)).last_date!;
    app = await startBuiltApp(root, book.dbPath, 60_000, { env: { DUESIGHT_EXPLORE_ROW_LIMIT: '1000' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    problems = watchProblems(page);
    await app.loginAs(page, 'analyst');
  }, 300_000);

  afterAll(async () => {
    await copy?.close();
    await closeRun({ app, browser }, dir);
  });

  /** The figures SQL gives for the URL's histogram brush (and segment pick), overall and per segment. */
  async function expectedFor(url: URL): Promise<{ all: Figures; bySegment: Map<string, Figures> }> {
    const [lo, hi] = url.searchParams.get('dbt')!.split('..').map(Number);
    const segment = url.searchParams.get('pick_segment') ?? '';
    const rows = await copy.read((conn) => queryText<Figures & { whole: number }>(conn, EXPECTED_SQL, { as_of: asOf, lo, hi, segment }));
    return { all: rows.find((r) => r.whole === 1)!, bySegment: new Map(rows.filter((r) => r.whole === 0).map((r) => [r.segment ?? '(none)', r])) };
  }

  async function summary(): Promise<{ count: number; amount: number; dbt: number; onTime: number }> {
    const value = async (name: string) => Number(await page.locator(`[data-figure="${name}"] data`).getAttribute('value'));
    return { count: await value('count'), amount: await value('amount'), dbt: await value('dbt'), onTime: await value('on-time') };
  }

  /** Waits for the server's answer to the current selection, then checks the summary against `e`. */
  async function expectSummary(e: Figures): Promise<void> {
    await expect.poll(async () => (await summary()).count, { timeout: 30_000 }).toBe(e.count);
    await page.waitForSelector('[data-testid="selection-summary"][data-pending="false"]');
    const s = await summary();
    expect(Math.round(s.amount * 100)).toBe(Math.round(e.amount * 100));
    expect(s.dbt).toBeCloseTo(e.dbt, 6);
    expect(s.onTime).toBeCloseTo(e.on_time, 9);
  }

  test('the page says it draws server-side bins, and brushing the histogram filters to the SQL figures', async () => {
    await page.goto(`${app.url}/explore`);
    await page.waitForSelector('[data-testid="explore-binned"]', { timeout: 120_000 });
    const [{ n }] = await copy.read((conn) => queryText<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM invoices WHERE invoice_date <= $d::DATE', { d: asOf }));
    expect(n).toBeGreaterThan(1000);
    expect((await summary()).count).toBe(n);

    const overlay = page.locator('[data-testid="view-dbt"] g.brush rect.overlay');
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL((u) => u.searchParams.has('dbt'));

    const e = await expectedFor(new URL(page.url()));
    expect(e.all.count).toBeGreaterThan(0);
    expect(e.all.count).toBeLessThan(n);
    await expectSummary(e.all);
    for (const [segment, figures] of e.bySegment) {
      const bar = page.locator(`[data-testid="view-segment"] button[data-value="${segment}"]`);
      expect(Math.round(Number(await bar.getAttribute('data-amount')) * 100)).toBe(Math.round(figures.amount * 100));
      expect(Number(await bar.getAttribute('data-count'))).toBe(figures.count);
    }
    await shot(page, 'e2e-explore-binned-brushed');
  });

  test('clicking a segment bar asks the server again with the pick; the keyboard moves, widens and clears the histogram\'s brush', async () => {
    const first = page.locator('[data-testid="view-segment"] button.bar').first();
    const segment = (await first.getAttribute('data-value'))!;
    await first.click();
    await page.waitForURL((u) => u.searchParams.get('pick_segment') === segment);
    const e = await expectedFor(new URL(page.url()));
    await expectSummary(e.all);
    expect(await first.getAttribute('aria-pressed')).toBe('true');

    // The histogram from the keyboard: Shift+Right widens the brush by a bar, Left moves it a bar
    // back; the figures follow. Then Escape clears it (the segment pick stays).
    const before = new URL(page.url()).searchParams.get('dbt')!.split('..').map(Number);
    await page.locator('[data-testid="view-dbt"]').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.searchParams.has('dbt') && u.searchParams.get('dbt') !== before.join('..'));
    const keyed = new URL(page.url());
    const [lo, hi] = keyed.searchParams.get('dbt')!.split('..').map(Number);
    // [a, b) → Shift+Right [a, b + 1) → Left [a − 1, b): one bar earlier, one bar wider.
    expect(lo).toBeLessThan(before[0]);
    expect(hi - lo).toBeGreaterThan(before[1] - before[0]);
    await expectSummary((await expectedFor(keyed)).all);

    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.searchParams.has('dbt') && u.searchParams.get('pick_segment') === segment);
    const [{ count }] = await copy.read((conn) =>
      queryText<{ count: number }>(conn, 'SELECT count(*)::INTEGER AS count FROM invoices i JOIN customers c USING (customer_id) WHERE i.invoice_date <= $d::DATE AND c.segment = $s', { d: asOf, s: segment }),
    );
    await expect.poll(async () => (await summary()).count, { timeout: 30_000 }).toBe(count);
    expect(problems).toEqual([]);
  });
});
