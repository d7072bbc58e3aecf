/** The SQL console's result as a file: CSV (text cells neutralised) or an Arrow IPC stream. */
import type { Json } from '@duckdb/node-api';
import { Bool, Float64, Table, tableToIPC, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { Database } from '../db.ts';
import { neutraliseText } from '../export/neutralise.ts';
import { CONSOLE_DOWNLOAD_CAP, streamConsoleQuery, type ConsoleColumn, type ConsoleLimits } from './sql-console.ts';

/** The formats of a console download. */
export const CONSOLE_DOWNLOAD_FORMATS = ['csv', 'arrow'] as const;
export type ConsoleDownloadFormat = (typeof CONSOLE_DOWNLOAD_FORMATS)[number];

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|FLOAT|DOUBLE|UTINYINT|USMALLINT|UINTEGER)$/;

function csvCell(value: Json, text: boolean): string {
  if (value === null) return '';
  const raw = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const cell = text ? neutraliseText(raw) : raw;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The Arrow type of a column: numbers DuckDB gives as JSON numbers stay numbers; the rest arrives as text. */
function arrowType(c: ConsoleColumn): DataType {
  if (NUMERIC_TYPE.test(c.type)) return new Float64();
  if (c.type === 'BOOLEAN') return new Bool();
  return new Utf8();
}

function arrowValue(value: Json, type: DataType): unknown {
  if (value === null) return null;
  if (type instanceof Utf8) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  return value;
}

/**
 * The console result of `sql` as a file (at most CONSOLE_DOWNLOAD_CAP rows), and the number of
 * rows it holds. CSV keeps values as the table shows them; Arrow types numbers as Float64,
 * booleans as Bool and everything else (dates, decimals, big integers) as their text.
 */
export async function consoleDownload(
  db: Database,
  sql: string,
  format: ConsoleDownloadFormat,
  limits: ConsoleLimits = {},
): Promise<{ bytes: Uint8Array; rows: number; truncated: boolean }> {
  const rows: Json[][] = [];
  const { columns, truncated } = await streamConsoleQuery(db, sql, { rowCap: CONSOLE_DOWNLOAD_CAP, ...limits }, (chunk) => {
    for (const row of chunk) rows.push(row);
  });
  if (format === 'csv') {
    const textColumns = columns.map((c) => c.type === 'VARCHAR');
    const lines = [columns.map((c) => csvCell(c.name, true)).join(','), ...rows.map((r) => r.map((v, i) => csvCell(v, textColumns[i])).join(','))];
    return { bytes: new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n'), rows: rows.length, truncated };
  }
  const vectors: Record<string, Vector> = {};
  columns.forEach((c, i) => {
    const type = arrowType(c);
    vectors[c.name] = vectorFromArray(rows.map((r) => arrowValue(r[i], type)) as never[], type);
  });
  return { bytes: tableToIPC(new Table(vectors), 'stream'), rows: rows.length, truncated };
}
