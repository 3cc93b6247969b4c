// Working hours: { "mon-fri": "09:00-17:00", "sat": "10:00-14:00" } -> minute intervals per weekday.
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Per weekday (0 = Monday), flat [start, end) minute pairs. */
export type WeeklyHours = number[][];

const RANGE = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

export function parseHours(hours: Record<string, string>): {hours: WeeklyHours; error?: string} {
  const week: WeeklyHours = [[], [], [], [], [], [], []];
  for (const [rawKey, rawValue] of Object.entries(hours)) {
    const key = rawKey.trim().toLowerCase();
    const days = dayList(key);
    if (!days) return {hours: week, error: `"${rawKey}" is not a day (mon…sun) or a day range such as mon-fri`};
    for (const part of String(rawValue).split(',')) {
      const m = RANGE.exec(part.trim());
      if (!m) return {hours: week, error: `"${rawValue}" is not HH:MM-HH:MM`};
      const start = Number(m[1]) * 60 + Number(m[2]);
      const end = Number(m[3]) * 60 + Number(m[4]);
      if (Number(m[2]) > 59 || Number(m[4]) > 59 || start > 1440 || end > 1440) {
        return {hours: week, error: `"${rawValue}" is not a valid time range`};
      }
      if (start === end) return {hours: week, error: `"${rawValue}" is an empty range`};
      for (const d of days) {
        if (start < end) week[d].push(start, end);
        else {
          // Overnight shift: the rest of this day and the start of the next.
          week[d].push(start, 1440);
          if (end > 0) week[(d + 1) % 7].push(0, end);
        }
      }
    }
  }
  return {hours: week};
}

function dayList(key: string): number[] | null {
  const parts = key.split('-').map(s => s.trim());
  const idx = parts.map(p => WEEKDAYS.indexOf(p as (typeof WEEKDAYS)[number]));
  if (idx.some(i => i < 0) || idx.length > 2) return null;
  if (idx.length === 1) return idx;
  const out: number[] = [];
  for (let d = idx[0]; ; d = (d + 1) % 7) {
    out.push(d);
    if (d === idx[1]) break;
  }
  return out;
}

export function withinHours(week: WeeklyHours, weekday: number, minute: number): boolean {
  const day = week[weekday];
  for (let i = 0; i < day.length; i += 2) if (minute >= day[i] && minute < day[i + 1]) return true;
  return false;
}
