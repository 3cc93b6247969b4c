import {createRouter} from '../../../shared';
import {routingObject} from '../output';

describe('routing object', () => {
  const cfg = {reps: [{id: 'ana'}]};
  const w = {
    code: 'roster_cell_unreadable',
    field: 'Hours',
    value: 'x',
    message: 'Rep "ana": the Hours cell "x" could not be read.',
  };

  it('carries the decision warnings, with or without candidates', () => {
    const d = createRouter(cfg).route({id: 'L1'}, '2026-11-23T16:00:00Z', 0, [w]);
    expect(routingObject(d, false).warnings).toEqual([w]);
    expect(routingObject(d, true).warnings).toEqual([w]);
  });

  it('has no warnings key when there are none', () => {
    const d = createRouter(cfg).route({id: 'L1'}, '2026-11-23T16:00:00Z', 0);
    expect('warnings' in routingObject(d, false)).toBe(false);
  });
});
