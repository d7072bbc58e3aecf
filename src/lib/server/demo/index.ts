/** Builds a realistic, deterministic demo book inside DuckDB (queries/demo_*.sql), in one transaction. */
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { execute, query, type Params } from '../sql.ts';
import { refreshSettlements } from '../settlements.ts';
import { emptyBook } from './replace.ts';
import { deferPrimaryKeys } from '../import/deferred-keys.ts';
import { demoDigest, demoFileName, resolveDemoOptions, type DemoOptions } from './options.ts';

export { DEMO_DEFAULTS, resolveDemoOptions, demoDigest, demoFileName } from './options.ts';
export type { DemoOptions, DemoParameters } from './options.ts';

/** What a demo wrote: `duesight demo --json` prints this object. */
export interface DemoSummary {
  seed: number;
  customers: number;
  invoices: number;
  /** Applied payments and unapplied cash. */
  payments: number;
  /** Credit notes, discounts and write-offs. */
  adjustments: number;
  fx_rates: number;
  /** ISO date of the first day of the history (three years before `end`, plus one day). */
  start: string;
  end: string;
  /** Wall-clock time of the whole transaction, commit included. */
  seconds: number;
  /** The import_log row the demo's rows point to. */
  import_id: number;
}

// Order matters: each stage reads what the earlier ones wrote (profiles need customers,
// payments need credit notes, discounts and write-offs need payments).
const STAGES: readonly (readonly [stage: string, file: string])[] = [
  ['customers', 'demo_customers'],
  ['behaviour profiles', 'demo_profiles'],
  ['invoices', 'demo_invoices'],
  ['credit limits', 'demo_credit_limits'],
  ['credit notes', 'demo_credit_notes'],
  ['payments', 'demo_payments'],
  ['unapplied cash', 'demo_unapplied_cash'],
  ['discounts', 'demo_discounts'],
  ['write-offs', 'demo_write_offs'],
  ['FX rates', 'demo_fx_rates'],
  ['base currency', 'demo_base_currency'],
];
// Besides the SQL stages: emptying (with --replace), the primary keys, settlements, and the import log.
const STAGE_COUNT = STAGES.length + 4;

// The tables whose keys are declared after their rows are in. Not payments: their ten million
// keys cost more to build at commit (measured) than to check as they arrive in key order.
const DEFERRED_KEYS = ['customers', 'invoices', 'adjustments'] as const;

interface BookSize { customers: number; invoices: number; fx_rates: number }
interface Counts { customers: number; invoices: number; payments: number; adjustments: number; fx_rates: number; start: string; end: string }

/**
 * Fills `db` with a demo book: customers with planted payment behaviours (demo_profiles),
 * three years of invoices to `end`, their payments, credit notes, discounts and write-offs,
 * unapplied cash, and daily EUR and CNY rates. The same options always give the same rows.
 * Refuses a book that already holds customers, invoices or FX rates unless `replace`.
 */
export async function generateDemo(db: Database, options: DemoOptions = {}): Promise<DemoSummary> {
  const p = resolveDemoOptions(options);
  const progress = options.onProgress ?? (() => undefined);
  const started = new Date();
  const t0 = performance.now();
  const summary = await db.write(async (conn) => {
    let done = 0;
    const stage = (name: string) => progress(done++, STAGE_COUNT, name);

    stage('checking the database');
    const [size] = await query<BookSize>(conn, 'demo_book_size');
    if (size.customers > 0 || size.invoices > 0 || size.fx_rates > 0) {
      if (!options.replace) {
        throw new DuesightError(
          `The database ${db.path} already holds ${size.customers} customers, ${size.invoices} invoices and ` +
            `${size.fx_rates} FX rates; the demo only fills an empty book. Use --replace to delete them first, or another --db.`,
        );
      }
      await emptyBook(conn);
    }

    const [{ import_id }] = await query<{ import_id: number }>(conn, 'demo_next_import_id');
    const params: Params = { ...p, import_id };
    const keys = await deferPrimaryKeys(conn, DEFERRED_KEYS);
    for (const [name, file] of STAGES) {
      stage(name);
      await execute(conn, file, params);
    }
    stage('primary keys');
    await keys.declare();

    stage('settlements');
    // Every row the demo writes carries its currency (and an adjustment its customer): nothing to derive.
    await refreshSettlements(conn, true, { derive: false });

    stage('import log and commit');
    const [counts] = await query<Counts>(conn, 'demo_counts', params);
    await execute(conn, 'demo_import_log', {
      import_id,
      file_name: demoFileName(p),
      sha256: demoDigest(p),
      rows: counts.customers + counts.invoices + counts.payments + counts.adjustments + counts.fx_rates,
      started_at: started.toISOString(),
      finished_at: new Date().toISOString(),
    });
    return { seed: p.seed, ...counts, import_id };
  });
  const seconds = Math.round(performance.now() - t0) / 1000;
  progress(STAGE_COUNT, STAGE_COUNT, 'done');
  return {
    seed: summary.seed,
    customers: summary.customers,
    invoices: summary.invoices,
    payments: summary.payments,
    adjustments: summary.adjustments,
    fx_rates: summary.fx_rates,
    start: summary.start,
    end: summary.end,
    seconds,
    import_id: summary.import_id,
  };
}
