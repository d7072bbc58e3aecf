/** The risk page: tiers and their migration, the risk matrix, roll rates and the provision matrix. */
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { requireView } from '$lib/server/page-params';
import { riskPageData } from '$lib/server/risk-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals }) => {
  requirePermission(locals, 'view');
  const parentData = await parent();
  const view = requireView(parentData);
  if (!view) return { risk: null };
  return { risk: riskPageData(await appDb(), view) };
};
