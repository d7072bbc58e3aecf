// The aging table's URL state (buckets, sort, page, search) and its rows: searched, sorted with
// empty values last, paged with a page past the end showing the last.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, test } from 'vitest';
import { agingParamsFromUrl, pageOf } from '$lib/server/page-params';
import type { CustomerAging } from '$lib/types';
import { nextSort, parseSort, sortParam } from '$lib/url-state';
import { searchRows, sortRows, startsDescending, tableRow, type AgingTableRow } from '../../src/lib/aging-table.ts';

const url = (query: string) => new URL(`http://x/aging?${query}`);
const labels = ['current', '1-30', '31-60', '61-90', '91-120', '120+'];

function customer(id: string, name: string, ar: number, overdue: number, extra: Partial<CustomerAging> = {}): AgingTableRow {
  const row = { customer_id: id, name, ar, unapplied: 0, overdue, credit_limit: null, utilisation: null, current: ar - overdue, '1-30': overdue, dbt: null, ...extra } as CustomerAging;
  return tableRow(row, labels);
}

const rows = [
  customer('C3', 'Globex Trading', 300, 0, { credit_limit: 1000, utilisation: 0.3, dbt: 4 }),
  customer('C1', 'Acme Foods', 100, 50, { dbt: 12.5 }),
  customer('C2', 'ACME Logistics', 200, 150, { credit_limit: 500, utilisation: 0.4 }),
  customer('C10', 'Zeta', -20, 0),
];

describe('agingParamsFromUrl', () => {
  test('defaults: spec buckets, AR largest first, page 1, no search', () => {
    expect(agingParamsFromUrl(url(''))).toEqual({
      edges: [30, 60, 90, 120],
      labels,
      bucketsParam: null,
      sort: { key: 'ar', desc: true },
      page: 1,
      q: '',
    });
  });

  test('buckets are checked by parseBucketEdges; bad ones are a 400 with its message', () => {
    const p = agingParamsFromUrl(url('buckets=15, 45,90&sort=46-90&page=2&q=%20acme%20'));
    expect(p.edges).toEqual([15, 45, 90]);
    expect(p.bucketsParam).toBe('15,45,90');
    expect(p.sort).toEqual({ key: '46-90', desc: false });
    expect(p.page).toBe(2);
    expect(p.q).toBe('acme');
    for (const bad of ['buckets=90,30', 'buckets=abc', 'page=0', 'page=-1', 'page=2.5']) {
      try {
        agingParamsFromUrl(url(bad));
        expect.unreachable(bad);
      } catch (err) {
        expect(isHttpError(err) && err.status).toBe(400);
      }
    }
  });

  test('a sort key that is not a column (or a bucket of other edges) falls back to AR descending', () => {
    expect(agingParamsFromUrl(url('sort=name;drop table')).sort).toEqual({ key: 'ar', desc: true });
    expect(agingParamsFromUrl(url('sort=-31-60&buckets=15,45')).sort).toEqual({ key: 'ar', desc: true });
    expect(agingParamsFromUrl(url('sort=-31-60')).sort).toEqual({ key: '31-60', desc: true });
  });
});

describe('sort state in the URL', () => {
  test('"-key" is descending; choosing the same column flips it, a new one starts in its natural order', () => {
    expect(parseSort('-overdue', ['overdue'], { key: 'ar', desc: true })).toEqual({ key: 'overdue', desc: true });
    expect(sortParam({ key: 'name', desc: false })).toBe('name');
    expect(nextSort({ key: 'ar', desc: true }, 'ar', true)).toEqual({ key: 'ar', desc: false });
    expect(nextSort({ key: 'ar', desc: true }, 'name', startsDescending('name'))).toEqual({ key: 'name', desc: false });
    expect(nextSort({ key: 'name', desc: false }, 'overdue', startsDescending('overdue'))).toEqual({ key: 'overdue', desc: true });
  });
});

describe('aging rows', () => {
  test('search matches id or name, ignoring case', () => {
    expect(searchRows(rows, 'acme').map((r) => r.customer_id)).toEqual(['C1', 'C2']);
    expect(searchRows(rows, 'c1').map((r) => r.customer_id)).toEqual(['C1', 'C10']);
    expect(searchRows(rows, '  ').length).toBe(4);
  });

  test('sorts numbers, text (natural, case-blind) and bucket columns; empty values last either way', () => {
    const ids = (key: string, desc: boolean) => sortRows(rows, { key, desc }).map((r) => r.customer_id);
    expect(ids('ar', true)).toEqual(['C3', 'C2', 'C1', 'C10']);
    expect(ids('customer_id', false)).toEqual(['C1', 'C2', 'C3', 'C10']);
    expect(ids('name', false)).toEqual(['C1', 'C2', 'C3', 'C10']);
    expect(ids('1-30', true)).toEqual(['C2', 'C1', 'C10', 'C3']);
    expect(ids('credit_limit', true)).toEqual(['C3', 'C2', 'C1', 'C10']);
    expect(ids('credit_limit', false)).toEqual(['C2', 'C3', 'C1', 'C10']);
    expect(ids('dbt', false)).toEqual(['C3', 'C1', 'C10', 'C2']);
  });

  test('overdue share is null without a positive balance', () => {
    expect(rows[1].overdue_ratio).toBe(0.5);
    expect(rows[3].overdue_ratio).toBeNull();
  });

  test('pages of 50; a page past the end shows the last', () => {
    const many = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(many, 1)).toMatchObject({ page: 1, pages: 3, rows: many.slice(0, 50) });
    expect(pageOf(many, 3).rows).toEqual(many.slice(100));
    expect(pageOf(many, 9)).toMatchObject({ page: 3, pages: 3 });
    expect(pageOf([], 4)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});
