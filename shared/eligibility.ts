import type {CompiledRep} from './compile';
import {withinHours} from './hours';
import {localTime, type LocalTime} from './time';
import type {CapacityLimit, RepCounters, Why} from './types';

/** Count in the current local period, 0 when the stored period is an older one. */
export function periodCount(c: RepCounters | undefined, key: 'd' | 'w' | 'm', period: string): number {
  if (!c || c[key] !== period) return 0;
  return (key === 'd' ? c.dn : key === 'w' ? c.wn : c.mn) ?? 0;
}

/** Out of office or outside working hours: depends only on the rep's local minute. */
function clockIneligibility(rep: CompiledRep, lt: LocalTime): Why | null {
  for (let i = 0; i < rep.outOfOffice.length; i++) {
    const [from, to] = rep.outOfOffice[i];
    if (lt.date >= from && lt.date <= to) return 'out_of_office';
  }
  if (rep.hours && !withinHours(rep.hours, lt.weekday, lt.minute)) return 'outside_hours';
  return null;
}

function capacityIneligibility(rep: CompiledRep, counters: RepCounters | undefined, lt: LocalTime): Why | null {
  return periodCount(counters, 'd', lt.date) >= rep.daily ||
    periodCount(counters, 'w', lt.week) >= rep.weekly ||
    periodCount(counters, 'm', lt.month) >= rep.monthly
    ? 'at_capacity'
    : null;
}

/**
 * Whether the rep is at its cap on open records: a cap of 0 takes no leads whatever the open load (spec:
 * a cap of 0 means no leads); a positive cap needs a known `openLoad` (-1 = unknown: never at the cap).
 */
function atOpenCap(rep: CompiledRep, openLoad: number): boolean {
  return rep.open === 0 || (openLoad >= 0 && openLoad >= rep.open);
}

/**
 * The first cap a rep has reached (daily, weekly, monthly, then open records), or null.
 * `openLoad` is the rep's open records now, including leads assigned since they were counted.
 */
export function capacityLimit(
  rep: CompiledRep,
  counters: RepCounters | undefined,
  lt: LocalTime,
  openLoad: number,
): CapacityLimit | null {
  if (periodCount(counters, 'd', lt.date) >= rep.daily) return 'daily';
  if (periodCount(counters, 'w', lt.week) >= rep.weekly) return 'weekly';
  if (periodCount(counters, 'm', lt.month) >= rep.monthly) return 'monthly';
  if (atOpenCap(rep, openLoad)) return 'open';
  return null;
}

/**
 * Why a rep of a roster cannot take a lead now (the first reason, or null), remembering each rep's
 * local time and hours/out-of-office verdict for the current minute (back-tests and batches ask
 * about the same minute for many leads).
 */
export class Eligibility {
  private readonly minute: Float64Array;
  private readonly lt: Array<LocalTime | null>;
  private readonly clockWhy: Array<Why | null>;
  /** Leads assigned to each rep by this router (they add to the open load the platform counted). */
  private readonly added: Int32Array;

  constructor(reps: number) {
    this.minute = new Float64Array(reps).fill(NaN);
    this.lt = new Array(reps).fill(null);
    this.clockWhy = new Array(reps).fill(null);
    this.added = new Int32Array(reps);
  }

  /** Open records of the rep now: its `openLoad` plus leads assigned since; -1 when not given. */
  openLoad(rep: CompiledRep): number {
    return rep.openLoad < 0 ? -1 : rep.openLoad + this.added[rep.idx];
  }

  /** Counts one more open record for a rep (call on every assignment). */
  assigned(rep: CompiledRep): void {
    this.added[rep.idx]++;
  }

  /** `ignoreCapacity` is for duplicates, which do not consume capacity. */
  of(
    rep: CompiledRep,
    counters: RepCounters | undefined,
    ms: number,
    excluded: ReadonlySet<string> | null,
    ignoreCapacity = false,
  ): Why | null {
    if (!rep.available) return 'unavailable';
    if (rep.away) return 'away';
    if (rep.needsClock) {
      const lt = this.localTime(rep, ms);
      const why = this.clockWhy[rep.idx] ?? (ignoreCapacity ? null : capacityIneligibility(rep, counters, lt));
      if (why !== null) return why;
    }
    if (!ignoreCapacity && atOpenCap(rep, this.openLoad(rep))) return 'at_capacity';
    if (excluded !== null && excluded.has(rep.id)) return 'excluded';
    return null;
  }

  /** The rep's local time at `ms` (cached for the minute, with its hours/out-of-office verdict). */
  localTime(rep: CompiledRep, ms: number): LocalTime {
    const i = rep.idx;
    const minute = Math.floor(ms / 60000);
    if (this.minute[i] !== minute) {
      const lt = localTime(rep.tz, ms);
      this.minute[i] = minute;
      this.lt[i] = lt;
      this.clockWhy[i] = clockIneligibility(rep, lt);
    }
    return this.lt[i]!;
  }
}

/** Records one more assignment for a rep, in its own time zone's day, ISO week and month (`lt`). */
export function countAssignment(counters: RepCounters, lt: LocalTime, ms: number): void {
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

/**
 * Takes back one assignment made at local time `lt` (a lead re-routed away or released): each of the
 * day, week and month counts drops by one when the counters are still in that period. `n` (assignments
 * ever) and `at` are kept.
 */
export function creditAssignment(counters: RepCounters, lt: LocalTime): void {
  if (counters.d === lt.date && (counters.dn ?? 0) > 0) counters.dn = counters.dn! - 1;
  if (counters.w === lt.week && (counters.wn ?? 0) > 0) counters.wn = counters.wn! - 1;
  if (counters.m === lt.month && (counters.mn ?? 0) > 0) counters.mn = counters.mn! - 1;
}
