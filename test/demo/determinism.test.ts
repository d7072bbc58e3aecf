// The same seed and sizes give the same book, row for row, whatever the thread count;
// another seed gives another book.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { DEMO_TABLES, SMALL, fingerprint, openDemo } from './helpers.ts';

const TABLES = Object.keys(DEMO_TABLES) as (keyof typeof DEMO_TABLES)[];

describe('demo determinism', () => {
  let single: Database;
  let multi: Database;
  let otherSeed: Database;
  beforeAll(async () => {
    single = (await openDemo(SMALL, 1)).db;
    multi = (await openDemo(SMALL, 4)).db;
    otherSeed = (await openDemo({ ...SMALL, seed: SMALL.seed + 1 })).db;
  });
  afterAll(async () => {
    await Promise.all([single, multi, otherSeed].map((db) => db.close()));
  });

  for (const table of TABLES) {
    test(`${table}: identical for the same seed on 1 and 4 threads`, async () => {
      expect(await fingerprint(multi, table)).toBe(await fingerprint(single, table));
    });
  }

  for (const table of ['customers', 'demo_profiles', 'invoices', 'payments', 'adjustments', 'fx_rates'] as const) {
    test(`${table}: different for another seed`, async () => {
      expect(await fingerprint(otherSeed, table)).not.toBe(await fingerprint(single, table));
    });
  }
});
