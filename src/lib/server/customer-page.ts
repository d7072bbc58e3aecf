/**
 * One customer's page as of D: master data, its aging line in the view, the payment timeline,
 * the days-beyond-terms histogram, the open invoices and (slower, streamed by the page) the
 * score history. Shared by the page and the warm-up of recently opened views.
 */
import type { ViewState } from '../url-state.ts';
import { agingInvoices } from './aging-invoices.ts';
import { customerAging, customerProfile, daysBeyondTermsHistogram, paymentTimeline } from './customers.ts';
import type { Database } from './db.ts';
import { bookFilter } from './page-params.ts';
import { scoreHistory } from './risk/index.ts';

/** Open invoices listed on the page (the rest are one link away, in the aging drill-down). */
const OPEN_INVOICES = 50;
/** Month-ends of score history before D. */
const SCORE_MONTHS = 12;
/** Months of settled invoices in the histogram. */
const HISTOGRAM_MONTHS = 12;

/**
 * The figures of customer `id` in `view`, each a promise; the score history, the slowest, is
 * started by calling `scores` (once the customer is known to exist).
 */
export function customerPageFigures(db: Database, id: string, view: ViewState) {
  const asOf = view.asOf;
  return {
    profile: customerProfile(db, id, asOf),
    row: customerAging(db, id, asOf, bookFilter(view)),
    timeline: paymentTimeline(db, id, asOf),
    histogram: daysBeyondTermsHistogram(db, id, asOf, HISTOGRAM_MONTHS),
    open: agingInvoices(db, { asOf, filter: { customer_id: id }, cell: 'ar', limit: OPEN_INVOICES }),
    scores: () => scoreHistory(db, { asOf, customerId: id, months: SCORE_MONTHS }),
  };
}

/** Every figure of the customer's page, the score history included: what a refresh of the page computes. */
export function allCustomerPageFigures(db: Database, id: string, view: ViewState) {
  const f = customerPageFigures(db, id, view);
  return Promise.all([f.profile, f.row, f.timeline, f.histogram, f.open, f.scores()]);
}
