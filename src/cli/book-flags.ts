/** The flags every book command shares (as-of date, window, buckets, filters) and their reading. */
import type { BookFilter } from '../lib/types.ts';
import type { CommandContext, Flags } from './command.ts';
import { DuesightError } from '../lib/server/errors.ts';
import type { Database } from '../lib/server/db.ts';
import { bookBounds } from '../lib/server/book.ts';

export const bookOptions = {
  'as-of': { type: 'string' },
  'window-days': { type: 'string' },
  buckets: { type: 'string' },
  segment: { type: 'string' },
  region: { type: 'string' },
  currency: { type: 'string' },
  customer: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A whole number flag, or its default; a clear error otherwise. */
export function intFlag(flags: Flags, name: string, fallback?: number): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    throw new DuesightError(`--${name} must be a whole number (got "${String(raw)}").`);
  }
  return n;
}

/** The filter named by --segment, --region, --currency, --customer. */
export function filterFlags(flags: Flags): BookFilter {
  const f: BookFilter = {};
  if (typeof flags.segment === 'string') f.segment = flags.segment;
  if (typeof flags.region === 'string') f.region = flags.region;
  if (typeof flags.currency === 'string') f.currency = flags.currency;
  if (typeof flags.customer === 'string') f.customer_id = flags.customer;
  return f;
}

/** The window, bucket edges and filter that --window-days, --buckets and the filter flags name. */
export function bookFlags(flags: Flags): { windowDays: number; buckets: string | undefined; filter: BookFilter } {
  return {
    windowDays: intFlag(flags, 'window-days', 90)!,
    buckets: typeof flags.buckets === 'string' ? flags.buckets : undefined,
    filter: filterFlags(flags),
  };
}

/** --as-of, or the book's latest event date (said on stderr) when it is omitted. */
export async function asOfFlag(ctx: CommandContext, db: Database): Promise<string> {
  if (typeof ctx.flags['as-of'] === 'string') return ctx.flags['as-of'];
  const { last_date } = await bookBounds(db);
  if (!last_date) throw new DuesightError(`The database ${String(ctx.flags.db)} holds no invoices yet; import some or run "duesight demo".`);
  ctx.err(`(no --as-of given: using the book's latest date, ${last_date})`);
  return last_date;
}

/** Reads `--overlay current=0.005,120+=0.1` (added to each bucket's loss rate). */
export function overlayFlag(raw: unknown): Record<string, number> | undefined {
  if (typeof raw !== 'string') return undefined;
  const overlay: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [label, value] = part.split('=');
    const n = Number(value);
    if (!label || value === undefined || !Number.isFinite(n)) {
      throw new DuesightError(`--overlay takes bucket=rate pairs such as "current=0.005,120+=0.1" (got "${raw}").`);
    }
    overlay[label.trim()] = n;
  }
  return overlay;
}
