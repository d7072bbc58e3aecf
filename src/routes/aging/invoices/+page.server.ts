/** The open invoices (and credits) behind one amount of the aging table, one page at a time, with their exact total. */
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { agingInvoices } from '$lib/server/aging-invoices';
import { requirePermission } from '$lib/server/auth/guard';
import { customerProfile } from '$lib/server/customers';
import { asHttpError, bookFilter, requireView } from '$lib/server/page-params';
import { DRILL_PAGE_SIZE, drillParamsFromUrl } from './drill-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
  requirePermission(locals, 'view');
  const view = requireView(await parent());
  if (!view) return { drill: null };
  const params = drillParamsFromUrl(url);
  const db = await appDb();
  // One customer's lines are the same in any view (its row of the aging table does not depend on the filter).
  const filter = params.customerId ? { customer_id: params.customerId } : bookFilter(view);
  const request = { asOf: view.asOf, buckets: params.edges, filter, cell: params.cell, limit: DRILL_PAGE_SIZE };
  let page = params.page;
  const [customer, found] = await Promise.all([
    params.customerId ? customerProfile(db, params.customerId, view.asOf) : null,
    agingInvoices(db, { ...request, offset: (page - 1) * DRILL_PAGE_SIZE }),
  ]).catch(asHttpError);
  if (params.customerId && !customer) error(404, `The book has no customer "${params.customerId}".`);
  let lines = found;
  const pages = Math.max(1, Math.ceil(lines.lines / DRILL_PAGE_SIZE));
  // A page past the end shows the last one, as the aging table does.
  if (page > pages) {
    page = pages;
    lines = await agingInvoices(db, { ...request, offset: (page - 1) * DRILL_PAGE_SIZE }).catch(asHttpError);
  }
  return {
    drill: {
      asOf: view.asOf,
      cell: params.cell,
      labels: params.labels,
      bucketsParam: params.bucketsParam,
      customer: customer ? { customer_id: customer.customer_id, name: customer.name } : null,
      page,
      pages,
      pageSize: DRILL_PAGE_SIZE,
      lines: lines.lines,
      total: lines.total,
      rows: lines.rows,
    },
  };
};
