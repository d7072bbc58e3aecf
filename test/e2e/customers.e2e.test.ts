// The customer pages and the aging drill-down in a real browser, against the built app and a
// generated demo book: from the overview's top overdue customers into a customer (its AR equal to
// agingByCustomer's), the customers list (sort, tier filter, search, a row opening its customer),
// and from aging cells into the invoices behind them (their total equal to the cell), with no
// console errors. Screenshots go to test-results/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { agingByCustomer } from '../../src/lib/server/aging.ts';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { closeRun, describeInBrowser, openSignedIn, prepareDemoBook, shot } from './browser.ts';
import type { RunningApp } from './server.ts';

/** Money compared to the cent. */
const cents = (x: number) => Math.round(x * 100);
/** A table cell as a number: "1,234.56" → 1234.56, "(…)" and "−" signs read as negative. */
const amount = (text: string) => Number(text.replace(/[,\s]|USD/g, '').replace('\u2212', '-'));

describeInBrowser('customers and the aging drill-down in a browser', () => {
  let dir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  /** What the pages should show, worked out with the server functions before the server holds the file. */
  const expected = { asOf: '', topOverdue: { id: '', name: '', ar: 0 }, arById: new Map<string, number>() };

  beforeAll(async () => {
    const book = prepareDemoBook('customers', 200, 20_000);
    dir = book.dir;
    const dbPath = book.dbPath;

    const db = await Database.open(dbPath);
    try {
      expected.asOf = (await bookBounds(db)).last_date!;
      const rows = await agingByCustomer(db, { asOf: expected.asOf });
      for (const r of rows) expected.arById.set(r.customer_id, r.ar);
      // The overview's first overdue customer: the largest overdue balance.
      const top = [...rows].sort((a, b) => b.overdue - a.overdue || a.customer_id.localeCompare(b.customer_id))[0];
      expected.topOverdue = { id: top.customer_id, name: top.name, ar: top.ar };
    } finally {
      await db.close();
    }

    // An analyst may view every page here and export statements.
    ({ app, browser, page, problems } = await openSignedIn(dbPath, 'analyst'));
  }, 300_000);

  afterAll(() => closeRun({ app, browser }, dir));

  /** Waits until streamed parts (scores, warnings) have arrived. */
  async function settled(): Promise<void> {
    await page.waitForFunction(() => !document.querySelector('.pending, [role="status"].note'), null, { timeout: 90_000 });
  }

  test('from the overview’s top overdue customers into the customer, whose AR is agingByCustomer’s', async () => {
    await page.goto(`${app.url}/`, { waitUntil: 'networkidle' });
    const first = page.locator('table.top tbody tr').first().getByRole('link');
    await expect.poll(() => first.textContent(), { timeout: 60_000 }).toBe(expected.topOverdue.name);
    await first.click();
    await page.waitForURL((u) => u.pathname === `/customers/${expected.topOverdue.id}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(expected.topOverdue.name);
    const ar = Number(await page.locator('[data-testid="customer-ar"] data').getAttribute('value'));
    expect(cents(ar)).toBe(cents(expected.topOverdue.ar));
    // The timeline draws its invoices, the histogram its bins, the open invoices add up to AR.
    expect(await page.locator('svg rect.bar').count()).toBeGreaterThan(5);
    // Hovering a bar writes its invoice's tooltip (force: a due-date mark of the same bar may lie on top).
    const timeline = page.locator('section[aria-labelledby="timeline-title"]');
    await timeline.locator('rect.bar').first().hover({ force: true });
    await expect.poll(() => timeline.locator('.chart-tooltip').textContent()).toMatch(/^\s*INV\d+ · [\d,]+\.\d\d [A-Z]{3} · /);
    const openNote = await page.locator('#open-title + p').textContent();
    expect(openNote).toMatch(/open lines totalling/);
    expect(await page.locator('[data-testid="open-invoices"] tbody tr').count()).toBeGreaterThan(0);
    // The statement of account is offered in three formats.
    for (const format of ['pdf', 'xlsx', 'csv']) {
      const href = await page.locator(`a[href*="format=${format}"]`).getAttribute('href');
      expect(href).toBe(`/export/statements?customer=${expected.topOverdue.id}&as_of=${expected.asOf}&format=${format}`);
    }
    await settled();
    // The score history has arrived: one line of scores.
    expect(await page.locator('section[aria-labelledby="score-title"] path.series').count()).toBe(1);
    expect(await page.content()).not.toMatch(/NaN|undefined/);
    await shot(page, 'e2e-customer');
    await shot(page.locator('section[aria-labelledby="timeline-title"]'), 'e2e-customer-timeline');
    await shot(page.locator('.two'), 'e2e-customer-charts');
  });

  test('the customers list sorts, filters by tier and search on the server, and a row opens its customer', async () => {
    await page.goto(`${app.url}/customers`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Customers');
    expect(await page.locator('table.customers tbody tr').count()).toBe(50);
    // Largest AR first: the first row's AR is the largest of agingByCustomer.
    const largest = [...expected.arById.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(await page.locator('table.customers tbody tr').first().locator('.id').textContent()).toBe(largest[0]);
    await page.waitForFunction(() => !document.querySelector('table.customers tbody td')?.textContent?.includes('…') && [...document.querySelectorAll('table.customers tbody td')].every((td) => td.textContent !== '…'), null, { timeout: 90_000 });
    await shot(page, 'e2e-customers');

    await page.getByRole('button', { name: 'Sort by Score', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'score');
    const scores = (await page.locator('table.customers tbody tr td:nth-child(4)').allTextContents()).map((s) => s.trim()).filter((s) => s !== '—').map(Number);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    await page.selectOption('#filter-tier', 'watch');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('tier') === 'watch' && u.searchParams.get('sort') === 'score');
    const tiers = await page.locator('table.customers tbody [data-tier]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')));
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set(['watch']));
    await shot(page, 'e2e-customers-watch');

    await page.goto(`${app.url}/customers?q=${expected.topOverdue.id.toLowerCase()}`, { waitUntil: 'networkidle' });
    expect(await page.locator('table.customers tbody .id').allTextContents()).toContain(expected.topOverdue.id);
    // The whole row is the customer's link: a click on its AR cell opens it.
    const row = page.locator('table.customers tbody tr', { has: page.locator('.id', { hasText: expected.topOverdue.id }) });
    await row.locator('td').nth(5).click({ force: true }); // the link's overlay, not the cell, takes the click
    await page.waitForURL((u) => u.pathname === `/customers/${expected.topOverdue.id}`);
  });

  test('an aging cell opens the invoices behind it, and they add up to the cell', async () => {
    await page.goto(`${app.url}/aging`, { waitUntil: 'networkidle' });
    await shot(page, 'e2e-aging-links', { fullPage: false });
    const cell = page.locator('table.aging tbody tr').first().locator('td a.drill').nth(1);
    const shown = amount((await cell.textContent())!);
    await cell.click();
    await page.waitForURL((u) => u.pathname === '/aging/invoices' && u.searchParams.has('customer') && u.searchParams.has('bucket'));
    await expect.poll(() => page.locator('[data-testid="drill-total"] data').count()).toBe(1);
    const total = Number(await page.locator('[data-testid="drill-total"] data').getAttribute('value'));
    expect(cents(total)).toBe(cents(shown));
    await shot(page, 'e2e-aging-drill');

    // A total of the footer: every open invoice of a bucket in the view.
    await page.goto(`${app.url}/aging`, { waitUntil: 'networkidle' });
    const footer = page.locator('[data-testid="aging-total"] td a.drill').nth(2);
    const footerShown = amount((await footer.textContent())!);
    await footer.click();
    await page.waitForURL((u) => u.pathname === '/aging/invoices' && !u.searchParams.has('customer'));
    await expect.poll(() => page.locator('[data-testid="drill-total"] data').count()).toBe(1);
    expect(cents(Number(await page.locator('[data-testid="drill-total"] data').getAttribute('value')))).toBe(cents(footerShown));
    expect(await page.locator('[data-testid="drill"] tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'e2e-aging-drill-total');
  });

  test('the overview lists the newest warnings and links to all of them', async () => {
    await page.goto(`${app.url}/`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('[data-testid="newest-warnings"] li').count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await page.locator('#warnings-title ~ a, .warnings-panel a[href^="/warnings"]').first().getAttribute('href')).toBe('/warnings');
    await shot(page.locator('.warnings-panel'), 'e2e-overview-warnings');
  });

  test('no console errors along the way', () => {
    expect(problems, app.output()).toEqual([]);
  });
});
