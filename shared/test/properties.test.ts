// Property-based tests over random configs and leads.
import fc from 'fast-check';
import {createRouter, routeBatch} from '../router';
import {compileConfig} from '../compile';
import {Eligibility} from '../eligibility';
import {ConfigError} from '../config/errors';
import {STRATEGIES} from '../config/schema';
import type {RoutingConfigInput} from '../config/schema';

const STATES = ['TX', 'CA', 'NY', 'FL', 'IL'];
const PRODUCTS = ['solar', 'storage', 'hvac'];
const ZONES = ['UTC', 'America/Chicago', 'Asia/Tokyo', 'Europe/Berlin'];

const repArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    available: fc.boolean(),
    weight: fc.integer({min: 1, max: 4}),
    skills: fc.subarray(PRODUCTS),
    timezone: fc.constantFrom(...ZONES),
    capacity: fc.option(fc.record({daily: fc.integer({min: 0, max: 5})}), {nil: undefined}),
    hours: fc.option(fc.constantFrom({'mon-fri': '09:00-17:00'}, {'sat-sun': '00:00-24:00'}, {mon: '22:00-06:00'}), {
      nil: undefined,
    }),
  });

const configArb: fc.Arbitrary<RoutingConfigInput> = fc.integer({min: 1, max: 6}).chain(n => {
  const ids = Array.from({length: n}, (_, i) => `r${i}`);
  const territory = (i: number) =>
    fc.record({
      id: fc.constant(`t${i}`),
      priority: fc.integer({min: 0, max: 20}),
      match: fc.constantFrom('all' as const, 'any' as const),
      strategy: fc.constantFrom(...STRATEGIES),
      reps: fc.subarray(ids, {minLength: 1}),
      conditions: fc.array(
        fc.oneof(
          fc.record({
            field: fc.constant('state'),
            op: fc.constant('in' as const),
            values: fc.subarray(STATES, {minLength: 1}),
            weight: fc.integer({min: 1, max: 10}),
          }),
          fc.record({
            field: fc.constant('productLine'),
            op: fc.constant('in' as const),
            values: fc.subarray(PRODUCTS, {minLength: 1}),
            weight: fc.integer({min: 1, max: 10}),
          }),
          fc
            .integer({min: 0, max: 9})
            .map(d => ({field: 'zip', op: 'between' as const, values: [`${d}0000`, `${d}9999`], weight: 10})),
          fc.constantFrom('1', '7', '9').map(p => ({field: 'zip', op: 'prefix' as const, values: [p], weight: 3})),
        ),
        {maxLength: 3},
      ),
    });
  return fc.record({
    reps: fc.tuple(...ids.map(repArb)),
    territories: fc.integer({min: 0, max: 5}).chain(k => fc.tuple(...Array.from({length: k}, (_, i) => territory(i)))),
    pool: fc.record({reps: fc.constant('all' as const), strategy: fc.constantFrom(...STRATEGIES)}),
    defaultOwner: fc.option(fc.constantFrom(...ids), {nil: undefined}),
    dedupe: fc.option(fc.record({fields: fc.constant(['email']), windowHours: fc.integer({min: 1, max: 100})}), {
      nil: undefined,
    }),
    accountOwner: fc.option(fc.record({by: fc.constant('emailDomain' as const), accounts: fc.constant({})}), {
      nil: undefined,
    }),
  }) as fc.Arbitrary<RoutingConfigInput>;
});

const leadArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        state: fc.constantFrom(...STATES, 'Texas', '', undefined),
        zip: fc.oneof(
          fc.integer({min: 0, max: 99999}).map(z => String(z).padStart(5, '0')),
          fc.constant('M5V 3L9'),
          fc.constant(undefined),
        ),
        productLine: fc.constantFrom(...PRODUCTS, 'wind', undefined),
        email: fc.constantFrom('a@acme.com', 'b@acme.com', 'c@gmail.com', 'd@globex.com', undefined),
        excludeReps: fc.option(fc.subarray(['r0', 'r1']), {nil: undefined}),
      },
      {requiredKeys: []},
    ),
  },
  {weight: 1, arbitrary: fc.anything()},
);

const timeArb = fc.integer({min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z')});

describe('routing properties', () => {
  test('never throws on a valid config; leads in = decisions out, in order; the owner is eligible unless the stage is default', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.array(fc.tuple(leadArb, fc.integer({min: 0, max: 3600000})), {maxLength: 30}),
        timeArb,
        (cfg, leads, t0) => {
          const compiled = compileConfig(cfg);
          const router = createRouter(compiled);
          let t = t0;
          leads.forEach(([lead, dt], i) => {
            t += dt;
            const before = router.state();
            const d = router.route(lead, t, i);
            expect([
              'duplicate',
              'account',
              'exact',
              'partial',
              'specialist',
              'pool',
              'default',
              'unassigned',
            ]).toContain(d.stage);
            if (d.stage === 'unassigned') {
              expect(d.ownerId).toBeNull();
              expect(d.reason.length).toBeGreaterThan(0);
            } else {
              expect(d.ownerId).not.toBeNull();
            }
            if (d.ownerId !== null && d.stage !== 'default') {
              const rep = compiled.reps[compiled.repIndex.get(d.ownerId)!];
              const excluded = new Set((lead as {excludeReps?: string[]}).excludeReps ?? []);
              // duplicates do not consume capacity, so capacity is not re-checked for them
              const fresh = new Eligibility(compiled.reps.length); // nothing cached from the router's checks
              expect(fresh.of(rep, before.reps[rep.id], t, excluded, d.stage === 'duplicate')).toBeNull();
            }
            if (d.stage === 'duplicate') {
              const after = router.state();
              expect(after.reps).toEqual(before.reps);
              expect(after.pools).toEqual(before.pools);
            }
          });
        },
      ),
      {numRuns: 300},
    );
  });

  test('round robin: with a fixed eligible set of k reps, any n consecutive picks give each rep floor(n/k) or ceil(n/k)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 8}),
        fc.integer({min: 0, max: 20}),
        fc.integer({min: 1, max: 60}),
        (k, skip, n) => {
          const reps = Array.from({length: k}, (_, i) => ({id: `r${i}`}));
          const router = createRouter({reps, cascade: ['pool']});
          for (let i = 0; i < skip; i++) router.route({}, 0);
          const counts = new Map<string, number>();
          for (let i = 0; i < n; i++) {
            const id = router.route({}, 0).ownerId!;
            counts.set(id, (counts.get(id) ?? 0) + 1);
          }
          for (const r of reps) {
            const c = counts.get(r.id) ?? 0;
            expect(c === Math.floor(n / k) || c === Math.ceil(n / k)).toBe(true);
          }
        },
      ),
    );
  });

  test('weighted: over any whole cycle the shares equal the weights exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({min: 1, max: 6}), {minLength: 1, maxLength: 6}),
        fc.integer({min: 1, max: 3}),
        (weights, cycles) => {
          const reps = weights.map((w, i) => ({id: `r${i}`, weight: w}));
          const total = weights.reduce((a, b) => a + b, 0);
          const {decisions} = routeBatch(
            Array.from({length: total * cycles}, () => ({})),
            {reps, cascade: ['pool'], pool: {strategy: 'weighted'}},
            undefined,
            0,
          );
          const counts = new Map<string, number>();
          for (const d of decisions) counts.set(d.ownerId!, (counts.get(d.ownerId!) ?? 0) + 1);
          reps.forEach(r => expect(counts.get(r.id) ?? 0).toBe(r.weight * cycles));
        },
      ),
    );
  });

  test('a duplicate never moves a counter', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.array(fc.constantFrom('a@x.com', 'b@x.com', 'c@y.com'), {minLength: 1, maxLength: 20}),
        (cfg, emails) => {
          const router = createRouter({...cfg, dedupe: {fields: ['email'], windowHours: 24}});
          for (const email of emails) {
            const before = router.state();
            const d = router.route({email}, 0);
            if (d.stage === 'duplicate') {
              const after = router.state();
              expect(after.reps).toEqual(before.reps);
              expect(after.pools).toEqual(before.pools);
            }
          }
        },
      ),
    );
  });

  test('a malformed config gives a ConfigError listing paths, never a crash', () => {
    fc.assert(
      fc.property(fc.anything(), junk => {
        try {
          compileConfig(junk);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          for (const issue of (e as ConfigError).issues) {
            expect(typeof issue.path).toBe('string');
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
    );
    fc.assert(
      fc.property(configArb, fc.string(), fc.anything(), (cfg, key, value) => {
        const broken = JSON.parse(JSON.stringify(cfg));
        broken.reps[0][key || 'x'] = value;
        try {
          compileConfig(broken);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
    );
  });

  test('persisted state holds no lead PII and stays bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.emailAddress(), {minLength: 1, maxLength: 40}), emails => {
        const cfg = {
          reps: [{id: 'a'}, {id: 'b'}],
          cascade: ['pool' as const],
          dedupe: {fields: ['email'], maxEntries: 10},
          accountOwner: {accounts: {}},
        };
        const {state} = routeBatch(
          emails.map(email => ({email, name: 'Secret Person'})),
          cfg,
          undefined,
          0,
        );
        const json = JSON.stringify(state).toLowerCase();
        for (const e of emails) {
          expect(json).not.toContain(e.toLowerCase());
          const domain = e.split('@')[1].toLowerCase();
          if (domain.length > 3) expect(json).not.toContain(`"${domain}"`);
        }
        expect(json).not.toContain('secret');
        expect(Object.keys(state.dedupe).length).toBeLessThanOrEqual(10);
      }),
    );
  });
});
