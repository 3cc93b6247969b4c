import fc from 'fast-check';
import {compileConfig, tiedPool, type CompiledConfig, type CompiledPool} from '../compile';
import {RotationTable} from '../rotation';
import {afterPick, pick, type PickContext} from '../strategies';
import type {PoolState, Strategy} from '../types';

const REP_IDS = ['a', 'b', 'c', 'd', 'e'];
const STRATEGIES: Strategy[] = ['round_robin', 'weighted', 'least_loaded', 'longest_idle'];

/**
 * Four territories and a pool, each with its own team and strategy. The territory "north+south"
 * shares its state key with the pool of "north" and "south" when they tie.
 */
function compiled(teams: string[][], strategies: Strategy[]): CompiledConfig {
  return compileConfig({
    reps: REP_IDS.map((id, i) => ({id, weight: 1 + (i % 3)})),
    territories: ['north', 'south', 'west', 'north+south'].map((id, i) => ({
      id,
      conditions: [{field: 'state', op: 'in', values: ['TX']}],
      reps: teams[i],
      strategy: strategies[i],
    })),
    pool: {reps: teams[4], strategy: strategies[4]},
    defaultOwner: 'a',
  });
}

/** The reference: PoolState objects through `pick` and `afterPick`, as the router used them before. */
class ObjectRotation {
  constructor(
    readonly states: Record<string, PoolState>,
    private readonly ctx: PickContext,
  ) {}

  pick(pool: CompiledPool): number {
    const state = this.states[pool.key];
    const pos = pick(pool, state, this.ctx);
    if (pos < 0) return -1;
    this.states[pool.key] = afterPick(pool, state, pos, this.ctx);
    return pool.reps[pos];
  }
}

const team = fc.uniqueArray(fc.constantFrom(...REP_IDS), {minLength: 1, maxLength: 5});
const poolState = fc.record(
  {
    last: fc.constantFrom(...REP_IDS, 'gone'),
    lastIdx: fc.integer({min: 0, max: 6}),
  },
  {requiredKeys: []},
);

describe('RotationTable', () => {
  test('picks and persists exactly as PoolState objects through pick/afterPick', () => {
    fc.assert(
      fc.property(
        fc.array(team, {minLength: 5, maxLength: 5}),
        fc.array(fc.constantFrom(...STRATEGIES), {minLength: 5, maxLength: 5}),
        fc.dictionary(fc.constantFrom('north', 'south', 'west', 'pool', 'north+south', 'other'), poolState),
        fc.array(fc.record({target: fc.integer({min: 0, max: 5}), eligible: fc.uniqueArray(fc.nat(4))}), {
          maxLength: 30,
        }),
        fc.boolean(),
        (teams, strategies, persisted, steps, exhaustive) => {
          const c = compiled(teams, strategies);
          let eligible = new Set<number>();
          const ctx: PickContext = {
            compiled: c,
            eligible: idx => eligible.has(idx),
            counters: () => undefined,
            openLoad: () => -1,
            ms: 0,
            exhaustive,
          };
          const copy = () => JSON.parse(JSON.stringify(persisted)) as Record<string, PoolState>;
          const table = new RotationTable(c, copy(), ctx);
          const reference = new ObjectRotation(copy(), ctx);
          for (const step of steps) {
            eligible = new Set(step.eligible);
            if (step.target < 4) {
              expect(table.pickTerritory(step.target)).toBe(reference.pick(c.territoryPools[step.target]));
            } else {
              const pool = step.target === 4 ? c.pool! : tiedPool(c, [0, 1]);
              expect(table.pick(pool)).toBe(reference.pick(pool));
            }
          }
          expect(table.toRecord()).toEqual(reference.states);
        },
      ),
      {numRuns: 400},
    );
  });
});
