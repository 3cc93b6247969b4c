import fc from 'fast-check';
import {localTime} from '../time';

const ZONES = [
  'America/Chicago',
  'America/New_York',
  'Europe/London',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Tokyo',
  'Pacific/Chatham',
  'UTC',
];

function viaIntl(tz: string, ms: number) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find(p => p.type === t)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')),
    minute: (Number(get('hour')) % 24) * 60 + Number(get('minute')),
  };
}

test('cached offsets give the same local time as Intl at any instant, across DST changes', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...ZONES),
      fc.integer({min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z')}),
      (tz, ms) => {
        const got = localTime(tz, ms);
        expect({date: got.date, weekday: got.weekday, minute: got.minute}).toEqual(viaIntl(tz, ms));
      },
    ),
    {numRuns: 3000},
  );
});

test('minutes around a DST change in Chicago', () => {
  // 2026-03-08 02:00 CST -> 03:00 CDT (08:00 UTC)
  expect(localTime('America/Chicago', Date.parse('2026-03-08T07:59:00Z')).minute).toBe(1 * 60 + 59);
  expect(localTime('America/Chicago', Date.parse('2026-03-08T08:00:00Z')).minute).toBe(3 * 60);
});
