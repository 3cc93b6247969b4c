// Issue 14: a node's pre-ledger state is merged into its workflow's ledger (counters summed per rep
// and period, lead memory and learned domains unioned, cursors kept from the ledger).
import {compileConfig, createRouter, emptyState, mergeStates, type RotationState} from '..';

const D = '2026-11-23';

function state(parts: Partial<RotationState>): RotationState {
  return {...emptyState(), ...parts};
}

describe('mergeStates', () => {
  test('an empty ledger takes the node state as it is (a copy)', () => {
    const from = state({reps: {ana: {d: D, dn: 2, n: 2, at: 5}}, pools: {'pool:all': {last: 'ana', lastIdx: 0}}});
    const merged = mergeStates(undefined, from);
    expect(merged).toEqual(from);
    expect(merged).not.toBe(from);
    expect(merged.reps).not.toBe(from.reps);
  });

  test('counters in the same period are summed; n summed; at is the later', () => {
    const into = state({reps: {ana: {d: D, dn: 1, w: '2026-W48', wn: 3, m: '2026-11', mn: 7, at: 100, n: 9}}});
    const from = state({
      reps: {ana: {d: D, dn: 2, w: '2026-W48', wn: 2, m: '2026-11', mn: 2, at: 50, n: 2}, ben: {d: D, dn: 1, n: 1}},
    });
    const merged = mergeStates(into, from);
    expect(merged.reps.ana).toEqual({d: D, dn: 3, w: '2026-W48', wn: 5, m: '2026-11', mn: 9, at: 100, n: 11});
    expect(merged.reps.ben).toEqual({d: D, dn: 1, n: 1});
  });

  test('different periods: the later period and its count are kept, whichever side has it', () => {
    const into = state({reps: {ana: {d: '2026-11-22', dn: 4, m: '2026-11', mn: 4}}});
    const from = state({reps: {ana: {d: '2026-11-23', dn: 1, m: '2026-10', mn: 9}}});
    expect(mergeStates(into, from).reps.ana).toEqual({d: '2026-11-23', dn: 1, m: '2026-11', mn: 4});
    expect(mergeStates(from, into).reps.ana).toEqual({d: '2026-11-23', dn: 1, m: '2026-11', mn: 4});
  });

  test('cursors stay the ledger’s; a pool only the node state has is taken', () => {
    const into = state({pools: {'pool:all': {last: 'ben', lastIdx: 1, next: 'cy'}}});
    const from = state({pools: {'pool:all': {last: 'ana', lastIdx: 0}, 'territory:tx': {last: 'dee'}}});
    const merged = mergeStates(into, from);
    expect(merged.pools['pool:all']).toEqual({last: 'ben', lastIdx: 1, next: 'cy'});
    expect(merged.pools['territory:tx']).toEqual({last: 'dee'});
  });

  test('dedupe, held and accounts are unioned, oldest first; the ledger wins a shared key', () => {
    const into = state({
      dedupe: {ka: ['ana', 10, null], kc: ['ana', 30, 'tx']},
      held: {ha: ['ana', 10]},
      accounts: {a1: 'ana'},
    });
    const from = state({
      dedupe: {kb: ['ben', 20, null], ka: ['ben', 5, null]},
      held: {hb: ['ben', 1]},
      accounts: {a1: 'ben', a2: 'ben'},
    });
    const merged = mergeStates(into, from);
    expect(Object.entries(merged.dedupe)).toEqual([
      ['ka', ['ana', 10, null]],
      ['kb', ['ben', 20, null]],
      ['kc', ['ana', 30, 'tx']],
    ]);
    expect(Object.entries(merged.held ?? {})).toEqual([
      ['hb', ['ben', 1]],
      ['ha', ['ana', 10]],
    ]);
    expect({...merged.accounts}).toEqual({a1: 'ana', a2: 'ben'});
  });

  test('user-named keys such as __proto__ are ordinary keys', () => {
    const from = JSON.parse(
      '{"v":1,"pools":{},"reps":{"__proto__":{"d":"2026-11-23","dn":1}},"accounts":{},"dedupe":{}}',
    );
    const into = JSON.parse(
      '{"v":1,"pools":{},"reps":{"__proto__":{"d":"2026-11-23","dn":2}},"accounts":{},"dedupe":{}}',
    );
    const merged = mergeStates(into as RotationState, from as RotationState);
    expect(Object.getOwnPropertyDescriptor(merged.reps, '__proto__')?.value).toEqual({d: '2026-11-23', dn: 3});
  });

  test('a merged daily count is enforced by the router (cap 2: one from each node, then at_capacity)', () => {
    const config = compileConfig({
      version: 1,
      reps: [{id: 'ana', name: 'Ana', email: 'ana@example.com', available: true, capacity: {daily: 2}}],
      territories: [],
      cascade: ['pool'],
      pool: {reps: 'all', strategy: 'round_robin'},
    });
    const NOW = '2026-11-23T10:00:00Z';
    const one = (s: RotationState | undefined, id: string) => {
      const r = createRouter(config, s);
      r.route({id}, NOW);
      return r.state();
    };
    const merged = mergeStates(one(undefined, 'A1'), one(undefined, 'B1'));
    const d = createRouter(config, merged).route({id: 'C1'}, NOW);
    expect(d.ownerId).toBeNull();
    expect(d.candidates.map(c => c.why)).toEqual(['at_capacity']);
    // Without the merge the ledger would have room: one assignment only.
    expect(createRouter(config, one(undefined, 'A1')).route({id: 'C1'}, NOW).ownerId).toBe('ana');
  });
});
