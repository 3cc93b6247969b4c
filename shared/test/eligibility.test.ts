import {createRouter, route} from '../router';
import {isoWeek, localTime} from '../time';
import {config} from './helpers';

const pool = (rep: Record<string, unknown>, cascade: Array<'pool' | 'default'> = ['pool', 'default']) =>
  config({reps: [{id: 'ana', ...rep}, {id: 'manager'}], pool: {reps: ['ana']}, cascade, defaultOwner: 'manager'});

/** Ana's eligibility as reported in the candidate trace (pool stage only, so the trace holds her). */
function why(rep: Record<string, unknown>, now: string, lead: Record<string, unknown> = {}) {
  const d = route(lead, pool(rep, ['pool']), undefined, now).decision;
  const c = d.candidates.find(x => x.repId === 'ana')!;
  expect(d.ownerId === 'ana').toBe(c.why === null);
  return c.why;
}

describe('eligibility', () => {
  test('unavailable', () => expect(why({available: false}, '2026-11-23T16:00:00Z')).toBe('unavailable'));

  test('out of office: inclusive dates in the rep time zone', () => {
    const rep = {timezone: 'America/Chicago', outOfOffice: [{from: '2026-12-24', to: '2026-12-31'}]};
    expect(why(rep, '2026-12-24T06:01:00Z')).toBe('out_of_office'); // 00:01 on the 24th in Chicago
    expect(why(rep, '2026-12-24T05:59:00Z')).toBeNull(); // still the 23rd in Chicago
    expect(why(rep, '2027-01-01T05:59:00Z')).toBe('out_of_office'); // 23:59 on the 31st
    expect(why(rep, '2027-01-01T06:00:00Z')).toBeNull();
  });

  test('working hours: start inclusive, end exclusive, in the rep time zone; unlisted days are outside', () => {
    const rep = {timezone: 'America/Chicago', hours: {'mon-fri': '09:00-17:00', sat: '10:00-14:00'}};
    expect(why(rep, '2026-11-23T15:00:00Z')).toBeNull(); // Mon 09:00 CST
    expect(why(rep, '2026-11-23T14:59:00Z')).toBe('outside_hours'); // 08:59
    expect(why(rep, '2026-11-23T23:00:00Z')).toBe('outside_hours'); // 17:00
    expect(why(rep, '2026-11-28T17:00:00Z')).toBeNull(); // Sat 11:00
    expect(why(rep, '2026-11-29T17:00:00Z')).toBe('outside_hours'); // Sun
  });

  test('working hours follow daylight saving time', () => {
    const rep = {timezone: 'America/New_York', hours: {'mon-fri': '09:00-17:00'}};
    expect(why(rep, '2026-07-06T13:00:00Z')).toBeNull(); // 09:00 EDT
    expect(why(rep, '2026-12-07T13:00:00Z')).toBe('outside_hours'); // 08:00 EST
  });

  test('overnight shifts run past midnight', () => {
    const rep = {hours: {fri: '22:00-06:00'}};
    expect(why(rep, '2026-11-27T23:00:00Z')).toBeNull(); // Fri 23:00 UTC
    expect(why(rep, '2026-11-28T05:00:00Z')).toBeNull(); // Sat 05:00
    expect(why(rep, '2026-11-28T07:00:00Z')).toBe('outside_hours');
  });

  test('no hours means always within hours; no timezone means UTC', () => {
    expect(why({}, '2026-11-29T03:00:00Z')).toBeNull();
    expect(why({hours: {mon: '00:00-01:00'}}, '2026-11-23T00:30:00Z')).toBeNull();
  });

  test('daily capacity counts in the rep time zone and resets at its midnight', () => {
    const cfg = pool({timezone: 'Asia/Tokyo', capacity: {daily: 2}});
    const r = createRouter(cfg);
    expect(r.route({}, '2026-11-23T10:00:00Z').ownerId).toBe('ana'); // 19:00 Tokyo
    expect(r.route({}, '2026-11-23T11:00:00Z').ownerId).toBe('ana');
    const third = r.route({}, '2026-11-23T14:59:00Z'); // 23:59 Tokyo
    expect(third.stage).toBe('default');
    expect(third.candidates.find(c => c.repId === 'ana')!.why).toBe('at_capacity');
    expect(r.route({}, '2026-11-23T15:00:00Z').ownerId).toBe('ana'); // midnight in Tokyo
  });

  test('weekly capacity counts ISO weeks (Monday first); monthly counts calendar months', () => {
    const r = createRouter(pool({capacity: {weekly: 2, monthly: 3}}));
    expect(r.route({}, '2026-11-28T10:00:00Z').ownerId).toBe('ana'); // Sat
    expect(r.route({}, '2026-11-29T10:00:00Z').ownerId).toBe('ana'); // Sun, same ISO week
    expect(r.route({}, '2026-11-29T11:00:00Z').stage).toBe('default');
    expect(r.route({}, '2026-11-30T10:00:00Z').ownerId).toBe('ana'); // Mon: new week, 3rd in November
    expect(r.route({}, '2026-11-30T11:00:00Z').stage).toBe('default'); // monthly cap
    expect(r.route({}, '2026-12-01T10:00:00Z').ownerId).toBe('ana'); // December
  });

  test('excluded reps (SLA re-route) come last in the order of checks', () => {
    expect(why({}, '2026-11-23T16:00:00Z', {excludeReps: ['ana']})).toBe('excluded');
    expect(why({}, '2026-11-23T16:00:00Z', {excludeReps: 'ben, ana'})).toBe('excluded');
    expect(why({available: false}, '2026-11-23T16:00:00Z', {excludeReps: ['ana']})).toBe('unavailable');
  });

  test('checks run in the documented order: unavailable, out_of_office, outside_hours, at_capacity, excluded', () => {
    const all = {
      available: false,
      outOfOffice: [{from: '2026-11-23', to: '2026-11-23'}],
      hours: {sun: '09:00-10:00'},
      capacity: {daily: 0},
    };
    const now = '2026-11-23T16:00:00Z';
    const lead = {excludeReps: ['ana']};
    expect(why(all, now, lead)).toBe('unavailable');
    expect(why({...all, available: true}, now, lead)).toBe('out_of_office');
    expect(why({...all, available: true, outOfOffice: []}, now, lead)).toBe('outside_hours');
    expect(why({...all, available: true, outOfOffice: [], hours: undefined}, now, lead)).toBe('at_capacity');
    expect(why({...all, available: true, outOfOffice: [], hours: undefined, capacity: undefined}, now, lead)).toBe(
      'excluded',
    );
  });
});

describe('calendar helpers', () => {
  test.each([
    [2026, 1, 1, '2026-W01'],
    [2027, 1, 1, '2026-W53'],
    [2024, 12, 30, '2025-W01'],
    [2026, 11, 23, '2026-W48'],
    [2021, 1, 3, '2020-W53'],
  ])('ISO week of %d-%d-%d is %s', (y, m, d, w) => expect(isoWeek(y, m, d)).toBe(w));

  test('local time in a zone', () => {
    expect(localTime('America/Chicago', Date.parse('2026-11-23T16:30:00Z'))).toEqual({
      date: '2026-11-23',
      week: '2026-W48',
      month: '2026-11',
      weekday: 0,
      minute: 10 * 60 + 30,
    });
    expect(localTime('Asia/Kolkata', Date.parse('2026-11-23T20:00:00Z')).date).toBe('2026-11-24');
  });
});
