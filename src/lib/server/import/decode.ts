/** Rewrites a text file in another encoding as UTF-8, streaming, so DuckDB's CSV reader can take it. */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { DuesightError } from '../errors.ts';

/**
 * Writes `source` (in `encoding`, any iconv-lite name) to `target` as UTF-8 without a BOM.
 * Memory stays flat whatever the size: the file passes through in chunks.
 */
export async function transcodeToUtf8(source: string, encoding: string, target: string): Promise<void> {
  try {
    await pipeline(
      createReadStream(source, { highWaterMark: 1 << 20 }),
      iconv.decodeStream(encoding, { stripBOM: true }),
      createWriteStream(target, { encoding: 'utf8' }),
    );
  } catch (err) {
    throw new DuesightError(`Cannot read ${source} as ${encoding}: ${(err as Error).message}.`);
  }
}
