/// <reference types="google-apps-script" />
// The Calendar advanced service (REST freebusy.query), typed by Pick<> against
// @types/google-apps-script and counted. Busy periods are clipped to the query window, errors come
// per calendar as the API gives them ({domain: 'global', reason: 'notFound'}), more than 50
// calendars in one request fail like the API (tooManyCalendarsRequested).
import {count, type World} from './world';

export interface CalendarWorld {
  /** e-mail (lower case) -> busy periods (ISO times). */
  busy: Record<string, {start: string; end: string}[]>;
  /** e-mail -> the error reason the API reports for it (notFound, internalError, ...). */
  errors: Record<string, string>;
  /** When set, every query throws this (the service down, quota exceeded). */
  fail: string | null;
  /** The requests made, as sent. */
  requests: GoogleAppsScript.Calendar.Schema.FreeBusyRequest[];
}

export function newCalendarWorld(): CalendarWorld {
  return {busy: {}, errors: {}, fail: null, requests: []};
}

export function fakeCalendar(world: World): GoogleAppsScript.Calendar {
  const cal = world.calendar;
  const freebusy: Pick<GoogleAppsScript.Calendar.Collection.FreebusyCollection, 'query'> = {
    query(
      resource: GoogleAppsScript.Calendar.Schema.FreeBusyRequest,
    ): GoogleAppsScript.Calendar.Schema.FreeBusyResponse {
      count(world, 'Calendar.Freebusy.query');
      cal.requests.push(JSON.parse(JSON.stringify(resource)));
      if (cal.fail) throw new Error(cal.fail);
      const items = resource.items ?? [];
      if (items.length > 50)
        throw new Error(
          'GoogleJsonResponseException: API call to calendar.freebusy.query failed with error: tooManyCalendarsRequested',
        );
      const min = Date.parse(resource.timeMin ?? '');
      const max = Date.parse(resource.timeMax ?? '');
      if (!(min < max))
        throw new Error(
          'GoogleJsonResponseException: API call to calendar.freebusy.query failed with error: Bad Request',
        );
      const calendars: Record<string, GoogleAppsScript.Calendar.Schema.FreeBusyCalendar> = {};
      for (const {id} of items) {
        const key = String(id);
        const reason = cal.errors[key.toLowerCase()];
        if (reason) {
          calendars[key] = {errors: [{domain: 'global', reason}], busy: []};
          continue;
        }
        calendars[key] = {
          busy: (cal.busy[key.toLowerCase()] ?? [])
            .map(p => ({from: Math.max(Date.parse(p.start), min), to: Math.min(Date.parse(p.end), max)}))
            .filter(p => p.from < p.to)
            .map(p => ({start: new Date(p.from).toISOString(), end: new Date(p.to).toISOString()})),
        };
      }
      return {kind: 'calendar#freeBusy', timeMin: resource.timeMin, timeMax: resource.timeMax, calendars};
    },
  };
  return {Freebusy: freebusy} as unknown as GoogleAppsScript.Calendar;
}
