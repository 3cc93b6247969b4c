// An ISO 8601 instant typed by a person (`--now`, `case.now`): strict, so `yesterday`, `1e20` or
// `2026-13-45` are refused instead of guessed, and a zone-less one is read in the declared zone
// (never the machine's, as Date.parse would).
import {MAX_EPOCH_MS, zonedTimeToEpoch} from '../shared/time';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch ms of `text`, an ISO 8601 date or date-time (`2026-11-23`, `2026-11-23T16:00`,
 * `2026-11-23T16:00:00.5Z`, `2026-11-23 16:00:00+01:00`), or null when it is not one or names a
 * day or time that does not exist (month 13, 30 February, 24:00, a 90-minute offset). Without an
 * offset it is the wall time in `timeZone` (IANA; UTC when absent).
 */
export function parseInstant(text: string, timeZone = 'UTC'): number | null {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map(x => (x === undefined ? undefined : Number(x)));
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate()) return null;
  if (h! > 23 || mi! > 59 || s! > 59) return null;
  let t: number;
  const zone = m[8];
  if (zone === undefined) t = zonedTimeToEpoch(timeZone, y!, mo!, d!, h, mi, s, ms);
  else {
    let offset = 0;
    if (zone.toUpperCase() !== 'Z') {
      const oh = Number(zone.slice(1, 3));
      const om = Number(zone.replace(':', '').slice(3) || 0);
      if (oh > 23 || om > 59) return null;
      offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60000;
    }
    t = Date.UTC(y!, mo! - 1, d!, h, mi, s, ms) - offset;
  }
  return Number.isFinite(t) && Math.abs(t) <= MAX_EPOCH_MS ? t : null;
}
