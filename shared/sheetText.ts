// The text forms the Google Sheets layout (and Airtable, and roster rows in n8n) uses for a rep's
// `Hours` and `Out of office` cells, read the same way by every surface.

/**
 * A list cell or parameter: an array (options picked; each item as text) or comma-separated text, each
 * part trimmed and blank ones dropped. "demo, pricing,," -> ["demo", "pricing"]; null or undefined -> [].
 */
export function listFromText(v: unknown): string[] {
  const parts: unknown[] = Array.isArray(v) ? v : v === null || v === undefined ? [] : String(v).split(',');
  return parts.map(x => String(x ?? '').trim()).filter(Boolean);
}

const HOURS_PART = /^([a-z]{3}(?:\s*-\s*[a-z]{3})?)\s*[=:]?\s*(\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})$/i;

/** "mon-fri 09:00-17:00; sat=10:00-14:00" -> {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}, and the parts it could not read. */
export function hoursFromText(text: string): {hours: Record<string, string>; bad: string[]} {
  const hours: Record<string, string> = {};
  const bad: string[] = [];
  for (const part of text.split(/[;\n]+/).map(s => s.trim())) {
    if (!part) continue;
    const m = HOURS_PART.exec(part);
    if (m) hours[m[1].replace(/\s+/g, '').toLowerCase()] = m[2].replace(/\s+/g, '');
    else bad.push(part);
  }
  return {hours, bad};
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?$/i;
const RANGE_SEPARATOR = /\s*(?:\.\.|\bto\b|–|—|\s-\s)\s*/;

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date as a spreadsheet cell gives it -> "YYYY-MM-DD", or null. Accepts ISO dates (with a time,
 * as n8n's Google Sheets node or Airtable give them: the date as written, the time ignored),
 * formatted text "3/10/2026" (month first unless `order` is 'DMY'; a day above 12 settles it), and
 * spreadsheet serial day numbers (days since 1899-12-30, as unformatted Sheets and Excel give).
 */
export function dateFromCell(v: unknown, order: 'MDY' | 'DMY' = 'MDY'): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v >= 2958466) return null;
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000);
    return d.toISOString().slice(0, 10);
  }
  if (typeof v !== 'string') return null;
  const t = v.trim();
  const iso = ISO_DATE.exec(t);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = SLASH_DATE.exec(t);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const dayFirst = a > 12 ? true : b > 12 ? false : order === 'DMY';
  return dayFirst ? ymd(Number(m[3]), b, a) : ymd(Number(m[3]), a, b);
}

/**
 * "2026-12-24..2026-12-31; 2027-01-05", "3/10/2026 - 3/14/2026", an ISO timestamp or a serial day
 * number -> [{from, to}, …], and the parts it could not read. Dates as `dateFromCell` reads them.
 */
export function outOfOfficeFromText(
  text: string | number,
  order: 'MDY' | 'DMY' = 'MDY',
): {periods: Array<{from: string; to: string}>; bad: string[]} {
  const periods: Array<{from: string; to: string}> = [];
  const bad: string[] = [];
  if (typeof text === 'number') {
    const d = dateFromCell(text);
    if (d) periods.push({from: d, to: d});
    else bad.push(String(text));
    return {periods, bad};
  }
  for (const part of text.split(/[;,\n]+/).map(s => s.trim())) {
    if (!part) continue;
    const ends = part.split(RANGE_SEPARATOR);
    const from = ends.length <= 2 ? dateFromCell(ends[0], order) : null;
    const to = ends.length === 2 ? dateFromCell(ends[1], order) : from;
    if (from && to) periods.push({from, to});
    else bad.push(part);
  }
  return {periods, bad};
}
