// Reasoning over compiled conditions: does one imply another (whenever a holds, b holds), can two
// never hold together. Values are the matcher's own normalised ones (TerritoryMatcher.conditionsOf)
// and `holds` is its own test, so "TX" vs "Texas" or 2134 vs 02134 read as routing reads them.
// Both answers are conservative: false when not provable. A lead field may hold a list of values
// (settled reading 9: `in` holds when any value is listed, `notIn` when none is), so `implies` and
// `exclusive` hold for such leads too; `apart` is the weaker "no lead with one value per field".
import {isCountryCode, isUsState} from '../normalize/geo';
import {toNumber} from '../normalize/text';
import type {ConditionView} from '../territories';

/** An inclusive span of 5-digit ZIPs as numbers. */
export type ZipSpan = [number, number];

/**
 * The ZIPs a condition on a zip field holds for, as spans: a `between` of ZIPs, a digit `prefix`
 * (752 → 75200–75299) or an `in` list of 5-digit ZIPs. Null for anything else (other operators,
 * other countries' codes).
 */
export function zipSpans(c: ConditionView): ZipSpan[] | null {
  if (c.kind !== 'zip') return null;
  let spans = spanCache.get(c);
  if (spans === undefined) spanCache.set(c, (spans = readZipSpans(c)));
  return spans;
}

const spanCache = new WeakMap<ConditionView, ZipSpan[] | null>();

function readZipSpans(c: ConditionView): ZipSpan[] | null {
  if (c.op === 'between') return c.lo === c.lo && c.hi === c.hi && c.lo <= c.hi ? [[c.lo, c.hi]] : null;
  if (c.op === 'prefix') {
    if (!c.values.length || !c.values.every(v => /^\d{1,5}$/.test(v))) return null;
    return c.values.map(v => {
      const size = Math.pow(10, 5 - v.length);
      const lo = Number(v) * size;
      return [lo, lo + size - 1] as ZipSpan;
    });
  }
  if (c.op === 'in') {
    const zips = c.values.filter(v => /^\d{5}$/.test(v));
    return zips.length ? zips.map(v => [Number(v), Number(v)] as ZipSpan) : null;
  }
  return null;
}

/** [lo, hi] a numeric condition (gte, lte, between on a non-zip field) allows; null otherwise. */
function numericSpan(c: ConditionView): [number, number] | null {
  if (c.kind === 'zip') return null;
  const n = c.values.map(v => toNumber(v));
  if (c.op === 'gte' && n.length >= 1 && n[0] === n[0]) return [n[0], Infinity];
  if (c.op === 'lte' && n.length >= 1 && n[0] === n[0]) return [-Infinity, n[0]];
  if (c.op === 'between' && n.length >= 2 && n[0] === n[0] && n[1] === n[1]) return [n[0], n[1]];
  return null;
}

function within(inner: ZipSpan[], outer: ZipSpan[]): boolean {
  return inner.every(([lo, hi]) => outer.some(([a, b]) => lo >= a && hi <= b));
}

function intersects(x: ZipSpan[], y: ZipSpan[]): boolean {
  return x.some(([lo, hi]) => y.some(([a, b]) => lo <= b && a <= hi));
}

/**
 * Whether b holds for every lead a holds for, a lead field holding one value or several (false
 * when not provable). Every operator but `notIn` holds when some value meets it, so `notIn` is
 * implied only by a `notIn` listing all its values: a lead meeting `in [solar]` may also list `partner`.
 */
export function implies(a: ConditionView, b: ConditionView): boolean {
  if (a.slot !== b.slot) return false;
  // (a condition on a missing value never holds, so any a that holds means the value is there)
  if (b.op === 'exists') return true;
  if (a.op === b.op && sameValues(a.values, b.values)) return true;
  if (b.op === 'notIn') return b.values.length === 0 || (a.op === 'notIn' && b.values.every(v => a.values.includes(v)));
  const za = zipSpans(a);
  const zb = zipSpans(b);
  if (za && zb && (a.op !== 'in' || a.values.every(v => /^\d{5}$/.test(v) || b.holds(v)))) return within(za, zb);
  if (a.op === 'in') return a.values.length > 0 && a.values.every(v => b.holds(v));
  if (a.op === 'prefix' && b.op === 'prefix') return a.values.every(p => b.values.some(q => p.startsWith(q)));
  const na = numericSpan(a);
  const nb = numericSpan(b);
  return na !== null && nb !== null && na[0] >= nb[0] && na[1] <= nb[1];
}

/**
 * Whether no lead can meet both a and b, also one listing several values in a field (false when not
 * provable): on one field only `notIn` against a condition every value meeting which it lists
 * (`in [a]` and `notIn [a, b]`); two conditions met by some value (`in [a]`, `in [b]`) are met
 * together by a lead listing `a;b`. On two fields, a US state against other countries (see `apart`).
 */
export function exclusive(a: ConditionView, b: ConditionView): boolean {
  if (a.slot !== b.slot) return geographicallyApart(a, b) || geographicallyApart(b, a);
  if (a.op === 'notIn' && b.op !== 'notIn') return exclusive(b, a);
  if (b.op !== 'notIn' || a.op === 'notIn') return false;
  if (a.op === 'in') return a.values.every(v => !b.holds(v));
  return false;
}

/**
 * Whether no lead with one value per field can meet both a and b (false when not provable). A lead
 * listing several values may still meet both (see `exclusive`); territory ties are judged on this.
 */
export function apart(a: ConditionView, b: ConditionView): boolean {
  if (a.slot !== b.slot) return geographicallyApart(a, b) || geographicallyApart(b, a);
  const za = zipSpans(a);
  const zb = zipSpans(b);
  if (za && zb) return !intersects(za, zb);
  if (a.op === 'in') return a.values.every(v => !b.holds(v));
  if (b.op === 'in') return b.values.every(v => !a.holds(v));
  if (a.op === 'prefix' && b.op === 'prefix') {
    return a.values.every(p => b.values.every(q => !p.startsWith(q) && !q.startsWith(p)));
  }
  const na = numericSpan(a);
  const nb = numericSpan(b);
  return na !== null && nb !== null && (na[1] < nb[0] || nb[1] < na[0]);
}

/** `state in [US states]` against `country in [countries, none the US]`: a lead has one country. */
function geographicallyApart(state: ConditionView, country: ConditionView): boolean {
  return (
    state.kind === 'state' &&
    state.op === 'in' &&
    state.values.length > 0 &&
    state.values.every(isUsState) &&
    country.kind === 'country' &&
    country.op === 'in' &&
    country.values.length > 0 &&
    country.values.every(c => isCountryCode(c) && c !== 'US')
  );
}

function sameValues(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length) return false;
  const s = new Set(x);
  return y.every(v => s.has(v));
}
