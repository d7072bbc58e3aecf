/** Turns one sheet of an XLSX workbook into a UTF-8 CSV file, so spreadsheets are staged exactly like CSV. */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
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
 * The most a workbook may unpack to, all its parts together (DUESIGHT_XLSX_LIMIT_MB, default
 * 256 MB, the size of the largest upload). The spreadsheet reader holds each part unpacked in
 * memory, so a small file that unpacks to gigabytes (a zip bomb) would take the server down.
 */
export function xlsxUnpackedLimitBytes(): number {
  const mb = Number(process.env.DUESIGHT_XLSX_LIMIT_MB ?? 256);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 256) * 1024 * 1024);
}

/** One part of a zip archive, as its central directory describes it. */
interface ZipPart {
  method: number;
  compressedSize: number;
  /** What the archive says the part unpacks to (a zip bomb may lie). */
  declaredSize: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_ENTRY = 0x02014b50;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Where the central directory is and how many parts it lists (zip64 archives included). */
async function centralDirectory(file: FileHandle, size: number): Promise<{ offset: number; length: number; count: number } | null> {
  const tailStart = Math.max(0, size - 65_557);
  const tail = await readAt(file, tailStart, size - tailStart);
  let at = tail.length - 22;
  while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--;
  if (at < 0) return null;
  let count = tail.readUInt16LE(at + 10);
  let length = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await readAt(file, Number(tail.readBigUInt64LE(at - 12)), 56);
    count = Number(record.readBigUInt64LE(32));
    length = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  return { offset, length, count };
}

/** The parts the central directory lists; the 64-bit sizes of a zip64 part come from its extra field. */
function zipParts(dir: Buffer, count: number): ZipPart[] {
  const parts: ZipPart[] = [];
  let at = 0;
  for (let i = 0; i < count && at + 46 <= dir.length && dir.readUInt32LE(at) === CENTRAL_ENTRY; i++) {
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const part: ZipPart = {
      method: dir.readUInt16LE(at + 10), compressedSize: dir.readUInt32LE(at + 20),
      declaredSize: dir.readUInt32LE(at + 24), localHeader: dir.readUInt32LE(at + 42),
    };
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; x += 4 + dir.readUInt16LE(x + 2)) {
      if (dir.readUInt16LE(x) !== 0x0001) continue;
      let field = x + 4;
      for (const key of ['declaredSize', 'compressedSize', 'localHeader'] as const) {
        if (part[key] !== 0xffffffff) continue;
        part[key] = Number(dir.readBigUInt64LE(field));
        field += 8;
      }
    }
    parts.push(part);
    at += 46 + nameLength + extraLength + dir.readUInt16LE(at + 32);
  }
  return parts;
}

/**
 * Refuses a workbook that unpacks to more than `limit` bytes, before the spreadsheet reader
 * unpacks anything: first by the sizes its parts declare, then by unpacking each part as a
 * stream that only counts bytes, and stops as soon as the count passes the limit (a zip bomb's
 * declared sizes may lie). Memory stays flat whatever the file holds.
 */
export async function checkUnpackedSize(path: string, limit = xlsxUnpackedLimitBytes()): Promise<void> {
  const mb = Math.round(limit / 1024 / 1024);
  const refuse = () =>
    new DuesightError(`The workbook ${basename(path)} unpacks to more than ${mb} MB, the most an XLSX file may hold (DUESIGHT_XLSX_LIMIT_MB); save the sheet as CSV and import that instead.`);
  const file = await open(path, 'r');
  let parts: ZipPart[];
  try {
    const dir = await centralDirectory(file, (await file.stat()).size);
    // Not a zip archive the checks can read: the spreadsheet reader says why.
    if (!dir || dir.length > MAX_CENTRAL_DIRECTORY) return;
    parts = zipParts(await readAt(file, dir.offset, dir.length), dir.count);
    if (parts.reduce((sum, p) => sum + p.declaredSize, 0) > limit) throw refuse();
    for (const p of parts) {
      const local = await readAt(file, p.localHeader, 30);
      if (local.length < 30) return;
      p.localHeader += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    }
  } finally {
    await file.close();
  }
  let unpacked = 0;
  const counter = () =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        unpacked += chunk.length;
        done(unpacked > limit ? refuse() : null);
      },
    });
  for (const p of parts) {
    if (p.method !== 8 || p.compressedSize === 0) {
      unpacked += p.method === 0 ? p.compressedSize : 0;
      if (unpacked > limit) throw refuse();
      continue;
    }
    const data = createReadStream(path, { start: p.localHeader, end: p.localHeader + p.compressedSize - 1 });
    try {
      await pipeline(data, createInflateRaw(), counter());
    } catch (err) {
      if (err instanceof DuesightError) throw err;
      // A damaged part: the spreadsheet reader gives the reason.
      return;
    }
  }
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
  await checkUnpackedSize(path);
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
