// The risk and warnings pages in a real browser, against the built app and a generated demo book:
// the provision matrix ties to expectedCreditLoss, the risk matrix draws every scored customer
// with a balance and opens a customer by click and by keyboard, a month of tier migration is
// chosen with the keyboard, the warnings list filters and sorts through the URL; no console errors.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { expectedCreditLoss } from '../../src/lib/server/ecl.ts';
import { customerScores, earlyWarnings } from '../../src/lib/server/risk/index.ts';
import { closeRun, describeInBrowser, openSignedIn, prepareDemoBook, shot } from './browser.ts';
import type { RunningApp } from './server.ts';

const cents = (x: number) => Math.round(x * 100);

describeInBrowser('risk and warnings pages in a browser', () => {
  let dir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  /** What the server functions say for the views the test visits (worked out before the server holds the file). */
  const expected = { last: '', segment: '', ecl: 0, eclSegment: 0, scored: 0, placed: 0, warnings: 0, high: 0 };

  beforeAll(async () => {
    const book = prepareDemoBook('risk', 200, 20_000);
    dir = book.dir;
    const dbPath = book.dbPath;

    const db = await Database.open(dbPath);
    try {
      const bounds = await bookBounds(db);
      if (!bounds.last_date || bounds.segments.length === 0) throw new Error('The demo book is empty or has no segments.');
      expected.last = bounds.last_date;
      expected.segment = bounds.segments[0];
      expected.ecl = (await expectedCreditLoss(db, { asOf: expected.last })).ecl;
      expected.eclSegment = (await expectedCreditLoss(db, { asOf: expected.last, filter: { segment: expected.segment } })).ecl;
      const scores = await customerScores(db, { asOf: expected.last });
      expected.scored = scores.length;
      // The matrix can place a customer with a score and a positive AR (log axis).
      expected.placed = scores.filter((s) => s.score !== null && s.ar > 0).length;
      const warnings = await earlyWarnings(db, { asOf: expected.last });
      expected.warnings = warnings.length;
      expected.high = warnings.filter((w) => w.severity === 'high').length;
    } finally {
      await db.close();
    }

    ({ app, browser, page, problems } = await openSignedIn(dbPath, 'cfo'));
  }, 300_000);

  afterAll(() => closeRun({ app, browser }, dir));

  /** Waits until the streamed parts (scores, warnings) have arrived. */
  const settled = () => page.waitForFunction(() => !document.querySelector('.pending'), null, { timeout: 120_000 });
  const eclShown = async () => Number(await page.locator('[data-testid="provision-total"] data').last().getAttribute('value'));

  test('the risk page: provisions equal expectedCreditLoss, every scored customer in the tiers, every placeable one a bubble', async () => {
    await page.goto(`${app.url}/risk`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Credit risk');
    await settled();
    expect(cents(await eclShown())).toBe(cents(expected.ecl));
    // Tier bars: five tiers, two bars each; the customers' numbers add up to the customers scored.
    const counts = await page.locator('.tier-bars text.value').allTextContents();
    expect(counts).toHaveLength(10);
    const customers = counts.slice(0, 10).filter((_, i) => i % 2 === 0).map((t) => Number(t.split(' · ')[0].replace(/,/g, '')));
    expect(customers.reduce((a, b) => a + b, 0)).toBe(expected.scored);
    expect(await page.locator('a.bubble').count()).toBe(expected.placed);
    // Roll rates: 6 buckets × (6 buckets + paid, credited, written off); migration: 5 × 5 tiers.
    expect(await page.locator('.heat-map g.cell').count()).toBe(6 * 9 + 5 * 5);
    expect(await page.content()).not.toMatch(/NaN|undefined/);
    await shot(page, 'e2e-risk');
  });

  test('a month of tier migration is chosen with the keyboard', async () => {
    const heading = page.locator('#moves-title');
    const before = await heading.textContent();
    await page.locator('g.step[tabindex="0"]').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading.textContent()).not.toBe(before);
    expect(await page.locator('g.step[aria-pressed="true"]').count()).toBe(1);
  });

  test('a segment filter changes the provisions to expectedCreditLoss for that segment', async () => {
    await page.selectOption('#filter-segment', expected.segment);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((u) => u.pathname === '/risk' && u.searchParams.get('segment') === expected.segment);
    await expect.poll(async () => cents(await eclShown()), { timeout: 60_000 }).toBe(cents(expected.eclSegment));
    await settled();
    await shot(page, 'e2e-risk-segment');
  });

  test('clicking a bubble opens its customer; Enter on a focused bubble does too', async () => {
    await page.goto(`${app.url}/risk`, { waitUntil: 'networkidle' });
    await settled();
    // The last bubble drawn is on top of any it overlaps.
    const bubble = page.locator('a.bubble').last();
    const id = (await bubble.getAttribute('data-customer'))!;
    await bubble.click();
    await page.waitForURL((u) => u.pathname === `/customers/${encodeURIComponent(id)}`);

    await page.goBack();
    await settled();
    const first = page.locator('a.bubble[tabindex="0"]');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-customer'));
    expect(focused).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/customers/${encodeURIComponent(focused!)}`);
  });

  test('the warnings page lists every warning, filters by severity in the URL and sorts by date', async () => {
    await page.goto(`${app.url}/warnings`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Early warnings');
    await settled();
    expect(await page.locator('.status').textContent()).toContain(`of ${expected.warnings.toLocaleString('en-US')}`);
    expect(await page.locator('table.warnings tbody tr').count()).toBe(Math.min(50, expected.warnings));
    expect(await page.locator('.warning-timeline rect.bar').count()).toBeGreaterThan(0);
    await shot(page, 'e2e-warnings');

    await page.selectOption('#warning-severity', 'high');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((u) => u.searchParams.get('severity') === 'high');
    await settled();
    await expect.poll(() => page.locator('table.warnings tbody tr:not([data-severity="high"])').count()).toBe(0);
    expect(await page.locator('table.warnings tbody tr').count()).toBe(Math.min(50, expected.high));

    await page.getByRole('button', { name: 'Sort by Since' }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === '-since' && u.searchParams.get('severity') === 'high');
    await settled();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toContain('Since');
    const dates = await page.locator('table.warnings tbody time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
    await shot(page, 'e2e-warnings-high');
  });

  test('no console errors, page errors or failed requests along the way', () => {
    expect(problems).toEqual([]);
  });
});
