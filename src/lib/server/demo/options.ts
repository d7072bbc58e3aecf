/** What a demo book is built from (sizes, seed, end date), checked, with its defaults and fingerprint. */
import { createHash } from 'node:crypto';
import type { ProgressListener } from '../../types.ts';
import { DuesightError } from '../errors.ts';

/** What the caller may ask of `generateDemo`; every field has a default. */
export interface DemoOptions {
  /** Number of customers, default 2,000. */
  customers?: number;
  /** Number of invoices over the three years, default 200,000. */
  invoices?: number;
  /** The same seed and sizes always give the same book. Default 1. */
  seed?: number;
  /** ISO date of the last day of the history (default 2026-10-31, never today, so books repeat). */
  end?: string;
  /** Delete the customers, invoices, payments, adjustments and FX rates already there first. */
  replace?: boolean;
  /** Told before each stage, and once more when done. */
  onProgress?: ProgressListener;
}

/** The resolved parameters, as bound to the queries/demo_*.sql files. */
export interface DemoParameters {
  customers: number;
  invoices: number;
  seed: number;
  end: string;
}

/** The defaults of `duesight demo`. */
export const DEMO_DEFAULTS: Readonly<DemoParameters> = Object.freeze({
  customers: 2_000,
  invoices: 200_000,
  seed: 1,
  end: '2026-10-31',
});

const LABELS = { customers: 'number of customers', invoices: 'number of invoices', seed: 'seed' } as const;

const LIMITS = {
  customers: [1, 1_000_000],
  // Invoice ids have eight digits.
  invoices: [1, 99_999_999],
  // Bound as a 32-bit INTEGER, whose hash every draw starts from.
  seed: [0, 2_147_483_647],
} as const;

function wholeNumber(name: keyof typeof LIMITS, value: number | undefined): number {
  const v = value ?? DEMO_DEFAULTS[name];
  const [min, max] = LIMITS[name];
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new DuesightError(`The demo's ${LABELS[name]} must be a whole number from ${min} to ${max} (got ${String(value)}).`);
  }
  return v;
}

function isoDate(value: string | undefined): string {
  const v = value ?? DEMO_DEFAULTS.end;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== v) {
    throw new DuesightError(`The demo's end date must be an ISO date YYYY-MM-DD (got "${v}").`);
  }
  return v;
}

/** Fills in the defaults and checks every value, with a clear error for the first bad one. */
export function resolveDemoOptions(options: DemoOptions = {}): DemoParameters {
  return {
    customers: wholeNumber('customers', options.customers),
    invoices: wholeNumber('invoices', options.invoices),
    seed: wholeNumber('seed', options.seed),
    end: isoDate(options.end),
  };
}

/** The import_log file name of a demo: what it was asked for, readable. */
export function demoFileName(p: DemoParameters): string {
  return `demo:seed=${p.seed} customers=${p.customers} invoices=${p.invoices} end=${p.end}`;
}

/** The import_log sha256 of a demo: a fingerprint of its parameters (equal parameters, equal book). */
export function demoDigest(p: DemoParameters): string {
  const canonical = JSON.stringify({ customers: p.customers, end: p.end, invoices: p.invoices, seed: p.seed });
  return createHash('sha256').update(canonical).digest('hex');
}
