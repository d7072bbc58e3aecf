/** Files uploaded through the web page: kept under a random name in the server's upload folder, their own name only as metadata. */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ImportKind, LedgerMapping } from '../../types.ts';
import { DuesightError } from '../errors.ts';
import { defaultDbPath } from '../paths.ts';

/** The largest file the web page accepts (DUESIGHT_UPLOAD_LIMIT_MB, default 256 MB); bigger files go through `duesight import`. */
export function uploadLimitBytes(): number {
  const mb = Number(process.env.DUESIGHT_UPLOAD_LIMIT_MB ?? 256);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 256) * 1024 * 1024);
}

/**
 * The server's upload folder: `uploads/` beside its database (data/uploads for the default
 * data/duesight.duckdb), so each server keeps its own; DUESIGHT_UPLOAD_DIR overrides.
 */
export function uploadsDir(): string {
  if (process.env.DUESIGHT_UPLOAD_DIR) return resolve(process.env.DUESIGHT_UPLOAD_DIR);
  return join(dirname(resolve(process.env.DUESIGHT_DB ?? defaultDbPath)), 'uploads');
}

/** Scratch space of imports started from the web: inside the upload folder, so one folder holds every file the web app reads. */
export function uploadsWorkDir(): string {
  return join(uploadsDir(), 'work');
}

/** What is kept about an upload. */
export interface Upload {
  id: string;
  kind: ImportKind;
  /** The name the browser sent, cleaned: shown and logged, never used as a path. */
  originalName: string;
  size: number;
  mapping: LedgerMapping | null;
  /** How to read the file, as `duesight import`'s flags. */
  reading: { encoding?: string; delimiter?: string; sheet?: string };
  uploadedBy: string;
  uploadedAt: string;
}

/** Extensions kept on stored files (the format is detected from the bytes; this only helps a person browsing the folder). */
const KEPT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.parquet']);
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` has the shape of an upload id (anything else never reaches the file system). */
export function isUploadId(id: string): boolean {
  return UPLOAD_ID.test(id);
}

/** A browser's file name made safe to show and log: its last path part, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const last = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (last === '' || last === '.' || last === '..' ? 'upload' : last).slice(0, 200);
}

function storedExtension(name: string): string {
  const ext = extname(name).toLowerCase();
  return KEPT_EXTENSIONS.has(ext) ? ext : '.dat';
}

/** The stored file of an upload and its metadata file; `id` must be an upload id. */
function uploadPaths(id: string, originalName = ''): { meta: string; dir: string; file: (ext: string) => string; ext: string } {
  if (!isUploadId(id)) throw new DuesightError(`"${id}" is not an upload.`);
  const dir = uploadsDir();
  return { meta: join(dir, `${id}.json`), dir, file: (ext) => join(dir, `${id}${ext}`), ext: storedExtension(originalName) };
}

/** The file of `upload` on disk. */
export function uploadFilePath(upload: Upload): string {
  return uploadPaths(upload.id, upload.originalName).file(storedExtension(upload.originalName));
}

/**
 * Saves `body` (an uploaded file's bytes) under a new random name, stopping with a clear
 * message once it passes the size limit; returns the upload's record.
 */
export async function saveUpload(
  body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>,
  meta: Omit<Upload, 'id' | 'size' | 'uploadedAt'>,
): Promise<Upload> {
  const id = randomUUID();
  const originalName = cleanFileName(meta.originalName);
  const paths = uploadPaths(id, originalName);
  await mkdir(paths.dir, { recursive: true });
  const limit = uploadLimitBytes();
  let size = 0;
  const path = paths.file(paths.ext);
  const counted = Readable.fromWeb(body as WebReadableStream<Uint8Array>).map((chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size > limit) throw new DuesightError(tooLarge(originalName, limit));
    return chunk;
  });
  try {
    await pipeline(counted, createWriteStream(path, { flags: 'wx' }));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw new DuesightError(`The file ${originalName} is empty.`);
  }
  const upload: Upload = { ...meta, id, originalName, size, uploadedAt: new Date().toISOString() };
  await writeFile(paths.meta, JSON.stringify(upload), { flag: 'wx' });
  return upload;
}

/** The message for a file over the limit. */
export function tooLarge(name: string, limit: number): string {
  return `${name} is larger than the ${Math.round(limit / 1024 / 1024)} MB the web page accepts; import it with "duesight import" instead.`;
}

/** The upload `id`, or null when there is none (or `id` is not an upload id). */
export async function findUpload(id: string): Promise<Upload | null> {
  if (!isUploadId(id)) return null;
  try {
    return JSON.parse(await readFile(uploadPaths(id).meta, 'utf8')) as Upload;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
