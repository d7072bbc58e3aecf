// The warnings timeline: open warnings counted by the ISO week (Monday to Sunday) in which their
// condition began, per severity, with the older ones counted apart.
import { describe, expect, test } from 'vitest';
import type { Warning } from '../../src/lib/risk/types.ts';
import { warningsByWeek, weekStart } from '../../src/lib/server/risk-pages.ts';

const warning = (since: string, severity: Warning['severity']): Warning => ({
  customer_id: 'C1', name: 'Customer C1', rule: 'past_60', severity, since, message: '', values: {},
});

describe('weekStart', () => {
  test('is the Monday on or before the date', () => {
    // 2026-10-31 is a Saturday; its week began on Monday 26 October.
    expect(weekStart('2026-10-31')).toBe('2026-10-26');
    expect(weekStart('2026-10-26')).toBe('2026-10-26');
    // A Sunday belongs to the week that began six days earlier.
    expect(weekStart('2026-11-01')).toBe('2026-10-26');
    // Across a month and a year end: Thursday 1 January 2026 → Monday 29 December 2025.
    expect(weekStart('2026-01-01')).toBe('2025-12-29');
  });
});

describe('warningsByWeek', () => {
  test('counts each warning once, in the week of its since date, by severity', () => {
    const asOf = '2026-10-31';
    const weeks = warningsByWeek(
      [
        warning('2026-10-31', 'high'), // week of 26 Oct
        warning('2026-10-26', 'low'), // week of 26 Oct (its Monday)
        warning('2026-10-25', 'medium'), // Sunday: week of 19 Oct
        warning('2026-10-12', 'high'), // week of 12 Oct
        warning('2026-10-11', 'high'), // before the first of three weeks (12 Oct)
        warning('2026-04-30', 'medium'), // long before
      ],
      asOf,
      3,
    );
    expect(weeks.weeks).toEqual(['2026-10-12', '2026-10-19', '2026-10-26']);
    expect(weeks.counts).toEqual([
      { high: 1, medium: 0, low: 0 },
      { high: 0, medium: 1, low: 0 },
      { high: 1, medium: 0, low: 1 },
    ]);
    expect(weeks.earlier).toEqual({ high: 1, medium: 1, low: 0 });
    // 4 in the weeks + 2 earlier = the 6 warnings.
    const inWeeks = weeks.counts.reduce((n, c) => n + c.high + c.medium + c.low, 0);
    expect(inWeeks + weeks.earlier.high + weeks.earlier.medium + weeks.earlier.low).toBe(6);
  });

  test('no warnings: every week at zero', () => {
    const weeks = warningsByWeek([], '2026-10-31', 26);
    expect(weeks.weeks).toHaveLength(26);
    expect(weeks.weeks[25]).toBe('2026-10-26');
    // 25 weeks before 26 Oct: 26 Oct − 175 days = 4 May (a Monday).
    expect(weeks.weeks[0]).toBe('2026-05-04');
    expect(weeks.counts.every((c) => c.high + c.medium + c.low === 0)).toBe(true);
  });
});
