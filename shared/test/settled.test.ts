// The settled readings of ../shared/spec/routing.md (v1.1), one test each, on the core. Readings 4, 6
// and 12 (intent words, postal codes, text folding) are tested with the normalisation.
import {createRouter, route, routeBatch} from '../router';
import {parseConfig} from '../config/validate';
import {matchTerritories} from '../index';
import {config, NOW} from './helpers';

const terr = (conditions: unknown[], extra: Record<string, unknown> = {}) =>
  config({
    territories: [{id: 't', reps: ['ana'], conditions: conditions as never, ...extra}],
    cascade: ['exact', 'partial', 'default'],
  });

describe('settled readings (v1.1)', () => {
  test('1. a condition on a missing value never holds, notIn included', () => {
    for (const op of ['notIn', 'in', 'prefix', 'contains', 'exists', 'gte', 'lte', 'between'] as const) {
      const values =
        op === 'exists' ? [] : op === 'between' ? ['1', '9'] : op === 'gte' || op === 'lte' ? ['5'] : ['x'];
      const cfg = terr([{field: 'industry', op, values}], {match: 'any'});
      // (each lead has an id: a lead whose every field is blank is an empty row, unassigned before any condition)
      for (const lead of [
        {},
        {id: 'l', industry: null},
        {id: 'l', industry: ''},
        {industry: []},
        {id: 'l', industry: '   '},
      ]) {
        expect([op, lead, route(lead, cfg, undefined, NOW).decision.stage]).toEqual([op, lead, 'default']);
      }
    }
  });

  test('2. dedupe.windowHours defaults to 720', () => {
    expect(parseConfig(config({dedupe: {fields: ['email']}})).dedupe!.windowHours).toBe(720);
    const cfg = config({dedupe: {fields: ['email']}, cascade: ['pool']});
    const first = route({email: 'a@x.com'}, cfg, undefined, '2026-11-01T00:00:00Z');
    const within = route({email: 'a@x.com'}, cfg, first.state, '2026-11-30T23:59:00Z').decision;
    const after = route({email: 'a@x.com'}, cfg, first.state, '2026-12-01T00:00:00Z').decision;
    expect(within.stage).toBe('duplicate');
    expect(after.stage).toBe('pool');
  });

  test('3. a lead that is not an object is unassigned with a reason, one decision in its place', () => {
    const cfg = config({cascade: ['pool', 'default']});
    const {decisions} = routeBatch([{id: 'x'}, null, ['a'], 'text', 7, {id: 'y'}], cfg, undefined, NOW);
    expect(decisions.map(d => d.stage)).toEqual([
      'pool',
      'unassigned',
      'unassigned',
      'unassigned',
      'unassigned',
      'pool',
    ]);
    expect(decisions.map(d => d.leadId)).toEqual(['x', 1, 2, 3, 4, 'y']);
    expect(decisions[1].reason).toMatch(/not an object \(got null\)/);
    expect(decisions[2].reason).toMatch(/got an array/);
    expect(decisions[3].reason).toMatch(/got string/);
  });

  test('5. partial considers match:"all" territories where at least one condition holds and one does not', () => {
    const cfg = config({
      partialMinScore: 0,
      territories: [
        {id: 'none', reps: ['ana'], conditions: [{field: 'state', op: 'in', values: ['NY']}]},
        {
          id: 'some',
          reps: ['ana'],
          conditions: [
            {field: 'state', op: 'in', values: ['TX']},
            {field: 'industry', op: 'in', values: ['solar']},
          ],
        },
        {id: 'full', reps: ['ana'], conditions: [{field: 'state', op: 'in', values: ['TX']}]},
        {id: 'any', match: 'any', reps: ['ana'], conditions: [{field: 'industry', op: 'in', values: ['solar']}]},
      ],
    });
    const m = matchTerritories(cfg, {state: 'TX', industry: 'wind'});
    expect(m.partial.map(t => t.territoryId)).toEqual(['some']);
    expect(m.exact.map(t => t.territoryId)).toEqual(['full']);
  });

  test('7. a duplicate goes to the remembered owner only if that owner is eligible now; else routed afresh', () => {
    const base = config({dedupe: {fields: ['email']}, cascade: ['pool']});
    const first = route({email: 'a@x.com'}, base, undefined, NOW);
    const owner = first.decision.ownerId!;
    const away = config({
      dedupe: {fields: ['email']},
      cascade: ['pool'],
      reps: base.reps!.map(r => (r.id === owner ? {...r, available: false} : r)),
    });
    const again = route({email: 'a@x.com'}, away, first.state, NOW).decision;
    expect(again.stage).toBe('pool');
    expect(again.ownerId).not.toBe(owner);
    expect(again.candidates).toContainEqual({repId: owner, eligible: false, why: 'unavailable'});
  });

  test('8. overnight hours belong to the day they start: sat-sun 22:00-06:00 covers Monday 01:00', () => {
    const cfg = config({
      reps: [{id: 'night', hours: {'sat-sun': '22:00-06:00'}}, {id: 'manager'}],
      pool: {reps: ['night']},
      cascade: ['pool', 'default'],
    });
    expect(route({}, cfg, undefined, '2026-11-23T01:00:00Z').decision.ownerId).toBe('night'); // Monday 01:00
    expect(route({}, cfg, undefined, '2026-11-24T01:00:00Z').decision.ownerId).toBe('manager'); // Tuesday 01:00
    expect(route({}, cfg, undefined, '2026-11-21T01:00:00Z').decision.ownerId).toBe('manager'); // Saturday 01:00
  });

  test('9. (changed) a multi-valued field satisfies notIn when none of its values is listed: the negation of in', () => {
    const cfgIn = terr([{field: 'industry', op: 'in', values: ['solar']}]);
    const cfgNot = terr([{field: 'industry', op: 'notIn', values: ['solar']}]);
    const leads = [
      {industry: ['solar', 'hvac']},
      {industry: ['wind', 'hvac']},
      {industry: 'solar'},
      {industry: 'wind'},
    ];
    const stage = (cfg: unknown, lead: unknown) => route(lead, cfg, undefined, NOW).decision.stage;
    expect(leads.map(l => stage(cfgIn, l))).toEqual(['exact', 'default', 'exact', 'default']);
    expect(leads.map(l => stage(cfgNot, l))).toEqual(['default', 'exact', 'default', 'exact']);
  });

  test('10. dedupe in back-tests: a key matches when the two routing times are within windowHours of each other', () => {
    const cfg = config({dedupe: {fields: ['email'], windowHours: 24}, cascade: ['pool']});
    const router = createRouter(cfg);
    router.route({email: 'a@x.com'}, '2026-11-10T12:00:00Z');
    // an earlier lead, routed later in the replay, within 24 h before: a duplicate
    expect(router.route({email: 'a@x.com'}, '2026-11-09T13:00:00Z').stage).toBe('duplicate');
    expect(router.route({email: 'a@x.com'}, '2026-11-09T11:00:00Z').stage).toBe('pool');
  });

  describe('11. (changed) round robin after a roster edit', () => {
    const poolConfig = (reps: string[]) =>
      config({reps: reps.map(id => ({id})), pool: {reps}, cascade: ['pool'], defaultOwner: undefined});
    /** Picks after a..c gave a, b (b is the last assignee, c followed it), on the edited roster `reps`. */
    const afterEdit = (reps: string[], n: number) => {
      const {state} = routeBatch([{}, {}], poolConfig(['a', 'b', 'c']), undefined, NOW);
      expect(state.pools.pool).toMatchObject({last: 'b', next: 'c'});
      const leads = Array.from({length: n}, () => ({}));
      return routeBatch(leads, poolConfig(reps), state, NOW).decisions.map(d => d.ownerId);
    };
    test('the last assignee replaced: the rotation continues with the rep that followed it', () => {
      expect(afterEdit(['a', 'z', 'c'], 3)).toEqual(['c', 'a', 'z']);
    });
    test('the last assignee removed and a rep added in front: its follower, not whoever stands in its old place', () => {
      expect(afterEdit(['x', 'a', 'c'], 3)).toEqual(['c', 'x', 'a']);
    });
    test('the last assignee still in the pool: the next after it in the current list; an added rep gets its turn', () => {
      expect(afterEdit(['a', 'b', 'n', 'c'], 4)).toEqual(['n', 'c', 'a', 'b']);
    });
    test('a least-loaded pool remembers the follower too', () => {
      const {state} = routeBatch(
        [{}],
        config({
          reps: [{id: 'a'}, {id: 'b'}],
          pool: {reps: ['a', 'b'], strategy: 'least_loaded'},
          cascade: ['pool'],
          defaultOwner: undefined,
        }),
        undefined,
        NOW,
      );
      expect(state.pools.pool).toMatchObject({last: 'a', lastIdx: 0, next: 'b'});
    });
    test('the same through territory pools (typed-array rotation) and for a state from before `next` was kept', () => {
      const cfg = (reps: string[]) =>
        config({
          reps: reps.map(id => ({id})),
          territories: [{id: 'tx', reps, conditions: [{field: 'state', op: 'in', values: ['TX']}]}],
          cascade: ['exact'],
          defaultOwner: undefined,
        });
      const first = routeBatch([{state: 'TX'}, {state: 'TX'}], cfg(['a', 'b', 'c']), undefined, NOW);
      expect(first.state.pools.tx).toEqual({last: 'b', lastIdx: 1, next: 'c'});
      const after = routeBatch([{state: 'TX'}], cfg(['a', 'z', 'c']), first.state, NOW);
      expect(after.decisions[0].ownerId).toBe('c');
      // an older state (no `next`): the rep now standing in the old place, as before
      const old = {...first.state, pools: {tx: {last: 'b', lastIdx: 1}}};
      expect(routeBatch([{state: 'TX'}], cfg(['a', 'z', 'c']), old, NOW).decisions[0].ownerId).toBe('z');
    });
  });

  test('13. candidate why is the first failure in documented order, also after a duplicate check', () => {
    const cfg = config({
      reps: [{id: 'ana', capacity: {daily: 1}}, {id: 'ben'}],
      dedupe: {fields: ['email']},
      pool: {reps: ['ana', 'ben']},
      cascade: ['pool'],
      defaultOwner: undefined,
    });
    const first = route({email: 'a@x.com'}, cfg, undefined, NOW);
    expect(first.decision.ownerId).toBe('ana');
    // ana is now at capacity; the same lead excluding ana, then a fresh lead excluding ana
    const dup = route({email: 'a@x.com', excludeReps: ['ana']}, cfg, first.state, NOW).decision;
    const fresh = route({email: 'b@x.com', excludeReps: ['ana']}, cfg, first.state, NOW).decision;
    expect(dup.candidates.find(c => c.repId === 'ana')).toMatchObject({eligible: false, why: 'at_capacity'});
    expect(fresh.candidates.find(c => c.repId === 'ana')).toMatchObject({eligible: false, why: 'at_capacity'});
    // a duplicate still goes to its owner at capacity (a duplicate takes no capacity), shown eligible
    const again = route({email: 'a@x.com'}, cfg, first.state, NOW).decision;
    expect(again).toMatchObject({stage: 'duplicate', ownerId: 'ana'});
    expect(again.candidates).toEqual([{repId: 'ana', eligible: true, why: null}]);
  });
});
