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
const lastByZone = new Map<string, {ms: number; local: LocalTime}>();
const WEEKDAY_INDEX: Record<string, number> = {Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6};

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
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function localTime(tz: string, ms: number): LocalTime {
  const cached = lastByZone.get(tz);
  if (cached && cached.ms === ms) return cached.local;
  let y: number, mo: number, d: number, h: number, mi: number, wd: number;
  if (tz === 'UTC') {
    const t = new Date(ms);
    y = t.getUTCFullYear();
    mo = t.getUTCMonth() + 1;
    d = t.getUTCDate();
    h = t.getUTCHours();
    mi = t.getUTCMinutes();
    wd = (t.getUTCDay() + 6) % 7;
  } else {
    const parts = formatter(tz).formatToParts(new Date(ms));
    const get = (type: string) => parts.find(p => p.type === type)!.value;
    y = Number(get('year'));
    mo = Number(get('month'));
    d = Number(get('day'));
    h = Number(get('hour')) % 24;
    mi = Number(get('minute'));
    wd = WEEKDAY_INDEX[get('weekday')];
  }
  const local: LocalTime = {
    date: `${y}-${pad2(mo)}-${pad2(d)}`,
    week: isoWeek(y, mo, d),
    month: `${y}-${pad2(mo)}`,
    weekday: wd,
    minute: h * 60 + mi,
  };
  lastByZone.set(tz, {ms, local});
  return local;
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

/** Accepts a Date, an ISO string or epoch ms; throws on anything else (the core never reads the clock). */
export function toEpochMs(now: Date | string | number): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`"now" must be a Date, an ISO timestamp or epoch milliseconds (got ${String(now)})`);
  }
  return ms;
}
