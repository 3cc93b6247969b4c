import {parseConfig, routeBatch} from '../../../shared';
import {parseHours, parseOutOfOffice, repsFromRoster} from '../roster';

describe('roster rows -> reps', () => {
  test('Google Sheets headers become a valid config rep', () => {
    const [rep] = repsFromRoster([
      {
        Name: 'Ana Diaz',
        Email: 'ana@example.com',
        Available: 'TRUE',
        Weight: '2',
        Skills: 'solar, storage',
        'Daily cap': '25',
        'Weekly cap': '',
        Timezone: 'America/Chicago',
        Hours: 'mon-fri 09:00-17:00; sat 10:00-14:00',
        'Out of office': '2026-12-24..2026-12-31, 2027-01-05',
      },
    ]);
    expect(rep).toEqual({
      id: 'ana@example.com',
      name: 'Ana Diaz',
      email: 'ana@example.com',
      available: true,
      weight: 2,
      skills: ['solar', 'storage'],
      capacity: {daily: 25},
      timezone: 'America/Chicago',
      hours: {'mon-fri': '09:00-17:00', sat: '10:00-14:00'},
      outOfOffice: [
        {from: '2026-12-24', to: '2026-12-31'},
        {from: '2027-01-05', to: '2027-01-05'},
      ],
    });
    expect(() => parseConfig({reps: [rep]})).not.toThrow();
  });

  test('Airtable omits unchecked boxes: a row without Available is unavailable when others have it', () => {
    const reps = repsFromRoster([{Name: 'A', Available: true}, {Name: 'B'}]) as Array<{available: boolean}>;
    expect(reps.map(r => r.available)).toEqual([true, false]);
    const plain = repsFromRoster([{id: 'a'}, {id: 'b', available: false}]) as Array<{available: boolean}>;
    expect(plain.map(r => r.available)).toEqual([true, false]);
  });

  test('names, n8n items and explicit ids', () => {
    expect(repsFromRoster(['Ann', {json: {Id: 'bo', Name: 'Bo'}}])).toEqual([
      {id: 'Ann', name: 'Ann'},
      {id: 'bo', name: 'Bo', available: true},
    ]);
  });

  test('hours and out-of-office text forms', () => {
    expect(parseHours('Mon-Fri=08:00-18:00\nsun 10:00 - 12:00')).toEqual({
      'mon-fri': '08:00-18:00',
      sun: '10:00-12:00',
    });
    expect(parseHours('')).toBeUndefined();
    expect(parseOutOfOffice('2026-01-01 to 2026-01-03')).toEqual([{from: '2026-01-01', to: '2026-01-03'}]);
  });

  test('an Open cap of 0 takes no leads even without an Open load column; a blank one is no cap', () => {
    const reps = repsFromRoster([
      {Name: 'Ana Diaz', Email: 'ana@example.com', Available: 'TRUE', 'Open cap': '0'},
      {Name: 'Ben Ode', Email: 'ben@example.com', Available: 'TRUE', 'Open cap': ''},
    ]);
    expect(reps.map(r => (r as {capacity?: unknown}).capacity)).toEqual([{open: 0}, undefined]);
    const {decisions} = routeBatch([{id: 1}, {id: 2}], {reps}, undefined, '2026-11-23T16:00:00Z');
    expect(decisions.map(d => d.ownerId)).toEqual(['ben@example.com', 'ben@example.com']);
  });

  test('a bad hours entry is kept so validation names it', () => {
    const [rep] = repsFromRoster([{id: 'a', hours: 'weekdays'}]);
    expect(() => parseConfig({reps: [rep]})).toThrow(/reps\[0\]\.hours/);
  });
});

describe('roster dates in a declared order (issue 12 #6: DD/MM vs MM/DD is declared, not guessed)', () => {
  const row = {Name: 'Ana', 'Out of office': '3/10/2026'};
  it('with no order declared, an ambiguous date is read month first and each decision is told', () => {
    const notes: Parameters<typeof repsFromRoster>[1] = [];
    const [rep] = repsFromRoster([row], notes) as Array<{outOfOffice: unknown}>;
    expect(rep.outOfOffice).toEqual([{from: '2026-03-10', to: '2026-03-10'}]);
    expect(notes!.map(n => n.code)).toEqual(['date_order_assumed']);
    expect(notes![0].message).toMatch(/3\/10\/2026.*month first/);
  });
  it('DMY declared: 3/10/2026 is 3 October, no warning', () => {
    const notes: Parameters<typeof repsFromRoster>[1] = [];
    const [rep] = repsFromRoster([row], notes, 'DMY') as Array<{outOfOffice: unknown}>;
    expect(rep.outOfOffice).toEqual([{from: '2026-10-03', to: '2026-10-03'}]);
    expect(notes).toEqual([]);
  });
  it('a date only one order can read (13/3/2026) needs no warning', () => {
    const notes: Parameters<typeof repsFromRoster>[1] = [];
    const [rep] = repsFromRoster([{Name: 'Ana', 'Out of office': '13/3/2026'}], notes) as Array<{outOfOffice: unknown}>;
    expect(rep.outOfOffice).toEqual([{from: '2026-03-13', to: '2026-03-13'}]);
    expect(notes).toEqual([]);
  });
});
