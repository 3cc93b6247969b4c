// CSV cells that a spreadsheet opens as text, never as a formula ("CSV injection", OWASP): Excel,
// LibreOffice and Sheets run a cell starting with `=`, `+`, `-` or `@` (and a leading tab or CR is
// used to hide one), so a lead id `=HYPERLINK("http://evil","x")` would become a live link in the
// decisions file. The rule is the add-on's (apps-script/src/escape.ts): such text gets a leading
// apostrophe, which the spreadsheet shows as the plain text; plain numbers (`-12`, `+3.5`) stay.
// Every CSV the CLI writes (route's decisions, simulate's --changes and --format csv) goes through csvRow.
import {stringify} from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when a spreadsheet would read `text` as a formula (see the file comment). */
export function startsFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * One CSV cell's text: null/undefined as empty, numbers and booleans as they print, text that
 * would start a formula prefixed with `'` unless `raw` (for programs that read the file, not people).
 */
export function csvCell(v: unknown, raw = false): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return !raw && typeof v === 'string' && startsFormula(s) ? "'" + s : s;
}

/** One CSV record (with its line break) of `values`, each written by csvCell (`raw`: as they are). */
export function csvRow(values: readonly unknown[], raw = false): string {
  return stringify([values.map(v => csvCell(v, raw))]);
}
