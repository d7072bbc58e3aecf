/**
 * Hand-made XLSX workbooks for the hostile-file tests: a tiny zip writer (stored names, deflated
 * parts, sizes as the test chooses to declare them) and a zip bomb, a file of a few megabytes
 * whose sheet unpacks to gigabytes.
 */
import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One part of the archive: its raw deflate data and what the archive says about it. */
export interface ZipEntry {
  name: string;
  deflated: Buffer;
  /** The size the archive declares the part unpacks to. */
  declaredSize: number;
  crc: number;
}

/** A part holding `text`, deflated, its size and checksum declared truly. */
export function textEntry(name: string, text: string): ZipEntry {
  const raw = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(raw), declaredSize: raw.length, crc: crc32(raw) };
}

/** Writes a zip archive of `entries` (method 8, no data descriptors) to `path`. */
export function writeZip(path: string, entries: ZipEntry[]): void {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by
    header.writeUInt16LE(20, 6); // version needed
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(e.crc >>> 0, 16);
    header.writeUInt32LE(e.deflated.length, 20);
    header.writeUInt32LE(e.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, e.deflated);
    central.push(header, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...chunks, dir, end]));
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts of a one-sheet workbook beside its sheet. */
function workbookParts(): ZipEntry[] {
  const ns = 'http://schemas.openxmlformats.org';
  return [
    textEntry('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    textEntry('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    textEntry('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    textEntry('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  ];
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A sheet row of inline-string cells (text, as typed: a leading = is no formula here). */
function row(n: number, cells: string[]): string {
  return `<row r="${n}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${xmlText(c)}</t></is></c>`).join('')}</row>`;
}

/** Writes a small honest workbook of customers (a header row, then `rows` [id, name] pairs): the same container as the bomb, to show it is readable. */
export function writeCustomersWorkbook(path: string, rows: [string, string][]): void {
  const sheet = SHEET_HEAD + [row(1, ['customer_id', 'name']), ...rows.map((r, i) => row(i + 2, r))].join('') + SHEET_TAIL;
  writeZip(path, [...workbookParts(), textEntry('xl/worksheets/sheet1.xml', sheet)]);
}

/**
 * Writes a zip bomb: a workbook whose sheet unpacks to `mib` MiB of repeated rows. Deflate
 * output after a full flush starts afresh, so one megabyte of rows is deflated once and its
 * output repeated; the file stays near 1 KB per unpacked MiB. `declare` says what the archive
 * claims the sheet unpacks to: 'truth', or 'lie' (a few kilobytes). Returns the file's size
 * and the sheet's real unpacked size.
 */
export function writeXlsxBomb(path: string, mib: number, declare: 'truth' | 'lie'): { fileBytes: number; unpackedBytes: number } {
  const full = { finishFlush: constants.Z_FULL_FLUSH, level: 9, memLevel: 9 };
  const unit = row(2, ['C1', 'Bomb customer']);
  const block = Buffer.from(unit.repeat(Math.floor((1 << 20) / unit.length)), 'utf8');
  const head = Buffer.from(SHEET_HEAD + row(1, ['customer_id', 'name']), 'utf8');
  const tail = Buffer.from(SHEET_TAIL, 'utf8');
  const blockDeflated = deflateRawSync(block, full);
  const deflated = Buffer.concat([deflateRawSync(head, full), ...Array.from({ length: mib }, () => blockDeflated), deflateRawSync(tail)]);
  const unpackedBytes = head.length + mib * block.length + tail.length;
  // The checksum is left 0: computing it would mean unpacking the gigabytes here too.
  const sheet: ZipEntry = { name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: declare === 'truth' ? unpackedBytes : 4096, crc: 0 };
  writeZip(path, [...workbookParts(), sheet]);
  return { fileBytes: deflated.length, unpackedBytes };
}
