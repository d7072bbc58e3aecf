/**
 * Data rows of an XLSX sheet written straight as SpreadsheetML into exceljs's sheet stream:
 * exceljs's per-cell model costs tens of microseconds a row, and a million rows must stream in
 * seconds. exceljs still writes everything around them (sheet preamble, header row, styles, ZIP).
 */
import ExcelJS from 'exceljs';
import type { CanonicalRow, Column, ColumnType } from './columns.ts';
import { neutraliseText } from './neutralise.ts';

/** The part of exceljs's streaming writer this module writes through (not in its typings). */
interface SheetInternals {
  stream: { write(data: string): unknown };
}
interface StylesInternals {
  addStyleModel(model: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number;
}

/** Excel's serial day number of an ISO date (days since 1899-12-30). */
function excelSerial(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}

/** Text as XML character data; characters XML 1.0 cannot hold are dropped. */
function xmlText(text: string): string {
  return text.replace(/[&<>\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : ''));
}

/** The column letters A, B, …, Z, AA, … of `index` (0-based). */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Writes rows after a committed header row, numbering them from `firstRow`. */
export class SheetRowWriter {
  private next: number;
  private readonly letters: string[];
  private readonly types: ColumnType[];
  /** Style ids per column: [plain, bold]. */
  private readonly styles: [number, number][];

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    columns: readonly Column[],
    workbookStyles: unknown,
    numberFormats: Record<ColumnType, string | undefined>,
    firstRow = 2,
  ) {
    const styles = workbookStyles as StylesInternals;
    this.next = firstRow;
    this.letters = columns.map((_, i) => columnLetters(i));
    this.types = columns.map((c) => c.type);
    this.styles = columns.map((c) => {
      const numFmt = numberFormats[c.type];
      const valueType = c.type === 'text' ? ExcelJS.ValueType.String : ExcelJS.ValueType.Number;
      const plain = numFmt ? styles.addStyleModel({ numFmt }, valueType) : 0;
      const bold = styles.addStyleModel({ ...(numFmt ? { numFmt } : {}), font: { bold: true } }, valueType);
      return [plain, bold];
    });
  }

  /** Writes `rows` as one block of XML; rows for which `bold` says so are set in bold. */
  write(rows: readonly CanonicalRow[], bold?: (row: CanonicalRow) => boolean): void {
    let xml = '';
    for (const row of rows) {
      const r = this.next++;
      const b = bold?.(row) ? 1 : 0;
      xml += `<row r="${r}">`;
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (v === null) continue;
        const ref = `${this.letters[i]}${r}`;
        const s = this.styles[i][b];
        const style = s ? ` s="${s}"` : '';
        const type = this.types[i];
        if (type === 'text') {
          const text = xmlText(neutraliseText(v));
          const space = text !== text.trim() ? ' xml:space="preserve"' : '';
          xml += `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
        } else {
          xml += `<c r="${ref}"${style}><v>${type === 'date' ? excelSerial(v) : v}</v></c>`;
        }
      }
      xml += '</row>';
    }
    (this.sheet as unknown as SheetInternals).stream.write(xml);
  }
}
