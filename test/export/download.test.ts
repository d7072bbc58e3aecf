/** The web downloads: the same reports streamed into a response, named, logged, and refused with a reason. */
import { isHttpError } from '@sveltejs/kit';
import { csvParseRows } from 'd3-dsv';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { downloadRequest, downloadResponse } from '../../src/lib/server/export/download.ts';
import type { ViewState } from '../../src/lib/url-state.ts';
import { GET } from '../../src/routes/export/[report]/+server.ts';
import { AS_OF, exportBook } from './helpers.ts';

let db: Database;
beforeAll(async () => {
  db = await openBook(exportBook);
});
afterAll(() => db?.close());

const view: ViewState = { asOf: AS_OF, latest: false, segment: null, region: null, currency: null };
const auditor = { name: 'ann', role: 'auditor' as const };
const url = (query: string) => new URL(`http://localhost/export/x?${query}`);

async function status(fn: () => unknown): Promise<number> {
  try {
    await fn();
  } catch (err) {
    if (isHttpError(err)) return err.status;
    throw err;
  }
  return 200;
}

test('a CSV download streams the aging detail with a file name, ending in the grand total', async () => {
  const { params, format } = downloadRequest('aging-detail', url('format=csv'), view);
  const response = await downloadResponse(db, params, format, auditor);
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="duesight-aging-detail-${AS_OF}.csv"`);
  const rows = csvParseRows((await response.text()).replace(/^\uFEFF/, ''));
  expect(rows.at(-1)!.slice(2, 3)).toEqual(['total']);
  expect(rows.at(-1)![11]).toBe('1850.00'); // the hand-worked AR of helpers.ts
});

test('a statement download for one customer, as the customer page links it', async () => {
  const { params, format } = downloadRequest('statements', url(`customer=C1&as_of=${AS_OF}&format=pdf&from=2024-01-01`), view);
  expect(params).toMatchObject({ report: 'statements', customer_id: 'C1', from: '2024-01-01' });
  const response = await downloadResponse(db, params, format, auditor);
  expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="duesight-statements-C1-${AS_OF}.pdf"`);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
});

test('the manifest download is the JSON that goes beside a CSV', async () => {
  const { params, format } = downloadRequest('kpi-pack', url('format=manifest'), view);
  const response = await downloadResponse(db, params, format, auditor);
  const manifest = JSON.parse(await response.text());
  expect(manifest.report).toBe('kpi-pack');
  expect(manifest.generated_by).toBe('ann');
  expect(manifest.control_totals.ar).toBeCloseTo(1850, 9);
});

test('bad requests are refused with a reason: unknown report 404, bad format 400, unknown customer 422', async () => {
  expect(await status(() => downloadRequest('nope', url('format=csv'), view))).toBe(404);
  expect(await status(() => downloadRequest('aging-detail', url('format=docx'), view))).toBe(400);
  expect(await status(() => downloadRequest('statements', url('format=csv'), view))).toBe(400); // no customer
  const { params, format } = downloadRequest('statements', url('customer=C9&format=csv'), view);
  expect(await status(() => downloadResponse(db, params, format, auditor))).toBe(422);
});

test('the endpoint refuses anyone not signed in, before reading anything', async () => {
  const event = { locals: { user: null }, params: { report: 'aging-detail' }, url: url('format=csv') } as unknown as Parameters<typeof GET>[0];
  expect(await status(() => GET(event))).toBe(401);
});
