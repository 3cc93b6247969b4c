import {routeBatch} from '../router';
import {gini, summarize} from '../summary';

test('counts per rep, territory and stage add up; fairness over the available reps that rotate', () => {
  const config = {
    reps: [{id: 'a'}, {id: 'b'}, {id: 'off', available: false}, {id: 'boss'}],
    territories: [
      {id: 'tx', conditions: [{field: 'state', op: 'in' as const, values: ['TX']}], reps: ['a', 'b', 'off']},
    ],
    pool: {reps: ['a', 'b']},
    defaultOwner: 'boss',
  };
  const leads = [{state: 'TX'}, {state: 'TX'}, {state: 'TX'}, {state: 'NY'}, 'junk'];
  const {decisions} = routeBatch(leads, config, undefined, 0);
  const s = summarize(decisions, config);
  expect(s).toMatchObject({leads: 5, assigned: 4, unassigned: 1});
  // territory rotation a, b, a (the unavailable rep skipped); the pool rotates on its own: a
  expect(s.byRep).toEqual({a: 3, b: 1, off: 0, boss: 0});
  expect(s.byTerritory).toEqual({tx: 3});
  expect(s.byStage).toMatchObject({exact: 3, pool: 1, unassigned: 1});
  expect(s.fairness.reps).toEqual(['a', 'b']); // not the unavailable rep, not the default owner
  expect(s.fairness.maxMinRatio).toBe(3);
  expect(s.fairness.gini).toBeCloseTo(0.25);
});

test('gini: 0 when even, towards 1 when one rep gets everything', () => {
  expect(gini([5, 5, 5])).toBe(0);
  expect(gini([0, 0, 9])).toBeCloseTo(2 / 3);
  expect(gini([1])).toBeNull();
});
