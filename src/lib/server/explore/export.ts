/** The explorer's selection as a CSV or XLSX download, streamed chunk by chunk, text cells neutralised. */
import { PassThrough, Readable } from 'node:stream';
import { JSDuckDBValueConverter, type DuckDBDataChunk } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import type { Selection } from '../../explore/selection.ts';
import type { Database } from '../db.ts';
import { neutraliseText } from '../export/neutralise.ts';
import { eachSelectedChunk, SELECTED_INVOICE_COLUMNS } from './selection.ts';
import type { ExploreScope } from './scope.ts';

/** The formats of the selection's download. */
export const EXPLORE_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExploreExportFormat = (typeof EXPLORE_EXPORT_FORMATS)[number];

/** The most rows an XLSX sheet holds (Excel's limit less the header). */
export const XLSX_MAX_ROWS = 1_048_575;

const NUMERIC = new Set<string>(['terms', 'amount_invoiced', 'amount', 'days_to_pay', 'days_beyond_terms']);

function csvCell(value: unknown, numeric: boolean): string {
  if (value === null || value === undefined) return '';
  const text = numeric ? String(value) : neutraliseText(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A chunk's rows as plain values, in SELECTED_INVOICE_COLUMNS order. */
function chunkRows(chunk: DuckDBDataChunk): unknown[][] {
  return chunk.convertRows(JSDuckDBValueConverter) as unknown[][];
}

/** The download's media type and file name. */
export function exploreFileName(format: ExploreExportFormat, asOf: string): { type: string; name: string } {
  return format === 'csv'
    ? { type: 'text/csv; charset=utf-8', name: `duesight-explore-${asOf}.csv` }
    : { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: `duesight-explore-${asOf}.xlsx` };
}

/**
 * Streams the selected invoices as `format` into a web stream. `done` resolves with the number
 * of rows written (or rejects when the query fails), for the audit entry.
 */
export function exportSelection(db: Database, scope: ExploreScope, s: Selection, format: ExploreExportFormat): { body: ReadableStream<Uint8Array>; done: Promise<number> } {
  const out = new PassThrough();
  const numeric = SELECTED_INVOICE_COLUMNS.map((c) => NUMERIC.has(c));
  let done: Promise<number>;
  if (format === 'csv') {
    out.write('\uFEFF' + SELECTED_INVOICE_COLUMNS.join(',') + '\r\n');
    done = eachSelectedChunk(db, scope, s, async (chunk) => {
      const text = chunkRows(chunk).map((row) => row.map((v, i) => csvCell(v, numeric[i])).join(',') + '\r\n').join('');
      if (!out.write(text)) await new Promise((r) => out.once('drain', r));
    }).then((rows) => {
      out.end();
      return rows;
    });
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Selection');
    sheet.columns = SELECTED_INVOICE_COLUMNS.map((key) => ({ header: key, key, width: 14 }));
    let written = 0;
    done = eachSelectedChunk(db, scope, s, (chunk) => {
      for (const row of chunkRows(chunk)) {
        if (written >= XLSX_MAX_ROWS) return;
        sheet.addRow(row.map((v, i) => (v === null ? null : numeric[i] ? Number(v) : neutraliseText(String(v))))).commit();
        written++;
      }
    }).then(async (rows) => {
      sheet.commit();
      await workbook.commit();
      return Math.min(rows, XLSX_MAX_ROWS);
    });
  }
  done.catch((err) => out.destroy(err as Error));
  return { body: Readable.toWeb(out) as ReadableStream<Uint8Array>, done };
}
