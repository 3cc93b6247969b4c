// Issue 12 #6 and issue 11 #10: lead timestamps in the shapes exports really give, read in a
// declared zone (never the machine's), and an unreadable one routes that lead at `now`, said out loud.
import {leadTime, readLeadTime} from '../leadTime';
import {route, routeBatch} from '../router';
import {toEpochMs, zonedTimeToEpoch} from '../time';
import {configJsonSchema} from '../index';
import {validateConfig} from '../config/validate';
import * as fs from 'fs';
import * as path from 'path';
import {execFileSync} from 'child_process';

const NOW = Date.parse('2026-11-23T16:00:00Z');
const at = (v: unknown, opts?: Parameters<typeof readLeadTime>[3]) => readLeadTime({t: v}, 't', NOW, opts);
const iso = (ms: number) => new Date(ms).toISOString();

describe('readLeadTime: Excel serial dates', () => {
  test('46091.625 is 2026-03-10 15:00 and 46091 is that day, not the year 46091', () => {
    expect(iso(at(46091.625).time)).toBe('2026-03-10T15:00:00.000Z');
    expect(iso(at(46091).time)).toBe('2026-03-10T00:00:00.000Z');
    expect(at(46091).warning).toBeNull();
    expect(iso(at('46091.5').time)).toBe('2026-03-10T12:00:00.000Z');
  });
  test('a serial is a wall-clock time, read in the declared zone', () => {
    expect(iso(at(46091.625, {timeZone: 'America/Chicago'}).time)).toBe('2026-03-10T20:00:00.000Z');
  });
  test("Excel's 1900 serials: 1 is 1900-01-01, 61 is 1900-03-01", () => {
    expect(iso(at(1).time)).toBe('1900-01-01T00:00:00.000Z');
    expect(iso(at(61).time)).toBe('1900-03-01T00:00:00.000Z');
  });
});

describe('readLeadTime: epoch numbers told apart by magnitude', () => {
  const instant = '2026-03-10T15:00:00.000Z';
  const s = Date.parse(instant) / 1000;
  test.each([
    ['seconds', s],
    ['milliseconds', s * 1e3],
    ['microseconds', s * 1e6],
    ['nanoseconds', s * 1e9],
  ])('%s, as a number and as digit text', (_unit, n) => {
    expect(iso(at(n).time)).toBe(instant);
    expect(iso(at(String(BigInt(n))).time)).toBe(instant);
    expect(at(n).warning).toBeNull();
  });
  test('"1773154800" as text is the same instant as the number, not a fallback to now', () => {
    expect(at('1773154800').time).toBe(1773154800000);
  });
  test('1e20, 0, negative, Infinity, NaN are unreadable: routed at now with time_unreadable', () => {
    for (const v of [1e20, 1e25, 0, -5, Infinity, NaN, '1e20', '99999999999999999999999']) {
      const r = at(v);
      expect(r.time).toBe(NOW);
      expect(r.warning).toMatchObject({code: 'time_unreadable', field: 't'});
    }
  });
});

describe('readLeadTime: zone-less timestamps are read in the declared zone, never the machine zone', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['3/10/2026 10:00:00', undefined, '2026-03-10T10:00:00.000Z'],
    ['2026-03-10 10:00', undefined, '2026-03-10T10:00:00.000Z'],
    ['2026-03-10T10:00:00', 'America/New_York', '2026-03-10T14:00:00.000Z'],
    ['3/10/2026 10:00:00', 'America/Chicago', '2026-03-10T15:00:00.000Z'],
    ['3/10/2026 10:00 PM', 'Asia/Tokyo', '2026-03-10T13:00:00.000Z'],
    ['2026-03-10', 'Europe/Berlin', '2026-03-09T23:00:00.000Z'],
    ['20260310', undefined, '2026-03-10T00:00:00.000Z'],
    ['2026/03/10 08:30', undefined, '2026-03-10T08:30:00.000Z'],
    ['March 10, 2026 10:00 AM', 'America/Chicago', '2026-03-10T15:00:00.000Z'],
    // month-name dates with dashes: "-2026" is the year, not a UTC offset
    ['03-Nov-2026', 'America/Chicago', '2026-11-03T06:00:00.000Z'],
    ['Nov-03-2026', undefined, '2026-11-03T00:00:00.000Z'],
    ['3-Nov-2026 10:00', 'America/Chicago', '2026-11-03T16:00:00.000Z'],
    ['10 Mar 2026 10:00 +0200', 'America/Chicago', '2026-03-10T08:00:00.000Z'],
  ];
  test('with the declared zone, in this process', () => {
    for (const [value, timeZone, expected] of cases) {
      expect([value, iso(at(value, {timeZone, dateOrder: 'MDY'}).time)]).toEqual([value, expected]);
    }
  });
  // The machine zone is fixed per process: the built core is run under each TZ in a child process.
  test.each(['America/New_York', 'Asia/Tokyo'])('the built core gives the same instants with TZ=%s', machine => {
    const bundle = path.join(__dirname, '..', '..', 'dist', 'shared', 'index.js');
    const script = `
      const {readLeadTime} = require(${JSON.stringify(bundle)});
      const cases = ${JSON.stringify(cases)};
      const out = cases.map(([v, timeZone]) => new Date(readLeadTime({t: v}, 't', 0, {timeZone, dateOrder: 'MDY'}).time).toISOString());
      process.stdout.write(JSON.stringify({offset: new Date(Date.UTC(2026, 2, 10)).getTimezoneOffset(), out}));`;
    const result = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {env: {...process.env, TZ: machine}, encoding: 'utf8'}),
    );
    expect(result.offset).toBe(machine === 'Asia/Tokyo' ? -540 : 240); // the machine zone really differs
    expect(result.out).toEqual(cases.map(c => c[2]));
  });
  test('a month-name date without a year is unreadable (never the year 2001), with the warning', () => {
    for (const value of ['3 Nov', 'Nov 3', '3 Nov 10:00', 'Tuesday']) {
      const r = at(value, {timeZone: 'America/Chicago'});
      expect([value, r.time, r.warning?.code]).toEqual([value, NOW, 'time_unreadable']);
    }
  });
  test('explicit offsets win over the declared zone', () => {
    expect(iso(at('2026-03-10T10:00:00-05:00', {timeZone: 'Asia/Tokyo'}).time)).toBe('2026-03-10T15:00:00.000Z');
    expect(iso(at('2026-03-10 10:00 Z', {timeZone: 'Asia/Tokyo'}).time)).toBe('2026-03-10T10:00:00.000Z');
    expect(iso(at('Tue, 10 Mar 2026 10:00:00 GMT', {timeZone: 'Asia/Tokyo'}).time)).toBe('2026-03-10T10:00:00.000Z');
  });
  test('daylight saving: a repeated local hour is its first occurrence, a skipped one lands after the gap', () => {
    expect(iso(zonedTimeToEpoch('America/New_York', 2026, 11, 1, 1, 30))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedTimeToEpoch('America/New_York', 2026, 3, 8, 2, 30))).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('readLeadTime: day/month order is declared, not guessed', () => {
  test('DMY declared: 3/10/2026 is 3 October', () => {
    const r = at('3/10/2026', {dateOrder: 'DMY'});
    expect(iso(r.time)).toBe('2026-10-03T00:00:00.000Z');
    expect(r.warning).toBeNull();
    expect(iso(at('10.03.2026 14:00', {dateOrder: 'DMY'}).time)).toBe('2026-03-10T14:00:00.000Z');
  });
  test('no order declared and the date reads both ways: MDY with the warning date_order_assumed', () => {
    const r = at('3/10/2026 10:00');
    expect(iso(r.time)).toBe('2026-03-10T10:00:00.000Z');
    expect(r.warning).toMatchObject({code: 'date_order_assumed', field: 't', value: '3/10/2026 10:00'});
    expect(r.warning!.message).toContain('3/10/2026 10:00');
  });
  test('no order declared, only one reading possible: read so, no warning', () => {
    const r = at('13/03/2026');
    expect(iso(r.time)).toBe('2026-03-13T00:00:00.000Z');
    expect(r.warning).toBeNull();
    expect(at('3/3/2026').warning).toBeNull();
  });
  test('a date impossible in the declared order is unreadable', () => {
    expect(at('13/03/2026', {dateOrder: 'MDY'}).warning?.code).toBe('time_unreadable');
    expect(at('2/30/2026', {dateOrder: 'MDY'}).warning?.code).toBe('time_unreadable');
  });
});

describe('readLeadTime: unreadable or missing', () => {
  test('text that is no time: routed at now, the warning names field and value', () => {
    const r = readLeadTime({created: {at: 'soon'}}, 'created.at', NOW);
    expect(r.time).toBe(NOW);
    expect(r.warning).toEqual({
      code: 'time_unreadable',
      field: 'created.at',
      value: 'soon',
      message: expect.stringContaining('"soon"'),
    });
    expect(r.warning!.message).toContain('created.at');
  });
  test('objects, booleans, invalid Dates are unreadable', () => {
    for (const v of [{}, [1], true, new Date(NaN)]) expect(at(v).warning?.code).toBe('time_unreadable');
  });
  test('an absent or empty value: routed at now with time_missing', () => {
    expect(readLeadTime({}, 't', NOW)).toEqual({
      time: NOW,
      warning: expect.objectContaining({code: 'time_missing', field: 't'}),
    });
    expect(at('  ').warning?.code).toBe('time_missing');
  });
  test('no path: now, no warning', () => {
    expect(readLeadTime({t: 'x'}, '', NOW)).toEqual({time: NOW, warning: null});
  });
  test('the old leadTime wrapper gives the time in epoch ms, never throws on a lead value', () => {
    expect(leadTime({t: '1773154800'}, 't', NOW)).toBe(1773154800000);
    expect(leadTime({t: 1e20}, 't', new Date(NOW))).toBe(NOW);
  });
});

describe('now from code', () => {
  const config = {reps: [{id: 'ana'}]};
  test('route(lead, config, state, 1e20) throws the documented error about now, not a RangeError', () => {
    expect(() => route({}, config, undefined, 1e20)).toThrow(TypeError);
    expect(() => route({}, config, undefined, 1e20)).toThrow(/"now" must be a Date/);
    expect(() => toEpochMs(8.64e15 + 1)).toThrow(/"now"/);
    expect(toEpochMs(8.64e15)).toBe(8.64e15);
  });
  test('an ISO "now" without an offset is UTC, whatever the machine zone; other text is refused', () => {
    const bundle = path.join(__dirname, '..', '..', 'dist', 'shared', 'index.js');
    const script = `const {route} = require(${JSON.stringify(bundle)});
      const nows = ['2026-12-01T15:00:00', '2026-12-01T15:00', '2026-12-01'];
      process.stdout.write(JSON.stringify(nows.map(now => route({}, {reps: [{id: 'a'}]}, undefined, now).decision.decidedAt)));`;
    const inTokyo = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {env: {...process.env, TZ: 'Asia/Tokyo'}, encoding: 'utf8'}),
    );
    expect(inTokyo).toEqual(['2026-12-01T15:00:00.000Z', '2026-12-01T15:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(toEpochMs('2026-12-01T15:00:00+02:00')).toBe(Date.parse('2026-12-01T13:00:00Z'));
    for (const bad of ['Dec 1 2026 15:00', 'yesterday', '2026-13-45T00:00:00Z']) {
      expect(() => toEpochMs(bad)).toThrow(/"now" must be a Date, an ISO timestamp/);
    }
  });
  test('one lead with an unreadable time does not fail the batch', () => {
    const leads = [{t: '2026-03-10T10:00:00Z'}, {t: 1e20}, {t: 'not a time'}];
    const times = leads.map(l => readLeadTime(l, 't', NOW));
    const {decisions} = routeBatch(leads, config, undefined, NOW);
    expect(decisions).toHaveLength(3);
    expect(times.map(t => t.warning?.code ?? null)).toEqual([null, 'time_unreadable', 'time_unreadable']);
  });
});

describe('config keys timezone and dateOrder', () => {
  test('accepted, validated with their path, and in the generated JSON schema', () => {
    expect(validateConfig({timezone: 'America/Chicago', dateOrder: 'DMY', reps: [{id: 'a'}]}).ok).toBe(true);
    const bad = validateConfig({timezone: 'Mars/Olympus', dateOrder: 'YMD', reps: [{id: 'a'}]});
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.issues.map(i => i.path);
    expect(paths).toEqual(expect.arrayContaining(['dateOrder']));
    const tz = validateConfig({timezone: 'Mars/Olympus', reps: [{id: 'a'}]});
    expect(tz.ok ? [] : tz.issues.map(i => i.path)).toEqual(['timezone']);
    const props = (configJsonSchema() as {properties: Record<string, unknown>}).properties;
    expect(props.timezone).toBeDefined();
    expect(props.dateOrder).toMatchObject({enum: ['MDY', 'DMY']});
    const file = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'routing-config.schema.json'), 'utf8'));
    expect(file.properties.dateOrder).toBeDefined();
  });
  test('config timezone is the zone of reps without one (working hours), a rep timezone still wins', () => {
    const config = {
      timezone: 'America/New_York',
      reps: [
        {id: 'ny', hours: {'mon-fri': '09:00-17:00'}},
        {id: 'utc', timezone: 'UTC', hours: {'mon-fri': '09:00-17:00'}},
      ],
      pool: {reps: ['ny', 'utc']},
    };
    // Tuesday 2026-03-10 20:00 UTC = 16:00 in New York: only the New York rep is within hours.
    const {decision} = route({}, config, undefined, '2026-03-10T20:00:00Z');
    expect(decision.ownerId).toBe('ny');
    const early = route({}, config, undefined, '2026-03-10T12:00:00Z').decision; // 08:00 in New York
    expect(early.ownerId).toBe('utc');
  });
});
