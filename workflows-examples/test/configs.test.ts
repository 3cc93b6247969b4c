// The routing configs the examples ship are valid for the core, and the LionDesk lead-route translation
// (a Code node in that example) gives LionDesk's semantics when run through the real router.
import {route, validateConfig, type RoutingConfig} from '../../shared';
import {EXAMPLES} from '../build/index';
import {LEAD_ROUTE_CODE, liondesk} from '../build/examples/liondesk';
import {zoho} from '../build/examples/zoho';

const OWN = /^n8n-nodes-lead-routing\.(routeLead|roundRobin|territoryMatch)$/;

describe('embedded routing configs validate', () => {
  const cases = EXAMPLES.flatMap(ex =>
    ex
      .build()
      .nodes.filter(
        n =>
          OWN.test(n.type) &&
          typeof n.parameters.configJson === 'string' &&
          !(n.parameters.configJson as string).startsWith('='),
      )
      .map(n => [`${ex.slug} / ${n.name}`, n.parameters.configJson as string] as [string, string]),
  );
  test('there are some', () => expect(cases.length).toBeGreaterThanOrEqual(20));
  test.each(cases)('%s', (_name, json) => {
    const r = validateConfig(JSON.parse(json));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });
});

describe("Zoho: the assignment threshold is every rep's open cap", () => {
  const nodes = zoho.build().nodes;
  const template = nodes.find(n => n.name === 'Route Lead')!.parameters.configJson as string;
  const conf = nodes.find(n => n.name === 'Config')!;
  const threshold = (
    conf.parameters.assignments as {assignments: Array<{name: string; value: unknown}>}
  ).assignments.find(a => a.name === 'assignmentThreshold')!.value;
  // What n8n renders: each {{ … }} is the Config's threshold.
  const rendered = JSON.parse(template.slice(1).replace(/\{\{[^}]*assignmentThreshold[^}]*\}\}/g, String(threshold)));

  test('the rendered config validates and caps each rep at the threshold', () => {
    const r = validateConfig(rendered);
    expect(r.ok ? [] : r.issues).toEqual([]);
    expect(rendered.reps.map((x: {capacity: {open: number}}) => x.capacity.open)).toEqual([30, 30, 30]);
  });
  test('a rep holding the threshold is at its open cap; the lead goes to the next rep', () => {
    const config = rendered as RoutingConfig;
    const reps = config.reps.map(r => ({...r, openLoad: r.name === 'Ana Diaz' ? 30 : 3}));
    const d = route(
      {id: 'z1', zip: '78701', state: 'TX'},
      {...config, reps},
      undefined,
      '2026-11-23T15:00:00Z',
    ).decision;
    expect(d.ownerName).toBe('Ben Ode');
    const ana = config.reps.find(r => r.name === 'Ana Diaz')!.id;
    expect(d.candidates.find(c => c.repId === ana)).toMatchObject({why: 'at_capacity', capacityLimit: 'open'});
  });
});

/** The Config node's values of the LionDesk example, as the Code node sees them. */
function lionDeskSettings(): Record<string, unknown> {
  const conf = liondesk.build().nodes.find(n => n.name === 'Config')!;
  const list = (conf.parameters.assignments as {assignments: Array<{name: string; value: unknown; type: string}>})
    .assignments;
  return Object.fromEntries(
    list.map(a => [a.name, a.type === 'object' || a.type === 'array' ? JSON.parse(a.value as string) : a.value]),
  );
}

function configFor(overrides: Record<string, unknown>): RoutingConfig {
  const settings = {...lionDeskSettings(), ...overrides};
  const $ = (name: string) => ({first: () => ({json: name === 'Config' ? settings : {}})});
  const out = new Function('$', LEAD_ROUTE_CODE)($) as Array<{json: {config: RoutingConfig}}>;
  return out[0].json.config;
}

const owner = (config: RoutingConfig, lead: Record<string, unknown>) =>
  route(lead, config, undefined, '2026-11-23T15:00:00Z').decision.ownerId;
const buyerAustin = {id: 'a1', type: 'buyer', zip: '78751'};
const buyerRoundRock = {id: 'a2', type: 'buyer', zip: '78664'};
const sellerAustin = {id: 'a3', type: 'seller', zip: '78751'};

describe('LionDesk lead route semantics', () => {
  test('Team Rollout by Zipcode: the team of the zip, Buyer filter, others stay with the account owner', () => {
    const c = configFor({distributionTarget: 'Team Rollout', teamSelection: 'Zipcode', leadTypes: ['Buyer']});
    expect(owner(c, buyerAustin)).toBe('511');
    expect(owner(c, buyerRoundRock)).toBe('521');
    expect(owner(c, sellerAustin)).toBe('501');
  });
  test('Team Rollout rotates inside the team', () => {
    const c = configFor({distributionTarget: 'Team Rollout', teamSelection: 'Zipcode', leadTypes: ['Buyer']});
    const first = route(buyerAustin, c, undefined, '2026-11-23T15:00:00Z');
    const second = route({...buyerAustin, id: 'a9'}, c, first.state, '2026-11-23T15:01:00Z');
    expect([first.decision.ownerId, second.decision.ownerId]).toEqual(['511', '512']);
  });
  test('Specific Team: every matching lead to that team whatever its zip', () => {
    const c = configFor({
      distributionTarget: 'Team Rollout',
      teamSelection: 'Specific Team',
      specificTeam: 'round-rock',
      leadTypes: ['Buyer', 'Seller'],
    });
    expect(owner(c, buyerAustin)).toBe('521');
    expect(owner(c, sellerAustin)).toBe('521');
  });
  test('Myself: everything to the account owner', () => {
    const c = configFor({distributionTarget: 'Myself'});
    expect(owner(c, buyerAustin)).toBe('501');
    expect(owner(c, buyerRoundRock)).toBe('501');
  });
  test('the same aggregator lead twice keeps its owner (dedupe on the lead id)', () => {
    const c = configFor({});
    const first = route(buyerAustin, c, undefined, '2026-11-23T15:00:00Z');
    const again = route(buyerAustin, c, first.state, '2026-11-23T15:05:00Z');
    expect(again.decision.stage).toBe('duplicate');
    expect(again.decision.ownerId).toBe(first.decision.ownerId);
  });
});
