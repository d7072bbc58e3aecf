/**
 * The overview of the whole book at every month-end, computed ahead once the default views are
 * ready: a CFO who moves the as-of date back month by month is served remembered answers
 * rather than waiting for the risk engine. Month-ends go newest first, a few at a time, each
 * group sharing one pass over the book; the work waits while the book is being written, and
 * stops at the first sign of newer data (the next refresh starts it again, and what is still
 * remembered is not computed twice).
 */
import { bookBounds } from './book.ts';
import type { Database } from './db.ts';
import { computeOverviews } from './overview.ts';
import { viewOrProblem } from './page-params.ts';
import { monthEnds } from './trends.ts';

/** Month-ends per pass: their histories overlap, so a group costs little more than one of them. */
const GROUP = 4;
/** On a large book, how often the log hears how far the work has come. */
const PROGRESS_EVERY_MS = 30_000;

export interface AheadOptions {
  /** Awaited before each group (the server waits there while an import is being written). */
  pause?: () => Promise<void>;
  /** Asked before each group, after `pause`: false stops the work (the data or the default views changed). */
  stillCurrent: () => boolean;
  /** Told, in a sentence for the server's log, how far the work has come on a large book and when it ends. */
  report?: (line: string) => void;
}

/** The month-ends of the book (newest first) other than its last date, each a view of the whole book. */
async function monthEndViews(db: Database) {
  const bounds = await bookBounds(db);
  if (!bounds.first_date || !bounds.last_date) return { views: [], firstDate: '' };
  const views = monthEnds(bounds.first_date.slice(0, 7), bounds.last_date.slice(0, 7))
    .filter((d) => d >= bounds.first_date! && d < bounds.last_date!)
    .reverse()
    .map((d) => viewOrProblem(new URL(`http://localhost/?as_of=${d}`), bounds).view)
    .filter((v) => v !== null);
  return { views, firstDate: bounds.first_date };
}

/**
 * Computes the overview of the whole book at each month-end (the last date's is a default view,
 * computed by the warm-up). Resolves with how many month-ends are remembered when it stops;
 * never rejects (a failure is reported, and the pages compute that view when asked).
 */
export async function computeMonthEndsAhead(db: Database, options: AheadOptions): Promise<number> {
  const report = options.report ?? console.log;
  const t0 = performance.now();
  try {
    const { views, firstDate } = await monthEndViews(db);
    const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
    let done = 0;
    let told = t0;
    for (let i = 0; i < views.length; i += GROUP) {
      await options.pause?.();
      if (!options.stillCurrent()) return done;
      const group = views.slice(i, i + GROUP);
      await computeOverviews(db, group, firstDate);
      done += group.length;
      if (done < views.length && performance.now() - told > PROGRESS_EVERY_MS) {
        report(`Overview computed ahead at ${done} of ${views.length} month-ends (back to ${group[group.length - 1].asOf}) in ${seconds()} s.`);
        told = performance.now();
      }
    }
    if (views.length > 0) report(`Overview computed ahead at ${done} month-ends in ${seconds()} s.`);
    return done;
  } catch (err) {
    report(`Computing the month-ends ahead failed: ${(err as Error).message}`);
    return 0;
  }
}
