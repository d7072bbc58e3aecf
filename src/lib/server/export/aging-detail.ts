/** The aging detail report (the default export): every open invoice, credit and unapplied payment at D, customer subtotals, a grand total equal to AR. */
import { bucketLabels } from '../../buckets.ts';
import { agingSummary } from '../aging.ts';
import { bookParams } from '../book-params.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { baseCurrency } from '../kpis.ts';
import { col, type CanonicalRow } from './columns.ts';
import type { ReportDefinition, ReportParameters } from './report.ts';
import { streamQueryRows } from './stream-query.ts';

const LINE = 2;
const OPEN_BASE = 11;
const SET_APART = new Set(['subtotal', 'fx rounding', 'total']);

/**
 * Unapplied cash is shown where it belongs: each unapplied payment, and each overpaid invoice,
 * is a negative line of its customer (bucket "unapplied"), so customer subtotals are the
 * customers' balances and the grand total is AR(D), the KPI pack's AR. Lines are in the base
 * currency at D's rate rounded to the cent; an "fx rounding" line before the total carries the
 * difference between AR(D) and the sum of the rounded lines (none in a single-currency book).
 */
export const agingDetailReport: ReportDefinition = {
  name: 'aging-detail',
  version: 1,
  title: 'Aging detail',
  async prepare(db: Database, params: ReportParameters) {
    const basis = params.basis ?? 'due';
    const request = { asOf: params.as_of, buckets: params.buckets, basis, filter: params.filter };
    const p = bookParams(request);
    const labels = bucketLabels(p.edges as number[], basis);
    // Also checks that every FX rate at D exists, before anything is streamed.
    const summary = await agingSummary(db, request);
    const currency = await db.read((conn) => baseCurrency(conn));
    const columns = [
      col('customer_id', 'Customer', 'text', 11),
      col('customer_name', 'Name', 'text', 26),
      col('line', 'Line', 'text', 11),
      col('document', 'Document', 'text', 13),
      col('document_date', 'Date', 'date', 10),
      col('due_date', 'Due', 'date', 10),
      col('days_past_due', 'Days past due', 'int', 11),
      col('bucket', 'Bucket', 'text', 9),
      col('currency', 'Currency', 'text', 7),
      col('open_amount', 'Open (currency)', 'money', 14),
      col('fx_rate', 'FX rate', 'rate', 11),
      col('open_base', `Open (${currency})`, 'money', 14),
    ];
    const controlTotals: Record<string, number> = { ar: summary.ar, unapplied: summary.unapplied };
    for (const b of summary.buckets) {
      controlTotals[`bucket ${b.label}`] = b.amount;
      controlTotals[`invoices ${b.label}`] = b.invoices;
    }
    return {
      name: this.name,
      version: this.version,
      title: this.title,
      subtitle: `Open items as of ${params.as_of}, by ${basis === 'due' ? 'due date' : 'invoice date'}, in ${currency}`,
      parameters: { ...params, basis },
      controlTotals,
      sections: [
        {
          name: 'detail',
          title: 'Open items by customer',
          columns,
          emphasis: (row: CanonicalRow) => SET_APART.has(row[LINE] ?? ''),
          async forEachBatch(sink) {
            let total: string | null = null;
            await streamQueryRows(
              db,
              'export_aging_detail',
              {
                as_of: p.as_of, edges: p.edges, basis: p.basis, labels,
                segment: p.segment, region: p.region, currency: p.currency, customer_id: p.customer_id,
              },
              async (rows) => {
                const last = rows[rows.length - 1];
                if (last[LINE] === 'total') total = last[OPEN_BASE];
                await sink(rows);
              },
            );
            // The report proves its own tie-out: its total is the KPI engine's AR, to the cent.
            if (total === null || Math.abs(Number(total) - summary.ar) > 0.006) {
              throw new DuesightError(`The aging detail's total (${total}) does not tie to AR(${params.as_of}) = ${summary.ar.toFixed(2)}; please report this.`);
            }
          },
        },
      ],
    };
  },
};
