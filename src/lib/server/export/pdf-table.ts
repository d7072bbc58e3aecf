/** Tables on PDF pages: column widths fitted to the page, one line per row, numbers right-aligned and grouped for reading. */
import { formatNumber, formatPercent } from '../../format.ts';
import { isNumeric, type CanonicalRow, type Column, type ColumnType } from './columns.ts';

const DEFAULT_WIDTHS: Record<ColumnType, number> = { text: 14, date: 10, int: 7, money: 14, days: 9, ratio: 9, number: 13, rate: 11 };
const PAD = 3;
export const ROW_HEIGHT = 11;
export const FONT_SIZE = 7.5;
const MAX_LINES = 6;

/** A row ready to draw: the lines of each cell with their widths. */
export interface RowLayout {
  bold: boolean;
  cells: [string, number][][];
  height: number;
}

/** A canonical value as a reader wants it on paper: 1,234,567.89, 12.50%, dates as they are. */
export function displayValue(type: ColumnType, value: string | null): string {
  if (value === null) return '';
  switch (type) {
    case 'money':
    case 'number':
      return formatNumber(Number(value), 2);
    case 'days':
      return formatNumber(Number(value), 1);
    case 'int':
      return formatNumber(Number(value), 0);
    case 'ratio':
      return formatPercent(Number(value), 2);
    default:
      return value;
  }
}

/** Draws one section's header and rows at given heights; the writer decides where pages break. */
export class PdfTable {
  private readonly widths: number[];
  private readonly numeric: boolean[];
  /** The font cells are being drawn in (set with the document's). */
  private font = '';

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly columns: readonly Column[],
    private readonly x: number,
    width: number,
    private readonly fonts: { regular: string; bold: string },
  ) {
    const weights = columns.map((c) => c.width ?? DEFAULT_WIDTHS[c.type]);
    const total = weights.reduce((s, w) => s + w, 0);
    this.widths = weights.map((w) => (w / total) * width);
    this.numeric = columns.map((c) => isNumeric(c.type));
  }

  /** The column headings at `y`, bold, underlined; returns the next row's y. */
  header(y: number): number {
    const doc = this.doc;
    doc.font(this.fonts.bold).fontSize(FONT_SIZE).fillColor('#000');
    this.font = this.fonts.bold;
    this.cells(this.columns.map((c) => c.label), y);
    const bottom = y + ROW_HEIGHT;
    doc.moveTo(this.x, bottom - 1).lineTo(this.x + this.widths.reduce((s, w) => s + w, 0), bottom - 1).lineWidth(0.6).strokeColor('#444').stroke();
    return bottom + 1;
  }

  /**
   * A row laid out: each cell's lines (one, cut with an ellipsis, unless `wrap`, when text cells
   * wrap onto up to MAX_LINES lines) and the row's height.
   */
  layout(values: CanonicalRow, bold: boolean, wrap: boolean): RowLayout {
    this.font = bold ? this.fonts.bold : this.fonts.regular;
    this.doc.font(this.font).fontSize(FONT_SIZE);
    const cells = values.map((v, i) => {
      const text = displayValue(this.columns[i].type, v);
      const room = this.widths[i] - 2 * PAD;
      return wrap && !this.numeric[i] ? this.wrapped(text, room) : [this.fit(text, room)];
    });
    return { bold, cells, height: Math.max(1, ...cells.map((c) => c.length)) * ROW_HEIGHT };
  }

  /** Draws a laid-out row at `y` (shaded when `shade`); returns the next row's y. */
  draw(row: RowLayout, y: number, shade: boolean): number {
    const doc = this.doc;
    if (shade) doc.rect(this.x, y - 1.5, this.widths.reduce((s, w) => s + w, 0), row.height).fill('#f2f4f7');
    this.font = row.bold ? this.fonts.bold : this.fonts.regular;
    doc.font(this.font).fontSize(FONT_SIZE).fillColor('#000');
    let x = this.x;
    row.cells.forEach((lines, i) => {
      lines.forEach(([text, w], k) => {
        const left = this.numeric[i] ? x + this.widths[i] - PAD - w : x + PAD;
        if (text) doc.text(text, left, y + k * ROW_HEIGHT, { lineBreak: false });
      });
      x += this.widths[i];
    });
    return y + row.height;
  }

  private cells(texts: string[], y: number): void {
    let x = this.x;
    for (let i = 0; i < texts.length; i++) {
      const [text, w] = this.fit(texts[i], this.widths[i] - 2 * PAD);
      const left = this.numeric[i] ? x + this.widths[i] - PAD - w : x + PAD;
      if (text) this.doc.text(text, left, y, { lineBreak: false });
      x += this.widths[i];
    }
  }

  /** `text` broken into lines of at most `room` points (at a space where there is one), at most MAX_LINES. */
  private wrapped(text: string, room: number): [string, number][] {
    const lines: [string, number][] = [];
    let rest = [...text];
    while (rest.length && lines.length < MAX_LINES - 1) {
      let width = 0;
      let end = 0;
      let space = -1;
      while (end < rest.length && width + this.charWidth(rest[end]) <= room) {
        if (rest[end] === ' ') space = end;
        width += this.charWidth(rest[end++]);
      }
      if (end === rest.length) break;
      const cut = space > 0 ? space : Math.max(end, 1);
      const line = rest.slice(0, cut).join('');
      lines.push([line, this.width(line)]);
      rest = rest.slice(space > 0 ? cut + 1 : cut);
    }
    if (rest.length || lines.length === 0) lines.push(this.fit(rest.join(''), room));
    return lines;
  }

  private width(text: string): number {
    let w = 0;
    for (const c of text) w += this.charWidth(c);
    return w;
  }

  /** The width of `text` in the current font, from per-character widths (measuring whole strings with a CJK font is slow). */
  private charWidth(c: string): number {
    const key = `${this.font}:${c}`;
    let w = charWidths.get(key);
    if (w === undefined) {
      w = this.doc.widthOfString(c) / FONT_SIZE;
      charWidths.set(key, w);
    }
    return w * FONT_SIZE;
  }

  /** `text` cut with an ellipsis to fit `room` points, and its width. */
  private fit(text: string, room: number): [string, number] {
    const chars = [...text];
    let width = 0;
    for (let i = 0; i < chars.length; i++) {
      const w = this.charWidth(chars[i]);
      if (width + w > room) {
        const ellipsis = this.charWidth('…');
        let cut = i;
        while (cut > 0 && width + ellipsis > room) width -= this.charWidth(chars[--cut]);
        return [`${chars.slice(0, cut).join('')}…`, width + ellipsis];
      }
      width += w;
    }
    return [text, width];
  }
}

/** Character widths at size 1, per registered font name and character (the names are fixed per font file). */
const charWidths = new Map<string, number>();
