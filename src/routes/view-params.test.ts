// The URL query every page shares (as-of date, filters) and the month-end ranges of the overview:
// what is accepted, what falls back, and what is a 400 that says why.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, test } from 'vitest';
import type { BookBounds } from '$lib/server/book';
import { bookFilter, isMonthEnd, monthEndRange, requireView, viewFromUrl, viewOrProblem } from '$lib/server/page-params';
import { carriedParams, hrefWith, viewHref } from '$lib/url-state';

const bounds: BookBounds = {
  first_date: '2023-11-01',
  last_date: '2026-10-31',
  segments: ['Enterprise', 'SMB'],
  regions: ['EMEA', 'North America'],
  currencies: ['EUR', 'USD'],
  customers: 10,
  invoices: 100,
};
const url = (query: string) => new URL(`http://x/aging?${query}`);

function status(fn: () => unknown): { status: number; message: string } | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (isHttpError(err)) return { status: err.status, message: err.body.message };
    throw err;
  }
}

describe('viewFromUrl', () => {
  test('defaults to the book’s last date and no filter', () => {
    expect(viewFromUrl(url(''), bounds)).toEqual({ asOf: '2026-10-31', latest: true, segment: null, region: null, currency: null });
  });

  test('reads a date and allow-listed filters; blank values (an empty select) are no filter', () => {
    const view = viewFromUrl(url('as_of=2025-06-30&segment=SMB&region=&currency=EUR'), bounds)!;
    expect(view).toEqual({ asOf: '2025-06-30', latest: false, segment: 'SMB', region: null, currency: 'EUR' });
    expect(bookFilter(view)).toEqual({ segment: 'SMB', currency: 'EUR' });
  });

  test('rejects impossible dates, dates outside the book and unknown filter values with a 400 naming the choices', () => {
    expect(status(() => viewFromUrl(url('as_of=2025-02-30'), bounds))).toMatchObject({ status: 400, message: expect.stringContaining('YYYY-MM-DD') });
    expect(status(() => viewFromUrl(url('as_of=yesterday'), bounds))?.status).toBe(400);
    expect(status(() => viewFromUrl(url('as_of=2027-01-31'), bounds))?.message).toContain('2023-11-01 to 2026-10-31');
    expect(status(() => viewFromUrl(url('segment=Nope'), bounds))?.message).toBe('The book has no segment "Nope"; it has: Enterprise, SMB.');
    // Case matters: filters are matched exactly, as the SQL does.
    expect(status(() => viewFromUrl(url('currency=usd'), bounds))?.status).toBe(400);
  });

  test('an empty book has no view; the layout hands a bad query to the page as a value', () => {
    expect(viewFromUrl(url(''), { ...bounds, first_date: null, last_date: null })).toBeNull();
    const bad = viewOrProblem(url('region=Mars'), bounds);
    expect(bad.view).toBeNull();
    expect(bad.problem?.status).toBe(400);
    expect(status(() => requireView(bad))?.message).toContain('Mars');
    expect(requireView(viewOrProblem(url(''), bounds))?.asOf).toBe('2026-10-31');
  });
});

describe('month-end ranges of the overview', () => {
  test('end at the as-of date when it is a month-end, else at the month-end before it', () => {
    expect(isMonthEnd('2024-02-29')).toBe(true);
    expect(isMonthEnd('2023-02-28')).toBe(true);
    expect(isMonthEnd('2024-02-28')).toBe(false);
    expect(monthEndRange('2026-10-31', 12, '2023-11-01')).toEqual({ from: '2025-11', to: '2026-10' });
    expect(monthEndRange('2026-10-15', 12, '2023-11-01')).toEqual({ from: '2025-10', to: '2026-09' });
    expect(monthEndRange('2026-01-15', 24, '2023-11-01')).toEqual({ from: '2024-01', to: '2025-12' });
  });

  test('start no earlier than the book, and are empty before its first month-end', () => {
    expect(monthEndRange('2024-03-31', 24, '2023-11-01')).toEqual({ from: '2023-11', to: '2024-03' });
    expect(monthEndRange('2023-11-20', 12, '2023-11-01')).toBeNull();
  });
});

describe('links that keep the view', () => {
  const here = new URL('http://x/aging?as_of=2025-06-30&segment=SMB&sort=-ar&page=3&q=acme');
  test('navigation keeps the as-of date and filters, and drops the page’s own state', () => {
    expect(viewHref(here, '/')).toBe('/?as_of=2025-06-30&segment=SMB');
    expect(viewHref(here, '/aging', { q: 'C1', sort: '' })).toBe('/aging?as_of=2025-06-30&segment=SMB&q=C1');
  });
  test('a change of one parameter keeps the rest; null removes', () => {
    expect(hrefWith(here, { page: 4 })).toBe('/aging?as_of=2025-06-30&segment=SMB&sort=-ar&page=4&q=acme');
    expect(hrefWith(here, { page: null, q: null })).toBe('/aging?as_of=2025-06-30&segment=SMB&sort=-ar');
  });
  test('a form carries the other parameters as hidden fields', () => {
    expect(carriedParams(here, ['q', 'page'])).toEqual([
      ['as_of', '2025-06-30'],
      ['segment', 'SMB'],
      ['sort', '-ar'],
    ]);
  });
});
