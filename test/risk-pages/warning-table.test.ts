// The warnings list: severity and rule filters read from the URL (unknown values are a 400 that
// lists the choices), sorting by an allow-listed column, and each warning's numbers in their units.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, test } from 'vitest';
import type { Warning } from '$lib/risk/types';
import { filterWarnings, sortWarnings, warningCounts, warningParamsFromUrl } from '../../src/routes/warnings/warning-table.ts';
import { warningValues } from '../../src/routes/warnings/warning-values.ts';

const url = (query: string) => new URL(`http://x/warnings?${query}`);

function problem(fn: () => unknown): { status: number; message: string } | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (isHttpError(err)) return { status: err.status, message: err.body.message };
    throw err;
  }
}

const w = (customer_id: string | null, name: string, rule: Warning['rule'], severity: Warning['severity'], since: string, values: Warning['values'] = {}): Warning => ({
  customer_id, name, rule, severity, since, message: `${rule} for ${name}`, values,
});

const list: Warning[] = [
  w('C2', 'Beta', 'past_60', 'medium', '2026-10-10'),
  w('C1', 'Alpha', 'past_90', 'high', '2026-09-30'),
  w(null, 'Portfolio', 'portfolio_dso_high', 'high', '2026-08-31'),
  w('C3', 'Gamma', 'tier_downgrade', 'low', '2026-10-31'),
  w('C1', 'Alpha', 'past_60', 'medium', '2026-09-01'),
];

describe('warning list parameters', () => {
  test('no parameters: every severity and rule, most severe first, page 1', () => {
    expect(warningParamsFromUrl(url(''))).toEqual({ severity: null, rule: null, sort: { key: 'severity', desc: true }, page: 1 });
  });

  test('reads severity, rule, sort and page; an unknown sort column falls back', () => {
    expect(warningParamsFromUrl(url('severity=high&rule=past_90&sort=since&page=2'))).toEqual({
      severity: 'high', rule: 'past_90', sort: { key: 'since', desc: false }, page: 2,
    });
    expect(warningParamsFromUrl(url('sort=-message')).sort).toEqual({ key: 'severity', desc: true });
  });

  test('an unknown severity or rule, or a bad page, is a 400 saying what is allowed', () => {
    expect(problem(() => warningParamsFromUrl(url('severity=urgent')))).toEqual({
      status: 400, message: 'There is no severity "urgent"; choose one of: high, medium, low.',
    });
    const rule = problem(() => warningParamsFromUrl(url('rule=late')));
    expect(rule?.status).toBe(400);
    expect(rule?.message).toMatch(/^There is no warning rule "late"; choose one of: credit_limit_exceeded, past_60, past_90, /);
    expect(problem(() => warningParamsFromUrl(url('page=0')))?.status).toBe(400);
  });
});

describe('filtering and sorting', () => {
  test('filters by severity, by rule, and by both', () => {
    expect(filterWarnings(list, { severity: 'high', rule: null }).map((x) => x.name)).toEqual(['Alpha', 'Portfolio']);
    expect(filterWarnings(list, { severity: null, rule: 'past_60' }).map((x) => x.customer_id)).toEqual(['C2', 'C1']);
    expect(filterWarnings(list, { severity: 'medium', rule: 'past_90' })).toEqual([]);
  });

  test('severity descending: high, then medium, then low; ties portfolio first, then oldest first', () => {
    const sorted = sortWarnings(list, { key: 'severity', desc: true });
    expect(sorted.map((x) => `${x.severity}:${x.name}:${x.since}`)).toEqual([
      'high:Portfolio:2026-08-31',
      'high:Alpha:2026-09-30',
      'medium:Alpha:2026-09-01',
      'medium:Beta:2026-10-10',
      'low:Gamma:2026-10-31',
    ]);
  });

  test('since ascending and customer name ascending', () => {
    expect(sortWarnings(list, { key: 'since', desc: false }).map((x) => x.since)).toEqual(['2026-08-31', '2026-09-01', '2026-09-30', '2026-10-10', '2026-10-31']);
    expect(sortWarnings(list, { key: 'name', desc: false }).map((x) => x.name)).toEqual(['Alpha', 'Alpha', 'Beta', 'Gamma', 'Portfolio']);
  });

  test('counts per severity and per rule add up to the list', () => {
    const counts = warningCounts(list);
    expect(counts.severity).toEqual({ high: 2, medium: 2, low: 1 });
    expect(counts.rule).toEqual({ past_60: 2, past_90: 1, portfolio_dso_high: 1, tier_downgrade: 1 });
  });
});

describe('a warning’s numbers', () => {
  test('money, percentages, days, dates and tiers in their units', () => {
    const limit = w('C1', 'Alpha', 'credit_limit_exceeded', 'high', '2026-09-30', { ar: 115918.21, credit_limit: 70000, utilisation: 1.6559744285714286 });
    expect(warningValues(limit)).toEqual([
      { key: 'ar', label: 'AR', value: '115,918' },
      { key: 'credit_limit', label: 'Credit limit', value: '70,000' },
      // 115,918.21 / 70,000 = 165.6%.
      { key: 'utilisation', label: 'Limit used', value: '165.6%' },
    ]);
    const tier = w('C1', 'Alpha', 'tier_downgrade', 'medium', '2026-10-31', { from_tier: 'standard', to_tier: 'watch', from_date: '2026-09-30', score: 63.4 });
    expect(warningValues(tier).map((v) => v.value)).toEqual(['Standard', 'Watch', '30 Sep 2026', '63.4']);
  });

  test('the portfolio limit is days for DSO and a share for the overdue ratio; empty values are left out', () => {
    expect(warningValues(w(null, 'Portfolio', 'portfolio_dso_high', 'high', '2026-08-31', { dso: 71.25, limit: 60 })).map((v) => v.value)).toEqual(['71.3', '60']);
    expect(warningValues(w(null, 'Portfolio', 'portfolio_overdue_high', 'high', '2026-08-31', { overdue_ratio: 0.3, limit: 0.25, x: null })).map((v) => v.value)).toEqual(['30.0%', '25.0%']);
  });
});
