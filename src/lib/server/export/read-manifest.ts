/** Reads the manifest back out of an exported file: the .manifest.json beside a CSV, an XLSX's Manifest sheet, a PDF's metadata. */
import { existsSync, readFileSync } from 'node:fs';
import { DuesightError } from '../errors.ts';
import { manifestPathFor } from './csv.ts';
import type { Manifest } from './manifest.ts';
import { PDF_MANIFEST_KEY } from './pdf.ts';
import { MANIFEST_JSON_FIELD, MANIFEST_SHEET } from './xlsx.ts';
import { readZipEntry } from './zip-entry.ts';

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return XML_ENTITIES[e] ?? whole;
  });
}

/** A cell's text: an inline string or a string value (exceljs writes either). */
const CELL = '<c [^>]*>(?:<is><t[^>]*>([\\s\\S]*?)</t></is>|<v>([\\s\\S]*?)</v>)</c>';

/** The ZIP part of the sheet named `name`, from the workbook and its relationships. */
function sheetPart(path: string, name: string): string | null {
  const workbook = readZipEntry(path, 'xl/workbook.xml')?.toString('utf8');
  const rels = readZipEntry(path, 'xl/_rels/workbook.xml.rels')?.toString('utf8');
  const sheet = workbook && new RegExp(`<sheet [^>]*name="${name}"[^>]*/>`).exec(workbook)?.[0];
  const id = sheet && /r:id="([^"]+)"/.exec(sheet)?.[1];
  const target = id && rels && new RegExp(`<Relationship [^>]*Id="${id}"[^>]*/>`).exec(rels)?.[0];
  const part = target && /Target="([^"]+)"/.exec(target)?.[1];
  return part ? (part.startsWith('/') ? part.slice(1) : `xl/${part}`) : null;
}

/** The manifest_json row of the Manifest sheet, read straight from the ZIP (the data sheets stay unread). */
function fromXlsx(path: string): string | null {
  const part = sheetPart(path, MANIFEST_SHEET);
  const sheet = part ? readZipEntry(path, part) : null;
  if (!sheet) return null;
  for (const row of sheet.toString('utf8').matchAll(new RegExp(`<row [^>]*>${CELL}${CELL}`, 'g'))) {
    if ((row[1] ?? row[2]) === MANIFEST_JSON_FIELD) return xmlText(row[3] ?? row[4]);
  }
  return null;
}

/** The manifest kept (base64 JSON) in the PDF's document information dictionary, directly or as an indirect object. */
function fromPdf(path: string): string | null {
  const text = readFileSync(path).toString('latin1');
  const key = new RegExp(`/${PDF_MANIFEST_KEY} (?:\\(([A-Za-z0-9+/=]+)\\)|(\\d+) 0 R)`).exec(text);
  if (!key) return null;
  const base64 = key[1] ?? new RegExp(`(?:^|\\n)${key[2]} 0 obj\\s*\\(([A-Za-z0-9+/=]+)\\)`).exec(text)?.[1];
  return base64 ? Buffer.from(base64, 'base64').toString('utf8') : null;
}

/** The manifest of the exported `file` (.csv, .manifest.json, .xlsx or .pdf); a DuesightError says why none can be read. */
export function readManifest(file: string): Manifest {
  if (!existsSync(file)) throw new DuesightError(`There is no file ${file}.`);
  const lower = file.toLowerCase();
  let json: string | null;
  let where: string;
  if (lower.endsWith('.csv') || lower.endsWith('.json')) {
    const path = lower.endsWith('.csv') ? manifestPathFor(file) : file;
    where = path;
    if (!existsSync(path)) throw new DuesightError(`The manifest of ${file} should be beside it, at ${path}, and is not there.`);
    json = readFileSync(path, 'utf8');
  } else if (lower.endsWith('.xlsx')) {
    where = `the Manifest sheet of ${file}`;
    json = fromXlsx(file);
  } else if (lower.endsWith('.pdf')) {
    where = `the metadata of ${file}`;
    json = fromPdf(file);
  } else {
    throw new DuesightError(`${file} is not an export Duesight can verify (a .csv with its .manifest.json, an .xlsx or a .pdf).`);
  }
  let manifest: Manifest | null = null;
  try {
    manifest = json ? (JSON.parse(json) as Manifest) : null;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.manifest !== 'duesight-export' || !manifest.fingerprint?.value || !manifest.parameters) {
    throw new DuesightError(`No Duesight manifest could be read from ${where}: the file was not made by "duesight export", or it was changed.`);
  }
  return manifest;
}
