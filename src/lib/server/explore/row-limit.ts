/** The most invoices the Explore page takes as Arrow columns (beyond it the page draws server-side bins), and whether a view is over it. */
import { MAX_BROWSER_INVOICES } from '../../explore/columns.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { query } from '../sql.ts';

/** The environment variable that overrides the limit (e.g. to try the server-side bins on a small book). */
export const ROW_LIMIT_VARIABLE = 'DUESIGHT_EXPLORE_ROW_LIMIT';

/**
 * The row limit: DUESIGHT_EXPLORE_ROW_LIMIT when set (a whole number ≥ 0), else
 * MAX_BROWSER_INVOICES. Read at each call, so a test may set it for one server.
 */
export function exploreRowLimit(env: Record<string, string | undefined> = process.env): number {
  const raw = env[ROW_LIMIT_VARIABLE]?.trim();
  if (!raw) return MAX_BROWSER_INVOICES;
  if (!/^\d{1,10}$/.test(raw)) throw new DuesightError(`${ROW_LIMIT_VARIABLE} is "${raw}", not a whole number of invoices.`);
  return Number(raw);
}

/** The as-of date and filters of a page's view. */
interface ViewScope {
  asOf: string;
  segment: string | null;
  region: string | null;
  currency: string | null;
}

/**
 * How many invoices the Explore page would take for `view` (counted without deriving them,
 * remembered until the next write), and whether that is more than the row limit: then the page
 * asks for server-side bins rather than Arrow columns.
 */
export async function viewInvoices(db: Database, view: ViewScope): Promise<{ invoices: number; overLimit: boolean }> {
  const params = { as_of: view.asOf, segment: view.segment, region: view.region, currency: view.currency };
  const invoices = await db.remember('exploreViewInvoices', params, async () => {
    const [row] = await db.read((conn) => query<{ invoices: number }>(conn, 'explore_scope_invoices', params));
    return row.invoices;
  });
  return { invoices, overLimit: invoices > exploreRowLimit() };
}
