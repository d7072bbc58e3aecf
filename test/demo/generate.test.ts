// generateDemo as a library call: defaults and checks of its options, progress reports,
// refusing a non-empty book, and --replace leaving nothing of the old book behind.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { DuesightError } from '../../src/lib/server/errors.ts';
import { DEMO_DEFAULTS, demoDigest, generateDemo, resolveDemoOptions } from '../../src/lib/server/demo/index.ts';
import { value } from './helpers.ts';

describe('demo options', () => {
  test('defaults: 2,000 customers, 200,000 invoices, seed 1, a fixed end date', () => {
    expect(resolveDemoOptions()).toEqual({ customers: 2000, invoices: 200_000, seed: 1, end: '2026-10-31' });
    expect(DEMO_DEFAULTS.end).toBe('2026-10-31');
  });

  test('bad values are refused with a sentence naming them', () => {
    expect(() => resolveDemoOptions({ customers: 0 })).toThrow(/number of customers must be a whole number from 1/);
    expect(() => resolveDemoOptions({ invoices: 1.5 })).toThrow(DuesightError);
    expect(() => resolveDemoOptions({ seed: -1 })).toThrow(/seed/);
    expect(() => resolveDemoOptions({ end: '2026-02-29' })).toThrow(/ISO date/);
  });

  test('the fingerprint depends on every parameter and nothing else', () => {
    const p = resolveDemoOptions();
    expect(demoDigest(p)).toBe(demoDigest({ ...p }));
    expect(demoDigest({ ...p, seed: 2 })).not.toBe(demoDigest(p));
    expect(demoDigest({ ...p, end: '2026-10-30' })).not.toBe(demoDigest(p));
  });
});

describe('generateDemo', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:');
  });
  afterAll(() => db.close());

  test('reports each stage in order, ending with done', async () => {
    const seen: [number, number | null, string][] = [];
    await generateDemo(db, { customers: 40, invoices: 800, onProgress: (done, total, stage) => seen.push([done, total, stage]) });
    expect(seen.map(([done]) => done)).toEqual(seen.map((_, i) => i));
    expect(seen.at(-1)).toEqual([seen.length - 1, seen.length - 1, 'done']);
    expect(seen.map(([, , stage]) => stage)).toContain('invoices');
  });

  test('refuses a book that holds data, and changes nothing', async () => {
    await expect(generateDemo(db, { customers: 10, invoices: 100 })).rejects.toThrow(/already holds 40 customers, 800 invoices.*--replace/);
    expect(await value(db, 'SELECT count(*)::INTEGER FROM invoices')).toBe(800);
  });

  test('replace swaps the whole book, leaving no stale rows', async () => {
    const summary = await generateDemo(db, { customers: 25, invoices: 300, seed: 5, end: '2025-06-30', replace: true });
    expect(summary).toMatchObject({ customers: 25, invoices: 300, start: '2022-07-01', end: '2025-06-30' });
    expect(await value(db, 'SELECT count(*)::INTEGER FROM customers')).toBe(25);
    expect(await value(db, 'SELECT count(*)::INTEGER FROM demo_profiles')).toBe(25);
    expect(await value(db, `SELECT count(*)::INTEGER FROM fx_rates WHERE date > DATE '2025-06-30'`)).toBe(0);
    expect(await value(db, 'SELECT count(*)::INTEGER FROM payments p ANTI JOIN invoices i USING (invoice_id) WHERE p.invoice_id IS NOT NULL')).toBe(0);
    expect(await value(db, `SELECT count(*)::INTEGER FROM import_log WHERE kind = 'demo'`)).toBe(2);
  });

  test('replace leaves no derived row of an old invoice behind', async () => {
    // Whatever tables derive from invoices (settlement status and the like), found from the catalog.
    const derived = await db.read(async (conn) =>
      (await conn.runAndReadAll(
        `SELECT table_name FROM information_schema.columns
         WHERE column_name = 'invoice_id' AND table_name NOT IN ('invoices', 'payments', 'adjustments')`,
      )).getRows().map(([name]) => String(name)),
    );
    for (const table of derived) {
      const stale = await value(db, `SELECT count(*)::INTEGER FROM "${table}" t ANTI JOIN invoices i ON i.invoice_id = t.invoice_id`);
      expect(stale, table).toBe(0);
    }
  });
});
