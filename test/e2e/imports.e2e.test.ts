// The imports page and the language switch in a real browser, against the built app and a demo
// book: an analyst uploads customers (imported at once), then invoices with two bad rows, sees
// each bad row named by row and column, imports the valid rows, finds both in the history; then
// switches to Chinese with the keyboard and reads the overview in Chinese. No console errors.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeRun, describeInBrowser, openSignedIn, prepareDemoBook, root, shot } from './browser.ts';
import type { RunningApp } from './server.ts';

const fixtures = join(root, 'test', 'fixtures', 'imports-page');

describeInBrowser('imports and languages in a browser', () => {
  let dir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const book = prepareDemoBook('imports', 100, 5_000);
    dir = book.dir;
    const dbPath = book.dbPath;
    ({ app, browser, page, problems } = await openSignedIn(dbPath, 'analyst'));
  }, 300_000);

  afterAll(() => closeRun({ app, browser }, dir));

  /** Uploads a fixture through the form and waits until its page shows the outcome. */
  async function uploadFile(kind: string, file: string, mode: 'check' | 'import'): Promise<void> {
    await page.goto(`${app.url}/imports`);
    await page.selectOption('select[name="kind"]', kind);
    await page.setInputFiles('input[name="file"]', join(fixtures, file));
    await page.check(`input[name="mode"][value="${mode}"]`);
    await Promise.all([page.waitForURL(/\/imports\/[0-9a-f-]{36}$/), page.click('#upload-form button[type="submit"]')]);
    await page.waitForSelector('section.outcome', { timeout: 30_000 });
  }

  test('customers imported at once, with their rows previewed', async () => {
    await uploadFile('customers', 'customers.csv', 'import');
    await expect.poll(() => page.locator('section.outcome .verdict').first().textContent()).toMatch(/Imported \(import no\. \d+\): 3 new rows\./);
    expect(await page.locator('table.preview tbody tr').count()).toBe(3);
    expect(await page.locator('table.preview tbody').textContent()).toContain('上海明辉贸易');
  });

  test('invoices with two bad rows: each named by row and column; the valid rows imported', async () => {
    await uploadFile('invoices', 'invoices-bad.csv', 'check');
    expect(await page.locator('section.outcome .counts').textContent()).toContain('5 rows: 3 valid, 2 rejected');
    const rejected = await page.locator('table.rejections tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())),
    );
    expect(rejected).toEqual([
      ['4', 'due_date', '2024-01-20'],
      ['5', 'amount', '12O0.00'],
    ]);
    expect(await page.locator('table.rejections tbody tr').first().textContent()).toContain('is before the invoice date 2024-02-01');
    expect(await page.locator('table.preview tbody tr').count()).toBe(5);
    await shot(page, 'e2e-imports-check');

    await page.check('input[name="accept_valid"]');
    await page.click('form[action="?/import"] button[type="submit"]');
    await expect
      .poll(() => page.locator('section.outcome .verdict').allTextContents(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/Imported \(import no\. \d+\): 3 new rows\./), 'The 2 rejected rows were left out.']));
    await shot(page, 'e2e-imports-imported');
  });

  test('the history lists both imports, newest first, with who and the file hash', async () => {
    await page.goto(`${app.url}/imports`);
    // Newest first: the two uploads, then the demo book's own entry.
    const rows = await page.locator('section.history tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    );
    expect(rows).toHaveLength(3);
    expect(rows[2][2]).toBe('Demo book');
    expect(rows[0].slice(1, 8)).toEqual(['invoices-bad.csv', 'Invoices', 'Imported', '5', '3', '2', '3']);
    expect(rows[1].slice(1, 8)).toEqual(['customers.csv', 'Customers', 'Imported', '3', '3', '0', '3']);
    expect(rows[0][9]).toBe('e2e-analyst');
    expect(rows[0][8]).toMatch(/^[0-9a-f]{12}…$/);
    await shot(page, 'e2e-imports-history');
  });

  test('the keyboard switches the interface to Chinese, and the overview reads in Chinese', async () => {
    await page.goto(`${app.url}/imports`);
    const zh = page.locator('a[hreflang="zh-CN"]');
    await zh.focus();
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('数据导入');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(new URL(page.url()).search).toBe('');
    await shot(page, 'e2e-imports-zh');

    await page.click('nav a[href^="/"]:has-text("总览")');
    await expect.poll(() => page.locator('h1').textContent()).toBe('应收账款总览');
    await page.waitForFunction(() => !document.querySelector('.pending, .spark-placeholder, .value.pending'), null, { timeout: 60_000 });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('销售未收款天数 (DSO)');
    expect(text).toContain('坏账率');
    expect(text).toMatch(/截至 \d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).not.toContain('Portfolio overview');
    await shot(page, 'e2e-overview-zh');

    // And back to English: the choice is a cookie, not part of the view's address.
    await Promise.all([page.waitForLoadState('load'), page.click('a[hreflang="en"]')]);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Portfolio overview/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  test('no console errors or failed requests along the way', () => {
    expect(problems).toEqual([]);
  });
});
