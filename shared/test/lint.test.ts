// Issue 16 #4: lint, one describe per check: a config that triggers it and one that does not.
import {lintConfig, LINT_CODES, SampleTally} from '../lint';
import {EXHAUSTIVE_TIES, TIES_NAMED, unreachableTerritories} from '../lint/territories';
import {compileConfig} from '../compile';
import {createRouter} from '../router';
import type {RoutingConfigInput} from '../config/schema';
import {NOW} from './helpers';

type Territory = NonNullable<RoutingConfigInput['territories']>[number];
type Cond = NonNullable<Territory['conditions']>[number];

const inList = (field: string, values: Array<string | number>, weight = 1): Cond => ({field, op: 'in', values, weight});
const between = (field: string, lo: string | number, hi: string | number, weight = 1): Cond => ({
  field,
  op: 'between',
  values: [lo, hi],
  weight,
});

/** Reps a, b, c, d and a manager; the pool is the manager only, so no rep is idle unless a test says so. */
function cfg(territories: Territory[], more: Partial<RoutingConfigInput> = {}): RoutingConfigInput {
  return {
    reps: [{id: 'a'}, {id: 'b'}, {id: 'c'}, {id: 'd'}, {id: 'boss'}],
    territories,
    pool: {reps: ['a', 'b', 'c', 'd']},
    defaultOwner: 'boss',
    ...more,
  };
}

const codes = (c: RoutingConfigInput, sample?: SampleTally) => lintConfig(c, sample).findings.map(f => f.code);
const only = (c: RoutingConfigInput, code: string, sample?: SampleTally) =>
  lintConfig(c, sample).findings.filter(f => f.code === code);

function tally(c: RoutingConfigInput, leads: unknown[]): SampleTally {
  const t = new SampleTally(compileConfig(c));
  for (const lead of leads) t.add(lead, NOW);
  return t;
}

test('every code is documented in docs/contract.md', () => {
  const doc = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../docs/contract.md'), 'utf8');
  for (const code of LINT_CODES) expect(doc).toContain('`' + code + '`');
});

test('a clean config has no findings; the shipped sample config only its real El Paso ZIP gap', () => {
  const clean = cfg([
    {id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a', 'b']},
    {id: 'ca', conditions: [inList('state', ['CA'])], reps: ['c', 'd']},
  ]);
  expect(codes(clean)).toEqual([]);
  const sample = require('../samples/config.json');
  const findings = lintConfig(sample).findings;
  expect(findings.map(f => f.code)).toEqual(['zip_gap']);
  expect(findings[0].message).toContain('88500–88599');
});

describe('territory_never_exact', () => {
  test('an "all" territory whose conditions exclude each other', () => {
    const c = cfg([
      {
        id: 'x',
        name: 'Impossible',
        conditions: [inList('state', ['TX']), {field: 'state', op: 'notIn', values: ['TX', 'CA']}],
        reps: ['a'],
      },
    ]);
    const [f] = only(c, 'territory_never_exact');
    expect(f).toMatchObject({path: 'territories[0]', subject: 'Impossible'});
    expect(f.message).toContain('"state"');
    // and it is true: a lead reaches it only as a partial match
    expect(createRouter(c).route({state: 'TX'}, NOW)).toMatchObject({territoryId: 'x', stage: 'partial'});
  });

  test('two `in` lists on one field: a lead listing a value of each matches exactly (settled reading 9)', () => {
    const c = cfg([
      {
        id: 'hc-ent',
        conditions: [inList('industry', ['healthcare']), inList('industry', ['enterprise'])],
        reps: ['a'],
      },
      {id: 'tx-ca', conditions: [inList('state', ['TX']), inList('state', ['CA'])], reps: ['b']},
      {id: 'zips', conditions: [between('zip', '75000', '75999'), between('zip', '77000', '77999')], reps: ['c']},
    ]);
    expect(codes(c)).not.toContain('territory_never_exact');
    // the router agrees: a lead listing both values is an exact match
    const router = createRouter(c);
    expect(router.route({industry: 'healthcare;enterprise'}, NOW)).toMatchObject({
      territoryId: 'hc-ent',
      stage: 'exact',
    });
    expect(router.route({industry: ['healthcare', 'enterprise']}, NOW)).toMatchObject({stage: 'exact'});
  });

  test('a sample lead that matched exactly contradicts the finding: it is not made', () => {
    const c = cfg([{id: 'x', conditions: [inList('state', ['TX']), inList('country', ['Canada'])], reps: ['a']}]);
    expect(codes(c)).toContain('territory_never_exact');
    expect(codes(c, tally(c, [{state: 'TX', country: 'Canada'}]))).not.toContain('territory_never_exact');
  });

  test('conditions on different fields, or overlapping values, can match', () => {
    const c = cfg([
      {id: 'x', conditions: [inList('state', ['TX']), between('zip', '75000', '79999')], reps: ['a']},
      {id: 'y', conditions: [inList('state', ['TX', 'CA']), inList('state', ['CA'])], reps: ['b']},
    ]);
    expect(codes(c)).not.toContain('territory_never_exact');
  });
});

describe('territory_shadowed', () => {
  test('a narrower territory that a broader one of higher score always beats', () => {
    const c = cfg([
      {id: 'texas', priority: 10, conditions: [inList('state', ['TX'])], reps: ['a']},
      {
        id: 'tx-solar',
        name: 'TX solar',
        conditions: [inList('state', ['TX']), inList('productLine', ['solar'])],
        reps: ['b'],
      },
    ]);
    const [f] = only(c, 'territory_shadowed');
    expect(f).toMatchObject({path: 'territories[1]', subject: 'TX solar'});
    expect(f.message).toContain('territories[0] "texas"');
    expect(f.message).toContain('11 > 2');
    // the router agrees: a TX solar lead goes to texas
    expect(createRouter(c).route({state: 'TX', productLine: 'solar'}, NOW).territoryId).toBe('texas');
  });

  test('a ZIP sub-range inside a higher-scored range, and values written differently ("Texas" vs TX)', () => {
    const c = cfg([
      {id: 'south', priority: 5, conditions: [between('zip', '70000', '79999')], reps: ['a']},
      {id: 'dallas', conditions: [between('zip', '75000', '75999')], reps: ['b']},
      {id: 'lonestar', priority: 20, conditions: [inList('state', ['TX'])], reps: ['c']},
      {id: 'texas-words', conditions: [inList('state', ['Texas'])], reps: ['d']},
    ]);
    expect(only(c, 'territory_shadowed').map(f => f.path)).toEqual(['territories[1]', 'territories[3]']);
  });

  test('not when the narrower territory scores higher, or when the broader one cannot be implied', () => {
    const c = cfg([
      {id: 'texas', priority: 10, conditions: [inList('state', ['TX'])], reps: ['a']},
      {id: 'tx-solar', conditions: [inList('state', ['TX'], 10), inList('productLine', ['solar'], 5)], reps: ['b']},
      {id: 'solar', priority: 30, conditions: [inList('productLine', ['solar', 'storage'])], reps: ['c']},
      {id: 'storage-or-tx', conditions: [inList('productLine', ['storage'])], reps: ['d'], match: 'any'},
    ]);
    // tx-solar (15) beats texas (11), but the solar territory (30) holds whenever tx-solar does;
    // texas is not shadowed (a TX lead need not be solar), storage-or-tx is (by solar)
    expect(only(c, 'territory_shadowed').map(f => f.path)).toEqual(['territories[1]', 'territories[3]']);
    const fair = cfg([
      {id: 'texas', priority: 10, conditions: [inList('state', ['TX'])], reps: ['a']},
      {id: 'tx-solar', conditions: [inList('state', ['TX'], 10), inList('productLine', ['solar'], 5)], reps: ['b']},
    ]);
    expect(codes(fair)).not.toContain('territory_shadowed');
  });

  test('`notIn` is not implied by an `in` of other values: a lead may list both (settled reading 9)', () => {
    const c = cfg([
      {
        id: 'not-partner',
        priority: 10,
        conditions: [{field: 'industry', op: 'notIn', values: ['partner']}],
        reps: ['a'],
      },
      {id: 'solar', conditions: [inList('industry', ['solar'])], reps: ['b']},
    ]);
    expect(codes(c)).not.toContain('territory_shadowed');
    expect(createRouter(c).route({industry: 'solar;partner'}, NOW).territoryId).toBe('solar');
    // notIn [partner, reseller] implies notIn [partner]; in [solar] implies in [solar, storage]
    const real = cfg([
      {id: 'p', priority: 10, conditions: [{field: 'industry', op: 'notIn', values: ['partner']}], reps: ['a']},
      {id: 'q', conditions: [{field: 'industry', op: 'notIn', values: ['partner', 'reseller']}], reps: ['b']},
      {id: 'r', priority: 10, conditions: [inList('industry', ['solar', 'storage'])], reps: ['c']},
      {id: 's', conditions: [inList('industry', ['solar'])], reps: ['d']},
    ]);
    expect(only(real, 'territory_shadowed').map(f => f.path)).toEqual(['territories[1]', 'territories[3]']);
  });

  test('a sample lead on which it had the top score contradicts the finding: it is not made', () => {
    const c = cfg([
      {id: 'texas', priority: 10, conditions: [inList('state', ['TX'])], reps: ['a']},
      {id: 'tx-solar', conditions: [inList('state', ['TX']), inList('productLine', ['solar'])], reps: ['b']},
    ]);
    // a sample agreeing with the proof keeps it
    expect(codes(c, tally(c, [{state: 'TX', productLine: 'solar'}]))).toContain('territory_shadowed');
    // one where tx-solar had the top exact score (as a lead the proof did not foresee would) drops it
    const compiled = compileConfig(c);
    expect(unreachableTerritories(compiled, {exact: [1, 1], top: [0, 0]}).map(f => f.code)).toEqual([
      'territory_shadowed',
    ]);
    expect(unreachableTerritories(compiled, {exact: [1, 1], top: [0, 1]})).toEqual([]);
  });
});

describe('territory_tie', () => {
  test('equal scores, no rep in common, and a lead can match both', () => {
    const c = cfg([
      {id: 'tx', name: 'Texas', conditions: [inList('state', ['TX'])], reps: ['a']},
      {id: 'solar', conditions: [inList('productLine', ['solar'])], reps: ['b']},
    ]);
    const [f] = only(c, 'territory_tie');
    expect(f.path).toBe('territories[0]');
    expect(f.message).toContain('territories[1] "solar"');
    // and such a lead does go to the pooled reps of both (a, then b)
    const router = createRouter(c);
    expect([0, 1].map(i => router.route({state: 'TX', productLine: 'solar'}, NOW, i).ownerId)).toEqual(['a', 'b']);
  });

  test('not when they cannot match one lead (states; a US state and another country), share a rep, or differ in score', () => {
    const c = cfg([
      {id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']},
      {id: 'ca', conditions: [inList('state', ['CA'])], reps: ['b']},
      {id: 'canada', conditions: [inList('country', ['Canada'])], reps: ['c']},
      {id: 'solar', conditions: [inList('productLine', ['solar'])], reps: ['a', 'b', 'c', 'd']},
      {id: 'storage', conditions: [inList('productLine', ['storage'], 2)], reps: ['d']},
    ]);
    expect(codes(c)).not.toContain('territory_tie');
  });

  test('a map larger than EXHAUSTIVE_TIES per score still finds ties a lead meets (through the matcher)', () => {
    const reps = Array.from({length: 702}, (_, i) => ({id: `r${i}`}));
    const zips = Array.from({length: 700}, (_, i): Territory => ({
      id: `z${i}`,
      conditions: [between('zip', 10000 + 100 * i, 10000 + 100 * i + 99)],
      reps: [`r${i}`],
    }));
    // z700 covers the same ZIPs as z5 with another rep: a real tie among 701 territories of score 1
    zips.push({id: 'z700', conditions: [between('zip', 10500, 10599)], reps: ['r700']});
    const c = cfg(zips, {reps: [...reps, {id: 'boss'}], pool: {reps: 'all'}});
    expect(EXHAUSTIVE_TIES).toBeLessThan(701);
    const found = only(c, 'territory_tie');
    expect(found.map(f => f.path)).toEqual(['territories[5]']);
    expect(found[0].message).toContain('territories[700] "z700"');
  });

  test('one finding per territory naming the later ones it ties (up to TIES_NAMED), all in related', () => {
    const fields = Array.from({length: 12}, (_, i) => `f${i}`);
    const c = cfg(
      fields.map((f, i): Territory => ({id: `t${i}`, conditions: [inList(f, ['x'])], reps: [`r${i}`]})),
      {reps: [...fields.map((_, i) => ({id: `r${i}`})), {id: 'boss'}], pool: {reps: 'all'}},
    );
    const found = only(c, 'territory_tie');
    // 66 tied pairs, 11 findings
    expect(found.map(f => f.path)).toEqual(fields.slice(0, 11).map((_, i) => `territories[${i}]`));
    expect(found[0].related).toEqual(fields.slice(1).map((_, i) => `territories[${i + 1}]`));
    expect(found[0].message).toContain('as 11 territories, territories[1] "t1"');
    expect(found[0].message).toContain(`territories[${TIES_NAMED}] "t${TIES_NAMED}" and ${11 - TIES_NAMED} more,`);
    expect(found[0].message).not.toContain(`territories[${TIES_NAMED + 1}]`);
    expect(found[10].message).toContain('as territories[11] "t11" with no rep in common');
  });

  test('sample leads that tie are counted, also between "any" territories', () => {
    const c = cfg([
      {id: 'west', match: 'any', conditions: [inList('state', ['CA', 'OR'])], reps: ['a']},
      {id: 'tech', match: 'any', conditions: [inList('industry', ['software'])], reps: ['b']},
    ]);
    expect(codes(c)).not.toContain('territory_tie');
    const t = tally(c, [{state: 'CA', industry: 'software'}, {state: 'CA', industry: 'software'}, {state: 'OR'}]);
    const [f] = only(c, 'territory_tie', t);
    expect(f.message).toContain('(2 sample leads did)');
  });
});

describe('partial_outranks_exact', () => {
  const national = {
    id: 'national',
    name: 'National',
    priority: 100,
    conditions: [inList('companySize', ['enterprise']), inList('country', ['US'])],
    reps: ['a'],
  };
  const texas = {id: 'texas', conditions: [inList('state', ['TX'], 5)], reps: ['b', 'c']};

  test('priority 100 wins as a partial match with one condition false, above exact matches', () => {
    const c = cfg([national, texas]);
    const [f] = only(c, 'partial_outranks_exact');
    expect(f).toMatchObject({path: 'territories[0]', subject: 'National'});
    expect(f.message).toContain('101');
    expect(f.message).toContain('territories[1] "texas" (5)');
    // what it warns about: an SMB lead in Texas, its Texas reps busy, goes to National as a partial match
    const busy = cfg([national, {...texas, reps: ['c']}], {
      reps: [{id: 'a'}, {id: 'b'}, {id: 'c', available: false}, {id: 'd'}, {id: 'boss'}],
    });
    const d = createRouter(busy).route({state: 'TX', country: 'US', companySize: 'smb'}, NOW);
    expect(d).toMatchObject({stage: 'partial', territoryId: 'national'});
  });

  test('not with no priority, one condition, or a partialMinScore the miss-one score does not reach', () => {
    expect(codes(cfg([{...national, priority: 0}, texas]))).not.toContain('partial_outranks_exact');
    expect(codes(cfg([{...national, conditions: [national.conditions[0]]}, texas]))).not.toContain(
      'partial_outranks_exact',
    );
    expect(codes(cfg([national, texas], {partialMinScore: 150}))).not.toContain('partial_outranks_exact');
  });
});

describe('zip_overlap', () => {
  test('ranges of two territories that cross', () => {
    const c = cfg([
      {id: 'dfw', conditions: [between('zip', '75000', '75999')], reps: ['a']},
      {id: 'east', conditions: [between('zip', '75500', '76499')], reps: ['b']},
    ]);
    const [f] = only(c, 'zip_overlap');
    expect(f.message).toContain('on 75500–75999');
    expect(f.message).toContain('ties them');
  });

  test('a prefix nested in a range with the same score is reported; nested with a higher score is a carve-out', () => {
    const same = cfg([
      {id: 'tx', conditions: [between('zip', '75000', '79999')], reps: ['a']},
      {id: 'dallas', conditions: [{field: 'zip', op: 'prefix', values: ['752']}], reps: ['b']},
    ]);
    expect(only(same, 'zip_overlap')[0].message).toContain('75200–75299');
    const carve = cfg([
      {id: 'tx', conditions: [between('zip', '75000', '79999')], reps: ['a']},
      {id: 'dallas', priority: 5, conditions: [{field: 'zip', op: 'prefix', values: ['752']}], reps: ['b']},
    ]);
    expect(codes(carve)).not.toContain('zip_overlap');
    const apart = cfg([
      {id: 'a', conditions: [between('zip', '75000', '75999')], reps: ['a']},
      {id: 'b', conditions: [between('zip', '76000', '76999')], reps: ['b']},
    ]);
    expect(codes(apart)).not.toContain('zip_overlap');
  });
});

describe('zip_gap', () => {
  test('a state mostly covered by ZIP ranges, with a hole', () => {
    const c = cfg([
      {id: 'ca-south', conditions: [between('zip', '90000', '93999')], reps: ['a']},
      {id: 'ca-bay', conditions: [between('zip', '94000', '95499')], reps: ['b']},
    ]);
    const [f] = only(c, 'zip_gap');
    expect(f.message).toContain('of CA');
    expect(f.message).toContain('95500–96199');
  });

  test('not when the state is covered whole, or barely touched (a metro area)', () => {
    const whole = cfg([
      {id: 'ca-south', conditions: [between('zip', '90000', '93999')], reps: ['a']},
      {id: 'ca-north', conditions: [between('zip', '94000', '96199')], reps: ['b']},
    ]);
    expect(codes(whole)).not.toContain('zip_gap');
    const metro = cfg([
      {id: 'nyc', conditions: [{field: 'zip', op: 'prefix', values: ['100', '101', '112']}], reps: ['a']},
    ]);
    expect(codes(metro)).not.toContain('zip_gap');
  });
});

describe('rep_unused', () => {
  test('a rep in no territory, pool, skill, account or default', () => {
    const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {pool: {reps: ['b', 'c']}});
    expect(only(c, 'rep_unused').map(f => f.path)).toEqual(['reps[3]']);
    // a pool the cascade never reaches does not count
    const noPool = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {
      pool: {reps: 'all'},
      cascade: ['exact', 'default'],
    });
    expect(only(noPool, 'rep_unused').map(f => f.path)).toEqual(['reps[1]', 'reps[2]', 'reps[3]']);
  });

  test('not for a rep a sample lead went to (the sample contradicts the finding)', () => {
    const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {
      reps: [{id: 'a'}, {id: 'b'}, {id: 'c'}, {id: 'd'}, {id: 'boss'}, {id: 'idle'}],
    });
    const t = tally(c, [{state: 'TX'}]);
    expect(only(c, 'rep_unused', t).map(f => f.subject)).toEqual(['idle']);
    t.owners.add('idle'); // as if a lead had reached idle in a way the proof did not foresee
    expect(only(c, 'rep_unused', t)).toEqual([]);
  });

  test('not for reps reached through the pool, a skill or an account', () => {
    const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {
      reps: [{id: 'a'}, {id: 'b', skills: ['solar']}, {id: 'c'}, {id: 'd'}, {id: 'boss'}],
      pool: {reps: ['c']},
      accountOwner: {accounts: {'acme.com': 'd'}},
    });
    expect(codes(c)).not.toContain('rep_unused');
  });
});

describe('pool_unavailable', () => {
  test('a territory whose reps are all unavailable, away or capped at 0; the pool likewise', () => {
    const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a', 'b', 'c']}], {
      reps: [
        {id: 'a', available: false},
        {id: 'b', presence: 'dnd'},
        {id: 'c', capacity: {daily: 0}},
        {id: 'd'},
        {id: 'boss'},
      ],
      pool: {reps: ['a', 'c']},
    });
    const found = only(c, 'pool_unavailable');
    expect(found.map(f => f.path)).toEqual(['territories[0].reps', 'pool.reps']);
    expect(found[0].message).toContain('a: unavailable, b: away (presence "dnd"), c: capacity 0');
    // the router agrees: a TX lead falls through
    expect(createRouter(c).route({state: 'TX'}, NOW).stage).toBe('default');
  });

  test('a pool with no reps at all', () => {
    const c = cfg([], {reps: [{id: 'a'}, {id: 'boss'}], pool: {reps: []}});
    const found = only(c, 'pool_unavailable');
    expect(found.map(f => [f.path, f.message])).toEqual([['pool.reps', expect.stringContaining('no reps')]]);
  });

  test('not when one rep can take leads', () => {
    const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a', 'b']}], {
      reps: [{id: 'a', available: false}, {id: 'b'}, {id: 'c'}, {id: 'd'}, {id: 'boss'}],
      pool: {reps: ['b', 'c', 'd']},
    });
    expect(codes(c)).not.toContain('pool_unavailable');
  });
});

describe('hours_without_timezone', () => {
  const reps = [{id: 'a', hours: {'mon-fri': '09:00-17:00'}}, {id: 'b'}, {id: 'c'}, {id: 'd'}, {id: 'boss'}];
  test('a rep with hours and no zone anywhere', () => {
    const [f] = only(cfg([], {reps}), 'hours_without_timezone');
    expect(f).toMatchObject({path: 'reps[0].hours', subject: 'a'});
    expect(f.message).toContain('UTC');
  });
  test('not with the rep’s zone or the config’s', () => {
    expect(codes(cfg([], {reps: [{...reps[0], timezone: 'America/Chicago'}, ...reps.slice(1)]}))).not.toContain(
      'hours_without_timezone',
    );
    expect(codes(cfg([], {reps, timezone: 'Europe/Paris'}))).not.toContain('hours_without_timezone');
  });
});

describe('field_unmapped and field_missing_in_sample', () => {
  const c = cfg([
    {id: 'ent', conditions: [inList('segmnt', ['enterprise'])], reps: ['a']},
    {id: 'hc', conditions: [inList('industry', ['healthcare'])], reps: ['b']},
  ]);

  test('a condition field that is no canonical field and no mapped header', () => {
    const [f] = only(c, 'field_unmapped');
    expect(f).toMatchObject({path: 'territories[0].conditions[0].field', subject: 'segmnt'});
    expect(codes(c)).not.toContain('field_missing_in_sample');
  });

  test('with a sample: not when a lead has it; canonical fields no lead has are reported', () => {
    const t = tally(c, [{segmnt: 'enterprise'}, {state: 'TX'}]);
    expect(codes(c, t)).not.toContain('field_unmapped');
    expect(only(c, 'field_missing_in_sample', t).map(f => f.subject)).toEqual(['industry']);
    const none = tally(c, [{state: 'TX'}]);
    expect(only(c, 'field_unmapped', none)[0].message).toContain('no sample lead');
    const mapped = cfg([{id: 'ent', conditions: [inList('Segment', ['enterprise'])], reps: ['a']}], {
      fields: {industry: 'Segment'},
    });
    expect(codes(mapped)).not.toContain('field_unmapped');
  });
});

test('coverage: leads per territory (exact, partial) and per stage, from the router', () => {
  const c = cfg(
    [
      {id: 'tx-solar', conditions: [inList('state', ['TX'], 5), inList('productLine', ['solar'], 5)], reps: ['a']},
      {id: 'ca', conditions: [inList('state', ['CA'])], reps: ['b']},
    ],
    {partialMinScore: 5},
  );
  const leads = [
    {state: 'TX', productLine: 'solar'},
    {state: 'TX', productLine: 'hvac'},
    {state: 'CA'},
    {state: 'CA'},
    {state: 'NY'},
  ];
  const report = lintConfig(c, tally(c, leads));
  expect(report.coverage).toEqual({
    leads: 5,
    territories: [
      {id: 'tx-solar', name: 'tx-solar', exact: 1, partial: 1},
      {id: 'ca', name: 'ca', exact: 2, partial: 0},
    ],
    stages: {duplicate: 0, account: 0, exact: 3, partial: 1, specialist: 0, pool: 1, default: 0, unassigned: 0},
    stageOrder: ['exact', 'partial', 'specialist', 'pool', 'default'],
  });
});

test('coverage.stageOrder: duplicate and account when configured, the cascade in its order, unassigned when it can end without an owner', () => {
  const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {
    dedupe: {fields: ['email']},
    accountOwner: {accounts: {'acme.com': 'b'}},
    cascade: ['partial', 'exact', 'pool'],
  });
  const order = lintConfig(c, tally(c, [{state: 'TX'}])).coverage!.stageOrder;
  expect(order).toEqual(['duplicate', 'account', 'partial', 'exact', 'pool', 'unassigned']);
  const plain = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {cascade: ['exact', 'default']});
  expect(lintConfig(plain, tally(plain, [{state: 'TX'}])).coverage!.stageOrder).toEqual(['exact', 'default']);
});

describe('range_as_text', () => {
  test('a ZIP range written as one text value under in / notIn names the value and says to use between', () => {
    const c = cfg([
      {id: 'dfw', name: 'DFW', conditions: [inList('zip', ['75000-75999'])], reps: ['a']},
      {id: 'hou', conditions: [inList('zip', ['77000..77999', '77002'])], reps: ['b']},
      {id: 'not', conditions: [{field: 'zip', op: 'notIn', values: ['78000 to 78999']}], reps: ['c']},
    ]);
    const found = only(c, 'range_as_text');
    expect(found.map(f => f.path)).toEqual([
      'territories[0].conditions[0].values[0]',
      'territories[1].conditions[0].values[0]',
      'territories[2].conditions[0].values[0]',
    ]);
    expect(found[0]).toMatchObject({subject: 'DFW'});
    expect(found[0].message).toContain('"op": "between", "values": ["75000", "75999"]');
    expect(found[2].message).toContain('excludes no lead');
    // and it is true: a lead in the range is caught by neither
    expect(createRouter(c).route({zip: '75201'}, NOW).territoryId).not.toBe('dfw');
  });

  test('not for a ZIP+4, single ZIPs, between, or a range-like value on another field', () => {
    const c = cfg([
      {id: 'a', conditions: [inList('zip', ['75001-1234', '75002'])], reps: ['a']},
      {id: 'b', conditions: [between('zip', '76000', '76999')], reps: ['b']},
      {id: 'c', conditions: [inList('companySize', ['100-500'])], reps: ['c']},
    ]);
    expect(codes(c)).not.toContain('range_as_text');
  });
});

describe('every finding says what is wrong and what to do', () => {
  test('field_missing_in_sample names a column that differs only in case or spacing', () => {
    const c = cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {fields: {state: 'state'}});
    const [f] = only(c, 'field_missing_in_sample', tally(c, [{State: 'TX'}]));
    expect(f.message).toContain('the sample has a column "State", which differs only in case or spacing');
    expect(f.message).toContain('set "fields": {"state": "State"}');
    const spaced = cfg([{id: 'i', conditions: [inList('industry', ['solar'])], reps: ['a']}], {
      fields: {industry: 'Industry Name'},
    });
    expect(only(spaced, 'field_missing_in_sample', tally(spaced, [{industry_name: 'solar'}]))[0].message).toContain(
      '"industry_name"',
    );
    const [plain] = only(c, 'field_missing_in_sample', tally(c, [{Region: 'TX'}]));
    expect(plain.message).toContain('map "fields.state" to the sample');
  });

  test('one sentence of problem, then after "; " one of action, for every code', () => {
    const configs: Array<[RoutingConfigInput, unknown[]?]> = [
      [
        cfg(
          [
            {
              id: 'never',
              conditions: [inList('state', ['TX']), {field: 'state', op: 'notIn', values: ['TX']}],
              reps: ['a'],
            },
            {id: 'none', match: 'any', conditions: [], reps: ['a']},
            {id: 'texas', priority: 10, conditions: [inList('state', ['TX'])], reps: ['a']},
            {id: 'tx-solar', conditions: [inList('state', ['TX']), inList('productLine', ['solar'])], reps: ['b']},
            {id: 'p1', conditions: [between('zip', '75000', '75999')], reps: ['c']},
            {id: 'p2', conditions: [between('zip', '75500', '76500')], reps: ['d']},
            {id: 'txt', conditions: [inList('zip', ['77000-77999'])], reps: ['c']},
            {id: 'odd', conditions: [inList('segmnt', ['x'])], reps: ['c']},
            {id: 'ind', conditions: [inList('industry', ['x'])], reps: ['c']},
            {
              id: 'nat',
              priority: 100,
              conditions: [inList('companySize', ['enterprise']), inList('country', ['US'])],
              reps: ['a'],
            },
          ],
          {
            reps: [
              {id: 'a'},
              {id: 'b'},
              {id: 'c', hours: {'mon-fri': '09:00-17:00'}},
              {id: 'd'},
              {id: 'boss'},
              {id: 'idle'},
              {id: 'off', available: false},
            ],
            pool: {reps: ['off']},
          },
        ),
        [{state: 'TX'}],
      ],
      [cfg([{id: 'tx', conditions: [inList('state', ['TX'])], reps: ['a']}], {pool: {reps: []}})],
      [
        cfg([
          {id: 'ca-south', conditions: [between('zip', '90000', '93999')], reps: ['a']},
          {id: 'ca-bay', conditions: [between('zip', '94000', '95499')], reps: ['b']},
        ]),
      ],
    ];
    const seen = new Set<string>();
    for (const [c, leads] of configs) {
      for (const f of lintConfig(c, leads ? tally(c, leads) : undefined).findings) {
        seen.add(f.code);
        // problem, then the action as the last clause: an imperative verb, ending with a full stop
        expect([f.code, f.message]).toEqual([f.code, expect.stringMatching(/^[^;]+(;[^;]+)*; [a-z][^;]*\.$/)]);
        const action = f.message.slice(f.message.lastIndexOf('; ') + 2);
        expect([f.code, action]).toEqual([
          f.code,
          expect.stringMatching(/^(add|end|give|list|lower|make|map|raise|remove|set|use|widen|check|move)\b/),
        ]);
      }
    }
    expect([...seen].sort()).toEqual([...LINT_CODES].sort());
  });
});
