/** What the web page shows of an import job: its progress, its outcome without the error list, and the rejected rows a page at a time. */
import type { ImportRowError } from '../../types.ts';
import type { ImportJob } from './jobs.ts';
import type { PreviewRow } from './preview.ts';

/** Rejected rows per page. */
export const REJECTIONS_PAGE_SIZE = 100;

/** A running job's progress: the stage and, when known, how far through it (0–1). */
export interface JobProgress {
  state: ImportJob['state'];
  stage: string;
  fraction: number | null;
}

/** A job as the page shows it. */
export interface JobView extends JobProgress {
  mode: ImportJob['mode'];
  acceptValid: boolean;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  result: {
    status: 'imported' | 'rejected' | 'unchanged';
    importId: number | null;
    rows: number;
    accepted: number;
    rejected: number;
    inserted: number;
    insertedByTable: Record<string, number>;
    format: string;
    encoding: string;
    sheet: string | null;
    ignoredColumns: string[];
    preview: PreviewRow[];
  } | null;
}

/** The progress of `job`, or null when there is none. */
export function jobProgress(job: ImportJob | null): JobProgress | null {
  if (!job) return null;
  const fraction = job.total ? Math.min(1, Math.max(0, job.done / job.total)) : null;
  return { state: job.state, stage: job.stage, fraction: job.state === 'done' ? 1 : fraction };
}

/** `job` for the page (its error list left out: see rejectionsPage), or null. */
export function jobView(job: ImportJob | null): JobView | null {
  if (!job) return null;
  const r = job.result;
  return {
    ...jobProgress(job)!,
    mode: job.mode,
    acceptValid: job.acceptValid,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error: job.error,
    result: r && {
      status: r.status,
      importId: r.import_id,
      rows: r.rows,
      accepted: r.accepted,
      rejected: r.rejected,
      inserted: r.inserted,
      insertedByTable: r.inserted_by_table,
      format: r.format,
      encoding: r.encoding,
      sheet: r.sheet,
      ignoredColumns: r.ignored_columns,
      preview: r.preview ?? [],
    },
  };
}

/** One page of the rejected values of a finished job. */
export interface RejectionsPage {
  errors: ImportRowError[];
  /** Problems in all (a row may have several). */
  total: number;
  page: number;
  pages: number;
  /** The number of the first problem on this page, from 1. */
  first: number;
}

/** Page `page` (from 1, clamped) of `job`'s rejected values, in file order; null without a finished job. */
export function rejectionsPage(job: ImportJob | null, page: number): RejectionsPage | null {
  const errors = job?.result?.errors;
  if (!errors) return null;
  const pages = Math.max(1, Math.ceil(errors.length / REJECTIONS_PAGE_SIZE));
  const at = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (at - 1) * REJECTIONS_PAGE_SIZE;
  return { errors: errors.slice(start, start + REJECTIONS_PAGE_SIZE), total: errors.length, page: at, pages, first: start + 1 };
}
