/** Reads the header line of a UTF-8 CSV file: its delimiter and its column names. */
import { open } from 'node:fs/promises';
import { DuesightError } from '../errors.ts';

/** The delimiters the importer recognises, in order of preference when counts tie. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

const HEADER_BYTES = 1 << 20;

/**
 * The first record of a UTF-8 file (BOM stripped): up to the first line break outside quotes,
 * so a quoted header name may span lines. Empty when the file is.
 */
export async function readHeaderLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEADER_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if ((c === '\n' || c === '\r') && !quoted) return text.slice(0, i);
    }
    return text;
  } finally {
    await handle.close();
  }
}

/** The delimiter the header uses most often outside quotes (`,` when it uses none: one column). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** What `--delimiter` may say: one character, or a name for tab. */
export function parseDelimiterOption(value: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const d = named[value.toLowerCase()] ?? value;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new DuesightError(`"${value}" cannot be a delimiter; use one character such as , ; | or tab.`);
  }
  return d;
}

/** The column names of a header line, split on `delimiter` with "quoted" names unquoted. */
export function splitHeader(headerLine: string, delimiter: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (quoted) {
      if (c === '"' && headerLine[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  return names.map((n) => n.trim());
}
