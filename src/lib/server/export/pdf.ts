/** PDF exports for reading and filing: a cover page with the manifest, tables that break across pages with their headings repeated, "Page n of m". */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import type { CanonicalRow } from './columns.ts';
import { manifestLines, type Manifest } from './manifest.ts';
import { pdfFonts } from './pdf-font.ts';
import { PdfTable, ROW_HEIGHT } from './pdf-table.ts';
import type { PreparedReport, Section } from './report.ts';
import type { ReportWriter } from './writer.ts';

/** The Info dictionary key holding the manifest as base64 JSON; `verify` reads it back. */
export const PDF_MANIFEST_KEY = 'DuesightManifest';

const MARGIN = { top: 46, bottom: 44, left: 36, right: 36 };
const FONTS = { regular: 'body', bold: 'body-bold' };

/**
 * The document, A4 landscape. Pages are kept until the end (the cover page and the page count
 * need the finished report), so PDF suits reports a person reads, not million-row dumps. The
 * manifest is on the cover page, attached as manifest.json, and in the document's metadata.
 * CreationDate is the as-of date, so only the manifest's generation time differs between two
 * exports of the same data.
 */
export class PdfWriter implements ReportWriter {
  private doc!: PDFKit.PDFDocument;
  private report!: PreparedReport;
  private section: Section | null = null;
  private table: PdfTable | null = null;
  private y = 0;
  private shade = false;

  constructor(private readonly out: Writable) {}

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom - ROW_HEIGHT;
  }

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  async begin(report: PreparedReport): Promise<void> {
    const fonts = pdfFonts();
    this.report = report;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: MARGIN,
      bufferPages: true,
      info: {
        Title: `${report.title} — ${report.parameters.as_of}`,
        Subject: report.subtitle,
        Author: 'Duesight',
        Creator: 'Duesight',
        Producer: 'Duesight',
        CreationDate: new Date(`${report.parameters.as_of}T00:00:00Z`),
      },
    });
    this.doc.registerFont(FONTS.regular, fonts.regular.path, fonts.regular.face);
    this.doc.registerFont(FONTS.bold, fonts.bold.path, fonts.bold.face);
    this.doc.pipe(this.out);
    // Page 1 stays blank until finish() writes the cover on it.
  }

  private newPage(): void {
    this.doc.addPage();
    const doc = this.doc;
    doc.font(FONTS.regular).fontSize(8).fillColor('#555');
    doc.text(`${this.report.title} · ${this.report.subtitle}`, MARGIN.left, MARGIN.top - 22, { lineBreak: false });
    this.y = MARGIN.top;
  }

  private heading(text: string): void {
    this.doc.font(FONTS.bold).fontSize(11).fillColor('#000').text(text, MARGIN.left, this.y, { lineBreak: false });
    this.y += 18;
  }

  async startSection(section: Section): Promise<void> {
    this.section = section;
    if (this.doc.bufferedPageRange().count === 1 || this.y > this.bottom - 6 * ROW_HEIGHT) this.newPage();
    this.table = new PdfTable(this.doc, section.columns, MARGIN.left, this.width, FONTS);
    this.heading(section.title);
    this.y = this.table.header(this.y);
    this.shade = false;
  }

  async rows(rows: CanonicalRow[]): Promise<void> {
    const table = this.table!;
    const section = this.section!;
    for (const row of rows) {
      const laid = table.layout(row, section.emphasis?.(row) ?? false, section.wrap ?? false);
      if (this.y + laid.height - ROW_HEIGHT > this.bottom) {
        this.newPage();
        this.heading(`${section.title} (continued)`);
        this.y = table.header(this.y);
      }
      this.y = table.draw(laid, this.y, this.shade);
      this.shade = !this.shade;
    }
  }

  async endSection(): Promise<void> {
    this.y += 16;
  }

  private cover(manifest: Manifest): void {
    const doc = this.doc;
    doc.switchToPage(0);
    let y = MARGIN.top;
    doc.font(FONTS.bold).fontSize(20).fillColor('#000').text(manifest.title, MARGIN.left, y);
    y = doc.y + 4;
    doc.font(FONTS.regular).fontSize(11).fillColor('#333').text(manifest.subtitle, MARGIN.left, y);
    y = doc.y + 16;
    doc.font(FONTS.bold).fontSize(10).fillColor('#000').text('Manifest', MARGIN.left, y);
    y = doc.y + 6;
    const labelWidth = 130;
    for (const [field, value] of manifestLines(manifest)) {
      doc.font(FONTS.bold).fontSize(8.5).fillColor('#000').text(field, MARGIN.left, y, { width: labelWidth });
      doc.font(FONTS.regular).fontSize(8.5).text(value, MARGIN.left + labelWidth, y, { width: this.width - labelWidth });
      y = doc.y + 4;
    }
    doc.font(FONTS.regular).fontSize(8.5).fillColor('#333').text(
      'The manifest is also attached to this file (manifest.json) and stored in its metadata. ' +
        '"duesight verify FILE" recomputes the report for the same parameters and says whether the data still match the fingerprint.',
      MARGIN.left, y + 10, { width: this.width },
    );
  }

  private footers(manifest: Manifest): void {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Writing inside the bottom margin must not start a new page.
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN.bottom + 14;
      doc.font(FONTS.regular).fontSize(7.5).fillColor('#555');
      doc.text(`Duesight ${manifest.app_version} · ${manifest.report} as of ${manifest.as_of} · sha256 ${manifest.fingerprint.value.slice(0, 16)}…`, MARGIN.left, y, { lineBreak: false });
      const page = `Page ${i + 1} of ${count}`;
      doc.text(page, doc.page.width - MARGIN.right - doc.widthOfString(page), y, { lineBreak: false });
    }
  }

  async finish(manifest: Manifest): Promise<void> {
    const doc = this.doc;
    if (doc.bufferedPageRange().count === 1) this.newPage();
    this.cover(manifest);
    this.footers(manifest);
    const json = JSON.stringify(manifest, null, 2);
    const fixed = new Date(`${manifest.as_of}T00:00:00Z`);
    doc.file(Buffer.from(json, 'utf8'), { name: 'manifest.json', type: 'application/json', description: 'Duesight export manifest', creationDate: fixed, modifiedDate: fixed });
    Object.assign(doc.info, {
      Keywords: `duesight ${manifest.report} ${manifest.as_of} sha256:${manifest.fingerprint.value}`,
      [PDF_MANIFEST_KEY]: Buffer.from(JSON.stringify(manifest), 'utf8').toString('base64'),
    });
    const done = once(this.out, 'finish');
    doc.end();
    await done;
  }
}
