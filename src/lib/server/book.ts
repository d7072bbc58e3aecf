/** What the book spans and holds: dates for the as-of picker, values for the filter menus. */
import type { Database } from './db.ts';
import { baseCurrency } from './kpis.ts';
import { query } from './sql.ts';

export interface BookBounds {
  first_date: string | null;
  last_date: string | null;
  segments: string[];
  regions: string[];
  currencies: string[];
  customers: number;
  invoices: number;
}

/** The book's span and filter values. */
export function bookBounds(db: Database): Promise<BookBounds> {
  return db.remember('bookBounds', null, async () => {
    const [row] = await db.read((conn) => query<BookBounds>(conn, 'book_bounds'));
    return { ...row, segments: row.segments ?? [], regions: row.regions ?? [], currencies: row.currencies ?? [] };
  });
}

/** The currency every figure of the book is reported in. */
export function bookCurrency(db: Database): Promise<string> {
  return db.remember('bookCurrency', null, () => db.read(baseCurrency));
}
