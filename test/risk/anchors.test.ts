// The payment index's published anchors and the straight lines between them.
import { describe, expect, test } from 'vitest';
import { interpolate, paymentIndexForDays, paymentIndexTable, INDEX_TABLE_FIRST_DAY } from '../../src/lib/risk/anchors.ts';

describe('payment index anchors', () => {
  test('each published anchor gives its index', () => {
    const anchors: [number, number][] = [
      [-30, 100], [-20, 90], [0, 80], [15, 70], [22, 60], [30, 50], [60, 40], [90, 30], [120, 20],
    ];
    for (const [days, index] of anchors) expect(paymentIndexForDays(days), `${days} days`).toBe(index);
  });

  test('paid 30 days early or earlier is 100; 180 days late or later is 0 (our reading of "toward 0")', () => {
    expect(paymentIndexForDays(-45)).toBe(100);
    expect(paymentIndexForDays(180)).toBe(0);
    expect(paymentIndexForDays(400)).toBe(0);
  });

  test('straight lines between anchors', () => {
    expect(paymentIndexForDays(-25)).toBe(95); // halfway from 100 (−30) to 90 (−20)
    expect(paymentIndexForDays(-10)).toBe(85); // halfway from 90 (−20) to 80 (0)
    expect(paymentIndexForDays(6)).toBe(76); // 80 − 10 × 6/15
    expect(paymentIndexForDays(18.5)).toBe(65); // halfway from 70 (15) to 60 (22)
    expect(paymentIndexForDays(26)).toBe(55); // halfway from 60 (22) to 50 (30)
    expect(paymentIndexForDays(45)).toBe(45); // halfway from 50 (30) to 40 (60)
    expect(paymentIndexForDays(150)).toBe(10); // halfway from 20 (120) to 0 (180): 10 points per 30 days, as from 60 on
  });

  test('interpolate is flat beyond its first and last points', () => {
    const curve = [[0, 100], [10, 50]] as const;
    expect(interpolate(curve, -5)).toBe(100);
    expect(interpolate(curve, 4)).toBe(80);
    expect(interpolate(curve, 99)).toBe(50);
  });

  test('the table handed to SQL holds the index of every whole day from −30 to 180', () => {
    const table = paymentIndexTable();
    expect(table).toHaveLength(211); // −30 … 180
    expect(table[0 - INDEX_TABLE_FIRST_DAY]).toBe(80); // day 0
    expect(table[15 - INDEX_TABLE_FIRST_DAY]).toBe(70);
    expect(table.at(-1)).toBe(0);
  });
});
