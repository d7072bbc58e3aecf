// The overview's warnings panel: the most severe warnings first and, within a severity, those
// whose condition began most recently; only a few.
import { describe, expect, test } from 'vitest';
import type { Warning } from '../../src/lib/risk/types.ts';
import { newestWarnings } from '../../src/lib/server/newest-warnings.ts';

const warning = (name: string, severity: Warning['severity'], since: string): Warning => ({
  customer_id: name === 'Portfolio' ? null : name, name, rule: 'past_90', severity, since, message: `${name} is late`, values: {},
});

describe('newestWarnings', () => {
  const all = [
    warning('Alpha', 'medium', '2026-09-30'),
    warning('Bravo', 'high', '2026-04-30'),
    warning('Charlie', 'low', '2026-10-31'),
    warning('Delta', 'high', '2026-08-31'),
    warning('Echo', 'high', '2026-08-31'),
    warning('Portfolio', 'medium', '2026-10-31'),
  ];

  test('high before medium before low; within one, the latest start first, then by name', () => {
    expect(newestWarnings(all, 10).map((w) => w.name)).toEqual(['Delta', 'Echo', 'Bravo', 'Portfolio', 'Alpha', 'Charlie']);
  });

  test('keeps only the first few, and leaves its input alone', () => {
    const before = all.map((w) => w.name);
    expect(newestWarnings(all, 3).map((w) => w.name)).toEqual(['Delta', 'Echo', 'Bravo']);
    expect(all.map((w) => w.name)).toEqual(before);
    expect(newestWarnings([], 5)).toEqual([]);
  });
});
