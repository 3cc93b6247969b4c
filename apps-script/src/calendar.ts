/// <reference types="google-apps-script" />
// Settings → "Use Google Calendar availability": each rep's Google Calendar free/busy right now,
// read with the Calendar advanced service (Calendar.Freebusy.query, REST freebusy.query) in one
// request for up to 50 reps (the API's limit per request), so the calls per run do not grow with
// the number of leads. Only built in with LEAD_ROUTING_CALENDAR=on, which adds the narrowest
// scope that answers free/busy (calendar.freebusy) and the advanced service to the manifest.
//
// What a rep's calendar says becomes the rep's live presence (contract: rep `presence`):
//   free now -> "free" (available), busy now -> "busy in Google Calendar until 15:30" (away),
//   a busy block of a whole day or more -> "out of office in Google Calendar" (away: all-day
//   out-of-office events block the day), unreadable (no access, not found, a failed request) ->
//   null: availability unknown, the rep is routed on its Available box, with a warning.
// Events marked "free" (transparency) and calendars not shared even as free/busy are not seen.
declare const CALENDAR_SCOPE: boolean;

/** True when this build carries the calendar.freebusy scope and the Calendar advanced service. */
export function calendarBuilt(): boolean {
  return typeof CALENDAR_SCOPE !== 'undefined' && CALENDAR_SCOPE;
}

/** Calendars per freebusy.query request (calendarExpansionMax: "Maximum value is 50"). */
export const FREEBUSY_BATCH = 50;
/** The query looks this far either side of now, so a whole-day block is seen as one. */
const WINDOW_MS = 24 * 60 * 60 * 1000;
/** A busy block this long (or longer) around now is an all-day / out-of-office block. */
const ALL_DAY_MS = 23 * 60 * 60 * 1000;

export const CALENDAR_FREE = 'free';

interface BusyPeriod {
  start?: string;
  end?: string;
}
interface CalendarAnswer {
  busy?: BusyPeriod[];
  errors?: {domain?: string; reason?: string}[];
}

/**
 * Presence for each e-mail (lower-cased keys): "free", a sentence saying busy until when or out
 * of office, or null when the calendar could not be read. `timeOf` formats a time for the
 * sentence (the spreadsheet's zone).
 */
export function calendarPresence(
  emails: readonly string[],
  now: Date,
  timeOf: (d: Date) => string,
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const ids = Array.from(new Set(emails.map(e => e.trim().toLowerCase()).filter(Boolean)));
  const t = now.getTime();
  for (let start = 0; start < ids.length; start += FREEBUSY_BATCH) {
    const batch = ids.slice(start, start + FREEBUSY_BATCH);
    let calendars: Record<string, CalendarAnswer> = {};
    try {
      if (typeof Calendar === 'undefined' || !Calendar) throw new Error('the Calendar service is not enabled');
      const reply = Calendar.Freebusy.query({
        timeMin: new Date(t - WINDOW_MS).toISOString(),
        timeMax: new Date(t + WINDOW_MS).toISOString(),
        items: batch.map(id => ({id})),
      });
      calendars = (reply.calendars ?? {}) as Record<string, CalendarAnswer>;
    } catch {
      calendars = {};
    }
    const byId = new Map(Object.entries(calendars).map(([k, v]) => [k.toLowerCase(), v]));
    for (const id of batch) {
      const answer = byId.get(id);
      if (!answer || (answer.errors && answer.errors.length)) {
        out.set(id, null);
        continue;
      }
      const now = (answer.busy ?? [])
        .map(p => ({from: Date.parse(p.start ?? ''), to: Date.parse(p.end ?? '')}))
        .find(p => p.from <= t && t < p.to);
      if (!now) out.set(id, CALENDAR_FREE);
      else if (now.to - now.from >= ALL_DAY_MS) out.set(id, 'out of office in Google Calendar');
      else out.set(id, `busy in Google Calendar until ${timeOf(new Date(now.to))}`);
    }
  }
  return out;
}

/**
 * Sets `presence` on every rep with an e-mail from its calendar (reps without an e-mail have no
 * calendar to ask and keep routing on their Available box alone).
 */
export function applyCalendar(
  reps: {email?: string; presence?: string | boolean | null}[],
  now: Date,
  timeOf: (d: Date) => string,
): void {
  const emails = reps.map(r => r.email ?? '').filter(Boolean);
  if (emails.length === 0) return;
  const presence = calendarPresence(emails, now, timeOf);
  for (const r of reps) {
    if (!r.email) continue;
    const p = presence.get(r.email.trim().toLowerCase());
    if (p !== undefined) r.presence = p;
  }
}
