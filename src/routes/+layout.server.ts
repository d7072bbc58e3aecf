/** Every page's frame: the book's span and filter values, and the view (as-of date, filters) the URL names. */
import { appDb } from '$lib/server/app-db';
import { bookBounds, bookCurrency } from '$lib/server/book';
import { viewOrProblem } from '$lib/server/page-params';
import { localeForRequest } from '$lib/i18n/request-locale';
import { requirePermission } from '$lib/server/auth/guard';
import { PUBLIC_ROUTES } from '$lib/server/auth/public-routes';
import type { BookBounds } from '$lib/server/book';
import type { LayoutServerLoad } from './$types';

/** What the frame of a public page (the login page) knows of the book: nothing. */
const NO_BOOK: BookBounds = { first_date: null, last_date: null, segments: [], regions: [], currencies: [], customers: 0, invoices: 0 };

export const load: LayoutServerLoad = async ({ url, cookies, request, locals, route }) => {
  // The interface language: ?lang= (the switcher's links) sets the cookie and redirects to the same view.
  const locale = localeForRequest(url, cookies, request.headers);
  if (route.id !== null && PUBLIC_ROUTES.has(route.id)) {
    return { user: locals.user, bounds: NO_BOOK, baseCurrency: '', locale, view: null, problem: null };
  }
  const user = requirePermission(locals, 'view');
  const db = await appDb();
  const [bounds, currency] = await Promise.all([bookBounds(db), bookCurrency(db)]);
  // A bad query is reported by the page (so the error shows inside this layout, not the bare fallback page).
  return { user, bounds, baseCurrency: currency, locale, ...viewOrProblem(url, bounds) };
};
