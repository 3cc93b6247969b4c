// Issue 12 on the add-on, through the built bundle: reps without a Timezone keep their Hours in
// the spreadsheet's time zone (#8) and the sheet says which zone applies.
import type {RoutingConfigInput} from '../../shared';
import {createWorld, type World} from './fakes';
import {run} from './loadBundle';
import {column, logColumn, worldFor} from './harness';
import {SHEETS} from '../src/layout';

function lastAlert(world: World): string {
  return world.ui.alerts[world.ui.alerts.length - 1] ?? '';
}

const config: RoutingConfigInput = {
  version: 1,
  fields: {state: 'State'},
  reps: [
    {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com', available: true, hours: {'mon-fri': '09:00-17:00'}},
    {
      id: 'kai',
      name: 'Kai Sato',
      email: 'kai@example.com',
      available: true,
      timezone: 'Asia/Tokyo',
      hours: {'mon-fri': '09:00-17:00'},
    },
  ],
  territories: [],
  cascade: ['pool', 'default'],
  pool: {reps: 'all', strategy: 'round_robin'},
};

describe('a rep without a Timezone works in the spreadsheet time zone (issue 12 #8)', () => {
  it('New York sheet, Tuesday 15:00 there: the rep with mon-fri 09:00-17:00 and no Timezone takes the leads', () => {
    // 2026-11-24 is a Tuesday; 20:00 UTC is 15:00 in New York (EST) and 05:00 Wednesday in Tokyo.
    const world = worldFor(
      config,
      [
        {Name: 'A', State: 'TX'},
        {Name: 'B', State: 'CA'},
      ],
      {now: '2026-11-24T20:00:00Z'},
    );
    world.timeZone = 'America/New_York';
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toBe('Lead Routing: Assigned 2 new leads.');
    expect(column(world, SHEETS.leads, 'Assigned To')).toEqual(['Ana Diaz', 'Ana Diaz']);
    expect(String(logColumn(world, 'Routing Reason')[0])).not.toMatch(/outside/);
  });

  it('the same rows in a Tokyo sheet: nobody is in hours at 05:00, so nobody is assigned, and the reason says why', () => {
    const world = worldFor(config, [{Name: 'A', State: 'TX'}], {now: '2026-11-24T20:00:00Z'});
    world.timeZone = 'Asia/Tokyo';
    run(world, 'assignNewLeads');
    expect(column(world, SHEETS.leads, 'Assigned To')).toEqual(['']);
    expect(String(column(world, SHEETS.leads, 'Routing Reason')[0])).toMatch(/outside working hours/);
  });

  it('Set up sheets notes on the Timezone header which zone a blank cell means', () => {
    const world = createWorld();
    world.timeZone = 'Europe/Berlin';
    run(world, 'setUpSheets');
    const reps = world.sheets.find(s => s.name === SHEETS.reps)!;
    const col = reps.values[0].indexOf('Timezone');
    expect(reps.notes.get(`0,${col}`)).toMatch(/Blank: the spreadsheet's time zone \(Europe\/Berlin/);
  });
});
