// The imports page as a user goes through it: upload → check (preview and rejected rows, row and
// column named) → import (refused whole, then with accept-valid) → history and audit log; with
// the permissions each step needs. Loads and actions are called as SvelteKit calls them.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionUser } from '../../src/lib/auth-roles.ts';
import { appDb, closeAppDb } from '../../src/lib/server/app-db.ts';
import { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import type { JobView, RejectionsPage } from '../../src/lib/server/import/job-view.ts';
import { jobFinished } from '../../src/lib/server/import/jobs.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import * as listPage from '../../src/routes/imports/+page.server.ts';
import * as uploadPage from '../../src/routes/imports/[upload]/+page.server.ts';
import * as progress from '../../src/routes/imports/[upload]/progress/+server.ts';
import { event, fixtureBytes, fixtureFile, formPost, outcome, root } from './helpers.ts';

const ana: SessionUser = { name: 'ana', role: 'analyst' };
const cfo: SessionUser = { name: 'chen', role: 'cfo' };

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duesight-imports-page-'));
  process.env.DUESIGHT_DB = join(dir, 'book.duckdb');
  process.env.DUESIGHT_UPLOAD_DIR = join(dir, 'uploads');
});
afterAll(async () => {
  await closeAppDb();
  delete process.env.DUESIGHT_UPLOAD_DIR;
  rmSync(dir, { recursive: true, force: true });
});

/** Uploads a fixture through the form's action; returns the upload id from the redirect. */
async function upload(user: SessionUser, fields: Record<string, string | File>): Promise<string> {
  const res = await outcome(() => listPage.actions.upload(event(user, { request: formPost('/imports?/upload', fields) })));
  if (!('redirect' in res)) throw new Error(`upload did not redirect: ${JSON.stringify(res)}`);
  const id = res.redirect.replace('/imports/', '');
  await jobFinished(id, fields.mode === 'import' ? 'import' : 'check');
  return id;
}

/** What the upload page's load returns. */
interface UploadPageData {
  upload: { kind: string; name: string; uploadedBy: string; hasMapping: boolean };
  check: JobView | null;
  imported: JobView | null;
  rejections: RejectionsPage | null;
}

/** The upload page's data for `id`. */
async function uploadData(id: string, page = 1) {
  const res = await outcome(() => uploadPage.load(event(ana, { path: `/imports/${id}?page=${page}`, params: { upload: id } })));
  if (!('value' in res)) throw new Error(`load failed: ${JSON.stringify(res)}`);
  return res.value as UploadPageData;
}

/** Runs the upload page's `action` ('import' or 'check') and waits for its job. */
async function act(id: string, action: 'import' | 'check', fields: Record<string, string> = {}) {
  const res = await outcome(() =>
    uploadPage.actions[action](event(ana, { path: `/imports/${id}`, params: { upload: id }, request: formPost(`/imports/${id}?/${action}`, fields) })),
  );
  expect(res).toEqual({ redirect: `/imports/${id}` });
  await jobFinished(id, action);
}

const count = async (table: string) =>
  (await (await appDb()).read((conn) => queryText<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM ${table}`)))[0].n;

describe('permissions', () => {
  test('the history needs "view", uploading needs "import"', async () => {
    expect(await outcome(() => listPage.load(event(null)))).toMatchObject({ error: 401 });
    const seen = await outcome(() => listPage.load(event(cfo)));
    expect(seen).toMatchObject({ value: { canImport: false, history: { total: 0 } } });
    const refused = await outcome(() =>
      listPage.actions.upload(event(cfo, { request: formPost('/imports?/upload', { kind: 'customers', file: fixtureFile('customers.csv') }) })),
    );
    expect(refused).toMatchObject({ error: 403 });
    // Nothing was saved for the refused upload.
    expect(() => readdirSync(process.env.DUESIGHT_UPLOAD_DIR!)).toThrow();
  });
});

describe('upload → check → import → history', () => {
  let customersId: string;
  let invoicesId: string;

  test('customers imported straight away: preview of the rows as read, three rows written', async () => {
    customersId = await upload(ana, { kind: 'customers', file: fixtureFile('customers.csv'), mode: 'import' });
    const data = await uploadData(customersId);
    expect(data.upload).toMatchObject({ kind: 'customers', name: 'customers.csv', uploadedBy: 'ana' });
    expect(data.check).toBeNull();
    expect(data.imported).toMatchObject({ state: 'done', mode: 'import', error: null });
    expect(data.imported!.result).toMatchObject({ status: 'imported', rows: 3, accepted: 3, rejected: 0, inserted: 3 });
    // The file's rows 2-4 (the header is row 1), as text, Chinese names intact.
    expect(data.imported!.result!.preview.map((p) => p.row_no)).toEqual([2, 3, 4]);
    expect(data.imported!.result!.preview[2].values).toMatchObject({ customer_id: 'K3', name: '上海明辉贸易', credit_limit: '200000' });
    expect(data.imported!.result!.preview[1].values.credit_limit).toBeNull();
    expect(data.rejections).toMatchObject({ total: 0, errors: [] });
    expect(await count('customers')).toBe(3);
  });

  test('the invoices check names each bad row and column, and writes nothing', async () => {
    invoicesId = await upload(ana, { kind: 'invoices', file: fixtureFile('invoices-bad.csv'), mode: 'check' });
    const data = await uploadData(invoicesId);
    // 5 records: row 4 (INV-3) is due before it is issued, row 5 (INV-4) has a letter O in its amount.
    expect(data.check!.result).toMatchObject({ status: 'rejected', rows: 5, accepted: 3, rejected: 2, inserted: 0, importId: null });
    expect(data.check!.result!.preview).toHaveLength(5);
    expect(data.check!.result!.preview[3]).toEqual({
      row_no: 5,
      values: { invoice_id: 'INV-4', customer_id: 'K1', invoice_date: '2024-02-05', due_date: '2024-03-06', amount: '12O0.00', currency: 'CNY', disputed: 'false' },
    });
    const errors = data.rejections!.errors;
    expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [4, 'due_date', '2024-01-20'],
      [5, 'amount', '12O0.00'],
    ]);
    expect(errors[0].message).toMatch(/row 4, column due_date: the due date 2024-01-20 is before the invoice date 2024-02-01/);
    expect(errors[1].message).toMatch(/row 5, column amount/);
    expect(await count('invoices')).toBe(0);
    // A dry run is not logged.
    expect(await count('import_log')).toBe(1);
  });

  test('the check is the CLI\'s own dry run: same rows, same rejections', async () => {
    // As `duesight import` runs it: its own database (no folder restriction), the customers first.
    const fixture = (name: string) => join(root, 'test', 'fixtures', 'imports-page', name);
    const db = await Database.open(':memory:');
    let cli;
    try {
      await importFile(db, { kind: 'customers', path: fixture('customers.csv') });
      cli = await importFile(db, { kind: 'invoices', path: fixture('invoices-bad.csv'), dryRun: true });
    } finally {
      await db.close();
    }
    const data = await uploadData(invoicesId);
    expect(data.rejections!.errors).toEqual(cli.errors);
    expect(data.check!.result).toMatchObject({ rows: cli.rows, accepted: cli.accepted, rejected: cli.rejected });
  });

  test('importing without accept-valid rejects the file whole; with it, the 3 valid invoices go in', async () => {
    await act(invoicesId, 'import');
    let data = await uploadData(invoicesId);
    expect(data.imported!.result).toMatchObject({ status: 'rejected', rejected: 2, inserted: 0 });
    expect(data.imported!.result!.importId).toBeGreaterThan(0);
    expect(await count('invoices')).toBe(0);

    await act(invoicesId, 'import', { accept_valid: 'on' });
    data = await uploadData(invoicesId);
    expect(data.imported).toMatchObject({ acceptValid: true });
    // INV-1, INV-2 and INV-5 are valid: 3 invoices written, 2 rows left out.
    expect(data.imported!.result).toMatchObject({ status: 'imported', accepted: 3, rejected: 2, inserted: 3 });
    expect(data.rejections!.total).toBe(2);
    expect(await count('invoices')).toBe(3);

    // A second import of the same upload is refused: it went in already.
    const again = await outcome(() =>
      uploadPage.actions.import(event(ana, { params: { upload: invoicesId }, request: formPost(`/imports/${invoicesId}?/import`, {}) })),
    );
    expect(again).toMatchObject({ fail: 409 });
  });

  test('the history lists every logged import, newest first, with its SHA-256 and who', async () => {
    const res = await outcome(() => listPage.load(event(cfo)));
    if (!('value' in res)) throw new Error(JSON.stringify(res));
    const h = (res.value as { history: { total: number; entries: Record<string, unknown>[] } }).history;
    const sha = (name: string) => createHash('sha256').update(fixtureBytes(name)).digest('hex');
    expect(h.total).toBe(3);
    expect(h.entries.map((e) => [e.kind, e.file_name, e.status, e.rows, e.accepted, e.rejected, e.inserted, e.user_name, e.sha256])).toEqual([
      ['invoices', 'invoices-bad.csv', 'imported', 5, 3, 2, 3, 'ana', sha('invoices-bad.csv')],
      ['invoices', 'invoices-bad.csv', 'rejected', 5, 3, 2, 0, 'ana', sha('invoices-bad.csv')],
      ['customers', 'customers.csv', 'imported', 3, 3, 0, 3, 'ana', sha('customers.csv')],
    ]);
    expect(h.entries[0].finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('each logged import is in the audit log as a web action of its user', async () => {
    const audit = await (await appDb()).read((conn) =>
      queryText<{ actor: string; via: string; action: string; target: string; outcome: string }>(
        conn,
        `SELECT actor, via, action, target, outcome FROM audit_log WHERE action = 'import' ORDER BY seq`,
      ),
    );
    expect(audit).toEqual([
      { actor: 'ana', via: 'web', action: 'import', target: 'customers.csv', outcome: 'ok' },
      { actor: 'ana', via: 'web', action: 'import', target: 'invoices-bad.csv', outcome: 'rejected' },
      { actor: 'ana', via: 'web', action: 'import', target: 'invoices-bad.csv', outcome: 'ok' },
    ]);
  });

  test('the progress endpoint says where each job stands', async () => {
    const res = await progress.GET(event(ana, { params: { upload: invoicesId } }));
    expect(await res.json()).toEqual({ check: { state: 'done', stage: 'done', fraction: 1 }, import: { state: 'done', stage: 'done', fraction: 1 } });
    expect(await outcome(() => progress.GET(event(cfo, { params: { upload: invoicesId } })))).toMatchObject({ error: 403 });
  });
});

describe('ledger files and their mapping', () => {
  test('a pasted mapping reads a ";"-separated ledger with US dates and decimal commas', async () => {
    const id = await upload(ana, { kind: 'ledger', file: fixtureFile('ledger.csv'), mapping: fixtureBytes('ledger.map.json').toString(), mode: 'check' });
    const data = await uploadData(id);
    expect(data.upload.hasMapping).toBe(true);
    expect(data.check!.result).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(data.check!.result!.preview[0].values).toMatchObject({ invoice_id: 'L-1', invoice_date: '03/01/2024', amount: '100,00' });
  });

  test('an uploaded mapping file works the same', async () => {
    const id = await upload(ana, { kind: 'ledger', file: fixtureFile('ledger.csv'), mapping_file: fixtureFile('ledger.map.json'), mode: 'check' });
    expect((await uploadData(id)).check!.result).toMatchObject({ rows: 2, accepted: 2 });
  });

  test('a ledger without a mapping, or with broken JSON, is refused before anything is saved', async () => {
    const post = (fields: Record<string, string | File>) =>
      outcome(() => listPage.actions.upload(event(ana, { request: formPost('/imports?/upload', fields) })));
    expect(await post({ kind: 'ledger', file: fixtureFile('ledger.csv') })).toMatchObject({
      fail: 400, data: { problem: { field: 'mapping', key: 'imports.problem.noMapping' }, kind: 'ledger' },
    });
    expect(await post({ kind: 'ledger', file: fixtureFile('ledger.csv'), mapping: '{"columns": ' })).toMatchObject({
      fail: 400, data: { problem: { field: 'mapping', key: 'imports.problem.mappingJson', values: { name: 'pasted' } } },
    });
    expect(await post({ kind: 'ledger', file: fixtureFile('ledger.csv'), mapping: '{"colums": {}}' })).toMatchObject({
      fail: 400, data: { problem: { field: 'mapping', message: expect.stringContaining('unknown key "colums"') } },
    });
    expect(await post({ kind: 'receipts', file: fixtureFile('ledger.csv') })).toMatchObject({ fail: 400, data: { problem: { field: 'kind' } } });
    expect(await post({ kind: 'invoices' })).toMatchObject({ fail: 400, data: { problem: { key: 'imports.problem.noFile' } } });
  });
});

describe('uploads are stored safely', () => {
  test('the browser\'s file name is metadata only: no path reaches the disk', async () => {
    const id = await upload(ana, { kind: 'customers', file: fixtureFile('customers.csv', '../../../etc/evil.csv'), mode: 'check' });
    const data = await uploadData(id);
    expect(data.upload.name).toBe('evil.csv');
    const stored = readdirSync(process.env.DUESIGHT_UPLOAD_DIR!);
    expect(stored).toContain(`${id}.csv`);
    expect(stored.every((f) => /^[0-9a-f-]{36}\.(csv|json)$/.test(f) || f === 'work')).toBe(true);
  });

  test('an upload id that is not one is a 404, never a path', async () => {
    for (const bad of ['../book', '..%2F..%2Fetc', '00000000-0000-0000-0000-000000000000']) {
      expect(await outcome(() => uploadPage.load(event(ana, { params: { upload: bad } })))).toMatchObject({ error: 404 });
    }
  });

  test('a file over the size limit is refused with its name and the limit', async () => {
    process.env.DUESIGHT_UPLOAD_LIMIT_MB = String(100 / 1024 / 1024); // 100 bytes
    try {
      const res = await outcome(() =>
        listPage.actions.upload(event(ana, { request: formPost('/imports?/upload', { kind: 'invoices', file: fixtureFile('invoices-bad.csv') }) })),
      );
      expect(res).toMatchObject({ fail: 400, data: { problem: { field: 'file', key: 'imports.problem.tooLarge', values: { name: 'invoices-bad.csv' } } } });
    } finally {
      delete process.env.DUESIGHT_UPLOAD_LIMIT_MB;
    }
  });
});

describe('a long list of rejected rows', () => {
  test('is paged 100 at a time, in file order', async () => {
    // 250 invoices of an unknown customer: 250 rejections, on pages of 100, 100 and 50.
    const lines = ['invoice_id,customer_id,invoice_date,due_date,amount'];
    for (let i = 1; i <= 250; i++) lines.push(`X-${i},NOBODY,2024-01-01,2024-01-31,10.00`);
    const id = await upload(ana, { kind: 'invoices', file: new File([lines.join('\n')], 'many.csv'), mode: 'check' });
    const third = await uploadData(id, 3);
    expect(third.rejections).toMatchObject({ total: 250, page: 3, pages: 3, first: 201 });
    expect(third.rejections!.errors).toHaveLength(50);
    // Record 201 is file row 202 (the header is row 1).
    expect(third.rejections!.errors[0]).toMatchObject({ row: 202, column: 'customer_id', value: 'NOBODY' });
    expect((await uploadData(id, 99)).rejections).toMatchObject({ page: 3 });
  });
});
