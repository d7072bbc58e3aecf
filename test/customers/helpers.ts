/**
 * A small hand-written book for the customer and drill-down tests, and a way to run a page's
 * load function against it as SvelteKit would (the layout's view as parent data, a signed-in user).
 */
import type { Book } from '../helpers/book.ts';
import { bookBounds } from '../../src/lib/server/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { viewOrProblem } from '../../src/lib/server/page-params.ts';
import type { SessionUser } from '../../src/lib/auth-roles.ts';

/**
 * Two customers as of 2024-03-31 (due = invoice date + 30 unless given):
 * A (USD, limit 5,000, Enterprise): A1 1,000 current; A2 500 less 200 paid = 300 at 20 days past
 * due; A3 400 at 91 days; A4 250 paid 300, a credit of −50; A5 dated after D.
 * B (EUR, no limit, SMB), EUR at 1.10 from 2024-01-01 and 1.20 from 2024-03-15: B1 EUR 1,000 at
 * 29 days; B2 EUR 300 at 51 days; B3 EUR 100 current; EUR 50 of unapplied cash.
 * C (USD, Enterprise) owes nothing: C1 600 dated 2024-01-15, due 2024-02-14, paid 2024-02-10.
 */
export const twoCustomers: Book = {
  customers: [
    { customer_id: 'A', name: 'Acme Tools', segment: 'Enterprise', region: 'North', currency: 'USD', credit_limit: 5000 },
    { customer_id: 'B', name: 'Blue Ocean GmbH', segment: 'SMB', region: 'Europe', currency: 'EUR', payment_terms_days: 30 },
    { customer_id: 'C', name: 'Cedar Mills', segment: 'Enterprise', region: 'North', currency: 'USD', credit_limit: 2000 },
  ],
  invoices: [
    { invoice_id: 'A1', customer_id: 'A', invoice_date: '2024-03-10', amount: 1000 },
    { invoice_id: 'A2', customer_id: 'A', invoice_date: '2024-02-10', amount: 500 },
    { invoice_id: 'A3', customer_id: 'A', invoice_date: '2023-12-01', amount: 400 },
    { invoice_id: 'A4', customer_id: 'A', invoice_date: '2024-01-05', amount: 250 },
    { invoice_id: 'A5', customer_id: 'A', invoice_date: '2024-04-05', amount: 700 },
    { invoice_id: 'B1', customer_id: 'B', invoice_date: '2024-02-01', amount: 1000 },
    { invoice_id: 'B2', customer_id: 'B', invoice_date: '2024-01-10', amount: 300 },
    { invoice_id: 'B3', customer_id: 'B', invoice_date: '2024-03-20', amount: 100 },
    { invoice_id: 'C1', customer_id: 'C', invoice_date: '2024-01-15', amount: 600 },
  ],
  payments: [
    { invoice_id: 'A2', payment_date: '2024-03-20', amount: 200 },
    { invoice_id: 'A4', payment_date: '2024-02-20', amount: 300 },
    { customer_id: 'B', invoice_id: null, payment_date: '2024-03-25', amount: 50 },
    { invoice_id: 'C1', payment_date: '2024-02-10', amount: 600 },
  ],
  fx: [
    { date: '2024-01-01', currency: 'EUR', rate_to_base: 1.1 },
    { date: '2024-03-15', currency: 'EUR', rate_to_base: 1.2 },
  ],
};

/** A user who may view pages. */
export const analyst: SessionUser = { name: 'ana', role: 'analyst' };

/** The argument a page load gets, for `path` (with its query) and route `params`. */
export async function loadEvent(db: Database, path: string, params: Record<string, string> = {}, user: SessionUser | null = analyst) {
  const url = new URL(`http://localhost${path}`);
  const bounds = await bookBounds(db);
  const parentData = { bounds, baseCurrency: 'USD', user, ...viewOrProblem(url, bounds) };
  return { url, params, locals: { user }, parent: async () => parentData, route: { id: url.pathname } };
}

/** The HTTP status of an error thrown by a load (400, 403, 404…), or null when it returned. */
export async function statusOf(run: () => Promise<unknown>): Promise<number | null> {
  try {
    await run();
    return null;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (typeof status === 'number') return status;
    throw err;
  }
}
