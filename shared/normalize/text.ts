const NUMERIC = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function maybeNumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45; // digit, +, -
}

/** Scientific notation as JavaScript and spreadsheets write it: "1e+21", "1.2E+04". */
const SCIENTIFIC = /^[-+]?\d+(?:\.\d+)?e[-+]?\d+$/i;
/** Dot-grouped thousands with an optional decimal comma, as German, French or Spanish exports write them: "1.200.000", "12.000,5". */
const DOT_GROUPED = /^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
/** Thousands grouped by spaces (French, Swedish, ISO 31-0), normal, no-break or narrow: "12 000", "1 200 000,5". */
const SPACE_GROUPED = /^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;
/** One dot then three digits: "5.000" is 5 with a decimal point, or 5000 grouped the European way. */
const DOT_THOUSANDS_AMBIGUOUS = /^[-+]?\d{1,3}\.\d{3}$/;

/**
 * "1,200" -> 1200, " 42 " -> 42, 7 -> 7, "1e+21" -> 1e21, "1.200.000" -> 1200000, "12.000,5" -> 12000.5,
 * "12 000" -> 12000;
 * anything else NaN. "5.000" is read with a decimal point (5), as JavaScript reads it: see
 * isAmbiguousThousands for the warning a caller gives.
 */
export function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return NaN;
  const s = raw.trim();
  if (NUMERIC.test(s)) return Number(s.replace(/,/g, ''));
  if (SCIENTIFIC.test(s)) return Number(s);
  if (DOT_GROUPED.test(s) && !DOT_THOUSANDS_AMBIGUOUS.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (SPACE_GROUPED.test(s)) return Number(s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  return NaN;
}

/** Whether `raw` reads both as a decimal and as European-grouped thousands ("5.000", "12.000"). */
export function isAmbiguousThousands(raw: string): boolean {
  return DOT_THOUSANDS_AMBIGUOUS.test(raw.trim());
}

/**
 * Text that normalizeText returns unchanged: ASCII without capitals, nothing to trim at either end,
 * and not starting like a number (so no numeric canonical form applies).
 */
function isCanonicalText(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32 || maybeNumeric(s.charCodeAt(0))) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 127 || (c >= 65 && c <= 90)) return false;
    // white space other than single spaces is folded (settled reading 12)
    if (c <= 32 && (c !== 32 || s.charCodeAt(i - 1) === 32)) return false;
  }
  return true;
}

/** Trimmed, lower-cased text, runs of white space folded to one space; numeric strings in canonical form ("1,200" -> "1200"). */
export function normalizeText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  if (typeof raw === 'string' && isCanonicalText(raw)) return raw;
  const s = String(raw).trim().toLowerCase().replace(/\s+/g, ' ');
  // ("5.000" keeps its dot: whether it is 5 or 5000 is for the numeric condition to say, with a warning.)
  if (
    s.length > 0 &&
    s.length < 24 &&
    maybeNumeric(s.charCodeAt(0)) &&
    NUMERIC.test(s) &&
    !DOT_THOUSANDS_AMBIGUOUS.test(s)
  ) {
    return String(Number(s.replace(/,/g, '')));
  }
  return s;
}

export function normalizeEmail(raw: unknown): string {
  return raw === null || raw === undefined ? '' : String(raw).trim().toLowerCase();
}

/** The domain of an e-mail address, lower-cased; '' when there is none. */
export function emailDomain(raw: unknown): string {
  const e = normalizeEmail(raw);
  const at = e.lastIndexOf('@');
  if (at < 1 || at === e.length - 1) return '';
  return e
    .slice(at + 1)
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

const NUM = '(\\d{1,3}(?:,\\d{3})+|\\d+)';
const BOUNDED = new RegExp(`^${NUM}\\s*(?:-|–|—|to)\\s*${NUM}$`);
const OPEN = new RegExp(`^${NUM}\\s*(?:\\+|or more|and up|and above)$`);

/**
 * A range written as text, as company-size buckets are: "1001-5000", "1,001 – 5,000", "51 to 200"
 * -> [low, high]; "10,001+", "5000 or more" -> [low, Infinity]; anything else null. Expects
 * normalised (lower-cased, trimmed) text.
 */
export function toRange(s: string): [number, number] | null {
  const c = s.charCodeAt(0);
  if (c < 48 || c > 57) return null;
  const m = BOUNDED.exec(s);
  if (m) {
    const lo = Number(m[1].replace(/,/g, ''));
    const hi = Number(m[2].replace(/,/g, ''));
    return lo <= hi ? [lo, hi] : null;
  }
  const open = OPEN.exec(s);
  return open ? [Number(open[1].replace(/,/g, '')), Infinity] : null;
}

/** Providers that ignore dots in the local part: Gmail ("Dots don't matter in Gmail addresses", Google Help). */
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com']);
/**
 * Providers documented to deliver "name+tag@" to "name@" (sub-addressing): Gmail, Microsoft
 * Outlook.com (outlook, hotmail, live, msn), iCloud Mail, Fastmail, Proton Mail.
 */
const PLUS_TAGS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'fastmail.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
]);

/**
 * An e-mail address as one person's mailbox, for dedupe: trimmed and lower-cased; for providers
 * known to ignore them, "+tag" cut off the local part (PLUS_TAGS) and dots removed (DOTS_IGNORED,
 * with googlemail.com read as gmail.com). Other domains are left as written: a company's mail
 * server may treat "jo.doe" and "jodoe" as two people.
 */
export function mailboxKey(raw: unknown): string {
  const e = normalizeEmail(raw);
  const at = e.lastIndexOf('@');
  if (at < 1) return e;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  if (!PLUS_TAGS.has(domain)) return e;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (DOTS_IGNORED.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
