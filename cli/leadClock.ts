// When each lead is routed: --now, or with --time-field the lead's own time (back-tests). A time
// that cannot be read routes that lead at --now with a warning; a field no lead has is reported.
import {compilePath, readPath} from '../shared/lead';
import {readLeadTime} from '../shared/leadTime';
import {stringFlag, choiceFlag} from './args';
import {parseInstant} from './instant';
import {UsageError, type Flags} from './verb';
import type {RoutingWarning} from '../shared/types';

export interface LeadClock {
  /** The time to route `lead` at, and a warning when its time field could not be read. */
  timeOf(lead: unknown): {time: number; warning: RoutingWarning | null};
  /** The --time-field, when given. */
  field?: string;
  /** Leads whose time field was present (to warn when it is absent from every lead). */
  present: number;
  /** --now (or the current time), epoch ms: the time of leads without a readable time field. */
  now: number;
  /** Zone of lead timestamps written without one (--timezone, else the config's); undefined = UTC. */
  timeZone?: string;
  /** Order of ambiguous slash dates (--date-order, else the config's); undefined = MDY. */
  dateOrder?: 'MDY' | 'DMY';
}

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

/**
 * --now as epoch ms (an ISO 8601 date or date-time; zone-less in `timeZone`, else UTC), or the
 * clock when absent. UsageError (exit 2) for anything else: a malformed flag value is wrong usage.
 */
export function nowFlag(flags: Flags, clock: () => number, timeZone?: string): number {
  const text = stringFlag(flags, 'now');
  if (text === undefined) return clock();
  const ms = parseInstant(text, timeZone);
  if (ms === null) {
    throw new UsageError(
      `--now "${text}" is not an ISO 8601 date or time (e.g. 2026-11-23T16:00:00Z; without an offset it is read in --timezone, else UTC)`,
    );
  }
  return ms;
}

/**
 * Builds the clock from --now, --time-field, --timezone and --date-order (the last two default to
 * the config's `timezone` and `dateOrder`). Lead times are read by the core's readLeadTime.
 */
export function leadClock(
  flags: Flags,
  clock: () => number,
  config: {timezone?: string; dateOrder?: 'MDY' | 'DMY'} = {},
): LeadClock {
  const timeZone = timeZoneFlag(flags) ?? config.timezone;
  const base = nowFlag(flags, clock, timeZone);
  const field = stringFlag(flags, 'time-field');
  const dateOrder = choiceFlag(flags, 'date-order', ['MDY', 'DMY'] as const) ?? config.dateOrder;
  const result: LeadClock = {
    field,
    present: 0,
    now: base,
    timeZone,
    dateOrder,
    timeOf: () => ({time: base, warning: null}),
  };
  if (!field) return result;
  const path = compilePath(field);
  result.timeOf = lead => {
    const raw = readPath(lead, path);
    if (raw !== undefined && raw !== null && raw !== '') result.present++;
    return readLeadTime(lead, field, base, {timeZone, dateOrder});
  };
  return result;
}
