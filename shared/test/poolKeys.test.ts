// Issue 11 #7 (rotation keys of tied territories cannot collide, whatever the ids; old keys still
// read) and #11 (weights and priorities bounded by validation, scores finite).
import fc from 'fast-check';
import {routeBatch} from '../router';
import {compileConfig, territoryKey, tiedKey} from '../compile';
import {validateConfig} from '../config/validate';
import {matchTerritories} from '../index';
import {NOW} from './helpers';

const reps = ['ana', 'ben', 'cy', 'dee', 'manager'].map(id => ({id}));
const onState = (id: string, reps: string[], state: string) => ({
  id,
  reps,
  conditions: [{field: 'state', op: 'in' as const, values: [state]}],
});

describe('tied-territory rotation keys', () => {
  test('territories a [ana] and b [ben] tied on TX and a territory "a+b" [cy, dee] on CA each rotate fully', () => {
    const config = {
      reps,
      territories: [onState('a', ['ana'], 'TX'), onState('b', ['ben'], 'TX'), onState('a+b', ['cy', 'dee'], 'CA')],
      cascade: ['exact' as const],
    };
    const leads = Array.from({length: 8}, (_, i) => ({state: i % 2 ? 'CA' : 'TX'}));
    const {decisions, state} = routeBatch(leads, config, undefined, NOW);
    expect(decisions.map(d => d.ownerId)).toEqual(['ana', 'cy', 'ben', 'dee', 'ana', 'cy', 'ben', 'dee']);
    expect(Object.keys(state.pools).sort()).toEqual(['a+b', 'tied:["a","b"]']);
  });

  test('names with "+" as the add-on writes them ("Solar+Storage") against "Solar" tied with "Storage"', () => {
    const config = {
      reps,
      territories: [
        onState('Solar', ['ana'], 'TX'),
        onState('Storage', ['ben'], 'TX'),
        onState('Solar+Storage', ['cy', 'dee'], 'CA'),
      ],
      cascade: ['exact' as const],
    };
    const leads = ['CA', 'TX', 'CA', 'TX'].map(state => ({state}));
    expect(routeBatch(leads, config, undefined, NOW).decisions.map(d => d.ownerId)).toEqual([
      'cy',
      'ana',
      'dee',
      'ben',
    ]);
  });

  test('territory ids that look like other keys ("pool", "specialist:solar", "tied:…") are ordinary ids', () => {
    const config = {
      reps: [{id: 'ana', skills: ['solar']}, {id: 'ben'}, {id: 'cy'}],
      territories: [onState('pool', ['ben', 'cy'], 'TX'), onState('specialist:solar', ['ben', 'cy'], 'CA')],
      pool: {reps: ['ana', 'ben']},
    };
    expect(validateConfig(config).ok).toBe(true);
    const leads = [{state: 'TX'}, {state: 'NY'}, {state: 'CA'}, {state: 'TX'}, {state: 'NY'}];
    const {decisions, state} = routeBatch(leads, config, undefined, NOW);
    expect(decisions.map(d => d.ownerId)).toEqual(['ben', 'ana', 'ben', 'cy', 'ben']);
    expect(Object.keys(state.pools).sort()).toEqual(['pool', 'territory:pool', 'territory:specialist:solar']);
  });

  test('keys are distinct for any ids (property)', () => {
    const idArb = fc.oneof(
      fc.string({minLength: 1, maxLength: 6}),
      fc.constantFrom('a', 'b', 'a+b', 'pool', 'tied:["a","b"]', 'territory:a', 'specialist:x', '"', ','),
    );
    fc.assert(
      fc.property(fc.uniqueArray(idArb, {minLength: 2, maxLength: 5}), ids => {
        const keys = new Set<string>(['pool', 'specialist:x']);
        let count = 2;
        for (const id of ids) {
          keys.add(territoryKey(id));
          count++;
        }
        // every pair and the whole set tied
        for (let i = 0; i < ids.length; i++) {
          for (let j = i + 1; j < ids.length; j++) {
            keys.add(tiedKey([ids[i], ids[j]]));
            count++;
          }
        }
        if (ids.length > 2) {
          keys.add(tiedKey(ids));
          count++;
        }
        return keys.size === count;
      }),
    );
  });

  test('a state written under the old "+"-joined key keeps its rotation, and is written back under the new key', () => {
    const config = {
      reps,
      territories: [onState('a', ['ana', 'cy'], 'TX'), onState('b', ['ben'], 'TX')],
      cascade: ['exact' as const],
    };
    const old = {v: 1 as const, pools: {'a+b': {last: 'cy'}}, reps: {}, accounts: {}, dedupe: {}};
    const {decisions, state} = routeBatch([{state: 'TX'}, {state: 'TX'}], config, old, NOW);
    // tied pool order: ana, cy, ben; after cy comes ben
    expect(decisions.map(d => d.ownerId)).toEqual(['ben', 'ana']);
    expect(state.pools['a+b']).toBeUndefined();
    expect(state.pools['tied:["a","b"]']).toMatchObject({last: 'ana'});
    // an untouched old key is kept as it was
    const other = {...old, pools: {'x+y': {last: 'ana'}}};
    expect(routeBatch([{state: 'TX'}], config, other, NOW).state.pools['x+y']).toEqual({last: 'ana'});
  });
});

describe('weights and priorities', () => {
  test('validation bounds condition weights, priorities, partialMinScore and rep weights, naming each path', () => {
    const result = validateConfig({
      reps: [{id: 'ana', weight: 1e300}],
      partialMinScore: -1e20,
      territories: [
        {
          id: 't',
          reps: ['ana'],
          priority: 1e10,
          conditions: [
            {field: 'state', op: 'in', values: ['TX'], weight: 1e308},
            {field: 'zip', op: 'prefix', values: ['7'], weight: 1e308},
          ],
        },
      ],
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'reps[0].weight',
        'partialMinScore',
        'territories[0].priority',
        'territories[0].conditions[0].weight',
        'territories[0].conditions[1].weight',
      ]),
    );
  });

  test('at the bounds, scores stay finite and the matching territory wins', () => {
    const config = {
      reps,
      territories: [
        {
          id: 'big',
          reps: ['ana'],
          priority: 1e9,
          conditions: [
            {field: 'state', op: 'in' as const, values: ['TX'], weight: 1e9},
            {field: 'zip', op: 'prefix' as const, values: ['7'], weight: 1e9},
          ],
        },
        onState('small', ['ben'], 'TX'),
      ],
    };
    compileConfig(config);
    const m = matchTerritories(config, {state: 'TX', zip: '75001'});
    expect(m.winner).toMatchObject({territoryId: 'big', score: 3e9});
    expect(m.exact.every(t => Number.isFinite(t.score))).toBe(true);
  });
});
