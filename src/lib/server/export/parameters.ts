/** Turns what a command line or a URL asks for into a report's full, checked parameters (every default filled in). */
import { parseBucketEdges } from '../../buckets.ts';
import type { AgingBasis, BookFilter } from '../../types.ts';
import { isoDate, monthStart, windowDays } from '../book-params.ts';
import { DuesightError } from '../errors.ts';
import { REPORT_NAMES, type ReportName, type ReportParameters } from './report.ts';

/** An export request as typed: strings and numbers, defaults left out. */
export interface ExportRequest {
  report?: string;
  asOf: string;
  filter?: BookFilter;
  buckets?: string | readonly number[];
  basis?: string;
  windowDays?: number;
  months?: number;
  overlay?: Record<string, number>;
  /** statements: the customer (required). Other reports: a filter to one customer. */
  customerId?: string;
  /** statements: the first day of the period; default the first day of the month two months before as-of's (a calendar quarter's worth). */
  from?: string;
}

/** Whether `name` is a report. */
export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/** The checked parameters of `request`; a DuesightError names what is wrong. */
export function reportParameters(request: ExportRequest): ReportParameters {
  const report = request.report ?? 'aging-detail';
  if (!isReportName(report)) throw new DuesightError(`There is no report "${report}"; the reports are ${REPORT_NAMES.join(', ')}.`);
  const asOf = isoDate(request.asOf, 'as-of date');
  let buckets: number[];
  try {
    buckets = parseBucketEdges(request.buckets);
  } catch (err) {
    throw new DuesightError((err as Error).message);
  }
  const filter: BookFilter = { ...(request.filter ?? {}) };
  const params: ReportParameters = { report, as_of: asOf, filter, buckets };
  if (report === 'statements') {
    if (!request.customerId) throw new DuesightError('A statement of account needs a customer (--customer ID, or ?customer=ID).');
    delete filter.customer_id;
    params.customer_id = request.customerId;
    params.from = isoDate(request.from ?? monthStart(asOf, 2), 'period start (--from)');
    return params;
  }
  if (request.customerId) filter.customer_id = request.customerId;
  if (report === 'aging-detail') {
    const basis = request.basis ?? 'due';
    if (basis !== 'due' && basis !== 'invoice') throw new DuesightError(`The aging basis must be "due" or "invoice" (got "${basis}").`);
    params.basis = basis as AgingBasis;
  }
  if (report === 'kpi-pack') params.window_days = windowDays(request.windowDays);
  if (report === 'ecl') {
    params.months = request.months ?? 12;
    params.overlay = request.overlay ?? {};
  }
  return params;
}
