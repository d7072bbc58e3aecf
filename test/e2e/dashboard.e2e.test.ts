// The dashboard in a real browser, against the built app and a generated demo book: the overview
// and aging pages, the as-of picker and a filter, sorting and paging, no console errors, and the
// AR shown on both pages equal to portfolioKpis for the same view.
// Part of npm test wherever Chromium is installed (CI installs it and fails without it);
// the app is built first when build/ is older than its sources.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { expectedCreditLoss } from '../../src/lib/server/ecl.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import type { BookFilter } from '../../src/lib/types.ts';
import { closeRun, describeInBrowser, openSignedIn, prepareDemoBook, shot } from './browser.ts';
import type { RunningApp } from './server.ts';

/** Money compared to the cent. */
const cents = (x: number) => Math.round(x * 100);
/** A table cell as a number: "1,234.56" → 1234.56; "–" (an empty bucket) → 0; "—" (no value) → null. */
function amount(text: string): number | null {
  const clean = text.replace(/[,\s]|USD/g, '').replace('\u2212', '-');
  if (clean === '\u2013') return 0;
  return clean === '' || clean === '\u2014' ? null : Number(clean);
}

/** The last day of the month `back` months before `iso`'s month. */
function monthEndBefore(iso: string, back: number): string {
  const [y, m] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
}

describeInBrowser('dashboard in a browser', () => {
  let dir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  /** The views the test visits, and the AR portfolioKpis gives for each (worked out before the server holds the file). */
  const expected = { last: '', earlier: '', segment: '', arLast: 0, arEarlier: 0, arEarlierSegment: 0, eclLast: 0 };

  beforeAll(async () => {
    const book = prepareDemoBook('dashboard', 200, 20_000);
    dir = book.dir;
    const dbPath = book.dbPath;

    const db = await Database.open(dbPath);
    try {
      const bounds = await bookBounds(db);
      if (!bounds.last_date || bounds.segments.length === 0) throw new Error('The demo book is empty or has no segments.');
      expected.last = bounds.last_date;
      expected.earlier = monthEndBefore(bounds.last_date, 6);
      expected.segment = bounds.segments[0];
      const ar = async (asOf: string, filter?: BookFilter) => (await portfolioKpis(db, { asOf, filter })).ar;
      expected.arLast = await ar(expected.last);
      expected.arEarlier = await ar(expected.earlier);
      expected.arEarlierSegment = await ar(expected.earlier, { segment: expected.segment });
      expected.eclLast = (await expectedCreditLoss(db, { asOf: expected.last })).ecl;
    } finally {
      await db.close();
    }

    // Every page needs a login: the CFO's role may view everything this test visits.
    ({ app, browser, page, problems } = await openSignedIn(dbPath, 'cfo'));
  }, 300_000);

  afterAll(() => closeRun({ app, browser }, dir));

  /** The AR tile's exact value (its <data> element). */
  const tileAr = async () => Number(await page.locator('[data-kpi="ar"] data').getAttribute('value'));
  /** The aging table's total AR (its <data> element). */
  const agingTotal = async () => Number(await page.locator('[data-testid="aging-total"] data').getAttribute('value'));

  /** Waits until streamed parts (sparklines, ECL, top customers) have arrived. */
  async function settled(): Promise<void> {
    await page.waitForFunction(() => !document.querySelector('.pending, .spark-placeholder, .value.pending'), null, { timeout: 60_000 });
  }

  test('the overview opens on the last date with the AR of portfolioKpis', async () => {
    await page.goto(`${app.url}/`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Portfolio overview/);
    expect(await page.locator('#as-of').inputValue()).toBe(expected.last);
    await settled();
    expect(cents(await tileAr())).toBe(cents(expected.arLast));
    // The ECL tile (computed for 13 dates at once) equals expectedCreditLoss at the date.
    expect(cents(Number(await page.locator('[data-kpi="ecl"] data').getAttribute('value')))).toBe(cents(expected.eclLast));
    // Nine tiles, each with a sparkline; two charts with marks; ten overdue customers.
    await expect.poll(() => page.locator('.tile').count()).toBe(9);
    await expect.poll(() => page.locator('.tile svg.sparkline').count()).toBe(9);
    expect(await page.locator('path.series').count()).toBe(2);
    expect(await page.locator('rect.bar').count()).toBeGreaterThan(12);
    expect(await page.locator('table.top tbody tr').count()).toBe(10);
    expect(await page.content()).not.toMatch(/NaN|undefined/);
    await shot(page, 'e2e-overview');
  });

  test('changing the as-of date and a filter updates the URL and the AR', async () => {
    await page.fill('#as-of', expected.earlier);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((u) => u.searchParams.get('as_of') === expected.earlier);
    await expect.poll(async () => cents(await tileAr()), { timeout: 30_000 }).toBe(cents(expected.arEarlier));

    await page.selectOption('#filter-segment', expected.segment);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((u) => u.searchParams.get('segment') === expected.segment && u.searchParams.get('as_of') === expected.earlier);
    await expect.poll(async () => cents(await tileAr()), { timeout: 30_000 }).toBe(cents(expected.arEarlierSegment));
    await settled();
    await shot(page, 'e2e-overview-filtered');
  });

  test('the aging total ties to the overview AR for the same view', async () => {
    const overviewAr = await tileAr();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Aging' }).click();
    await page.waitForURL((u) => u.pathname === '/aging' && u.searchParams.get('segment') === expected.segment);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Aging by customer/);
    expect(cents(await agingTotal())).toBe(cents(overviewAr));
    expect(cents(await agingTotal())).toBe(cents(expected.arEarlierSegment));
    await shot(page, 'e2e-aging-filtered');
  });

  test('the aging table sorts by a column and pages on the server', async () => {
    await page.goto(`${app.url}/aging?as_of=${expected.earlier}`, { waitUntil: 'networkidle' });
    expect(cents(await agingTotal())).toBe(cents(expected.arEarlier));
    const overdueColumn = async () => {
      const index = await page.locator('table.aging thead th').evaluateAll((ths) =>
        ths.findIndex((th) => th.textContent?.trim().startsWith('Overdue') && !th.textContent.includes('%')),
      );
      const cells = await page.locator(`table.aging tbody tr td:nth-child(${index + 1})`).allTextContents();
      return cells.map(amount);
    };

    await page.getByRole('button', { name: 'Sort by Overdue', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === '-overdue');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
    const desc = (await overdueColumn()) as number[];
    expect(desc.length).toBe(50);
    expect(desc.every(Number.isFinite)).toBe(true);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));

    await page.getByRole('button', { name: 'Sort by Overdue', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'overdue');
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').count()).toBe(1);
    const asc = (await overdueColumn()) as number[];
    expect(asc).toEqual([...asc].sort((a, b) => a - b));

    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2' && u.searchParams.get('sort') === 'overdue');
    await expect.poll(() => page.locator('.pager [aria-current="page"]').textContent()).toMatch(/Page 2 of/);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Customers 51–100');
    const page2 = (await overdueColumn()) as number[];
    expect(page2[0]).toBeGreaterThanOrEqual(asc[asc.length - 1]);
    // Paging and sorting leave the total alone.
    expect(cents(await agingTotal())).toBe(cents(expected.arEarlier));
    await shot(page, 'e2e-aging-page2');
  });

  test('search and bucket edges are server-side and kept in the URL', async () => {
    await page.fill('#customer-search', 'c0001');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'c0001' && !u.searchParams.has('page'));
    const ids = await page.locator('table.aging tbody .id').allTextContents();
    const names = await page.locator('table.aging tbody .name').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    ids.forEach((id, i) => expect(`${id} ${names[i]}`.toLowerCase()).toContain('c0001'));

    await page.fill('#bucket-edges', '15,45,90');
    await page.getByRole('button', { name: 'Set buckets' }).click();
    await page.waitForURL((u) => u.searchParams.get('buckets') === '15,45,90');
    await expect.poll(() => page.getByRole('button', { name: 'Sort by 90+ days' }).count()).toBe(1);
    // The total does not depend on the buckets.
    expect(cents(await agingTotal())).toBe(cents(expected.arEarlier));

    // A bad value in the URL is a 400 that says what is wrong, inside the app's frame.
    const res = await page.goto(`${app.url}/aging?buckets=90,30`);
    expect(res?.status()).toBe(400);
    await expect.poll(() => page.locator('.message').textContent()).toContain('Bucket edges');
    problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('/aging?buckets=90,30') && !p.includes('400')));
  });

  test('a page opened again is served as kept, and its scripts run under the fresh nonce', async () => {
    const url = `${app.url}/aging?as_of=${expected.earlier}&sort=ar`;
    await page.goto(url, { waitUntil: 'networkidle' });
    const again = await page.goto(url, { waitUntil: 'networkidle' });
    // A rendered page carries SvelteKit's ETag; one served as kept does not.
    expect(again?.headers().etag).toBeUndefined();
    expect(cents(await agingTotal())).toBe(cents(expected.arEarlier));
    // Hydrated: sorting is then a client-side navigation (without scripts, the form would load a new document).
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole('button', { name: 'Sort by Overdue', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === '-overdue');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  test('no console errors along the way', () => {
    expect(problems, app.output()).toEqual([]);
  });
});
