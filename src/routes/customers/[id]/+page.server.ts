/**
 * One customer as of D: master data and figures (from the aging by customer), the payment
 * timeline, the days-beyond-terms histogram and the open invoices; the score history, which
 * takes longer, streams in after them.
 */
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { allCustomerPageFigures, customerPageFigures } from '$lib/server/customer-page';
import { asHttpError, requireView } from '$lib/server/page-params';
import { noteView } from '$lib/server/recent-views';
import { can } from '$lib/auth-roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, locals }) => {
  const user = requirePermission(locals, 'view');
  const view = requireView(await parent());
  if (!view) return { customer: null };
  const db = await appDb();
  const id = params.id;
  const asOf = view.asOf;
  const figures = customerPageFigures(db, id, view);
  const [profile, row, timeline, histogram, open] = await Promise.all([
    figures.profile, figures.row, figures.timeline, figures.histogram, figures.open,
  ]).catch(asHttpError);
  if (!profile) error(404, `The book has no customer "${id}".`);
  const scores = figures.scores();
  // Refreshed ahead after the next write, with the default views.
  void noteView(db, `customer ${JSON.stringify([id, view])}`, () => allCustomerPageFigures(db, id, view));

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
