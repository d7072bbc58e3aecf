/**
 * One customer as of D: master data and figures (from the aging by customer), the payment
 * timeline, the days-beyond-terms histogram and the open invoices; the score history, which
 * takes longer, streams in after them.
 */
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { agingInvoices } from '$lib/server/aging-invoices';
import { requirePermission } from '$lib/server/auth/guard';
import { customerAging, customerProfile, daysBeyondTermsHistogram, paymentTimeline } from '$lib/server/customers';
import { scoreHistory } from '$lib/server/risk/index';
import { asHttpError, bookFilter, requireView } from '$lib/server/page-params';
import { can } from '$lib/auth-roles';
import type { PageServerLoad } from './$types';

/** Open invoices listed on the page (the rest are one link away, in the aging drill-down). */
const OPEN_INVOICES = 50;
/** Month-ends of score history before D. */
const SCORE_MONTHS = 12;
/** Months of settled invoices in the histogram. */
const HISTOGRAM_MONTHS = 12;

export const load: PageServerLoad = async ({ parent, params, locals }) => {
  const user = requirePermission(locals, 'view');
  const view = requireView(await parent());
  if (!view) return { customer: null };
  const db = await appDb();
  const id = params.id;
  const asOf = view.asOf;
  const [profile, row, timeline, histogram, open] = await Promise.all([
    customerProfile(db, id, asOf),
    customerAging(db, id, asOf, bookFilter(view)),
    paymentTimeline(db, id, asOf),
    daysBeyondTermsHistogram(db, id, asOf, HISTOGRAM_MONTHS),
    agingInvoices(db, { asOf, filter: { customer_id: id }, cell: 'ar', limit: OPEN_INVOICES }),
  ]).catch(asHttpError);
  if (!profile) error(404, `The book has no customer "${id}".`);
  const scores = scoreHistory(db, { asOf, customerId: id, months: SCORE_MONTHS });

  return {
    customer: {
      asOf,
      profile,
      figures: {
        ar: row?.ar ?? 0,
        overdue: row?.overdue ?? 0,
        unapplied: row?.unapplied ?? 0,
        // Nothing owed uses none of a limit.
        utilisation: row ? row.utilisation : profile.credit_limit_base ? 0 : null,
        dbt: (row?.dbt as number | null | undefined) ?? null,
        days_to_pay: (row?.days_to_pay as number | null | undefined) ?? null,
        on_time_rate: (row?.on_time_rate as number | null | undefined) ?? null,
      },
      timeline,
      histogram,
      open,
      scores,
      canExport: can(user, 'export'),
    },
  };
};
