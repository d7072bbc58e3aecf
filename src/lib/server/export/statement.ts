/** The statement of account of one customer: its details, every invoice, payment and adjustment of a period with running balance, and its aging at the period's end. */
import { bucketLabels } from '../../buckets.ts';
import { agingByCustomer } from '../aging.ts';
import { bookParams } from '../book-params.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { baseCurrency } from '../kpis.ts';
import { query } from '../sql.ts';
import { canonicalRow, col } from './columns.ts';
import { memorySection, type ReportDefinition } from './report.ts';
import { streamQueryRows } from './stream-query.ts';

interface CustomerRow {
  customer_id: string;
  name: string;
  segment: string | null;
  region: string | null;
  country: string | null;
  currency: string;
  payment_terms_days: string;
  credit_limit: string | null;
}

const CUSTOMER_FIELDS: [keyof CustomerRow, string][] = [
  ['customer_id', 'Customer'], ['name', 'Name'], ['segment', 'Segment'], ['region', 'Region'], ['country', 'Country'],
  ['currency', 'Currency'], ['payment_terms_days', 'Payment terms (days)'], ['credit_limit', 'Credit limit (own currency)'],
];

/**
 * Amounts of the transactions are in each document's currency, with a running balance per
 * currency (a customer invoiced in one currency has one balance); the aging at the period's end
 * is in the base currency at that date's rate, as in the aging table.
 */
export const statementReport: ReportDefinition = {
  name: 'statements',
  version: 1,
  title: 'Statement of account',
  async prepare(db: Database, params) {
    const customerId = params.customer_id;
    const from = params.from;
    if (!customerId || !from) throw new DuesightError('A statement of account needs a customer and the first day of its period.');
    const [customer] = await db.read((conn) => query<CustomerRow>(conn, 'export_statement_customer', { customer_id: customerId }));
    if (!customer) throw new DuesightError(`There is no customer "${customerId}" in the book.`);
    if (from > params.as_of) throw new DuesightError(`The statement's period starts (${from}) after it ends (${params.as_of}).`);
    const p = bookParams({ asOf: params.as_of, buckets: params.buckets });
    const labels = bucketLabels(p.edges as number[], 'due');
    const [aging] = await agingByCustomer(db, { asOf: params.as_of, buckets: params.buckets, filter: { customer_id: customerId } });
    const money = await db.read((conn) => baseCurrency(conn));

    const detailColumns = [col('field', 'Field', 'text', 24), col('value', 'Value', 'text', 40)];
    const details = CUSTOMER_FIELDS.map(([key, label]) => [label, customer[key]]);
    details.push(['Period', `${from} to ${params.as_of}`]);
    const agingColumns = [col('bucket', 'Bucket', 'text', 12), col('amount', `Amount (${money})`, 'money', 16)];
    const agingRows = [...labels, 'unapplied', 'AR'].map((label) =>
      canonicalRow(agingColumns, { bucket: label, amount: aging ? (label === 'AR' ? aging.ar : (aging[label] as number)) : 0 }),
    );
    const lineColumns = [
      col('date', 'Date', 'date', 10), col('kind', 'Kind', 'text', 16), col('document', 'Document', 'text', 14),
      col('reference', 'Invoice', 'text', 14), col('due_date', 'Due', 'date', 10), col('currency', 'Currency', 'text', 6),
      col('debit', 'Debit', 'money', 14), col('credit', 'Credit', 'money', 14), col('balance', 'Balance', 'money', 15),
    ];
    return {
      name: this.name,
      version: this.version,
      title: this.title,
      subtitle: `${customer.name} (${customer.customer_id}), ${from} to ${params.as_of}`,
      parameters: params,
      controlTotals: { ar: aging?.ar ?? 0, overdue: aging?.overdue ?? 0, unapplied: aging?.unapplied ?? 0 },
      sections: [
        memorySection('customer', 'Customer', detailColumns, details, undefined, true),
        {
          name: 'transactions',
          title: 'Transactions with running balance',
          columns: lineColumns,
          emphasis: (row) => row[1] === 'opening balance',
          forEachBatch: (sink) => streamQueryRows(db, 'export_statement_lines', { customer_id: customerId, from, to: params.as_of }, sink),
        },
        memorySection('aging', `Aging at ${params.as_of}`, agingColumns, agingRows, (row) => row[0] === 'AR'),
      ],
    };
  },
};
