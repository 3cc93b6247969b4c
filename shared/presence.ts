// Live presence as each platform says it, read into one of three verdicts.

/**
 * Presence values that mean "can take a lead now" unless the config lists its own
 * (`availability.availableValues`). Compared after `presenceKey` (case, spaces, `_` and `-` ignored).
 * Sources of the words: Slack `users.getPresence` (`active`), Twilio TaskRouter activities
 * (`Available`), Bitrix24 `IS_ONLINE` (`Y`), Microsoft Graph presence `availability`
 * (`Available`, `AvailableIdle`), sheet checkboxes and yes/no columns (`TRUE`, `yes`, `x`).
 */
export const DEFAULT_AVAILABLE_VALUES: readonly string[] = [
  'true',
  'yes',
  'y',
  '1',
  'x',
  '✓',
  'on',
  'active',
  'online',
  'available',
  'available idle',
  'ready',
  'free',
];

/**
 * Values that say the platform itself does not know (Microsoft Graph `PresenceUnknown`): the rep is
 * treated as if presence could not be read.
 */
const UNKNOWN_VALUES = new Set(['', 'unknown', 'presenceunknown', 'null', 'undefined', 'n/a']);

/** A presence word compared without case, spaces, `_` or `-`: "Do Not Disturb" = "do_not_disturb". */
export function presenceKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

/** `available`, `away` (presence says not now) or `unknown` (no value, or one that says it is unknown). */
export type PresenceVerdict = 'available' | 'away' | 'unknown';

/**
 * The verdict for a rep's `presence`. Booleans are taken as they are; numbers 1/0 as yes/no; a
 * string is available when its key is in `available` (keys made with `presenceKey`), unknown when it
 * is empty or says unknown, else away. `undefined` (no live signal configured) is `available`:
 * the rep's `available` flag alone decides.
 */
export function presenceVerdict(value: unknown, available: ReadonlySet<string>): PresenceVerdict {
  if (value === undefined) return 'available';
  if (value === null) return 'unknown';
  if (typeof value === 'boolean') return value ? 'available' : 'away';
  if (typeof value === 'number') return Number.isNaN(value) ? 'unknown' : value !== 0 ? 'available' : 'away';
  const key = presenceKey(String(value));
  if (UNKNOWN_VALUES.has(key)) return 'unknown';
  return available.has(key) ? 'available' : 'away';
}

/** The set `presenceVerdict` compares with: the configured values, else the default list. */
export function availableSet(values: readonly string[] | undefined): Set<string> {
  return new Set((values && values.length ? values : DEFAULT_AVAILABLE_VALUES).map(presenceKey));
}
