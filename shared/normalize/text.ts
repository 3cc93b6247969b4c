const NUMERIC = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function maybeNumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45; // digit, +, -
}

/** "1,200" -> 1200, " 42 " -> 42, 7 -> 7; anything else NaN. */
export function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return NaN;
  const s = raw.trim();
  if (!NUMERIC.test(s)) return NaN;
  return Number(s.replace(/,/g, ''));
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
  }
  return true;
}

/** Trimmed, lower-cased text; numeric strings in canonical form ("1,200" -> "1200"). */
export function normalizeText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  if (typeof raw === 'string' && isCanonicalText(raw)) return raw;
  const s = String(raw).trim().toLowerCase();
  if (s.length > 0 && s.length < 24 && maybeNumeric(s.charCodeAt(0)) && NUMERIC.test(s)) {
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
