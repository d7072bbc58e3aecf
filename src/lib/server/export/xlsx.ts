/** XLSX exports through exceljs's streaming writer: a Manifest sheet first, one sheet per section, real numbers with number formats. */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CanonicalRow, Column, ColumnType } from './columns.ts';
import { manifestLines, type Manifest } from './manifest.ts';
import { neutraliseText } from './neutralise.ts';
import type { PreparedReport, Section } from './report.ts';
import type { ReportWriter } from './writer.ts';
import { SheetRowWriter } from './xlsx-rows.ts';

/** The Excel number format of each column type. */
const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: undefined,
  date: 'yyyy-mm-dd',
  int: '#,##0',
  money: '#,##0.00',
  days: '#,##0.00',
  ratio: '0.00%',
  number: '#,##0.00',
  rate: '0.00000000',
};
const DEFAULT_WIDTHS: Record<ColumnType, number> = { text: 16, date: 11, int: 9, money: 15, days: 10, ratio: 10, number: 14, rate: 12 };

/** The name of the sheet whose rows hold the manifest; `verify` reads its `manifest_json` row. */
export const MANIFEST_SHEET = 'Manifest';
/** The field of the Manifest sheet holding the whole manifest as JSON. */
export const MANIFEST_JSON_FIELD = 'manifest_json';

/** The archiver inside exceljs's streaming writer (not in its typings). */
interface ZipArchive {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
  abort(): unknown;
}
type EntryData = { name: string; date?: Date };

/**
 * The date given to every ZIP entry appended while it is set. exceljs appends its first parts
 * inside its constructor, before any instance could be wrapped, so the archiver's own append is
 * wrapped once (on a throwaway writer) to read this; it is set only around a synchronous
 * construction, so no other archive is touched.
 */
let fixedEntryDate: Date | null = null;
let archiverWrapped = false;

function wrapArchiverAppend(): void {
  if (archiverWrapped) return;
  const probe = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
  const zip = (probe as unknown as { zip: ZipArchive }).zip;
  const proto = Object.getPrototypeOf(zip) as ZipArchive;
  const append = proto.append;
  proto.append = function (this: ZipArchive, source: unknown, data: EntryData) {
    return append.call(this, source, fixedEntryDate ? { ...data, date: fixedEntryDate } : data);
  };
  zip.abort();
  archiverWrapped = true;
}

/**
 * The workbook. Sheets are streamed row by row and never held whole. The Manifest sheet is
 * written last, when the fingerprint is known, and listed first (the first tab). Every
 * timestamp inside the file other than the manifest's generation time (the workbook's created
 * and modified dates, the date of each part in the ZIP container) is the as-of date, so the
 * same data gives the same bytes in every part but the Manifest sheet.
 */
export class XlsxWriter implements ReportWriter {
  private workbook!: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | null = null;
  private section: Section | null = null;
  private rowWriter: SheetRowWriter | null = null;

  constructor(private readonly out: Writable) {}

  async begin(report: PreparedReport): Promise<void> {
    const fixed = new Date(`${report.parameters.as_of}T00:00:00Z`);
    wrapArchiverAppend();
    fixedEntryDate = fixed;
    try {
      this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: this.out,
        useStyles: true,
        useSharedStrings: false,
        zip: { zlib: { level: 1 } },
      });
    } finally {
      fixedEntryDate = null;
    }
    Object.assign(this.workbook, { created: fixed, modified: fixed, creator: 'Duesight', lastModifiedBy: 'Duesight', title: report.title });
    const zip = (this.workbook as unknown as { zip: ZipArchive }).zip;
    const append = zip.append.bind(zip);
    zip.append = (source, data) => append(source, { ...data, date: fixed });
  }

  async startSection(section: Section): Promise<void> {
    this.section = section;
    const sheet = this.workbook.addWorksheet(section.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = section.columns.map((c: Column) => ({
      header: c.label,
      key: c.key,
      width: Math.max(c.width ?? DEFAULT_WIDTHS[c.type], c.label.length + 2),
      style: NUMBER_FORMATS[c.type] ? { numFmt: NUMBER_FORMATS[c.type] } : {},
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    this.rowWriter = new SheetRowWriter(sheet, section.columns, (this.workbook as unknown as { styles: unknown }).styles, NUMBER_FORMATS);
    this.sheet = sheet;
  }

  async rows(rows: CanonicalRow[]): Promise<void> {
    this.rowWriter!.write(rows, this.section!.emphasis);
    // Backpressure: wait while the ZIP entry the sheet feeds, or the file, has a full buffer,
    // so that rows never pile up in memory faster than they are compressed and written.
    // (The entry is an older readable-stream PassThrough: its state says whether it needs draining.)
    type Entry = Writable & { _writableState?: { needDrain?: boolean } };
    const pipes = (this.sheet as unknown as { stream: { pipes?: Entry[] } }).stream.pipes ?? [];
    for (const entry of pipes) if (entry._writableState?.needDrain) await once(entry, 'drain');
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
    await new Promise((resolve) => setImmediate(resolve));
  }

  async endSection(): Promise<void> {
    this.sheet?.commit();
    this.sheet = null;
  }

  async finish(manifest: Manifest): Promise<void> {
    // Made last, when the fingerprint is known: a sheet's ZIP entry opens when the sheet is made,
    // and the archive writes entries in turn, so a Manifest sheet made first would hold every
    // data row in memory until the end.
    const sheet = this.workbook.addWorksheet(MANIFEST_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: 'Field', key: 'field', width: 24 },
      { header: 'Value', key: 'value', width: 110 },
    ];
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    for (const [field, value] of manifestLines(manifest)) sheet.addRow([field, neutraliseText(value)]).commit();
    sheet.addRow([MANIFEST_JSON_FIELD, JSON.stringify(manifest)]).commit();
    sheet.commit();
    // The tab order is the order of exceljs's sheet list (part names and ids stay): Manifest first.
    const book = this.workbook as unknown as { _worksheets: (ExcelJS.Worksheet | undefined)[] };
    // (Index 0 stays a hole, as exceljs numbers sheets from 1 and skips holes.)
    const order: (ExcelJS.Worksheet | undefined)[] = new Array(1);
    order.push(sheet, ...book._worksheets.filter((s) => s && s !== sheet));
    book._worksheets = order;
    await this.workbook.commit();
  }
}
