// Values copied from lead data into cells must stay text: Sheets turns a string that starts with
// "=" (and "+", "-", "@" when it is not a number) into a formula, so "=IMPORTXML(...)" in a lead
// name would run in the log. A leading apostrophe makes Sheets store the rest as plain text.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Sheets refuses a cell holding more than 50,000 characters (the whole write fails). */
export const CELL_LIMIT = 50000;
const CUT_MARK = ' …[cut]';

/**
 * A value safe to write into a cell: text that would start a formula gets a leading apostrophe,
 * and text longer than the cell limit is cut (ending with "…[cut]") so the write never fails.
 */
export function escapeCell(v: unknown): string | number | boolean | Date {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  let s = typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = "'" + s;
  if (s.length > CELL_LIMIT) {
    let end = CELL_LIMIT - CUT_MARK.length;
    if (/[\ud800-\udbff]/.test(s.charAt(end - 1))) end--;
    s = s.slice(0, end) + CUT_MARK;
  }
  return s;
}

/** Text for HTML (sidebar, preview dialog, e-mail). */
export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
