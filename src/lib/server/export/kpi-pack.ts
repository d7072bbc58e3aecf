/** The KPI pack: every portfolio KPI with its formula and inputs, the 12-month trend, the aging summary and the top overdue customers. */
import { KPI_FORMULAS } from '../../kpi-formulas.ts';
import type { PortfolioKpis } from '../../types.ts';
import { agingByCustomer, agingSummary } from '../aging.ts';
import { bookBounds } from '../book.ts';
import type { Database } from '../db.ts';
import { portfolioKpis } from '../kpis.ts';
import { isMonthEnd, monthEndRange } from '../page-params.ts';
import { kpiTrend } from '../trends.ts';
import { canonicalRow, canonicalValue, col, type Column, type ColumnType } from './columns.ts';
import { memorySection, type ReportDefinition } from './report.ts';

const TREND_MONTHS = 12;
const TOP_OVERDUE = 10;

type KpiKey = keyof PortfolioKpis;
/** The KPIs in the order of spec/kpis.md, each with its label, unit and inputs. */
const KPIS: { key: KpiKey; label: string; unit: string; inputs?: KpiKey[] }[] = [
  { key: 'ar', label: 'Accounts receivable AR(D)', unit: 'money' },
  { key: 'current', label: 'Current (not yet due)', unit: 'money' },
  { key: 'overdue', label: 'Overdue', unit: 'money' },
  { key: 'overdue_ratio', label: 'Overdue ratio', unit: 'ratio', inputs: ['overdue', 'ar'] },
  { key: 'sales', label: 'Sales in the window', unit: 'money' },
  { key: 'collections', label: 'Collections in the window', unit: 'money' },
  { key: 'write_offs', label: 'Write-offs in the window', unit: 'money' },
  { key: 'ar_start', label: 'AR at the window start AR(S)', unit: 'money' },
  { key: 'dso', label: 'DSO', unit: 'days', inputs: ['ar', 'sales', 'window_days'] },
  { key: 'best_possible_dso', label: 'Best-possible DSO', unit: 'days', inputs: ['current', 'sales', 'window_days'] },
  { key: 'add', label: 'Average days delinquent', unit: 'days', inputs: ['dso', 'best_possible_dso'] },
  { key: 'countback_dso', label: 'Countback DSO', unit: 'days', inputs: ['ar'] },
  { key: 'cei', label: 'Collection effectiveness (%)', unit: 'percent', inputs: ['ar_start', 'sales', 'ar', 'current'] },
  { key: 'turnover', label: 'Turnover', unit: 'times a year', inputs: ['sales', 'ar_start', 'ar', 'window_days'] },
  { key: 'turnover_days', label: 'Turnover days', unit: 'days', inputs: ['turnover'] },
  { key: 'bad_debt_rate', label: 'Bad-debt rate', unit: 'ratio', inputs: ['write_offs', 'sales'] },
  { key: 'dbt', label: 'Days beyond terms', unit: 'days' },
  { key: 'days_to_pay', label: 'Days to pay', unit: 'days' },
  { key: 'on_time_rate', label: 'On-time rate', unit: 'ratio' },
  { key: 'open_invoices', label: 'Open invoices', unit: 'count' },
  { key: 'customers_with_balance', label: 'Customers with a balance', unit: 'count' },
];

/** The trend's columns: the KPI, its short heading and its type. */
const TREND: [KpiKey, string, ColumnType][] = [
  ['ar', 'AR', 'money'], ['current', 'Current', 'money'], ['overdue', 'Overdue', 'money'], ['sales', 'Sales', 'money'],
  ['collections', 'Collections', 'money'], ['dso', 'DSO', 'days'], ['best_possible_dso', 'Best DSO', 'days'], ['add', 'ADD', 'days'],
  ['cei', 'CEI %', 'number'], ['bad_debt_rate', 'Bad-debt rate', 'ratio'],
];

function kpiRows(k: PortfolioKpis): (string | null)[][] {
  return KPIS.map(({ key, label, unit, inputs }) => [
    key,
    label,
    canonicalValue('number', k[key]),
    unit,
    KPI_FORMULAS[key] ?? null,
    inputs ? inputs.map((i) => `${i} = ${canonicalValue('number', k[i])}`).join('; ') : null,
    k.null_reasons[key] ?? null,
  ]);
}

export const kpiPackReport: ReportDefinition = {
  name: 'kpi-pack',
  version: 1,
  title: 'KPI pack',
  async prepare(db, params) {
    const request = { asOf: params.as_of, windowDays: params.window_days ?? 90, buckets: params.buckets, filter: params.filter };
    const [kpis, summary, customers, bounds] = await Promise.all([
      portfolioKpis(db, request),
      agingSummary(db, request),
      agingByCustomer(db, request),
      bookBounds(db),
    ]);
    const range = bounds.first_date ? monthEndRange(params.as_of, TREND_MONTHS, bounds.first_date) : null;
    const trend = range ? await kpiTrend(db, { ...request, ...range }) : [];
    if (!isMonthEnd(params.as_of)) trend.push(kpis);
    const money = kpis.currency;

    const trendColumns: Column[] = [col('date', 'Date', 'date', 10), ...TREND.map(([key, label, type]) => col(key, label, type, 12))];
    const bucketColumns = [col('bucket', 'Bucket', 'text', 12), col('amount', `Amount (${money})`, 'money', 16), col('invoices', 'Invoices', 'int', 9)];
    const bucketRows = [
      ...summary.buckets.map((b) => canonicalRow(bucketColumns, { bucket: b.label, amount: b.amount, invoices: b.invoices })),
      canonicalRow(bucketColumns, { bucket: 'unapplied', amount: summary.unapplied }),
      canonicalRow(bucketColumns, { bucket: 'AR', amount: summary.ar, invoices: summary.buckets.reduce((s, b) => s + b.invoices, 0) }),
    ];
    const topColumns = [
      col('rank', 'Rank', 'int', 5), col('customer_id', 'Customer', 'text', 12), col('name', 'Name', 'text', 30),
      col('overdue', `Overdue (${money})`, 'money', 15), col('ar', `AR (${money})`, 'money', 15),
      col('credit_limit', `Limit (${money})`, 'money', 15), col('dbt', 'Days beyond terms', 'days', 10),
    ];
    const top = customers
      .filter((c) => c.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue || (a.customer_id < b.customer_id ? -1 : 1))
      .slice(0, TOP_OVERDUE)
      .map((c, i) => canonicalRow(topColumns, { ...c, rank: i + 1 }));
    return {
      name: this.name,
      version: this.version,
      title: this.title,
      subtitle: `Portfolio KPIs as of ${params.as_of}, ${request.windowDays}-day window, in ${money}`,
      parameters: { ...params, window_days: request.windowDays },
      controlTotals: { ar: kpis.ar, overdue: kpis.overdue, sales: kpis.sales, collections: kpis.collections, open_invoices: kpis.open_invoices },
      sections: [
        memorySection('kpis', 'Portfolio KPIs', [
          col('kpi', 'KPI', 'text', 16), col('label', 'Label', 'text', 28), col('value', 'Value', 'number', 16), col('unit', 'Unit', 'text', 9),
          col('formula', 'Formula', 'text', 44), col('inputs', 'Inputs', 'text', 44), col('null_reason', 'Why empty', 'text', 20),
        ], kpiRows(kpis), undefined, true),
        memorySection('trend', `KPI trend, month-ends (${TREND_MONTHS} months)`, trendColumns, trend.map((k) => canonicalRow(trendColumns, { ...k, date: k.as_of }))),
        memorySection('aging', 'Aging summary', bucketColumns, bucketRows, (row) => row[0] === 'AR'),
        memorySection('top_overdue', `Top ${TOP_OVERDUE} overdue customers`, topColumns, top),
      ],
    };
  },
};
