// Pages served again from memory, seen over HTTP against the built app: the same page as rendered
// (only the nonce is new), never another user's page, and the new figures as soon as an import
// has landed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryText } from '../../src/lib/server/sql.ts';
import { TEST_USERS } from '../e2e/server.ts';
import { startSecurityApp, type SecurityApp } from './app.ts';

/** The nonce of a response's CSP header. */
function nonceOf(response: Response): string {
  return /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1] ?? '';
}

describe('pages served again', () => {
  let s: SecurityApp;
  let lastDate = '';
  beforeAll(async () => {
    s = await startSecurityApp({
      prepare: async (db) => {
        const [row] = await db.read((conn) => queryText<{ d: string }>(conn, 'SELECT max(invoice_date)::VARCHAR AS d FROM invoices'));
        lastDate = row.d;
      },
    });
  }, 300_000);
  afterAll(() => s?.close());

  test('a page asked for again is the page as rendered, with a fresh nonce in its header and every script', async () => {
    const first = await s.request('analyst', '/aging');
    const again = await s.request('analyst', '/aging');
    expect([first.status, again.status]).toEqual([200, 200]);
    // SvelteKit tags a page it renders with an ETag; one served again goes without (its nonce is new).
    expect(first.headers.has('etag')).toBe(true);
    expect(again.headers.has('etag')).toBe(false);
    const [n1, n2] = [nonceOf(first), nonceOf(again)];
    expect(n1).not.toBe('');
    expect(n2).not.toBe(n1);
    const [b1, b2] = [await first.text(), await again.text()];
    expect(b1).toContain(`nonce="${n1}"`);
    expect(b2).not.toContain(n1);
    expect(b2.replaceAll(n2, n1)).toBe(b1);
    for (const name of ['cache-control', 'x-frame-options', 'x-content-type-options', 'content-type']) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
    }
  });

  test('each user is served their own page: signed in under their own name, with their own links', async () => {
    await s.request('auditor', '/');
    for (const role of ['auditor', 'cfo', 'auditor', 'cfo'] as const) {
      const page = await (await s.request(role, '/')).text();
      const other = role === 'cfo' ? 'auditor' : 'cfo';
      expect(page).toContain(`Signed in as ${TEST_USERS[role].name}`);
      expect(page).not.toContain(TEST_USERS[other].name);
      // Only the auditor's frame links the audit log.
      expect(page.includes('href="/audit"')).toBe(role === 'auditor');
    }
  });

  test('once an import has landed, pages seen before show its invoices', async () => {
    const customer = `/customers/${encodeURIComponent(s.book.customerId)}`;
    const before = await (await s.request('analyst', customer)).text();
    expect(await (await s.request('analyst', customer)).text()).not.toContain('PC-NEW-1');
    expect(before).not.toContain('PC-NEW-1');

    const form = new FormData();
    form.set('kind', 'invoices');
    form.set('mode', 'import');
    const csv = `invoice_id,customer_id,invoice_date,due_date,amount,currency,disputed\nPC-NEW-1,${s.book.customerId},${lastDate},${lastDate},4321.00,USD,false\n`;
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'one-invoice.csv');
    const upload = await s.request('analyst', '/imports?/upload', { method: 'POST', body: form, headers: { accept: 'text/html' } });
    expect(upload.status).toBe(303);
    const location = upload.headers.get('location')!;
    let state = 'running';
    for (let i = 0; i < 240 && state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const progress = (await (await s.request('analyst', `${location}/progress`)).json()) as { import: { state: string } | null };
      state = progress.import?.state ?? 'running';
    }
    expect(state).toBe('done');

    const after = await (await s.request('analyst', customer)).text();
    expect(after).toContain('PC-NEW-1');
    expect(after).toContain('4,321.00');
  });
});
