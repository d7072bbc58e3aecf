/** CSV exports: UTF-8 with a byte-order mark (so Excel reads Chinese names right), RFC 4180 quoting, text cells neutralised. */
import type { Writable } from 'node:stream';
import { isNumeric, type CanonicalRow, type Column } from './columns.ts';
import type { Manifest } from './manifest.ts';
import { neutraliseText } from './neutralise.ts';
import type { PreparedReport, Section } from './report.ts';
import { endStream, writeWithBackpressure, type ReportWriter } from './writer.ts';

const BOM = '\uFEFF';
const EOL = '\r\n';

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The CSV data file. Values are the canonical text of the data (columns.ts), so the same data
 * always gives the same bytes; the header row holds the column keys. A report of one section
 * (aging detail) is a plain table. A report of several sections is one file of stacked tables:
 * each begins with its own header row, every row starts with a `section` column naming its
 * section, and a blank line separates them. The manifest goes in a .manifest.json file beside it.
 */
export class CsvWriter implements ReportWriter {
  private sectionColumn = false;
  private sectionName = '';
  private textColumns: boolean[] = [];
  private first = true;

  constructor(private readonly out: Writable) {}

  async begin(report: PreparedReport): Promise<void> {
    this.sectionColumn = report.sections.length > 1;
    await writeWithBackpressure(this.out, BOM);
  }

  async startSection(section: Section): Promise<void> {
    this.sectionName = section.name;
    this.textColumns = section.columns.map((c: Column) => !isNumeric(c.type));
    const header = section.columns.map((c) => c.key);
    const line = (this.sectionColumn ? ['section', ...header] : header).map(quote).join(',');
    await writeWithBackpressure(this.out, (this.first ? '' : EOL) + line + EOL);
    this.first = false;
  }

  async rows(rows: CanonicalRow[]): Promise<void> {
    const prefix = this.sectionColumn ? `${quote(this.sectionName)},` : '';
    let text = '';
    for (const row of rows) {
      let line = prefix;
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (i > 0) line += ',';
        if (v !== null) line += quote(this.textColumns[i] ? neutraliseText(v) : v);
      }
      text += line + EOL;
    }
    await writeWithBackpressure(this.out, text);
  }

  async endSection(): Promise<void> {}

  async finish(_manifest: Manifest): Promise<void> {
    await endStream(this.out);
  }
}

/** The manifest file beside `csvPath`: report.csv → report.manifest.json. */
export function manifestPathFor(csvPath: string): string {
  return csvPath.replace(/\.csv$/i, '') + '.manifest.json';
}
