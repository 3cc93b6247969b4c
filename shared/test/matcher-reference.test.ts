// The indexed matcher against a naive reading of the spec, over random maps and leads.
import fc from 'fast-check';
import {compileConfig} from '../compile';
import {normalizeCountry, normalizeState, normalizeZip, zipNumber} from '../normalize/geo';
import {normalizeText, toNumber} from '../normalize/text';
import type {ConditionConfig, RoutingConfig} from '../config/schema';

// Settled reading 6: a lead's postal code (and the condition values compared with it) is read as a
// US ZIP in a US context (country US or absent, or a US state), else as written.
function usContext(lead: Record<string, unknown>): boolean {
  const country = lead.country === undefined ? '' : normalizeCountry(String(lead.country));
  return (
    country === '' ||
    country === 'US' ||
    (country.length !== 2 && ['TX', 'CA', 'NY', 'FL', 'WA'].includes(normalizeState(String(lead.state ?? ''))))
  );
}

function norm(field: string, v: unknown, us = true): string {
  if (v === null || v === undefined) return '';
  if (field === 'zip') return normalizeZip(v, us);
  if (field === 'state') return normalizeState(String(v));
  if (field === 'country') return normalizeCountry(String(v));
  return normalizeText(v);
}

function holdsNaive(c: ConditionConfig, lead: Record<string, unknown>): boolean {
  const raw = lead[c.field];
  const us = usContext(lead);
  const vals = (Array.isArray(raw) ? raw : [raw]).map(v => norm(c.field, v, us)).filter(v => v !== '');
  if (vals.length === 0) return false;
  // condition values in the lead's context; prefix / contains values never padded
  const cv = c.values.map(v => norm(c.field, v, us && c.op !== 'prefix' && c.op !== 'contains'));
  // Settled reading 9: notIn on a multi-valued field is the negation of in (none of its values listed).
  if (c.op === 'notIn') return !vals.some(v => cv.includes(v));
  return vals.some(v => {
    switch (c.op) {
      case 'in':
        return cv.includes(v);
      case 'notIn':
        return !cv.includes(v);
      case 'prefix':
        return cv.some(p => v.startsWith(p));
      case 'between':
        if (c.field === 'zip') {
          const z = zipNumber(v);
          if (z === z) return z >= zipNumber(normalizeZip(c.values[0])) && z <= zipNumber(normalizeZip(c.values[1]));
          return /^\d+$/.test(v) && v.length === cv[0].length && v >= cv[0] && v <= cv[1];
        }
        return toNumber(v) >= toNumber(cv[0]) && toNumber(v) <= toNumber(cv[1]);
      case 'contains':
        return cv.some(x => v.includes(x));
      case 'exists':
        return true;
      case 'gte':
        return toNumber(v) >= toNumber(cv[0]);
      case 'lte':
        return toNumber(v) <= toNumber(cv[0]);
    }
  });
}

function naive(config: RoutingConfig, lead: Record<string, unknown>) {
  const exact: Array<[string, number]> = [];
  const partial: Array<[string, number]> = [];
  for (const t of config.territories) {
    const held = t.conditions.filter(c => holdsNaive(c, lead));
    const score = t.priority + held.reduce((s, c) => s + c.weight, 0);
    const isExact = t.match === 'all' ? held.length === t.conditions.length : held.length > 0;
    if (isExact) exact.push([t.id, score]);
    else if (t.match === 'all' && held.length > 0 && score >= config.partialMinScore) partial.push([t.id, score]);
  }
  const order = (xs: Array<[string, number]>) =>
    xs.sort(
      (a, b) =>
        b[1] - a[1] ||
        config.territories.findIndex(t => t.id === a[0]) - config.territories.findIndex(t => t.id === b[0]),
    );
  return {exact: order(exact), partial: order(partial)};
}

const zip = fc.integer({min: 0, max: 99999}).map(z => String(z).padStart(5, '0'));
const conditionArb = fc.oneof(
  fc.record({
    field: fc.constant('state'),
    op: fc.constantFrom('in' as const, 'notIn' as const),
    values: fc.subarray(['TX', 'CA', 'NY', 'Florida'], {minLength: 1}),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc.record({
    field: fc.constant('productLine'),
    op: fc.constantFrom('in' as const, 'notIn' as const),
    values: fc.subarray(['solar', 'hvac', 'wind'], {minLength: 1}),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc.tuple(zip, fc.integer({min: 0, max: 30000}), fc.integer({min: 1, max: 20})).map(([lo, len, w]) => ({
    field: 'zip',
    op: 'between' as const,
    values: [lo, String(Math.min(99999, Number(lo) + len)).padStart(5, '0')],
    weight: w,
  })),
  fc.record({
    field: fc.constant('zip'),
    op: fc.constant('prefix' as const),
    values: fc.subarray(['1', '75', '100', '9', '12345', '1234', '123456', 'M5V', ''], {minLength: 1}),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc.record({
    field: fc.constant('zip'),
    op: fc.constantFrom('in' as const, 'notIn' as const),
    values: fc.subarray(['2134', '02134', '5000', '110001', 2134], {minLength: 1}),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc.record({
    field: fc.constant('zip'),
    op: fc.constant('between' as const),
    values: fc.constantFrom(['5000', '5999'], ['110001', '110099'], ['02100', '02199']),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc.record({
    field: fc.constant('productLine'),
    op: fc.constant('prefix' as const),
    values: fc.subarray(['so', 'solar', 'h', 'x'], {minLength: 1}),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc.record({
    field: fc.constant('companySize'),
    op: fc.constantFrom('gte' as const, 'lte' as const),
    values: fc.constantFrom([50], [500]),
    weight: fc.integer({min: 1, max: 9}),
  }),
  fc
    .record({
      field: fc.constant('industry'),
      op: fc.constantFrom('contains' as const, 'exists' as const),
      values: fc.constantFrom(['health'], ['soft']),
      weight: fc.integer({min: 1, max: 9}),
    })
    .map(c => (c.op === 'exists' ? {...c, values: []} : c)),
);

const configArb = fc
  .array(
    fc.record({
      priority: fc.integer({min: 0, max: 10}),
      match: fc.constantFrom('all' as const, 'any' as const),
      conditions: fc.array(conditionArb, {maxLength: 4}),
    }),
    {minLength: 1, maxLength: 25},
  )
  .map(ts => ({
    reps: [{id: 'a'}],
    partialMinScore: 3,
    territories: ts.map((t, i) => ({...t, id: `t${i}`, reps: ['a']})),
  }));

const leadArb = fc.record(
  {
    zip: fc.oneof(
      zip,
      fc.constant('75001-1234'),
      fc.integer({min: 0, max: 99999}),
      fc.constantFrom('M5V 3L9', '123456', '12345', '1234', '2134', '21341234', '5000', '110001'),
      fc.constantFrom(2134, 5000, 110001),
      fc.constant(['12345', '10099', '12345']),
    ),
    state: fc.oneof(
      fc.constantFrom('TX', 'texas', 'CA', 'ny', 'FL', 'Florida', '', 'WA'),
      fc.constantFrom(['TX', 'CA'], ['ny', 'texas'], ['FL']),
    ),
    country: fc.constantFrom('US', 'United States', 'AU', 'IN', 'Untied States', ''),
    productLine: fc.oneof(fc.constantFrom('Solar', 'hvac', 'wind', 'geo'), fc.constant(['solar', 'hvac'])),
    companySize: fc.constantFrom('1,200', 40, '500', 'n/a'),
    industry: fc.constantFrom('Healthcare', 'software', ''),
  },
  {requiredKeys: []},
);

test('indexed exact and partial matching equal a naive evaluation of every condition', () => {
  fc.assert(
    fc.property(configArb, fc.array(leadArb, {minLength: 1, maxLength: 10}), (cfg, leads) => {
      const compiled = compileConfig(cfg);
      for (const lead of leads) {
        const got = compiled.matcher.match(lead);
        const want = naive(compiled.config, lead);
        expect(got.exact.map(t => [t.territoryId, t.score])).toEqual(want.exact);
        expect(got.partial.map(t => [t.territoryId, t.score])).toEqual(want.partial);
        const best = compiled.matcher.best(lead);
        expect(best.exact?.territoryId ?? null).toBe(want.exact[0]?.[0] ?? null);
        expect(best.partial?.territoryId ?? null).toBe(want.partial[0]?.[0] ?? null);
      }
    }),
    {numRuns: 500},
  );
});
