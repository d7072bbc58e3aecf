/** Formula neutralisation for spreadsheet cells: text that a spreadsheet would run as a formula is made inert. */

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (CSV injection). */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Text cells starting with = + - @ tab or CR get a leading apostrophe, which spreadsheets
 * show as text and never evaluate. Only text columns pass through here: numbers stay numbers.
 */
export function neutraliseText(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0]) ? `'${text}` : text;
}
