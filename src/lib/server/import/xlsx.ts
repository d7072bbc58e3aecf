/** Turns one sheet of an XLSX workbook into a UTF-8 CSV file, so spreadsheets are staged exactly like CSV. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { DuesightError } from '../errors.ts';

/** What came out of the sheet. */
export interface SheetCsv {
  /** The sheet's column names (its first non-empty row). */
  header: string[];
  /** The sheet row number of the first record after the header. */
  firstRow: number;
  sheet: string;
}

const DAY_MS = 86_400_000;

/** An Excel serial day number as an ISO date (1900 system; 1904 when the workbook says so). */
export function serialToIso(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A cell as text: formulas by their result, rich text joined, numbers without binary noise. */
function cellText(value: ExcelJS.CellValue, isDate: boolean, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    // A plain number in a date column is a serial date whose cell lost its date format.
    if (isDate && value >= 1 && value < 2_958_466) return serialToIso(value, date1904);
    return String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue, isDate, date1904);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}

function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Writes sheet `sheetName` (default: the first) of the workbook at `path` to `target` as CSV,
 * quoting every field. `dateColumns` is told the header and answers which column positions
 * hold dates: there, Date cells and serial numbers become ISO dates. Blank rows inside the data
 * stay as empty records so that row numbers remain the sheet's own.
 */
export async function xlsxToCsv(
  path: string,
  target: string,
  sheetName: string | undefined,
  dateColumns: (header: string[]) => Set<number>,
): Promise<SheetCsv> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    throw new DuesightError(`Cannot read ${path} as an XLSX workbook: ${(err as Error).message}.`);
  }
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((s) => `"${s.name}"`).join(', ');
    throw new DuesightError(sheetName === undefined
      ? `The workbook ${path} has no sheets.`
      : `The workbook ${path} has no sheet "${sheetName}" (its sheets: ${names}).`);
  }
  const date1904 = Boolean(workbook.properties?.date1904);
  const width = sheet.columnCount;
  const rowValues = (r: number): ExcelJS.CellValue[] => {
    const row = sheet.getRow(r);
    return Array.from({ length: width }, (_, i) => row.getCell(i + 1).value);
  };
  const blank = (values: ExcelJS.CellValue[]) => values.every((v) => cellText(v, false, date1904).trim() === '');

  let headerRow = 1;
  while (headerRow <= sheet.rowCount && blank(rowValues(headerRow))) headerRow++;
  let lastRow = sheet.rowCount;
  while (lastRow > headerRow && blank(rowValues(lastRow))) lastRow--;
  const headerValues = headerRow <= sheet.rowCount ? rowValues(headerRow) : [];
  let header = headerValues.map((v) => cellText(v, false, date1904).trim());
  while (header.length && header[header.length - 1] === '') header.pop();
  header = header.map((h, i) => h || `column ${i + 1}`);
  const dates = dateColumns(header);

  const out = createWriteStream(target, { encoding: 'utf8' });
  let pending = header.map(csvField).join(',') + '\n';
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const values = rowValues(r).slice(0, Math.max(header.length, 1));
    const fields = values.map((v, i) => csvField(cellText(v, dates.has(i), date1904)));
    pending += (fields.length ? fields.join(',') : '""') + '\n';
    if (pending.length > 1 << 20) {
      const flowing = out.write(pending);
      pending = '';
      if (!flowing) await once(out, 'drain');
    }
  }
  out.end(pending);
  await once(out, 'finish');
  return { header, firstRow: headerRow + 1, sheet: sheet.name };
}
