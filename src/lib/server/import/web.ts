/** The web page's side of an import: reads and checks the upload form, saves the file, and starts the same import the CLI runs. */
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { IMPORT_KINDS, type ImportKind, type LedgerMapping } from '../../types.ts';
import { startImportJob, type ImportJob, type JobMode } from './jobs.ts';
import { kindSpec } from './kinds.ts';
import { checkMapping } from './mapping.ts';
import { cleanFileName, saveUpload, uploadLimitBytes, type Upload } from './uploads.ts';

/** A problem with the form, for the page to show beside the field: an i18n key of the imports area, or the pipeline's own sentence. */
export interface UploadProblem {
  field: 'kind' | 'file' | 'mapping' | 'reading';
  /** One of the `imports.problem.*` keys, with its values… */
  key?: 'imports.problem.kind' | 'imports.problem.noFile' | 'imports.problem.tooLarge' | 'imports.problem.noMapping' | 'imports.problem.mappingJson';
  values?: Record<string, string | number>;
  /** …or the sentence of a DuesightError (which names the file and what is wrong). */
  message?: string;
}

/** The form's choices, once checked. */
export interface UploadRequest {
  kind: ImportKind;
  file: File;
  mapping: LedgerMapping | null;
  mode: JobMode;
  acceptValid: boolean;
  reading: Upload['reading'];
}

const text = (form: FormData, name: string): string => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};
const fileField = (form: FormData, name: string): File | null => {
  const v = form.get(name);
  return typeof v === 'object' && v !== null && v.size > 0 ? v : null;
};

/**
 * Whether a request's declared length already exceeds the upload limit (plus room for the
 * form's other fields), so the page can say so before reading a byte of it.
 */
export function declaredTooLarge(request: Request): boolean {
  const length = Number(request.headers.get('content-length') ?? 0);
  return length > uploadLimitBytes() + 1024 * 1024;
}

/** The ledger mapping of the form: pasted JSON, or an uploaded JSON file (the file wins). */
async function readMappingField(form: FormData, kind: ImportKind): Promise<LedgerMapping | null | UploadProblem> {
  const file = fileField(form, 'mapping_file');
  const pasted = text(form, 'mapping');
  if (!file && !pasted) return kind === 'ledger' ? { field: 'mapping', key: 'imports.problem.noMapping' } : null;
  const name = file ? cleanFileName(file.name) : 'pasted';
  let raw: unknown;
  try {
    raw = JSON.parse(file ? await file.text() : pasted);
  } catch (err) {
    return { field: 'mapping', key: 'imports.problem.mappingJson', values: { name, reason: (err as Error).message } };
  }
  try {
    return checkMapping(raw, name, kindSpec(kind));
  } catch (err) {
    if (err instanceof DuesightError) return { field: 'mapping', message: err.message };
    throw err;
  }
}

/** Reads the upload form; returns its checked choices or the first problem found. */
export async function readUploadForm(form: FormData): Promise<UploadRequest | UploadProblem> {
  const kind = text(form, 'kind');
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    return { field: 'kind', key: 'imports.problem.kind', values: { kinds: IMPORT_KINDS.join(', ') } };
  }
  const file = fileField(form, 'file');
  if (!file) return { field: 'file', key: 'imports.problem.noFile' };
  const limit = uploadLimitBytes();
  if (file.size > limit) {
    return { field: 'file', key: 'imports.problem.tooLarge', values: { name: cleanFileName(file.name), mb: Math.round(limit / 1024 / 1024) } };
  }
  const mapping = await readMappingField(form, kind as ImportKind);
  if (mapping && 'field' in mapping) return mapping;
  const reading: Upload['reading'] = {};
  for (const name of ['encoding', 'delimiter', 'sheet'] as const) {
    // The delimiter keeps its spaces only when it is one (a lone space is a delimiter).
    const value = name === 'delimiter' ? String(form.get(name) ?? '') : text(form, name);
    if (value !== '') reading[name] = value;
  }
  return {
    kind: kind as ImportKind,
    file,
    mapping,
    mode: text(form, 'mode') === 'import' ? 'import' : 'check',
    acceptValid: form.get('accept_valid') === 'on' || form.get('accept_valid') === 'true',
    reading,
  };
}

/** Saves the form's file and starts its check or import for `user`; returns the upload and its job. */
export async function uploadAndStart(db: Database, request: UploadRequest, user: string): Promise<{ upload: Upload; job: ImportJob }> {
  const upload = await saveUpload(request.file.stream(), {
    kind: request.kind,
    originalName: request.file.name,
    mapping: request.mapping,
    reading: request.reading,
    uploadedBy: user,
  });
  return { upload, job: startImportJob(db, upload, request.mode, request.acceptValid, user) };
}
