// Issue 12 on the add-on, through the built bundle: the values a spreadsheet really holds (ZIP codes that lost
// their leading zero, traditional state abbreviations, CRM export headers) are read as the core reads them, and a
// value the router had to guess at is said out loud in the Routing Log's Warnings column.
import type {RoutingConfigInput} from '../../shared';
import {run} from './loadBundle';
import {column, logColumn, ownerIds, worldFor} from './harness';
import {SHEETS} from '../src/layout';

const config: RoutingConfigInput = {
  version: 1,
  reps: [
    {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com', available: true},
    {id: 'ben', name: 'Ben Ode', email: 'ben@example.com', available: true},
    {id: 'cy', name: 'Cy Moss', email: 'cy@example.com', available: true},
  ],
  territories: [
    {
      id: 'new-england',
      name: 'New England',
      conditions: [{field: 'zip', op: 'between', values: ['01000', '06999']}],
      reps: ['ben'],
    },
    {id: 'texas', name: 'Texas', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana']},
  ],
  cascade: ['exact', 'default'],
  defaultOwner: 'cy',
};

describe('real-world sheet values (issue 12)', () => {
  it('a ZIP that lost its leading zero (number or text) is a New England ZIP, with a warning in the Routing Log', () => {
    const world = worldFor(config, [
      {Name: 'A', Zip: 2134},
      {Name: 'B', Zip: '6469'},
    ]);
    run(world, 'assignNewLeads');
    expect(ownerIds(world, config)).toEqual(['ben', 'ben']);
    const warnings = logColumn(world, 'Warnings').map(String);
    expect(warnings[0]).toMatch(/02134/);
    expect(warnings[1]).toMatch(/06469/);
  });

  it('traditional state abbreviations (Tex., Calif.) are read as their states', () => {
    const world = worldFor(config, [
      {Name: 'C', State: 'Tex.'},
      {Name: 'D', State: 'Calif.'},
    ]);
    run(world, 'assignNewLeads');
    expect(ownerIds(world, config)).toEqual(['ana', 'cy']);
    expect(String(column(world, SHEETS.leads, 'Territory')[0])).toMatch(/Texas/);
  });

  it('a CRM export header (State/Province) is read as the state', () => {
    const world = worldFor(config, [{Name: 'E', 'State/Province': 'Texas'}]);
    run(world, 'assignNewLeads');
    expect(ownerIds(world, config)).toEqual(['ana']);
  });
});
