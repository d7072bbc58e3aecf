// Table cells are written by hand-rolled formatters (numbers, view links) instead of
// Intl.NumberFormat and URLSearchParams, for speed. They must write exactly what those write.
import { describe, expect, test } from 'vitest';
import { formatMoney, formatNumber } from '../../src/lib/format.ts';
import { viewHref } from '../../src/lib/url-state.ts';
import { drillHref, drillHrefs } from '../../src/lib/aging-table.ts';

/** A small deterministic generator (the same values every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const intl = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('formatNumber writes what Intl.NumberFormat writes', () => {
  test('worked examples: grouping, rounding half away from zero on the shortest decimal, carries', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-1234.5, 0)).toBe('-1,235');
    // 1.005 is stored as 1.00499999999999989…, but Intl rounds its shortest text "1.005": 1.01.
    expect(formatNumber(1.005, 2)).toBe('1.01');
    expect(formatNumber(999999.995, 2)).toBe('1,000,000.00');
    expect(formatNumber(0.5, 0)).toBe('1');
    expect(formatNumber(73.2285, 3)).toBe('73.229');
    expect(formatNumber(100, 2)).toBe('100.00');
    expect(formatNumber(123, 0)).toBe('123');
    expect(formatNumber(1e21, 0)).toBe(intl(0).format(1e21));
    expect(formatMoney(-3796.7184, 'USD')).toBe('-3,796.72 USD');
  });

  test('200,000 generated amounts, cents, half-cents and ratios at 0 to 3 decimals', () => {
    const random = lcg(7);
    const formats = [0, 1, 2, 3].map(intl);
    const mismatches: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const magnitude = 10 ** Math.floor(random() * 16);
      const raw = (random() - 0.5) * 2 * magnitude;
      for (const v of [raw, Math.round(raw * 100) / 100, Math.round(raw * 2000) / 2000, raw / magnitude]) {
        for (let d = 0; d <= 3; d++) {
          // formatNumber writes values that round to zero as 0 (never "-0.00").
          const expected = formats[d].format(Math.abs(v) < 0.5 * 10 ** -d ? 0 : v);
          const got = formatNumber(v, d);
          if (got !== expected && mismatches.length < 5) mismatches.push(`${v} at ${d}: ${got} ≠ ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('viewHref writes what URLSearchParams writes', () => {
  /** The reference: the view parameters of `url`, then `extra`, through URLSearchParams. */
  function reference(url: URL, pathname: string, extra: Record<string, string | number | null>): string {
    const params = new URLSearchParams();
    for (const key of ['as_of', 'segment', 'region', 'currency']) {
      const value = url.searchParams.get(key);
      if (value) params.set(key, value);
    }
    for (const [key, value] of Object.entries(extra)) if (value !== null && value !== '') params.set(key, String(value));
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  }

  test('a worked example: spaces as +, reserved and non-ASCII characters escaped, a view key replaced in place', () => {
    const url = new URL('http://localhost/aging?as_of=2026-10-31&segment=Public sector&region=Asia (APAC)&sort=-ar');
    expect(viewHref(url, '/aging/invoices', { customer: "O'Neil & Co~中", as_of: '2026-09-30', bucket: '120+' })).toBe(
      "/aging/invoices?as_of=2026-09-30&segment=Public+sector&region=Asia+%28APAC%29&customer=O%27Neil+%26+Co%7E%E4%B8%AD&bucket=120%2B",
    );
    expect(viewHref(new URL('http://localhost/'), '/aging')).toBe('/aging');
  });

  test('5,000 generated URLs with awkward characters', () => {
    const random = lcg(11);
    const alphabet = ['a', 'Z', '7', ' ', '!', "'", '(', ')', '~', '*', '-', '_', '.', '&', '=', '+', '%', '/', '?', '#', 'é', '中', '😀', ','];
    const text = () => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const mismatches: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const url = new URL('http://localhost/page');
      for (const key of ['as_of', 'segment', 'region', 'currency', 'page']) if (random() < 0.6) url.searchParams.set(key, text());
      const extra: Record<string, string | number | null> = {};
      for (const key of ['customer', 'bucket', 'segment', text()]) extra[key] = random() < 0.25 ? null : random() < 0.2 ? 42 : text();
      const expected = reference(url, '/to', extra);
      const got = viewHref(url, '/to', extra);
      if (got !== expected && mismatches.length < 5) mismatches.push(`${url.search} ${JSON.stringify(extra)}: ${got} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  test("a row's drill-down links are the view's link with the customer, the cell and the bucket edges", () => {
    const url = new URL('http://localhost/aging?as_of=2026-10-31&currency=EUR&q=x');
    const row = drillHrefs(url, 'C 001', '15,45');
    for (const cell of ['ar', 'current', '1-15', '46+', 'overdue', 'unapplied']) {
      expect(row(cell)).toBe(viewHref(url, '/aging/invoices', { customer: 'C 001', bucket: cell, buckets: '15,45' }));
    }
    expect(drillHref(url, 'overdue', null, null)).toBe('/aging/invoices?as_of=2026-10-31&currency=EUR&bucket=overdue');
    expect(row('46+')).toBe('/aging/invoices?as_of=2026-10-31&currency=EUR&customer=C+001&bucket=46%2B&buckets=15%2C45');
    expect(drillHrefs(new URL('http://localhost/aging'), null, null)('ar')).toBe('/aging/invoices?bucket=ar');
  });
});
