import type {CompiledRep} from './compile';
import {withinHours} from './hours';
import {localTime} from './time';
import type {RepCounters, Why} from './types';

/** Count in the current local period, 0 when the stored period is an older one. */
export function periodCount(c: RepCounters | undefined, key: 'd' | 'w' | 'm', period: string): number {
  if (!c || c[key] !== period) return 0;
  return (key === 'd' ? c.dn : key === 'w' ? c.wn : c.mn) ?? 0;
}

/**
 * The first reason this rep cannot take a lead now, or null. `ignoreCapacity` is for duplicates,
 * which do not consume capacity.
 */
export function ineligibility(
  rep: CompiledRep,
  counters: RepCounters | undefined,
  ms: number,
  excluded: ReadonlySet<string> | null,
  ignoreCapacity = false,
): Why | null {
  if (!rep.available) return 'unavailable';
  if (rep.needsClock) {
    const lt = localTime(rep.tz, ms);
    for (let i = 0; i < rep.outOfOffice.length; i++) {
      const [from, to] = rep.outOfOffice[i];
      if (lt.date >= from && lt.date <= to) return 'out_of_office';
    }
    if (rep.hours && !withinHours(rep.hours, lt.weekday, lt.minute)) return 'outside_hours';
    if (
      !ignoreCapacity &&
      (periodCount(counters, 'd', lt.date) >= rep.daily ||
        periodCount(counters, 'w', lt.week) >= rep.weekly ||
        periodCount(counters, 'm', lt.month) >= rep.monthly)
    ) {
      return 'at_capacity';
    }
  }
  if (excluded !== null && excluded.has(rep.id)) return 'excluded';
  return null;
}

/** Records one more assignment for a rep, in its own time zone's day, ISO week and month. */
export function countAssignment(rep: CompiledRep, counters: RepCounters, ms: number): void {
  const lt = localTime(rep.tz, ms);
  if (counters.d !== lt.date) {
    counters.d = lt.date;
    counters.dn = 0;
  }
  if (counters.w !== lt.week) {
    counters.w = lt.week;
    counters.wn = 0;
  }
  if (counters.m !== lt.month) {
    counters.m = lt.month;
    counters.mn = 0;
  }
  counters.dn = (counters.dn ?? 0) + 1;
  counters.wn = (counters.wn ?? 0) + 1;
  counters.mn = (counters.mn ?? 0) + 1;
  counters.at = ms;
  counters.n = (counters.n ?? 0) + 1;
}
