/** The overview: KPI tiles with 12-month sparklines, the DSO trend, aging over time, the largest overdue customers, the newest warnings. */
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { overviewData } from '$lib/server/overview';
import { requireView } from '$lib/server/page-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals }) => {
  requirePermission(locals, 'view');
  const parentData = await parent();
  const view = requireView(parentData);
  const firstDate = parentData.bounds.first_date;
  if (!view || !firstDate) return { overview: null };
  return { overview: await overviewData(await appDb(), view, firstDate) };
};
