/**
 * Small helpers for the hand-computed KPI tests (test/kpi/*.test.ts).
 * Nothing here computes an expected value: every expectation is worked out by hand in the tests.
 */
import { expect } from 'vitest';
import { openBook, type Book } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import type { PortfolioKpis } from '../../src/lib/types.ts';

/** Opens `book` in a fresh in-memory database, runs `fn`, and always closes the database. */
export async function withBook<T>(book: Book, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openBook(book);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The due-basis bucket labels for the default edges 30, 60, 90, 120. */
export const DUE_LABELS = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;

/** The invoice-basis bucket labels for the default edges 30, 60, 90, 120. */
export const INVOICE_LABELS = ['0-30', '31-60', '61-90', '91-120', '120+'] as const;

/** The KPIs that may be null (PortfolioKpis fields typed `number | null`). */
export const NULLABLE_KPIS = [
  'overdue_ratio', 'dso', 'best_possible_dso', 'add', 'cei', 'turnover', 'turnover_days',
  'bad_debt_rate', 'dbt', 'days_to_pay', 'on_time_rate',
] as const;
export type NullableKpi = (typeof NULLABLE_KPIS)[number];

/**
 * Asserts that exactly the KPIs in `names` are null, each with a non-empty sentence in
 * `null_reasons`, and that every other nullable KPI is a finite number with no reason given.
 */
export function expectNulls(k: PortfolioKpis, names: readonly NullableKpi[]): void {
  for (const name of NULLABLE_KPIS) {
    if (names.includes(name)) {
      expect(k[name], `${name} should be null`).toBeNull();
      expect(typeof k.null_reasons[name], `null_reasons.${name}`).toBe('string');
      expect(k.null_reasons[name].trim().length, `null_reasons.${name} is empty`).toBeGreaterThan(0);
    } else {
      expect(typeof k[name], `${name} should be a number`).toBe('number');
      expect(Number.isFinite(k[name] as number), `${name} should be finite`).toBe(true);
    }
  }
  expect(Object.keys(k.null_reasons).sort()).toEqual([...names].sort());
}
