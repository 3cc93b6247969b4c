// Airtable as the source: the same bundle, the same routing, against a fake Airtable API.
import {routeBatch, type RoutingConfigInput} from '../../shared';
import {callsOf, createWorld, putSheet, type World} from './fakes';
import {BASE_ID, TOKEN, fakeAirtable, leadRecords, repRecords, type FakeAirtable} from './fakes/airtable';
import {run} from './loadBundle';
import {logRows, settingsFor, simpleConfig, simpleLeads, territoryRows, writeSettings} from './harness';
import {SHEETS} from '../src/layout';

function airtableWorld(config: RoutingConfigInput, leads: Record<string, unknown>[]): {world: World; at: FakeAirtable} {
  const world = createWorld();
  putSheet(world, SHEETS.territories, territoryRows(config));
  writeSettings(world, settingsFor(config, {source: 'airtable', airtableBaseId: BASE_ID}));
  world.props.user.set('leadRouting.airtableToken', TOKEN);
  const at = fakeAirtable({Leads: leadRecords(leads), Reps: repRecords(config.reps)});
  world.http = at.handler;
  return {world, at};
}

function owners(at: FakeAirtable, config: RoutingConfigInput): (string | null)[] {
  const byName = new Map(config.reps.map(r => [r.name ?? r.id, r.id]));
  return at.tables.Leads.map(r =>
    r.fields['Assigned To'] === undefined ? null : (byName.get(String(r.fields['Assigned To'])) ?? '?'),
  );
}

function coreOwners(leads: Record<string, unknown>[], now: number, config = simpleConfig()) {
  return routeBatch(leads, config, undefined, now).decisions.map(d => d.ownerId);
}

function lastAlert(world: World): string {
  return world.ui.alerts[world.ui.alerts.length - 1] ?? '';
}

describe('Airtable source', () => {
  it('lists unassigned leads page by page and updates them in batches of 10, as the core routes them', () => {
    const leads = simpleLeads(250);
    const {world, at} = airtableWorld(simpleConfig(), leads);
    run(world, 'assignNewLeads');
    expect(owners(at, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    const gets = world.httpLog.filter(r => r.method === 'GET' && r.url.includes('/Leads?'));
    expect(gets).toHaveLength(3); // 100 + 100 + 50
    expect(decodeURIComponent(gets[0].url)).toContain("filterByFormula={Assigned To} = ''");
    expect(gets[1].url).toContain('offset=itr100');
    const patches = world.httpLog.filter(r => r.method === 'PATCH');
    expect(patches).toHaveLength(25);
    for (const p of patches) expect(JSON.parse(p.payload!).records.length).toBeLessThanOrEqual(10);
    expect([...at.patched.values()].every(n => n === 1)).toBe(true);
    expect(logRows(world)).toHaveLength(250);
    expect(world.httpLog.every(r => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('never sends more than 5 requests in any second', () => {
    const {world} = airtableWorld(simpleConfig(), simpleLeads(120));
    run(world, 'assignNewLeads');
    const times = world.httpLog.map(r => r.at);
    expect(times.length).toBeGreaterThan(10);
    for (let i = 5; i < times.length; i++) expect(times[i] - times[i - 5]).toBeGreaterThanOrEqual(1000);
    expect(callsOf(world, 'Utilities.sleep')).toBeGreaterThan(0);
  });

  it('treats an absent Available checkbox as not available', () => {
    const config = simpleConfig();
    config.reps[1] = {...config.reps[1], available: false};
    const leads = simpleLeads(12);
    const {world, at} = airtableWorld(config, leads);
    expect(at.tables.Reps[1].fields.Available).toBeUndefined();
    run(world, 'assignNewLeads');
    expect(owners(at, config)).not.toContain('ben');
    expect(owners(at, config)).toEqual(coreOwners(leads, world.clock.ms, config));
  });

  it('on 429 waits 30 s (Utilities.sleep, not real time) and retries; nothing is lost or doubled', () => {
    const leads = simpleLeads(30);
    const {world, at} = airtableWorld(simpleConfig(), leads);
    at.failAt.set(4, {status: 429, body: {errors: [{error: 'RATE_LIMIT_REACHED'}]}}); // the 2nd PATCH
    run(world, 'assignNewLeads');
    expect(world.sleeps.filter(ms => ms === 30000)).toHaveLength(1);
    expect(owners(at, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    expect([...at.patched.values()].every(n => n === 1)).toBe(true);
    expect(lastAlert(world)).toMatch(/Assigned 30 new leads/);
  });

  it('on 500 stops and reports; the leads updated stay, the rest are assigned next run with the rotation intact', () => {
    const leads = simpleLeads(45);
    const {world, at} = airtableWorld(simpleConfig(), leads);
    at.failAt.set(5, {status: 500, body: {error: {type: 'SERVER_ERROR', message: 'Try again'}}}); // reps, leads, 2 PATCHes ok, 3rd fails
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toMatch(
      /Assigned 20 new leads.*25 left for the next run.*Stopped early: Airtable answered 500/,
    );
    expect(owners(at, simpleConfig()).filter(o => o !== null)).toHaveLength(20);
    expect(logRows(world)).toHaveLength(20);
    run(world, 'catchUpAssign');
    expect(owners(at, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    expect([...at.patched.values()].every(n => n === 1)).toBe(true);
    expect(logRows(world)).toHaveLength(45);
  });

  it('a failure while listing changes nothing and says so; a bad token gets a hint', () => {
    const {world, at} = airtableWorld(simpleConfig(), simpleLeads(5));
    world.props.user.set('leadRouting.airtableToken', 'patWRONG.000000000000');
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toMatch(/Airtable answered 401.*Check the personal access token.*No lead was changed/);
    expect(at.patched.size).toBe(0);
  });

  it('without a token, asks for one (the token is never read from the sheet)', () => {
    const {world} = airtableWorld(simpleConfig(), simpleLeads(5));
    world.props.user.clear();
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toMatch(/personal access token/);
    expect(world.httpLog).toHaveLength(0);
  });
});
