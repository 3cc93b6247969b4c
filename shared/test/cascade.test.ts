import {createRouter, route, routeBatch} from '../router';
import {withAliases} from '../index';
import {compileConfig} from '../compile';
import {config, NOW} from './helpers';

const territories = [
  {
    id: 'tx',
    name: 'Texas',
    conditions: [{field: 'state', op: 'in' as const, values: ['TX'], weight: 5}],
    reps: ['ana'],
  },
  {
    id: 'tx2',
    name: 'Texas too',
    conditions: [{field: 'state', op: 'in' as const, values: ['TX'], weight: 5}],
    reps: ['ben', 'ana'],
  },
  {
    id: 'tx-solar',
    conditions: [
      {field: 'state', op: 'in' as const, values: ['TX'], weight: 5},
      {field: 'productLine', op: 'in' as const, values: ['solar'], weight: 7},
    ],
    reps: ['cy'],
  },
];
const reps = [
  {id: 'ana', name: 'Ana'},
  {id: 'ben', name: 'Ben'},
  {id: 'cy', name: 'Cy', skills: ['wind', 'Healthcare']},
  {id: 'manager', name: 'Boss'},
];

describe('cascade stages', () => {
  test('exact: territories tied on the best score pool their reps and rotate together', () => {
    const cfg = config({reps, territories});
    const r = createRouter(cfg);
    const ds = [1, 2, 3].map(() => r.route({state: 'TX'}, NOW));
    expect(ds.map(d => d.ownerId)).toEqual(['ana', 'ben', 'ana']);
    // the territory reported is the one the chosen rep belongs to, first in config order
    expect(ds.map(d => d.territoryId)).toEqual(['tx', 'tx2', 'tx']);
    expect(ds[0].reason).toContain('tied with 1 other territory');
    expect(Object.keys(r.state().pools)).toEqual(['tied:["tx","tx2"]']);
  });

  test('exact: the first score level with an eligible rep wins', () => {
    const cfg = config({reps: reps.map(r => (r.id === 'cy' ? {...r, available: false} : r)), territories});
    const d = route({state: 'TX', productLine: 'solar'}, cfg, undefined, NOW).decision;
    expect(d).toMatchObject({stage: 'exact', territoryId: 'tx', score: 5, ownerId: 'ana'});
    expect(d.reason).toContain('1 higher-scoring territory had no eligible rep');
  });

  test('exact: levels are tried best first until one has an eligible rep (ties count as one level)', () => {
    const t = (id: string, priority: number, rep: string) => ({
      id,
      priority,
      conditions: [{field: 'state', op: 'in' as const, values: ['TX']}],
      reps: [rep],
    });
    const cfg = config({
      reps: [
        {id: 'a', available: false},
        {id: 'b', available: false},
        {id: 'c', available: false},
        {id: 'd'},
        {id: 'e'},
        {id: 'manager'},
      ],
      territories: [t('t0', 0, 'e'), t('t9', 9, 'a'), t('t4a', 4, 'b'), t('t4b', 4, 'c'), t('t2', 2, 'd')],
    });
    const d = route({state: 'TX'}, cfg, undefined, NOW).decision;
    expect(d).toMatchObject({stage: 'exact', territoryId: 't2', score: 3, ownerId: 'd'});
    expect(d.reason).toContain('3 higher-scoring territories had no eligible rep');
    expect(d.candidates.map(c => c.repId)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('partial: "all" territories where some conditions hold, scored the same way', () => {
    const cfg = config({reps, territories: [territories[2]], partialMinScore: 5});
    const d = route({state: 'TX', productLine: 'wind'}, cfg, undefined, NOW).decision;
    expect(d).toMatchObject({stage: 'partial', territoryId: 'tx-solar', score: 5, ownerId: 'cy'});
    expect(route({state: 'TX'}, {...cfg, partialMinScore: 6}, undefined, NOW).decision.stage).toBe('pool');
  });

  test('specialist: reps whose skills contain the lead product line, then industry', () => {
    const cfg = config({reps, cascade: ['specialist', 'default']});
    expect(route({productLine: 'Wind'}, cfg, undefined, NOW).decision).toMatchObject({
      stage: 'specialist',
      ownerId: 'cy',
    });
    expect(route({industry: 'healthcare'}, cfg, undefined, NOW).decision).toMatchObject({
      stage: 'specialist',
      ownerId: 'cy',
    });
    const s = routeBatch([{productLine: 'wind'}], cfg, undefined, NOW).state;
    expect(Object.keys(s.pools)).toEqual(['specialist:wind']);
    expect(route({productLine: 'solar'}, cfg, undefined, NOW).decision.stage).toBe('default');
  });

  test('pool: a listed pool with its own strategy', () => {
    const cfg = config({reps, pool: {reps: ['ben', 'cy'], strategy: 'round_robin'}, cascade: ['pool']});
    expect(routeBatch([{}, {}, {}], cfg, undefined, NOW).decisions.map(d => d.ownerId)).toEqual(['ben', 'cy', 'ben']);
  });

  test('default: the default owner regardless of availability, with everyone else in the trace', () => {
    const cfg = config({reps: reps.map(r => ({...r, available: false})), territories});
    const d = route({state: 'TX'}, cfg, undefined, NOW).decision;
    expect(d).toMatchObject({stage: 'default', ownerId: 'manager', ownerName: 'Boss', territoryId: null, score: null});
    expect(d.reason).toContain('unavailable');
    expect(d.candidates.map(c => c.repId).sort()).toEqual(['ana', 'ben', 'cy', 'manager']);
  });

  test('the cascade runs in the configured order', () => {
    const cfg = config({reps, territories, cascade: ['pool', 'exact']});
    expect(route({state: 'TX'}, cfg, undefined, NOW).decision.stage).toBe('pool');
  });

  test('unassigned: ownerId null, every rep considered once with its first failure, and a reason', () => {
    const cfg = config({
      reps: [{id: 'ana', capacity: {daily: 0}}, {id: 'ben', available: false}, {id: 'manager'}],
      territories: [{id: 't', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana', 'ben']}],
      pool: {reps: ['ben', 'ana']},
      cascade: ['exact', 'pool'],
    });
    const d = route({state: 'TX'}, cfg, undefined, NOW).decision;
    expect(d.ownerId).toBeNull();
    expect(d.stage).toBe('unassigned');
    expect(d.candidates).toEqual([
      {repId: 'ana', eligible: false, why: 'at_capacity', capacityLimit: 'daily'},
      {repId: 'ben', eligible: false, why: 'unavailable'},
    ]);
    expect(d.reason).toBe(
      'No owner: none of the 2 reps considered is eligible (1 at capacity (ana: daily cap), 1 unavailable).',
    );
  });

  test('a lead is never dropped: bad leads are unassigned with a reason, in input order', () => {
    const leads = [null, 'x', 42, [1], {state: 'TX'}, undefined];
    const {decisions} = routeBatch(leads, config({reps, territories}), undefined, NOW);
    expect(decisions).toHaveLength(leads.length);
    expect(decisions.map(d => d.leadId)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(decisions.map(d => d.stage)).toEqual([
      'unassigned',
      'unassigned',
      'unassigned',
      'unassigned',
      'exact',
      'unassigned',
    ]);
    expect(decisions[1].reason).toContain('not an object');
  });
});

describe('dedupe', () => {
  const cfg = config({
    reps,
    pool: {reps: ['ana', 'ben']},
    cascade: ['pool'],
    dedupe: {fields: ['email'], windowHours: 24},
  });

  test('a duplicate within the window gets the same owner and moves no counter', () => {
    const r = createRouter(cfg);
    const first = r.route({email: 'Jo@Acme.com'}, NOW);
    const before = r.state();
    const dup = r.route({email: ' jo@acme.COM '}, '2026-11-24T15:59:00Z');
    expect(dup).toMatchObject({stage: 'duplicate', ownerId: first.ownerId});
    const after = r.state();
    expect(after.pools).toEqual(before.pools);
    expect(after.reps).toEqual(before.reps);
    expect(r.route({email: 'other@acme.com'}, NOW).ownerId).toBe('ben');
  });

  test('the window runs from the first routing; after it the lead is routed afresh', () => {
    const r = createRouter(cfg);
    r.route({email: 'jo@acme.com'}, NOW);
    r.route({email: 'jo@acme.com'}, '2026-11-24T10:00:00Z');
    expect(r.route({email: 'jo@acme.com'}, '2026-11-24T16:00:00Z').stage).toBe('pool');
  });

  test('leads without the dedupe fields are never duplicates; unassigned leads record no key', () => {
    const r = createRouter(cfg);
    expect(r.route({}, NOW).stage).toBe('pool');
    expect(r.route({}, NOW).stage).toBe('pool');
    const none = createRouter(
      config({
        reps: [{id: 'ana', available: false}],
        defaultOwner: undefined,
        cascade: ['pool'],
        dedupe: {fields: ['email']},
      }),
    );
    none.route({email: 'a@b.c'}, NOW);
    expect(Object.keys(none.state().dedupe)).toEqual([]);
  });

  test('an owner who left the roster is reported as unknown_rep and the lead is routed afresh', () => {
    const first = routeBatch([{email: 'jo@acme.com'}], cfg, undefined, NOW);
    const smaller = config({
      reps: reps.filter(r => r.id !== 'ana'),
      pool: {reps: ['ben']},
      cascade: ['pool'],
      dedupe: {fields: ['email']},
    });
    const d = route({email: 'jo@acme.com'}, smaller, first.state, NOW).decision;
    expect(d).toMatchObject({stage: 'pool', ownerId: 'ben'});
    const none = route(
      {email: 'jo@acme.com'},
      {...smaller, reps: [{id: 'ben', available: false}, {id: 'manager'}]},
      first.state,
      NOW,
    );
    expect(none.decision.candidates).toEqual(
      expect.arrayContaining([{repId: 'ana', eligible: false, why: 'unknown_rep'}]),
    );
  });

  test('composite keys: all dedupe fields together', () => {
    const c2 = config({
      reps,
      pool: {reps: ['ana', 'ben']},
      cascade: ['pool'],
      dedupe: {fields: ['email', 'productLine']},
    });
    const ds = routeBatch(
      [
        {email: 'a@x.com', productLine: 'solar'},
        {email: 'a@x.com', productLine: 'wind'},
        {email: 'A@x.com', productLine: 'Solar'},
      ],
      c2,
      undefined,
      NOW,
    ).decisions;
    expect(ds.map(d => d.stage)).toEqual(['pool', 'pool', 'duplicate']);
  });

  test('state is bounded: oldest dedupe keys are evicted', () => {
    const c3 = config({reps, cascade: ['pool'], dedupe: {fields: ['email'], maxEntries: 50}});
    const leads = Array.from({length: 200}, (_, i) => ({email: `lead${i}@x.com`}));
    const {state} = routeBatch(leads, c3, undefined, NOW);
    expect(Object.keys(state.dedupe)).toHaveLength(50);
    expect(route({email: 'lead199@x.com'}, c3, state, NOW).decision.stage).toBe('duplicate');
    expect(route({email: 'lead0@x.com'}, c3, state, NOW).decision.stage).toBe('pool');
  });
});

describe('account owner', () => {
  const base = config({
    reps,
    territories,
    accountOwner: {by: 'emailDomain', accounts: {'ACME.com': 'ben'}},
  });

  test('a configured account domain goes to its owner', () => {
    const d = route({email: 'x@acme.com', state: 'TX'}, base, undefined, NOW).decision;
    expect(d).toMatchObject({stage: 'account', ownerId: 'ben', territoryId: null});
    expect(d.reason).toContain('acme.com');
  });

  test('a domain this router assigned before sticks with its first owner; free mail is never learned', () => {
    const r = createRouter(base);
    const first = r.route({email: 'a@initech.com', state: 'TX'}, NOW); // tied pool -> ana
    r.route({email: 'b@gmail.com', state: 'TX'}, NOW); // -> ben, not learned
    const again = r.route({email: 'c@Initech.com', state: 'TX'}, NOW);
    expect(again).toMatchObject({stage: 'account', ownerId: first.ownerId});
    expect(again.reason).toContain('learned');
    expect(r.route({email: 'd@gmail.com', state: 'TX'}, NOW).stage).toBe('exact');
  });

  test('an ineligible account owner falls through to the cascade', () => {
    const cfg = {...base, reps: reps.map(r => (r.id === 'ben' ? {...r, available: false} : r))};
    const d = route({email: 'x@acme.com', state: 'TX'}, cfg, undefined, NOW).decision;
    expect(d.stage).toBe('exact');
    expect(d.ownerId).toBe('ana');
  });

  test('learned domains are stored as hashes, never in clear', () => {
    const {state} = routeBatch([{email: 'a@initech.com', state: 'TX'}], base, undefined, NOW);
    expect(JSON.stringify(state)).not.toContain('initech');
    expect(Object.keys(state.accounts)).toHaveLength(1);
  });
});

describe('sales intent', () => {
  const intent = {field: 'message', keywords: ['quote', 'pricing', 'book a demo'], required: true};

  test('keywords are whole words, case-insensitive, reported in config order', () => {
    const cfg = config({reps, intent, cascade: ['pool']});
    const d = route({message: 'PRICING and a Quote? Also: book  a demo!'}, cfg, undefined, NOW).decision;
    expect(d.intentKeywords).toEqual(['quote', 'pricing', 'book a demo']);
    expect(route({message: 'misquoted prices'}, cfg, undefined, NOW).decision.intentKeywords).toEqual([]);
  });

  test('with required: true a lead with none is unassigned before any other stage, saying so', () => {
    const cfg = config({reps, intent, cascade: ['pool', 'default'], dedupe: {fields: ['email']}});
    const d = route({message: 'unsubscribe me', email: 'a@b.com'}, cfg, undefined, NOW);
    expect(d.decision).toMatchObject({stage: 'unassigned', ownerId: null});
    expect(d.decision.reason).toContain('No sales-intent keyword');
    expect(d.state.dedupe).toEqual({});
  });

  test('sources limits the requirement (seed: leads arriving by email)', () => {
    const cfg = config({reps, intent: {...intent, sources: ['email']}, cascade: ['pool']});
    expect(route({source: 'Email', message: 'hi'}, cfg, undefined, NOW).decision.stage).toBe('unassigned');
    expect(route({source: 'web', message: 'hi'}, cfg, undefined, NOW).decision.stage).toBe('pool');
  });
});

describe('decision record', () => {
  test('every field of the contract, with aliases', () => {
    const cfg = config({
      reps: [{id: 'ana', name: 'Ana', email: 'ana@x.com'}],
      defaultOwner: undefined,
      territories: [territories[0]],
      fields: {id: 'crm.id'},
    });
    const d = route({crm: {id: 'L-7'}, state: 'tx'}, cfg, undefined, '2026-11-23T16:00:00.000Z').decision;
    expect(d).toEqual({
      leadId: 'L-7',
      ownerId: 'ana',
      ownerName: 'Ana',
      ownerEmail: 'ana@x.com',
      stage: 'exact',
      territoryId: 'tx',
      territoryName: 'Texas',
      score: 5,
      reason: 'Territory Texas matched (score 5); Ana picked by round robin.',
      candidates: [{repId: 'ana', eligible: true, why: null}],
      configVersion: compileConfig(cfg).version,
      decidedAt: '2026-11-23T16:00:00.000Z',
    });
    expect(withAliases(d)).toMatchObject({matched_territory_id: 'tx', priority_score: 5, assignment_reason: d.reason});
  });

  test('trace off leaves candidates empty (but unassigned always explains)', () => {
    const cfg = config({reps, territories});
    expect(route({state: 'TX'}, cfg, undefined, NOW, {trace: false}).decision.candidates).toEqual([]);
  });

  test('route is pure: the input state is not modified and the same input gives the same output', () => {
    const cfg = config({reps, territories, dedupe: {fields: ['email']}});
    const s0 = routeBatch([{state: 'TX', email: 'a@b.com'}], cfg, undefined, NOW).state;
    const frozen = JSON.stringify(s0);
    const a = route({state: 'TX', email: 'c@d.com'}, cfg, s0, NOW);
    const b = route({state: 'TX', email: 'c@d.com'}, cfg, s0, NOW);
    expect(JSON.stringify(s0)).toBe(frozen);
    expect(a).toEqual(b);
  });

  test('now must be given: no clock reads', () => {
    expect(() => route({}, config(), undefined, 'not a time')).toThrow(/now/);
  });
});
