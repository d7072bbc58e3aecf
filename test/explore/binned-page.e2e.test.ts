// The Explore page over the row limit, in a real browser: the built app runs with
// DUESIGHT_EXPLORE_ROW_LIMIT below the demo book's invoices, so the page draws the server's bins.
// Brushing the days-beyond-terms histogram changes the summary and the segment bars to the
// figures of the test's own SQL (explore-figures.ts) for the same filter; clicking a segment bar narrows them again;
// the focused histogram's brush is moved, widened and cleared from the keyboard. The expected
// figures come from a copy of the database (the server holds the original).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { closeRun, describeInBrowser, openSignedIn, prepareDemoBook, shot } from '../e2e/browser.ts';
import { expectedFigures, pageSummary, type Figures } from '../e2e/explore-figures.ts';
import type { RunningApp } from '../e2e/server.ts';

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
    ({ app, browser, page, problems } = await openSignedIn(book.dbPath, 'analyst', { height: 1200, env: { DUESIGHT_EXPLORE_ROW_LIMIT: '1000' } }));
  }, 300_000);

  afterAll(async () => {
    await copy?.close();
    await closeRun({ app, browser }, dir);
  });

  /** The figures SQL gives for the URL's histogram brush (days beyond terms in [lo, hi)) and segment pick. */
  function expectedFor(url: URL) {
    const [lo, hi] = url.searchParams.get('dbt')!.split('..').map(Number);
    return expectedFigures(copy, asOf, 'settle - due_date >= $lo AND settle - due_date < $hi', { lo, hi }, url.searchParams.get('pick_segment') ?? '');
  }

  const summary = () => pageSummary(page);

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
