import {routeBatch} from '../router';
import {compileConfig} from '../compile';
import {config, NOW} from './helpers';

const tx = (id: string, reps: string[], strategy: 'round_robin' | 'weighted' = 'round_robin') => ({
  id,
  conditions: [{field: 'state', op: 'in' as const, values: ['TX']}],
  reps,
  strategy,
});
const reps = [{id: 'a'}, {id: 'b'}, {id: 'c'}, {id: 'manager'}];

describe('rotation state is keyed by identity, not by configVersion', () => {
  test('editing the config (names, new territories) keeps the rotation', () => {
    const v1 = config({reps, territories: [tx('texas', ['a', 'b', 'c'])]});
    const first = routeBatch([{state: 'TX'}], v1, undefined, NOW); // a
    const v2 = config({
      reps: reps.map(r => ({...r, name: r.id.toUpperCase()})),
      territories: [
        tx('texas', ['a', 'b', 'c']),
        {id: 'ny', conditions: [{field: 'state', op: 'in', values: ['NY']}], reps: ['c']},
      ],
    });
    expect(compileConfig(v1).version).not.toBe(compileConfig(v2).version);
    const next = routeBatch([{state: 'TX'}], v2, first.state, NOW);
    expect(next.decisions[0].ownerId).toBe('b');
    expect(next.decisions[0].configVersion).toBe(compileConfig(v2).version);
  });

  test('tied territories rotate under tied:[their sorted ids], with the strategy of the first in config order', () => {
    const cfg = config({reps, territories: [tx('zeta', ['a', 'b'], 'weighted'), tx('alpha', ['c'])]});
    const {state, decisions} = routeBatch([{state: 'TX'}, {state: 'TX'}, {state: 'TX'}], cfg, undefined, NOW);
    expect(Object.keys(state.pools)).toEqual(['tied:["alpha","zeta"]']);
    expect(state.pools['tied:["alpha","zeta"]'].cw).toBeDefined(); // weighted, from "zeta" (first in config order)
    expect(decisions.map(d => d.ownerId)).toEqual(['a', 'b', 'c']);
    expect(decisions.map(d => d.territoryId)).toEqual(['zeta', 'zeta', 'alpha']);
  });
});
