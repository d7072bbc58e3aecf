/**
 * Imports started from the web page: each runs `importFile` (the very function behind
 * `duesight import`) in the background, and its progress and outcome are kept in memory,
 * keyed by upload, for the page to poll.
 */
import { mkdir } from 'node:fs/promises';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { importFile, type ImportResult } from './index.ts';
import { uploadFilePath, uploadsWorkDir, type Upload } from './uploads.ts';

/** How many records of a file the page previews. */
export const PREVIEW_ROWS = 20;
/** How many uploads' jobs are remembered (the oldest are forgotten first). */
const REMEMBERED = 100;

/** A check (a dry run: preview and rejections, nothing written) or the import itself. */
export type JobMode = 'check' | 'import';

/** Where a job stands; what the page shows and polls. */
export interface ImportJob {
  uploadId: string;
  mode: JobMode;
  acceptValid: boolean;
  state: 'running' | 'done' | 'failed';
  /** The pipeline's stage: reading, converting, staging, validating, writing <table>, …, done. */
  stage: string;
  /** Progress within the stage: bytes read of the file's size, or DuckDB's percentage of 100. */
  done: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  result: ImportResult | null;
  /** Why the file could not be read at all (a sentence naming the file). */
  error: string | null;
  user: string;
}

const jobs = new Map<string, { check?: ImportJob; import?: ImportJob; finished: Map<JobMode, Promise<void>> }>();

function slot(uploadId: string) {
  let entry = jobs.get(uploadId);
  if (!entry) {
    entry = { finished: new Map() };
    jobs.set(uploadId, entry);
    if (jobs.size > REMEMBERED) jobs.delete(jobs.keys().next().value!);
  }
  return entry;
}

/** The latest job of each mode for `uploadId`. */
export function uploadJobs(uploadId: string): { check: ImportJob | null; import: ImportJob | null } {
  const entry = jobs.get(uploadId);
  return { check: entry?.check ?? null, import: entry?.import ?? null };
}

/** Resolves when the running job of `mode` for `uploadId` (if any) has finished. */
export function jobFinished(uploadId: string, mode: JobMode): Promise<void> {
  return jobs.get(uploadId)?.finished.get(mode) ?? Promise.resolve();
}

/**
 * Starts checking (`mode` 'check', a dry run) or importing `upload` for `user`, unless a job
 * of either mode is running for it already (then throws). Returns the job at once; it runs on.
 */
export function startImportJob(db: Database, upload: Upload, mode: JobMode, acceptValid: boolean, user: string): ImportJob {
  const entry = slot(upload.id);
  if (entry.check?.state === 'running' || entry.import?.state === 'running') {
    throw new DuesightError(`${upload.originalName} is being read already; wait until that finishes.`);
  }
  if (mode === 'import' && entry.import?.state === 'done' && entry.import.result?.status === 'imported') {
    throw new DuesightError(`${upload.originalName} has been imported already (import #${entry.import.result.import_id}).`);
  }
  const job: ImportJob = {
    uploadId: upload.id, mode, acceptValid, state: 'running', stage: 'reading', done: 0, total: upload.size,
    startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null, user,
  };
  entry[mode] = job;
  entry.finished.set(mode, run(db, upload, job));
  return job;
}

async function run(db: Database, upload: Upload, job: ImportJob): Promise<void> {
  try {
    await mkdir(uploadsWorkDir(), { recursive: true });
    job.result = await importFile(db, {
      kind: upload.kind,
      path: uploadFilePath(upload),
      fileName: upload.originalName,
      mapping: upload.mapping ?? undefined,
      dryRun: job.mode === 'check',
      acceptValid: job.acceptValid,
      ...upload.reading,
      userName: job.user,
      previewRows: PREVIEW_ROWS,
      workDir: uploadsWorkDir(),
      onProgress: (done, total, stage) => {
        job.stage = stage;
        // Bytes read are counted against the file's size; DuckDB's stages give a percentage.
        job.done = done;
        job.total = stage === 'reading' ? upload.size : total;
      },
    });
    if (job.result.status === 'imported') {
      // The dashboard's default views are refreshed after the write; until then visitors see the
      // figures from before it. The import is done for its user once the pages show it.
      job.stage = 'refreshing';
      job.done = 0;
      job.total = null;
      await db.afterWritesSettled();
      job.stage = 'done';
    }
    job.state = 'done';
  } catch (err) {
    job.state = 'failed';
    job.error = err instanceof DuesightError ? err.message : `Reading ${upload.originalName} failed: ${(err as Error).message.split('\n')[0]}`;
  } finally {
    job.finishedAt = new Date().toISOString();
  }
}
