// When each lead is routed: --now, or with --time-field the lead's own time (back-tests). A time
// that cannot be read routes that lead at --now with a warning; a field no lead has is reported.
import {compilePath, readPath} from '../shared/lead';
import {leadTime} from '../shared/leadTime';
import {stringFlag, choiceFlag} from './args';
import {CliError, UsageError, type Flags} from './verb';
import type {CliWarning} from './warnings';

export interface LeadClock {
  /** The time to route `lead` at, and a warning when its time field could not be read. */
  timeOf(lead: unknown): {time: number; warning: CliWarning | null};
  /** The --time-field, when given. */
  field?: string;
  /** Leads whose time field was present (to warn when it is absent from every lead). */
  present: number;
}

/** The largest epoch ms a Date holds (ECMA-262 §21.4.1.1). */
const MAX_MS = 8.64e15;

/** Checks --timezone as an IANA zone with the platform's Intl. */
function timeZoneFlag(flags: Flags): string | undefined {
  const tz = stringFlag(flags, 'timezone');
  if (tz === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: tz});
  } catch {
    throw new UsageError(`--timezone "${tz}" is not an IANA time zone (e.g. America/New_York, Europe/Paris, UTC)`);
  }
  return tz;
}

/** Builds the clock from --now, --time-field, --timezone and --date-order. */
export function leadClock(flags: Flags, clock: () => number): LeadClock {
  const nowText = stringFlag(flags, 'now');
  let base = clock();
  if (nowText !== undefined) {
    base = Date.parse(nowText);
    if (Number.isNaN(base)) throw new CliError(`--now "${nowText}" is not an ISO timestamp`);
  }
  const field = stringFlag(flags, 'time-field');
  // Kept for readLeadTime (zone-less timestamps and ambiguous day/month orders).
  timeZoneFlag(flags);
  choiceFlag(flags, 'date-order', ['MDY', 'DMY'] as const);
  const result: LeadClock = {field, present: 0, timeOf: () => ({time: base, warning: null})};
  if (!field) return result;
  const path = compilePath(field);
  result.timeOf = lead => {
    const raw = readPath(lead, path);
    if (raw === undefined || raw === null || raw === '') return {time: base, warning: null};
    result.present++;
    const t = leadTime(lead, field, NaN);
    const ms = typeof t === 'number' ? t : new Date(t).getTime();
    if (Number.isFinite(ms) && Math.abs(ms) <= MAX_MS) return {time: ms, warning: null};
    const value = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    return {
      time: base,
      warning: {
        code: 'time_unreadable',
        field,
        value: value.slice(0, 80),
        message: `${field} "${value.slice(0, 80)}" is not a readable time; routed at --now`,
      },
    };
  };
  return result;
}
