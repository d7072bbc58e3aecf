// The Arrow endpoint (GET /explore/data) on a hand-written book: the stream's types, nulls,
// dates and base-currency decimals arrive intact; an unknown column, filter or value is a 400;
// the permission is checked.
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { openBook } from '../helpers/book.ts';

let db: Database;
vi.mock('$lib/server/app-db', () => ({ appDb: async () => db }));
const { GET } = await import('../../src/routes/explore/data/+server.ts');

const analyst = { user: { name: 'ana', role: 'analyst' as const } };

async function get(query: string, locals: App.Locals = analyst): Promise<Response> {
  const url = new URL(`http://localhost/explore/data?${query}`);
  try {
    return await GET({ url, locals } as never);
  } catch (err) {
    const e = err as { status?: number; body?: { message: string } };
    if (e.status) return new Response(JSON.stringify(e.body), { status: e.status });
    throw err;
  }
}

async function table(query: string): Promise<Table> {
  const res = await get(query);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
}

/** Days since 1970-01-01 of an ISO date. */
const days = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe('GET /explore/data', () => {
  beforeAll(async () => {
    db = await openBook({
      customers: [
        { customer_id: 'C1', segment: 'Enterprise', region: 'EMEA', currency: 'USD' },
        { customer_id: 'C2', segment: 'SMB', region: 'APAC', currency: 'EUR' },
      ],
      invoices: [
        // Paid in two parts: settled on the last payment, 2024-03-20.
        { invoice_id: 'A', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: '1000.10' },
        // EUR at 1.0850 on 2024-02-01: 1234.57 × 1.085 = 1339.50845 → 1339.51 USD. Open at D.
        { invoice_id: 'B', customer_id: 'C2', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: '1234.57', currency: 'EUR' },
        // Paid early (5 days before due).
        { invoice_id: 'C', customer_id: 'C1', invoice_date: '2024-03-01', due_date: '2024-03-16', amount: '0.05' },
      ],
      payments: [
        { invoice_id: 'A', payment_date: '2024-02-10', amount: 600, method: 'card' },
        { invoice_id: 'A', payment_date: '2024-03-20', amount: '400.10', method: 'transfer' },
        { invoice_id: 'C', payment_date: '2024-03-11', amount: '0.05', method: 'check' },
      ],
      fx: [{ date: '2024-01-01', currency: 'EUR', rate_to_base: '1.0850' }],
    });
  });
  afterAll(() => db.close());

  test('every column arrives with its Arrow type, its nulls, dates as days and amounts to the cent', async () => {
    const t = await table('as_of=2024-03-20');
    expect(t.numRows).toBe(3);
    expect(Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]))).toEqual({
      invoice_id: 'Utf8',
      customer: 'Dictionary<Int32, Utf8>',
      amount: 'Float64',
      days_to_pay: 'Int32',
      days_beyond_terms: 'Int32',
      invoice_month: 'Date32<DAY>',
      invoice_date: 'Date32<DAY>',
      due_date: 'Date32<DAY>',
      settle_date: 'Date32<DAY>',
      terms: 'Int32',
      segment: 'Dictionary<Int16, Utf8>',
      region: 'Dictionary<Int16, Utf8>',
      method: 'Dictionary<Int16, Utf8>',
      currency: 'Dictionary<Int16, Utf8>',
      tier: 'Dictionary<Int16, Utf8>',
    });
    const rows = Object.fromEntries(t.toArray().map((r) => [r.invoice_id, r.toJSON()]));
    // A: settled 2024-03-20: 75 days after 2024-01-05 (2024 is a leap year), 45 after the due date.
    expect(rows.A).toMatchObject({ customer: 'C1', amount: 1000.1, days_to_pay: 75, days_beyond_terms: 45, terms: 30, segment: 'Enterprise', region: 'EMEA', method: 'transfer', currency: 'USD' });
    expect(rows.B).toMatchObject({ customer: 'C2', amount: 1339.51, days_to_pay: null, days_beyond_terms: null, settle_date: null, method: null, currency: 'EUR' });
    // C: paid on 2024-03-11, 10 days after the invoice and 5 before its due date: -5 beyond terms.
    expect(rows.C).toMatchObject({ amount: 0.05, days_to_pay: 10, days_beyond_terms: -5, terms: 15, method: 'check' });
    // Dates: the raw values are days since 1970-01-01 (Arrow DateDay).
    const col = (name: string) => t.getChild(name)!.data[0].values as Int32Array;
    const at = t.toArray().findIndex((r) => r.invoice_id === 'A');
    expect(col('invoice_date')[at]).toBe(days('2024-01-05'));
    expect(col('settle_date')[at]).toBe(days('2024-03-20'));
    expect(col('invoice_month')[at]).toBe(days('2024-01-01'));
    // Nulls are nulls in the validity bitmap, not zeros.
    const b = t.toArray().findIndex((r) => r.invoice_id === 'B');
    expect(t.getChild('days_to_pay')!.isValid(b)).toBe(false);
    expect(t.getChild('days_to_pay')!.nullCount).toBe(1);
  });

  test('as of an earlier date, A is open and C not yet invoiced', async () => {
    const t = await table('as_of=2024-02-29&columns=invoice_id,days_to_pay,amount');
    expect(t.schema.fields.map((f) => f.name)).toEqual(['invoice_id', 'days_to_pay', 'amount']);
    expect(t.toArray().map((r) => [r.invoice_id, r.days_to_pay]).sort()).toEqual([
      ['A', null],
      ['B', null],
    ]);
  });

  test('the filters narrow the invoices to the customers they name', async () => {
    const t = await table('as_of=2024-03-20&segment=SMB&columns=invoice_id,segment');
    expect(t.toArray().map((r) => r.toJSON())).toEqual([{ invoice_id: 'B', segment: 'SMB' }]);
  });

  test('an unknown column, filter or value is a 400 saying what is accepted', async () => {
    const bad = async (query: string) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      return ((await res.json()) as { message: string }).message;
    };
    expect(await bad('columns=amount,colour')).toMatch(/Unknown column "colour"; the columns are: invoice_id, customer, amount/);
    expect(await bad('columns=')).toMatch(/No columns asked for/);
    expect(await bad('colour=red')).toMatch(/Unknown parameter "colour": this address takes as_of, segment, region, currency, tier, columns/);
    expect(await bad('segment=Nope')).toMatch(/no segment "Nope"; it has: Enterprise, SMB/);
    expect(await bad('tier=gold')).toMatch(/no tier "gold"/);
    expect(await bad('as_of=2024-13-01')).toMatch(/not a date/);
  });

  test('a role without the explore permission is refused', async () => {
    expect((await get('', { user: { name: 'cfo', role: 'cfo' } })).status).toBe(403);
    expect((await get('', { user: null })).status).toBe(401);
  });
});
