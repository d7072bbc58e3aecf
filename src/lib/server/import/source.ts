/** Brings any accepted file (CSV in any encoding, Parquet, XLSX) to one shape: a UTF-8 CSV with a header. */
import { join } from 'node:path';
import type { ProgressListener } from '../../types.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { queryText } from '../sql.ts';
import { transcodeToUtf8 } from './decode.ts';
import { chooseEncoding, detectFormat, scanBytes, type FileFormat } from './detect.ts';
import { detectDelimiter, parseDelimiterOption, readHeaderLine, splitHeader } from './header.ts';
import { xlsxToCsv } from './xlsx.ts';

/** How the file was read; the CSV it became. */
export interface PreparedSource {
  /** A UTF-8 CSV file to stage: the file itself when it already is one. */
  csvPath: string;
  delimiter: string;
  /** Whether DuckDB may read it in parallel: not when quoted values span lines (see ByteScan). */
  parallel: boolean;
  /** The column names of its header, in order. */
  header: string[];
  /** The file row of the first record after the header (2 for CSV). */
  firstRow: number;
  format: FileFormat;
  /** The encoding the text was read in ('utf-8' when read as it is). */
  encoding: string;
  sha256: string;
  size: number;
  sheet?: string;
}

/** How the caller wants the file read. */
export interface SourceOptions {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** Which header positions hold dates (XLSX only: serial numbers there become dates). */
  dateColumns: (header: string[]) => Set<number>;
  onProgress?: ProgressListener;
}

/**
 * Copies a Parquet file's rows to a CSV file, so Parquet is staged and validated exactly like
 * CSV (typed values become their text: dates ISO, decimals exact). Kept here rather than in
 * queries/ because DuckDB cannot plan read_parquet without a real file (see loadCsvStatement);
 * both paths are bound values.
 */
const PARQUET_TO_CSV = `COPY (SELECT * FROM read_parquet($file_path)) TO $csv_path (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`;

async function csvHeader(csvPath: string, delimiterOption?: string): Promise<{ header: string[]; delimiter: string }> {
  const line = await readHeaderLine(csvPath);
  const delimiter = delimiterOption ? parseDelimiterOption(delimiterOption) : detectDelimiter(line);
  return { header: splitHeader(line, delimiter), delimiter };
}

/**
 * Reads `path` once for its SHA-256 and encoding, then makes it a UTF-8 CSV in `tmpDir` when
 * it is not one already (transcoded text, a spreadsheet's sheet, a Parquet file's rows).
 */
export async function prepareSource(db: Database, path: string, tmpDir: string, options: SourceOptions): Promise<PreparedSource> {
  const progress = options.onProgress;
  const scan = await scanBytes(path, progress && ((done) => progress(done, null, 'reading')));
  if (scan.size === 0) throw new DuesightError(`The file ${path} is empty.`);
  const format = detectFormat(path, scan.head);
  const base = { format, sha256: scan.sha256, size: scan.size };

  if (format === 'xlsx') {
    progress?.(0, null, 'converting');
    const csvPath = join(tmpDir, 'sheet.csv');
    const sheet = await xlsxToCsv(path, csvPath, options.sheet, options.dateColumns);
    // Cells may hold line breaks; the sheet is not worth a second scan to find out.
    return { ...base, csvPath, delimiter: ',', parallel: false, header: sheet.header, firstRow: sheet.firstRow, encoding: 'utf-8', sheet: sheet.sheet };
  }
  if (options.sheet !== undefined) throw new DuesightError(`--sheet applies to XLSX workbooks, and ${path} is ${format === 'csv' ? 'a CSV file' : 'a Parquet file'}.`);

  if (format === 'parquet') {
    progress?.(0, null, 'converting');
    const csvPath = join(tmpDir, 'parquet.csv');
    try {
      await db.read((conn) => queryText(conn, PARQUET_TO_CSV, { file_path: path, csv_path: csvPath }));
    } catch (err) {
      throw new DuesightError(`Cannot read ${path} as a Parquet file: ${(err as Error).message.split('\n')[0]}`);
    }
    return { ...base, csvPath, parallel: false, ...(await csvHeader(csvPath)), firstRow: 2, encoding: 'utf-8' };
  }

  const encoding = chooseEncoding(scan, options.encoding);
  let csvPath = path;
  if (encoding !== 'utf-8') {
    progress?.(0, null, 'converting');
    csvPath = join(tmpDir, 'utf8.csv');
    await transcodeToUtf8(path, encoding, csvPath);
  }
  // The quote scan read the original bytes, which says nothing for UTF-16.
  const parallel = !scan.quotedNewlines && !encoding.startsWith('utf-16') && !encoding.startsWith('utf16');
  return { ...base, csvPath, parallel, ...(await csvHeader(csvPath, options.delimiter)), firstRow: 2, encoding };
}
