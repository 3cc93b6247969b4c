import {matchTerritories} from '../index';
import {compileConfig} from '../compile';
import {config, owners} from './helpers';

const seed = config({
  territories: [
    {
      id: 'tx-solar',
      name: 'Texas solar',
      conditions: [
        {field: 'zip', op: 'between', values: ['75000', '79999'], weight: 10},
        {field: 'state', op: 'in', values: ['TX'], weight: 5},
        {field: 'productLine', op: 'in', values: ['solar'], weight: 7},
      ],
      reps: ['ana'],
    },
    {id: 'texas', conditions: [{field: 'state', op: 'in', values: ['TX'], weight: 5}], reps: ['ben']},
    {
      id: 'national',
      priority: 50,
      match: 'any',
      conditions: [{field: 'companySize', op: 'gte', values: [5000]}],
      reps: ['manager'],
    },
  ],
});

describe('territory scoring', () => {
  test('seed: zip 10 + state 5 + product line 7 = 22 beats a state-only territory scoring 5', () => {
    const r = matchTerritories(seed, {zip: '75001', state: 'Texas', productLine: 'Solar'});
    expect(r.exact.map(t => [t.territoryId, t.score])).toEqual([
      ['tx-solar', 22],
      ['texas', 5],
    ]);
    expect(r.winner!.territoryId).toBe('tx-solar');
    expect(owners(seed, [{zip: '75001', state: 'TX', productLine: 'solar'}])[0]).toMatchObject({
      ownerId: 'ana',
      stage: 'exact',
      territoryId: 'tx-solar',
      territoryName: 'Texas solar',
      score: 22,
    });
  });

  test('seed: a national-accounts territory with priority 50 overrides regional ones', () => {
    const d = owners(seed, [{zip: '75001', state: 'TX', productLine: 'solar', companySize: '12,000'}])[0];
    expect(d).toMatchObject({ownerId: 'manager', territoryId: 'national', score: 51, stage: 'exact'});
  });

  test('match "all" needs every condition; "any" needs one', () => {
    const r = matchTerritories(seed, {zip: '75001', state: 'TX', productLine: 'wind'});
    expect(r.exact.map(t => t.territoryId)).toEqual(['texas']);
    expect(r.partial.map(t => [t.territoryId, t.score, t.matched, t.total])).toEqual([['tx-solar', 15, 2, 3]]);
  });

  test('partial matches below partialMinScore are dropped', () => {
    const r = matchTerritories({...seed, partialMinScore: 16}, {zip: '75001', state: 'TX'});
    expect(r.partial).toEqual([]);
  });

  test.each([
    ['in', ['TX', 'ok'], {state: 'oklahoma'}, true],
    ['in', ['TX'], {state: 'CA'}, false],
    ['notIn', ['TX'], {state: 'CA'}, true],
    ['notIn', ['TX'], {state: 'tx'}, false],
    ['notIn', ['TX'], {}, false],
    ['exists', [], {state: 'CA'}, true],
    ['exists', [], {state: ''}, false],
  ] as const)('state %s %j on %j -> %p', (op, values, lead, want) => {
    const c = config({
      territories: [{id: 't', conditions: [{field: 'state', op, values: [...values]}], reps: ['ana']}],
    });
    expect(matchTerritories(c, lead).exact.length === 1).toBe(want);
  });

  test.each([
    ['prefix', ['100', '112'], '11201', true],
    ['prefix', ['100'], '10001-4444', true],
    ['prefix', ['100'], '20001', false],
    ['between', ['75000', '79999'], '79999', true],
    ['between', ['75000', '79999'], '75000-0001', true],
    ['between', ['75000', '79999'], '80000', false],
    ['between', ['00000', '09999'], 2134, true],
    ['between', ['00000', '99999'], 'M5V 3L9', false],
    ['in', ['02134'], 2134, true],
  ] as const)('zip %s %j on %p -> %p', (op, values, zip, want) => {
    const c = config({territories: [{id: 't', conditions: [{field: 'zip', op, values: [...values]}], reps: ['ana']}]});
    expect(matchTerritories(c, {zip}).exact.length === 1).toBe(want);
  });

  test.each([
    ['gte', [500], '1,200', true],
    ['gte', [500], 499, false],
    ['lte', [500], '500', true],
    ['between', [50, 500], '75', true],
    ['between', [50, 500], 'many', false],
  ] as const)('companySize %s %j on %p -> %p', (op, values, size, want) => {
    const c = config({
      territories: [{id: 't', conditions: [{field: 'companySize', op, values: [...values]}], reps: ['ana']}],
    });
    expect(matchTerritories(c, {companySize: size}).exact.length === 1).toBe(want);
  });

  test('contains, country names, dot paths and field mapping', () => {
    const c = config({
      fields: {country: 'address.country', industry: 'company.sector'},
      territories: [
        {id: 'health', conditions: [{field: 'industry', op: 'contains', values: ['health']}], reps: ['ana']},
        {id: 'us', conditions: [{field: 'country', op: 'in', values: ['United States']}], reps: ['ben']},
        {id: 'tags', conditions: [{field: 'meta.tags', op: 'in', values: ['vip']}], reps: ['ben']},
      ],
    });
    const r = matchTerritories(c, {
      address: {country: 'USA'},
      company: {sector: 'Digital Healthcare'},
      meta: {tags: ['new', 'VIP']},
    });
    expect(r.exact.map(t => t.territoryId).sort()).toEqual(['health', 'tags', 'us']);
  });

  test('a territory without conditions catches every lead; a condition hit twice counts once', () => {
    const c = config({
      territories: [
        {id: 'catch-all', reps: ['ana']},
        {id: 'tags', conditions: [{field: 'tags', op: 'in', values: ['a', 'b'], weight: 3}], reps: ['ben']},
      ],
    });
    const r = matchTerritories(c, {tags: ['a', 'b']});
    expect(r.exact.map(t => [t.territoryId, t.score])).toEqual([
      ['tags', 3],
      ['catch-all', 0],
    ]);
  });

  test('cost does not depend on the number of geographic territories: index hits only touch matching ones', () => {
    const territories = Array.from({length: 2000}, (_, i) => ({
      id: `z${i}`,
      conditions: [
        {
          field: 'zip',
          op: 'between' as const,
          values: [String(10000 + i * 40).padStart(5, '0'), String(10000 + i * 40 + 39)],
        },
      ],
      reps: ['ana'],
    }));
    const compiled = compileConfig(config({territories}));
    const r = compiled.matcher.match({zip: '10085'});
    expect(r.exact.map(t => t.territoryId)).toEqual(['z2']);
  });
});
