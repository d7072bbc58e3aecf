/** Every page's frame: the book's span and filter values, and the view (as-of date, filters) the URL names. */
import { appDb } from '$lib/server/app-db';
import { bookBounds } from '$lib/server/book';
import { baseCurrency } from '$lib/server/kpis';
import { viewOrProblem } from '$lib/server/page-params';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url }) => {
  const db = await appDb();
  const [bounds, currency] = await Promise.all([bookBounds(db), db.read((conn) => baseCurrency(conn))]);
  // A bad query is reported by the page (so the error shows inside this layout, not the bare fallback page).
  return { bounds, baseCurrency: currency, ...viewOrProblem(url, bounds) };
};
