/**
 * kpiTrend: one point per month-end from `from` to `to`, each equal to portfolioKpis at that
 * month-end. The worked example's book at 2024-02-29 and 2024-03-31, hand-computed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBook, workedExample } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import type { PortfolioKpis } from '../../src/lib/types.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { kpiTrend } from '../../src/lib/server/trends.ts';
import { expectNulls } from './helpers.ts';

let db: Database;
beforeAll(async () => {
  db = await openBook(workedExample);
});
afterAll(async () => {
  await db?.close();
});

describe('kpi trend over the worked example', () => {
  let points: PortfolioKpis[];
  beforeAll(async () => {
    points = await kpiTrend(db, { from: '2024-02', to: '2024-03' });
  });

  test('one point per month-end, in order', () => {
    expect(points.map((p) => p.as_of)).toEqual(['2024-02-29', '2024-03-31']);
    expect(points.map((p) => p.window_days)).toEqual([90, 90]);
  });

  test('2024-02-29 by hand', () => {
    // D = 2024-02-29, W = 90, S = 2023-12-01 (Feb 29 → Jan 31 = 29, → Dec 31 = 31, → Dec 1 = 30).
    // A: 1000 − 600 (02-10) = 400, due 02-04, dpd 25 → 1-30. B: 500 (credit note 03-01 is after D),
    // due 03-02, dpd −2 → current. C and D not booked.
    const k = points[0];
    expect(k.ar).toBe(900);
    expect(k.aging).toEqual({ current: 500, '1-30': 400, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0 });
    expect(k.current).toBe(500);
    expect(k.overdue).toBe(400);
    expect(k.overdue_ratio).toBeCloseTo(400 / 900, 9);
    expect(k.ar_start).toBe(0);
    expect(k.sales).toBe(1500); // A 1000 + B 500
    expect(k.collections).toBe(600);
    expect(k.write_offs).toBe(0);
    expect(k.dso).toBeCloseTo((900 / 1500) * 90, 9); // 54
    expect(k.best_possible_dso).toBeCloseTo((500 / 1500) * 90, 9); // 30
    expect(k.add).toBeCloseTo(24, 9);
    expect(k.cei).toBeCloseTo(((0 + 1500 - 900) / (0 + 1500 - 500)) * 100, 9); // 60
    expect(k.turnover).toBeCloseTo((1500 / (900 / 2)) * (365 / 90), 9);
    expect(k.turnover_days).toBeCloseTo((450 / 1500) * 90, 9); // 27
    expect(k.bad_debt_rate).toBe(0);
    // countback: R = 900; M0 = Feb 1–29 (29) s = 500 → R = 400, 29; January (31) s = 1000 > 400 → + 400/1000 × 31
    expect(k.countback_dso).toBeCloseTo(29 + (400 / 1000) * 31, 9); // 41.4
    expect(k.open_invoices).toBe(2);
    expect(k.customers_with_balance).toBe(1);
    // A settles on 03-20, after D: nothing settled in P
    expectNulls(k, ['dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('2024-03-31 is the worked example', () => {
    const k = points[1];
    expect(k.ar).toBe(1200);
    expect(k.sales).toBe(2200);
    expect(k.collections).toBe(1000);
    expect(k.dso).toBeCloseTo((1200 / 2200) * 90, 9);
    expect(k.cei).toBeCloseTo((1000 / 1400) * 100, 9);
    expect(k.countback_dso).toBeCloseTo(60, 9);
    expect(k.dbt).toBeCloseTo(45, 9);
    expect(k.days_to_pay).toBeCloseTo(75, 9);
  });

  test('each point equals portfolioKpis at its month-end', async () => {
    expect(points[0]).toEqual(await portfolioKpis(db, { asOf: '2024-02-29' }));
    expect(points[1]).toEqual(await portfolioKpis(db, { asOf: '2024-03-31' }));
  });

  test('the window is passed through', async () => {
    // W = 30 at 2024-03-31: S = 2024-03-01; AR(S) = A 400 + B 400 = 800; sales = C 800 (the credit note is at S)
    const [k] = await kpiTrend(db, { from: '2024-03', to: '2024-03', windowDays: 30 });
    expect(k.as_of).toBe('2024-03-31');
    expect(k.window_days).toBe(30);
    expect(k.ar_start).toBe(800);
    expect(k.sales).toBe(800);
    expect(k.dso).toBeCloseTo((1200 / 800) * 30, 9); // 45
  });
});
