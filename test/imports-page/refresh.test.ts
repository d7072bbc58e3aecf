// After an import through the page, the figures the dashboard serves include it as soon as the
// page says the import is done: the job waits for the default views' refresh, while visitors
// meanwhile get whole pages of the figures from before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SessionUser } from '../../src/lib/auth-roles.ts';
import { appDb, closeAppDb } from '../../src/lib/server/app-db.ts';
import { bookBounds } from '../../src/lib/server/book.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { uploadJobs, jobFinished } from '../../src/lib/server/import/jobs.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { keepDefaultViewsWarm } from '../../src/lib/server/warm-up.ts';
import * as listPage from '../../src/routes/imports/+page.server.ts';
import { event, formPost, outcome } from './helpers.ts';

const ana: SessionUser = { name: 'ana', role: 'analyst' };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duesight-refresh-'));
  process.env.DUESIGHT_DB = join(dir, 'book.duckdb');
  process.env.DUESIGHT_UPLOAD_DIR = join(dir, 'uploads');
  const db = await appDb();
  await generateDemo(db, { customers: 30, invoices: 1_500, seed: 11 });
  await keepDefaultViewsWarm(db);
});
afterAll(async () => {
  await closeAppDb();
  delete process.env.DUESIGHT_UPLOAD_DIR;
  rmSync(dir, { recursive: true, force: true });
});

test('when the import page says done, the overview figures already include the imported invoice', async () => {
  const db = await appDb();
  const last = (await bookBounds(db)).last_date!;
  const whole = { asOf: last, filter: {} };
  const before = await portfolioKpis(db, whole);
  const [customer] = await db.read((conn) =>
    queryText<{ customer_id: string; currency: string }>(conn, `SELECT customer_id, currency FROM customers WHERE currency = base_currency() ORDER BY customer_id LIMIT 1`),
  );
  const csv = `invoice_id,customer_id,invoice_date,due_date,amount,currency,disputed\nREFRESH-1,${customer.customer_id},${last},${last},4321.09,${customer.currency},false\n`;

  const res = await outcome(() =>
    listPage.actions.upload(event(ana, { request: formPost('/imports?/upload', { kind: 'invoices', mode: 'import', file: new File([csv], 'one-invoice.csv') }) })),
  );
  if (!('redirect' in res)) throw new Error(`upload did not redirect: ${JSON.stringify(res)}`);
  const id = res.redirect.replace('/imports/', '');
  await jobFinished(id, 'import');
  expect(uploadJobs(id).import).toMatchObject({ state: 'done', stage: 'done', result: { status: 'imported' } });

  // Due on D itself, so 4,321.09 more AR, all of it current; one more open invoice.
  const after = await portfolioKpis(db, whole);
  expect(after.ar).toBeCloseTo(before.ar + 4321.09, 2);
  expect(after.current).toBeCloseTo(before.current + 4321.09, 2);
  expect(after.open_invoices).toBe(before.open_invoices + 1);
});
