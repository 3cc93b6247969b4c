// Values copied from lead data into cells must stay text: Sheets turns a string that starts with
// "=" (and "+", "-", "@" when it is not a number) into a formula, so "=IMPORTXML(...)" in a lead
// name would run in the log. A leading apostrophe makes Sheets store the rest as plain text.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function escapeCell(v: unknown): string | number | boolean | Date {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const s = typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) return "'" + s;
  return s;
}

/** Text for HTML (sidebar, preview dialog, e-mail). */
export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
