// When each lead is routed: --now, or with --time-field the lead's own time (back-tests). A time
// that cannot be read routes that lead at --now with a warning; a field no lead has is reported.
import {compilePath, readPath} from '../shared/lead';
import {readLeadTime} from '../shared/leadTime';
import {stringFlag, choiceFlag} from './args';
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

/** ISO 8601 as docs/cli.md lists it: a date, or a date-time with minutes, optional seconds and offset. */
const ISO_TYPED = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A time typed on the command line (`--now`, a test case's `case.now`) in epoch ms, or null when it is
 * not an ISO 8601 date or date-time (`2026-11-23`, `2026-11-23T16:00`, `2026-11-23 16:00:00+01:00`;
 * not epoch numbers, slash or dotted dates, RFC 2822) or names no real day (`2026-02-30`). Read like a
 * lead's time: an offset written wins, else `opts.timeZone`, else UTC — never the machine's zone.
 */
export function readTypedTime(text: string, opts: {timeZone?: string}): number | null {
  const t = text.trim();
  if (!ISO_TYPED.test(t)) return null;
  const read = readLeadTime({now: t}, 'now', 0, {timeZone: opts.timeZone});
  return read.warning === null ? read.time : null;
}

/**
 * --now read by readTypedTime (ISO 8601 only; an offset written wins, else the --timezone / config
 * zone, UTC when neither). Anything else is a usage error (exit 2).
 */
export function nowFlag(flags: Flags, opts: {timeZone?: string}): number | undefined {
  const text = stringFlag(flags, 'now');
  if (text === undefined) return undefined;
  const time = readTypedTime(text, opts);
  if (time === null) {
    throw new UsageError(`--now "${text}" is not a timestamp (e.g. 2026-12-01T15:00:00Z, or without Z in --timezone)`);
  }
  return time;
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
  const field = stringFlag(flags, 'time-field');
  const timeZone = timeZoneFlag(flags) ?? config.timezone;
  const dateOrder = choiceFlag(flags, 'date-order', ['MDY', 'DMY'] as const) ?? config.dateOrder;
  const base = nowFlag(flags, {timeZone}) ?? clock();
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
