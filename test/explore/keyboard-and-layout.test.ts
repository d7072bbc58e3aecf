// The brushes from the keyboard (arrow keys move a pick, Shift resizes it, Escape clears it) and
// the server's binned answer laid out as the in-browser views lay out their bins.
import { describe, expect, test } from 'vitest';
import { binnedAggregates, binnedLayout, type ExploreBins } from '../../src/lib/explore/binned.ts';
import { boxKey, rangeKey } from '../../src/lib/explore/keyboard.ts';

const key = (k: string, shiftKey = false) => ({ key: k, shiftKey });

describe('brushes from the keyboard', () => {
  test('on a row of 10 bins: a first arrow picks an end bin, arrows move the pick, Shift moves its end', () => {
    expect(rangeKey(key('ArrowRight'), null, 10, 'horizontal')).toEqual([0, 1]);
    expect(rangeKey(key('ArrowLeft'), null, 10, 'horizontal')).toEqual([9, 10]);
    expect(rangeKey(key('ArrowRight'), [2, 4], 10, 'horizontal')).toEqual([3, 5]);
    expect(rangeKey(key('ArrowLeft'), [0, 2], 10, 'horizontal')).toEqual([0, 2]); // already at the start
    expect(rangeKey(key('ArrowRight', true), [2, 4], 10, 'horizontal')).toEqual([2, 5]);
    expect(rangeKey(key('ArrowLeft', true), [2, 4], 10, 'horizontal')).toEqual([2, 3]);
    expect(rangeKey(key('ArrowLeft', true), [2, 3], 10, 'horizontal')).toEqual([2, 3]); // never narrower than one bin
    expect(rangeKey(key('End'), [2, 5], 10, 'horizontal')).toEqual([7, 10]);
    expect(rangeKey(key('Home'), [2, 5], 10, 'horizontal')).toEqual([0, 3]);
    expect(rangeKey(key('Escape'), [2, 5], 10, 'horizontal')).toBeNull();
    expect(rangeKey(key('Escape'), null, 10, 'horizontal')).toBeUndefined(); // nothing to clear: the key is not taken
    expect(rangeKey(key('a'), [2, 5], 10, 'horizontal')).toBeUndefined();
  });

  test('on the scatter: the first arrow picks the middle cell; Left/Right move amounts, Up/Down days', () => {
    // 6 × 4 cells: the middle one is (3, 2).
    const first = boxKey(key('ArrowUp'), null, 6, 4);
    expect(first).toEqual({ x: [3, 4], y: [2, 3] });
    expect(boxKey(key('ArrowRight'), first!, 6, 4)).toEqual({ x: [4, 5], y: [2, 3] });
    expect(boxKey(key('ArrowUp'), first!, 6, 4)).toEqual({ x: [3, 4], y: [3, 4] });
    expect(boxKey(key('ArrowDown', true), { x: [3, 4], y: [1, 3] }, 6, 4)).toEqual({ x: [3, 4], y: [1, 2] });
    expect(boxKey(key('ArrowRight', true), first!, 6, 4)).toEqual({ x: [3, 5], y: [2, 3] });
    expect(boxKey(key('Escape'), first!, 6, 4)).toBeNull();
    expect(boxKey(key('Enter'), first!, 6, 4)).toBeUndefined();
  });
});

describe('the server\'s bins laid out for the views', () => {
  const answer: ExploreBins = {
    invoices: 5,
    y: 'days_to_pay',
    edges: { x: [1, 10, 100], y: [0, 30, 60], dbt: [-10, 0, 10] },
    months: ['2024-01', '2024-02'],
    views: {
      scatter: [{ bin: '3', count: 1, amount: 12.34, total_count: 2, total_amount: 20 }],
      dbt: [{ bin: '1', count: 2, amount: 5, total_count: 2, total_amount: 5 }],
      month: [{ bin: '2024-02', count: 3, amount: 0.3, total_count: 4, total_amount: 0.4 }],
      tier: [
        { bin: 'watch', count: 1, amount: 1, total_count: 1, total_amount: 1 },
        { bin: 'vip', count: 1, amount: 2, total_count: 1, total_amount: 2 },
        { bin: '~none', count: 0, amount: 0, total_count: 1, total_amount: 3 },
      ],
      terms: [
        { bin: '60', count: 1, amount: 1, total_count: 1, total_amount: 1 },
        { bin: '15', count: 1, amount: 1, total_count: 1, total_amount: 1 },
      ],
    },
    summary: { count: 3, amount: 0.3, settled: 0, dbt: null, daysToPay: null, onTimeRate: null },
  };

  test('category values come in the in-browser order (tiers by rank, terms by days), "none" last', () => {
    const layout = binnedLayout(answer);
    expect(layout.categories.tier.values).toEqual(['vip', 'watch', null]);
    expect(layout.categories.terms.values).toEqual([15, 60, null]);
    expect(layout.categories.segment.values).toEqual([null]);
  });

  test('each view becomes arrays in bin order, amounts in whole cents', () => {
    const layout = binnedLayout(answer);
    const [scatter, dbt, month, , , , , tier] = binnedAggregates(answer, layout);
    // 2 × 2 cells; cell 3 = amount bin 1 × 2 + days bin 1; 12.34 → 1234 cents.
    expect(Array.from(scatter.aggregates.count)).toEqual([0, 0, 0, 1]);
    expect(Array.from(scatter.aggregates.amountCents)).toEqual([0, 0, 0, 1234]);
    expect(Array.from(scatter.totals.count)).toEqual([0, 0, 0, 2]);
    expect(Array.from(dbt.aggregates.count)).toEqual([0, 2]);
    // 0.3 and 0.4 are not exact binary numbers: they arrive as 30 and 40 cents.
    expect(Array.from(month.aggregates.amountCents)).toEqual([0, 30]);
    expect(Array.from(month.totals.amountCents)).toEqual([0, 40]);
    expect(Array.from(tier.totals.amountCents)).toEqual([200, 100, 300]);
  });
});
