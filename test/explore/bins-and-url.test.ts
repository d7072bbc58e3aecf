// Bin edges, the bin of a value, snapping a brush to bins, and the selection's round trip through the URL.
import { describe, expect, test } from 'vitest';
import { binOf, dayEdges, logEdges, roundSignificant, snapRange } from '../../src/lib/explore/bins.ts';
import { emptySelection, toggleCategory } from '../../src/lib/explore/selection.ts';
import { decodeSelection, encodeSelection } from '../../src/lib/explore/url-codec.ts';

describe('bins', () => {
  test('day edges: whole multiples of a nice width covering the data', () => {
    // span -12..40 = 53 days; at most 10 bins → width 7 (53/5 = 10.6 > 10, 53/7 = 7.6 ≤ 10); first edge floor(-12/7)×7 = -14.
    expect(dayEdges(-12, 40, 10)).toEqual([-14, -7, 0, 7, 14, 21, 28, 35, 42]);
    expect(dayEdges(0, 0, 10)).toEqual([0, 1]);
  });

  test('log edges: three significant digits, first at or below the minimum, last above the maximum', () => {
    const e = logEdges(12.34, 98_765, 8);
    expect(e[0]).toBe(12.3);
    expect(e[e.length - 1]).toBeGreaterThan(98_765);
    expect(e.every((x) => roundSignificant(x) === x)).toBe(true);
    expect(e.every((x, i) => i === 0 || x > e[i - 1])).toBe(true);
  });

  test('a value belongs to the bin [edge, next edge); outside the edges to none', () => {
    const edges = [0, 10, 20, 30];
    expect([0, 9.99, 10, 29.99, 30, -1].map((v) => binOf(edges, v))).toEqual([0, 0, 1, 2, -1, -1]);
  });

  test('a brush snaps outwards to whole bins', () => {
    expect(snapRange([0, 10, 20, 30], [12, 18])).toEqual([10, 20]);
    expect(snapRange([0, 10, 20, 30], [10, 20])).toEqual([10, 20]);
    expect(snapRange([0, 10, 20, 30], [-5, 99])).toEqual([0, 30]);
  });
});

describe('the selection in the URL', () => {
  test('round-trips ranges, months, categories (with "none") and the scatter measure', () => {
    const s = emptySelection('days_beyond_terms');
    s.amount = [1230, 45_600];
    s.ydays = [-7, 14];
    s.dbt = [0, 30];
    s.month = ['2025-01', '2025-06'];
    s.categories.segment = ['Enterprise', null];
    s.categories.terms = [30, 60];
    const query = encodeSelection(s, new URLSearchParams('as_of=2026-10-31&segment=SMB')).toString();
    expect(query).toBe(
      'as_of=2026-10-31&segment=SMB&y=dbt&amount=1230..45600&ydays=-7..14&dbt=0..30&month=2025-01..2025-06' +
        '&pick_segment=Enterprise&pick_segment=%7Enone&pick_terms=30&pick_terms=60',
    );
    const back = decodeSelection(new URLSearchParams(query));
    expect(back.problems).toEqual([]);
    expect(back.selection).toEqual(s);
  });

  test('unreadable parts are named, not guessed', () => {
    const { selection, problems } = decodeSelection(new URLSearchParams('amount=5..1&month=2025-13..2025-01&y=up&pick_terms=soon'));
    expect(selection).toEqual(emptySelection());
    expect(problems).toEqual([
      'The scatter measure "up" is not one of: dtp, dbt.',
      'The amount range "5..1" is not two numbers lo..hi with lo below hi.',
      'The month range "2025-13..2025-01" is not two months YYYY-MM..YYYY-MM, the first not after the last.',
      'The terms "soon" are not a whole number of days.',
    ]);
  });

  test('clicking a bar picks it, clicking again unpicks it, and no pick is no filter', () => {
    expect(toggleCategory(null, 'A')).toEqual(['A']);
    expect(toggleCategory(['A'], 'B')).toEqual(['A', 'B']);
    expect(toggleCategory(['A'], 'A')).toBeNull();
  });
});
