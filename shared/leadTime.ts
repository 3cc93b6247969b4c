// When a lead happened, read from the lead itself (back-tests, replays, the nodes' Lead Time Field).
// Exports hand over times in many shapes: ISO text, Excel serial dates, epoch numbers in seconds or
// milliseconds (or µs, ns), "3/10/2026 10:00:00" without a zone. Each is read in a declared zone,
// never the machine's; what cannot be read is said out loud (a warning) and the lead is routed at
// the fallback time.
import {compilePath, readPath} from './lead';
import {MAX_EPOCH_MS, toEpochMs, zonedTimeToEpoch} from './time';
import type {Instant, RoutingWarning} from './types';
import {WARNING_CODES} from './warnings';

/** How zone-less and slash-dated timestamps are read. */
export interface LeadTimeOptions {
  /** IANA zone for timestamps without an offset (default UTC; never the machine's zone). */
  timeZone?: string;
  /** Order of day and month in `3/10/2026`-style dates; when absent, MDY is assumed and an ambiguous date warns. */
  dateOrder?: 'MDY' | 'DMY';
}

export interface LeadTimeReading {
  /** Epoch ms. */
  time: number;
  /** Why the lead was routed at the fallback, or what was assumed; null when the value was read plainly. */
  warning: RoutingWarning | null;
}

const DAY_MS = 86400000;
/** Excel's day 0 in the 1900 date system as used from 1 March 1900 on (Excel counts a 29 Feb 1900 that never was). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serial 2958465 is 9999-12-31, the last day Excel shows. */
const EXCEL_MAX = 2958466;

/**
 * The time of a lead: the value at dot path `path`, else `fallback` (epoch ms) with a warning.
 *
 * Accepted values, all giving epoch ms:
 * - a Date; ISO 8601 text with or without an offset (`2026-03-10T10:00:00Z`, `2026-03-10 10:00`);
 * - slash/dot dates with an optional time and AM/PM (`3/10/2026 10:00:00`, `10.03.2026`), day and
 *   month ordered by `opts.dateOrder` (MDY when absent: an ambiguous one then carries the warning
 *   `date_order_assumed`; a date only one order can read is read that way); `2026/03/10`;
 *   `20260310` (YYYYMMDD);
 * - numbers or digit text told apart by magnitude: [1, 2958466) an Excel serial date (days since
 *   1899-12-30, fraction = time of day, in the zone); [2958466, 1e11) epoch seconds;
 *   [1e11, 1e14) epoch milliseconds; [1e14, 1e17) microseconds; [1e17, 1e20) nanoseconds;
 * - other text a JavaScript engine reads (`Tue, 10 Mar 2026 10:00:00 GMT`), zone-less ones in the zone.
 * Zone-less values are read in `opts.timeZone` (UTC when absent), never in the machine's zone.
 *
 * An empty `path` gives `fallback` without a warning. A missing/empty value gives `fallback` and the
 * warning `time_missing`; anything else unreadable (1e20, 0, `"soon"`, 31/31/2026, a value beyond
 * what a Date holds) gives `fallback` and `time_unreadable`. Never throws for a lead value; throws
 * the `toEpochMs` TypeError when `fallback` itself is not a time, and a RangeError for an unknown zone.
 */
export function readLeadTime(
  lead: unknown,
  path: string | undefined,
  fallback: number,
  opts: LeadTimeOptions = {},
): LeadTimeReading {
  const now = toEpochMs(fallback);
  if (!path) return {time: now, warning: null};
  const tz = opts.timeZone || 'UTC';
  const raw = readPath(lead, compilePath(path));
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return {
      time: now,
      warning: {
        code: WARNING_CODES.timeMissing,
        field: path,
        message: `Lead time field "${path}" is empty or absent; routed at the run's time.`,
      },
    };
  }
  const read = readTime(raw, tz, opts.dateOrder);
  if (read === null || !(Math.abs(read.time) <= MAX_EPOCH_MS)) {
    const value = describe(raw);
    return {
      time: now,
      warning: {
        code: WARNING_CODES.timeUnreadable,
        field: path,
        value,
        message: `Lead time field "${path}" holds ${quote(value)}, which is not a readable time; routed at the run's time.`,
      },
    };
  }
  if (read.assumed) {
    const value = describe(raw);
    return {
      time: read.time,
      warning: {
        code: WARNING_CODES.dateOrderAssumed,
        field: path,
        value,
        message: `Lead time field "${path}" holds ${quote(value)}, which reads as month/day or day/month; read as month/day (declare a date order to silence this).`,
      },
    };
  }
  return {time: read.time, warning: null};
}

/** `readLeadTime` without the warning: the lead's time when readable, else `fallback` (kept for older callers). */
export function leadTime(lead: unknown, path: string | undefined, fallback: Instant, opts?: LeadTimeOptions): number {
  return readLeadTime(lead, path, toEpochMs(fallback), opts).time;
}

interface Read {
  time: number;
  /** The day/month order was ambiguous and MDY was assumed. */
  assumed?: boolean;
}

function readTime(raw: unknown, tz: string, order: 'MDY' | 'DMY' | undefined): Read | null {
  if (raw instanceof Date) return finite(raw.getTime());
  if (typeof raw === 'number') return fromNumber(raw, tz);
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (/^\d+(?:\.\d+)?$/.test(s)) {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (compact) {
      const date = civil(tz, {y: +compact[1], mo: +compact[2], d: +compact[3]});
      if (date !== null) return date;
    }
    return fromNumber(Number(s), tz);
  }
  return fromIso(s, tz) ?? fromSlashes(s, tz, order) ?? fromEngine(s, tz);
}

function finite(ms: number): Read | null {
  return Number.isFinite(ms) ? {time: ms} : null;
}

function fromNumber(n: number, tz: string): Read | null {
  if (!Number.isFinite(n) || n < 1) return null;
  if (n < EXCEL_MAX) {
    const day = Math.floor(n);
    const ms = Math.round((n - day) * DAY_MS);
    // Excel's phantom 29 Feb 1900: serials below 60 are one day later than the modern epoch says.
    const date = new Date(EXCEL_EPOCH + (day < 60 ? day + 1 : day) * DAY_MS);
    return civil(tz, {y: date.getUTCFullYear(), mo: date.getUTCMonth() + 1, d: date.getUTCDate(), ms});
  }
  if (n < 1e11) return {time: Math.round(n * 1000)};
  if (n < 1e14) return {time: Math.round(n)};
  if (n < 1e17) return {time: Math.round(n / 1e3)};
  if (n < 1e20) return {time: Math.round(n / 1e6)};
  return null;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function fromIso(s: string, tz: string): Read | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const clock = {h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0), ms: fraction(m[7])};
  return withZone(m[8], tz, {y: +m[1], mo: +m[2], d: +m[3], ...clock});
}

const SLASHES =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap])?\.?\s*m?\.?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function fromSlashes(s: string, tz: string, order: 'MDY' | 'DMY' | undefined): Read | null {
  const m = SLASHES.exec(s);
  if (!m) return null;
  let hour = +(m[4] ?? 0);
  if (m[8]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[8].toLowerCase() === 'p' ? 12 : 0);
  }
  const clock = {h: hour, mi: +(m[5] ?? 0), s: +(m[6] ?? 0), ms: fraction(m[7])};
  if (m[1].length === 4) return withZone(m[9], tz, {y: +m[1], mo: +m[2], d: +m[3], ...clock}); // 2026/03/10
  if (m[3].length === 3 || m[2].length > 2) return null;
  const year = m[3].length <= 2 ? 2000 + +m[3] - (+m[3] >= 70 ? 100 : 0) : +m[3];
  const a = +m[1];
  const b = +m[2];
  const asMdy = () => withZone(m[9], tz, {y: year, mo: a, d: b, ...clock});
  const asDmy = () => withZone(m[9], tz, {y: year, mo: b, d: a, ...clock});
  if (order === 'MDY') return asMdy();
  if (order === 'DMY') return asDmy();
  const mdy = asMdy();
  const dmy = asDmy();
  if (mdy !== null && dmy !== null && a !== b) return {time: mdy.time, assumed: true};
  return mdy ?? dmy;
}

/**
 * A zone written in engine-read text: UTC/GMT, or an offset right after a time of day ("10:00 +0200",
 * "10:00:00-05:00", "10:00Z"). A bare "-2026" in "03-Nov-2026" is the year, not an offset.
 */
const ENGINE_ZONE = /\b(?:UTC|GMT)\b|\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z\b|[+-]\d{2}:?\d{2}\b)/i;

/** Text only an engine's own parser reads ("Tue, 10 Mar 2026 10:00:00 GMT", "March 10, 2026"). */
function fromEngine(s: string, tz: string): Read | null {
  if (!/[a-z]{3}/i.test(s)) return null;
  // No four-digit year ("3 Nov", "Nov 3 10:00"): the engine would invent 2001; unreadable instead.
  if (!/(?:^|\D)\d{4}(?:\D|$)/.test(s)) return null;
  const hasZone = ENGINE_ZONE.test(s) || /\b[ECMP][SD]T\b/.test(s);
  if (hasZone) return finite(Date.parse(s));
  // Read the wall clock as if in UTC, then place it in the declared zone.
  const wall = Date.parse(s + ' UTC');
  if (!Number.isFinite(wall)) return null;
  const d = new Date(wall);
  return civil(tz, {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  });
}

/** A wall-clock date and time as written (month 1-12; absent time parts are 0). */
interface Wall {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  ms?: number;
}

/** Digits after a decimal point as milliseconds ("5" -> 500, "123456" -> 123). */
function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number('0.' + digits) * 1000) : 0;
}

/** `wall` at the written zone (Z/UTC/GMT/±hh[:mm]) when there is one, else in `tz`; null when not a real time. */
function withZone(zone: string | undefined, tz: string, wall: Wall): Read | null {
  if (!zone) return civil(tz, wall);
  const utc = civil('UTC', wall);
  if (utc === null) return null;
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return utc;
  const o = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
  const minutes = +o[2] * 60 + +(o[3] ?? 0);
  if (+o[2] > 23 || +(o[3] ?? 0) > 59) return null;
  return {time: utc.time - (o[1] === '-' ? -1 : 1) * minutes * 60000};
}

/** A valid calendar date and time of day (24:00 allowed as the end of a day) in zone `tz`, or null. */
function civil(tz: string, {y, mo, d, h = 0, mi = 0, s = 0, ms = 0}: Wall): Read | null {
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi > 0 || s > 0))) return null;
  return {time: zonedTimeToEpoch(tz, y, mo, d, h, mi, Math.min(s, 59), ms)};
}

function daysIn(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function describe(raw: unknown): string {
  if (raw instanceof Date) return 'an invalid Date';
  if (typeof raw === 'string') return raw.length > 60 ? raw.slice(0, 57) + '...' : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return Array.isArray(raw) ? 'a list' : 'an object';
}

function quote(value: string): string {
  return /^(an? )/.test(value) ? value : `"${value}"`;
}
