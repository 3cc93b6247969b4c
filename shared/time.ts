// Local calendar facts for a time zone at an instant, through Intl, cached (the hot path asks the
// same zone about the same instant for every rep and lead of a batch).
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** ISO week, e.g. 2026-W48 (Monday first). */
  week: string;
  /** YYYY-MM */
  month: string;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** minutes since local midnight */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Per zone: its UTC offset for the current 15-minute UTC slot (every real offset change happens on
 * a 15-minute boundary, so one Intl call per zone and slot is exact), and the calendar strings of
 * the current local day.
 */
interface ZoneCache {
  slot: number;
  offset: number;
  day: number;
  date: string;
  week: string;
  month: string;
  weekday: number;
  minute: number;
  last: LocalTime | null;
  /** UTC day -> offset when it is the same all day (NaN when it changes that day). */
  dayOffsets: Map<number, number>;
}
const zones = new Map<string, ZoneCache>();
const SLOT_MS = 15 * 60000;
const DAY_MS = 86400000;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: tz});
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's offset from UTC (ms) at instant `ms`, which must be a whole minute. */
function offsetAt(tz: string, ms: number): number {
  if (tz === 'UTC') return 0;
  const parts = formatter(tz).formatToParts(new Date(ms));
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0;
  for (const p of parts) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value) % 24;
    else if (p.type === 'minute') mi = Number(p.value);
  }
  return Date.UTC(y, mo - 1, d, h, mi) - ms;
}

export function localTime(tz: string, ms: number): LocalTime {
  let z = zones.get(tz);
  if (!z) {
    z = {
      slot: NaN,
      offset: 0,
      day: NaN,
      date: '',
      week: '',
      month: '',
      weekday: 0,
      minute: -1,
      last: null,
      dayOffsets: new Map(),
    };
    zones.set(tz, z);
  }
  const slot = Math.floor(ms / SLOT_MS);
  if (slot !== z.slot) {
    // Back-tests jump around in time: most UTC days have one offset all day (two Intl calls per
    // zone and day); a day with a DST change falls back to one call per 15-minute slot.
    const utcDay = Math.floor(ms / DAY_MS);
    let dayOffset = z.dayOffsets.get(utcDay);
    if (dayOffset === undefined) {
      const start = offsetAt(tz, utcDay * DAY_MS);
      dayOffset = start === offsetAt(tz, (utcDay + 1) * DAY_MS - 60000) ? start : NaN;
      if (z.dayOffsets.size >= 4096) z.dayOffsets.clear();
      z.dayOffsets.set(utcDay, dayOffset);
    }
    z.offset = Number.isNaN(dayOffset) ? offsetAt(tz, slot * SLOT_MS) : dayOffset;
    z.slot = slot;
  }
  const local = ms + z.offset;
  const day = Math.floor(local / DAY_MS);
  const minute = Math.floor((local - day * DAY_MS) / 60000);
  if (day !== z.day) {
    const t = new Date(day * DAY_MS);
    const y = t.getUTCFullYear();
    const mo = t.getUTCMonth() + 1;
    const d = t.getUTCDate();
    z.date = `${y}-${pad2(mo)}-${pad2(d)}`;
    z.week = isoWeek(y, mo, d);
    z.month = `${y}-${pad2(mo)}`;
    z.weekday = (t.getUTCDay() + 6) % 7;
    z.day = day;
    z.last = null;
  }
  if (z.last === null || z.minute !== minute) {
    z.minute = minute;
    z.last = {date: z.date, week: z.week, month: z.month, weekday: z.weekday, minute};
  }
  return z.last;
}

let isoMinute = NaN;
let isoMinutePrefix = '';

/** `new Date(ms).toISOString()`, reusing the "YYYY-MM-DDTHH:MM:" of the last minute asked about. */
export function isoTimestamp(ms: number): string {
  const minute = Math.floor(ms / 60000);
  if (minute !== isoMinute) {
    const iso = new Date(minute * 60000).toISOString();
    if (iso.length !== 24 || !Number.isInteger(ms)) return new Date(ms).toISOString();
    isoMinute = minute;
    isoMinutePrefix = iso.slice(0, 17);
  } else if (!Number.isInteger(ms)) {
    return new Date(ms).toISOString();
  }
  const rest = ms - minute * 60000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  return isoMinutePrefix + pad2(sec) + (milli < 10 ? '.00' : milli < 100 ? '.0' : '.') + milli + 'Z';
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week
  const weekYear = date.getUTCFullYear();
  const week = 1 + Math.floor((date.getTime() - Date.UTC(weekYear, 0, 1)) / 604800000);
  return `${weekYear}-W${pad2(week)}`;
}

/** The largest distance from the epoch a JavaScript Date can hold (ms): ±100,000,000 days (ECMA-262 §21.4.1.1). */
export const MAX_EPOCH_MS = 8.64e15;

/** ISO 8601 date or date-time; group 1 is the time part, group 2 its offset (absent = no zone written). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Accepts a Date, an ISO 8601 timestamp or epoch ms; throws a TypeError naming the value on anything
 * else, including numbers a Date cannot hold (|ms| > 8.64e15, e.g. 1e20). An ISO date-time written
 * without an offset is UTC (JavaScript would read it in the machine's zone; the core never does).
 * The core never reads the clock.
 */
export function toEpochMs(now: Date | string | number): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : isoToEpochMs(now);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) {
    throw new TypeError(
      `"now" must be a Date, an ISO timestamp or epoch milliseconds within ±8.64e15 (got ${String(now)})`,
    );
  }
  return ms;
}

function isoToEpochMs(text: unknown): number {
  const iso = typeof text === 'string' ? text.trim() : '';
  const m = ISO_INSTANT.exec(iso);
  if (m === null) return NaN;
  return Date.parse(m[1] !== undefined && m[2] === undefined ? iso + 'Z' : iso);
}

/**
 * The instant (epoch ms) at which the wall clock of zone `tz` shows the given local date and time.
 * A local time skipped by a daylight-saving change is read with the offset before the change (so it
 * lands just after the gap); a repeated local time is read as its first occurrence. Month 1-12.
 */
export function zonedTimeToEpoch(
  tz: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  milli = 0,
): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, milli);
  if (tz === 'UTC' || !Number.isFinite(wall)) return wall;
  const wallMinute = Math.floor(wall / 60000) * 60000;
  const before = offsetAt(tz, wallMinute - DAY_MS);
  const after = offsetAt(tz, wallMinute + DAY_MS);
  // Try both offsets around this date: the one whose instant really shows this wall time wins.
  const first = wall - before;
  if (offsetAt(tz, Math.floor(first / 60000) * 60000) === before) return first;
  const second = wall - after;
  if (offsetAt(tz, Math.floor(second / 60000) * 60000) === after) return second;
  return first; // in a gap: the offset before the change
}
