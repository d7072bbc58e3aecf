/** Tells what a file is before it is loaded: its format, its character encoding, and its SHA-256. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import iconv from 'iconv-lite';
import { DuesightError } from '../errors.ts';

/** The layouts the importer reads. */
export type FileFormat = 'csv' | 'parquet' | 'xlsx';

/** What one pass over a file's bytes found. */
export interface ByteScan {
  sha256: string;
  size: number;
  /** The first bytes (up to 64 KiB), for sniffing. */
  head: Buffer;
  /** Whether every byte sequence is valid UTF-8 (a UTF-8 BOM included). */
  utf8: boolean;
  /**
   * Whether a "quoted" value holds a line break, which DuckDB's parallel CSV reader cannot take
   * together with padding short rows. Exact for ASCII-compatible encodings (UTF-8, GBK, the
   * Windows code pages: their multi-byte characters never hold the bytes of '"' or a newline).
   */
  quotedNewlines: boolean;
}

/** Where a quote scan stands between chunks. */
interface QuoteState {
  inQuote: boolean;
  found: boolean;
}

/** Follows '"' through `chunk` (a doubled "" flips twice) and notes a newline between quotes. */
function scanQuotes(chunk: Buffer, state: QuoteState): void {
  let pos = 0;
  while (!state.found && pos < chunk.length) {
    const quote = chunk.indexOf(0x22, pos);
    if (state.inQuote) {
      const newline = chunk.indexOf(0x0a, pos);
      if (newline !== -1 && (quote === -1 || newline < quote)) state.found = true;
    }
    if (quote === -1) return;
    state.inQuote = !state.inQuote;
    pos = quote + 1;
  }
}

const HEAD_BYTES = 64 * 1024;

/** The file's format from its first bytes (Parquet 'PAR1', XLSX a zip), else its extension, else CSV. */
export function detectFormat(path: string, head: Buffer): FileFormat {
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  return 'csv';
}

/** How many bytes at the end of `buf` begin a UTF-8 sequence that the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    if (b < 0x80) return 0;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < needed ? back : 0;
  }
  return 0;
}

/**
 * Reads `path` once: its SHA-256 (for the import log), its size, its head, whether it is valid
 * UTF-8 (checked natively chunk by chunk, carrying split characters over), and whether quoted
 * values span lines (found with native searches for quotes, so files without quotes cost nothing).
 */
export async function scanBytes(path: string, onBytes?: (done: number, total: number | null) => void): Promise<ByteScan> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let utf8 = true;
  let carry: Buffer = Buffer.alloc(0);
  const quotes: QuoteState = { inQuote: false, found: false };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      if (utf8) {
        const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const tail = incompleteTail(joined);
        utf8 = isUtf8(joined.subarray(0, joined.length - tail));
        carry = Buffer.from(joined.subarray(joined.length - tail));
      }
      if (!quotes.found) scanQuotes(chunk, quotes);
      onBytes?.(size, null);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new DuesightError(`The file ${path} does not exist.`);
    if (e.code === 'EISDIR') throw new DuesightError(`${path} is a folder, not a file.`);
    throw new DuesightError(`Cannot read the file ${path}: ${e.message}.`);
  }
  if (carry.length) utf8 = false;
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(headParts), utf8, quotedNewlines: quotes.found };
}

/** Whether `head` looks like UTF-16 without a BOM: every other byte zero, as ASCII text in UTF-16 is. */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Not UTF-8: GB18030 (a superset of GBK, what Chinese spreadsheets save as "CSV") unless the
 * head does not even decode as that, as Windows-1252 text (Société: 0xE9 before a space) does not.
 */
function legacyEncoding(scan: ByteScan): string {
  // Leave out the head's last bytes when the file goes on: they may be half a character.
  const probe = scan.size > scan.head.length ? scan.head.subarray(0, scan.head.length - 4) : scan.head;
  return iconv.decode(probe, 'gb18030').includes('\uFFFD') ? 'windows-1252' : 'gb18030';
}

/**
 * The encoding to read a text file with: `explicit` when given (any iconv-lite name), else a
 * UTF-16 BOM (or the zero bytes of BOM-less UTF-16), else UTF-8 when the bytes are valid UTF-8,
 * else GB18030, or Windows-1252 when the bytes are not GB18030 either. 'utf-8' means the file
 * can be read as it is.
 */
export function chooseEncoding(scan: ByteScan, explicit?: string): string {
  if (explicit) {
    const name = explicit.trim().toLowerCase();
    if (name === 'utf8' || name === 'utf-8') return 'utf-8';
    if (!iconv.encodingExists(name)) {
      throw new DuesightError(`The encoding "${explicit}" is not one Duesight knows; try utf-8, utf-16le, gb18030, latin1 or windows-1252.`);
    }
    return name;
  }
  const h = scan.head;
  if (h[0] === 0xff && h[1] === 0xfe) return 'utf-16le';
  if (h[0] === 0xfe && h[1] === 0xff) return 'utf-16be';
  const wide = utf16WithoutBom(h);
  if (wide) return wide;
  return scan.utf8 ? 'utf-8' : legacyEncoding(scan);
}
