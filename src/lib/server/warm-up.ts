/**
 * The default view of each page (the latest date, the whole book) computed ahead: when the server
 * starts and after every write, so that no visitor waits seconds for the risk engine. Uses the
 * pages' own data functions, so the answers remembered are exactly the ones the pages ask for.
 */
import { agingPageFigures } from './aging-page.ts';
import { bookBounds, bookCurrency } from './book.ts';
import type { Database } from './db.ts';
import { computeMonthEndsAhead } from './month-ends-ahead.ts';
import { overviewData, streamedParts } from './overview.ts';
import { agingParamsFromUrl, bookFilter, viewOrProblem } from './page-params.ts';
import { onNewRecentView, recentViews } from './recent-views.ts';
import { riskPageData } from './risk-pages.ts';
import { customerScores, earlyWarnings } from './risk/index.ts';
import { warmExplorePayload } from './explore/payload-cache.ts';
import { TooManyInvoices } from './explore/stream.ts';

/**
 * Computes every page's default view, then the views opened last (recent-views.ts); resolves when
 * all are remembered (failures are reported, not thrown).
 */
export async function warmDefaultViews(db: Database, report: (problem: string) => void = console.error): Promise<void> {
  const [bounds] = await Promise.all([bookBounds(db), bookCurrency(db)]);
  const { view } = viewOrProblem(new URL('http://localhost/'), bounds);
  if (!view || !bounds.first_date) return;
  const filter = bookFilter(view);
  const whole = { asOf: view.asOf, filter };
  // One page after another, the most visited first, so that the warm-up leaves cores to visitors.
  const pages: (() => Promise<unknown>[] | Promise<Promise<unknown>[]>)[] = [
    async () => streamedParts(await overviewData(db, view, bounds.first_date!)),
    () => [agingPageFigures(db, view, agingParamsFromUrl(new URL('http://localhost/aging')))],
    () => [customerScores(db, whole)],
    () => Object.values(riskPageData(db, view)).filter((v) => v instanceof Promise),
    () => [earlyWarnings(db, whole)],
    // Beyond what the browser takes, the Explore page asks the server for bins instead.
    () => [warmExplorePayload(db, view).catch((err: unknown) => (err instanceof TooManyInvoices ? undefined : Promise.reject(err)))],
    // Then the views visitors opened last (customer pages), so that a write keeps them served too.
    () => recentViews(db).map((refresh) => refresh()),
  ];
  for (const page of pages) {
    const outcomes = await Promise.allSettled(await Promise.resolve(page()).catch((err: unknown) => [Promise.reject(err)]));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') report(`Computing the default view ahead failed: ${String((outcome.reason as Error)?.message ?? outcome.reason)}`);
    }
  }
}

/**
 * Keeps the default views warm on `db`: now, after every write, and when a view joins the
 * recent ones (recent-views.ts). Their answers are published (Database.refreshing): after a
 * write, visitors are served the figures from before it until the new ones are ready. Writes
 * that land while a refresh runs are folded into one more run after it, never several at once;
 * the listener's promise resolves when the run that covers its write has finished, so an import
 * can wait until the dashboard shows it. Returns the first run.
 *
 * Once a run has ended, the overview at every month-end is computed ahead (month-ends-ahead.ts;
 * `monthEnds: false` leaves it out, `report` hears when it ends); the next run stops that work
 * and starts it again after.
 */
export function keepDefaultViewsWarm(db: Database, options: { monthEnds?: boolean; report?: (line: string) => void } = {}): Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  /** Moved on when a run ends: month-end work started before then stops. */
  let runsEnded = 0;
  let ahead: Promise<void> | null = null;
  const startAhead = () => {
    if (options.monthEnds === false || ahead) return;
    const started = runsEnded;
    ahead = computeMonthEndsAhead(db, {
      // An import being written would make these answers stale: wait for it rather than slow it down.
      pause: () => db.bookWritesSettled(),
      stillCurrent: () => running === null && runsEnded === started,
      report: options.report,
    }).then(() => {
      ahead = null;
      // Stopped by a run that has ended since: start again on the newer data.
      if (running === null && runsEnded !== started) startAhead();
    });
  };
  const loop = async (): Promise<void> => {
    try {
      do {
        again = false;
        await db.refreshing(() => warmDefaultViews(db));
      } while (again);
    } catch (err) {
      console.error(`Computing the default views ahead failed: ${(err as Error).message}`);
    } finally {
      running = null;
      runsEnded++;
      startAhead();
    }
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
  db.afterEachWrite(run);
  // A view opened for the first time joins at once (its answers, just computed, are kept).
  onNewRecentView(db, run);
  return run();
}
