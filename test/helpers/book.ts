/** Builds small hand-written books in a fresh in-memory database, for tests. */
import { Database } from '../../src/lib/server/db.ts';
import { refreshSettlements } from '../../src/lib/server/settlements.ts';
import { queryText } from '../../src/lib/server/sql.ts';

export interface BookCustomer {
  customer_id: string; name?: string; segment?: string; region?: string; country?: string;
  currency?: string; payment_terms_days?: number; credit_limit?: number | null;
}
export interface BookInvoice {
  invoice_id: string; customer_id?: string; invoice_date: string; due_date?: string;
  amount: number | string; currency?: string; disputed?: boolean;
}
export interface BookPayment {
  payment_id?: string; customer_id?: string; invoice_id?: string | null; payment_date: string;
  amount: number | string; method?: string;
}
export interface BookAdjustment {
  adjustment_id?: string; invoice_id: string; date: string; amount: number | string;
  kind: 'credit_note' | 'write_off' | 'discount';
}
export interface BookFx { date: string; currency: string; rate_to_base: number | string }

export interface Book {
  baseCurrency?: string;
  customers?: BookCustomer[];
  invoices?: BookInvoice[];
  payments?: BookPayment[];
  adjustments?: BookAdjustment[];
  fx?: BookFx[];
}

const DEFAULT_CUSTOMER = 'C1';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A fresh in-memory database holding `book`. Defaults: base currency USD, one customer C1
 * (30-day terms, no limit) when none is listed, due = invoice date + 30, payments go to the
 * invoice's customer, ids numbered in order.
 */
export async function openBook(book: Book): Promise<Database> {
  const db = await Database.open(':memory:');
  const base = book.baseCurrency ?? 'USD';
  const customers = book.customers ?? [{ customer_id: DEFAULT_CUSTOMER }];
  const invoices = book.invoices ?? [];
  const customerOf = new Map(invoices.map((i) => [i.invoice_id, i.customer_id ?? customers[0].customer_id]));
  await db.write(async (conn) => {
    await queryText(conn, `INSERT INTO settings VALUES ('base_currency', $v)`, { v: base });
    for (const c of customers) {
      await queryText(
        conn,
        `INSERT INTO customers (customer_id, name, segment, region, country, currency, payment_terms_days, credit_limit)
         VALUES ($id, $name, $segment, $region, $country, $currency, $terms, $limit::DECIMAL(18,2))`,
        {
          id: c.customer_id, name: c.name ?? `Customer ${c.customer_id}`, segment: c.segment ?? 'Mid-market',
          region: c.region ?? 'North', country: c.country ?? 'US', currency: c.currency ?? base,
          terms: c.payment_terms_days ?? 30, limit: c.credit_limit == null ? null : String(c.credit_limit),
        },
      );
    }
    for (const i of invoices) {
      const cust = i.customer_id ?? customers[0].customer_id;
      const currency = i.currency ?? customers.find((c) => c.customer_id === cust)?.currency ?? base;
      await queryText(
        conn,
        `INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed)
         VALUES ($id, $cust, $d::DATE, $due::DATE, $amount::DECIMAL(18,2), $currency, $disputed)`,
        {
          id: i.invoice_id, cust, d: i.invoice_date, due: i.due_date ?? addDays(i.invoice_date, 30),
          amount: String(i.amount), currency, disputed: i.disputed ?? false,
        },
      );
    }
    let n = 0;
    for (const p of book.payments ?? []) {
      n += 1;
      const cust = p.customer_id ?? (p.invoice_id ? customerOf.get(p.invoice_id) : undefined) ?? customers[0].customer_id;
      await queryText(
        conn,
        `INSERT INTO payments (payment_id, customer_id, invoice_id, payment_date, amount, method)
         VALUES ($id, $cust, $inv, $d::DATE, $amount::DECIMAL(18,2), $method)`,
        { id: p.payment_id ?? `P${n}`, cust, inv: p.invoice_id ?? null, d: p.payment_date, amount: String(p.amount), method: p.method ?? 'transfer' },
      );
    }
    n = 0;
    for (const a of book.adjustments ?? []) {
      n += 1;
      await queryText(
        conn,
        `INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind)
         VALUES ($id, $inv, $d::DATE, $amount::DECIMAL(18,2), $kind)`,
        { id: a.adjustment_id ?? `A${n}`, inv: a.invoice_id, d: a.date, amount: String(a.amount), kind: a.kind },
      );
    }
    for (const f of book.fx ?? []) {
      await queryText(conn, `INSERT INTO fx_rates (date, currency, rate_to_base) VALUES ($d::DATE, $c, $r::DECIMAL(18,8))`, {
        d: f.date, c: f.currency, r: String(f.rate_to_base),
      });
    }
    await refreshSettlements(conn, true);
  });
  return db;
}

/** The spec's worked example (spec/kpis.md), as of 2024-03-31. */
export const workedExample: Book = {
  invoices: [
    { invoice_id: 'A', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: 1000 },
    { invoice_id: 'B', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: 500 },
    { invoice_id: 'C', invoice_date: '2024-03-15', due_date: '2024-04-14', amount: 800 },
    { invoice_id: 'D', invoice_date: '2024-04-02', due_date: '2024-05-02', amount: 300 },
  ],
  payments: [
    { invoice_id: 'A', payment_date: '2024-02-10', amount: 600 },
    { invoice_id: 'A', payment_date: '2024-03-20', amount: 400 },
  ],
  adjustments: [{ invoice_id: 'B', date: '2024-03-01', amount: 100, kind: 'credit_note' }],
};
