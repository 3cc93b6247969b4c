// Settings → "Use Google Calendar availability" (issue 13 #4), through a bundle built with
// LEAD_ROUTING_CALENDAR=on and the counting Calendar fake.
import {callsOf, resetCalls, type World} from './fakes';
import {BASE_ID, TOKEN, fakeAirtable, leadRecords, repRecords} from './fakes/airtable';
import {bundleCode, newExecution, variantBuild} from './loadBundle';
import {
  column,
  logColumn,
  settingsFor,
  simpleConfig,
  simpleLeads,
  territoryRows,
  worldFor,
  writeSettings,
} from './harness';
import {createWorld, putSheet} from './fakes';
import {SHEETS} from '../src/layout';

const NOW = '2026-11-24T16:00:00Z'; // Tuesday 10:00 in Chicago (the fake spreadsheet's zone)

function calendarCode(): string {
  return variantBuild({calendar: 'on'}).code;
}

function lastAlert(world: World): string {
  return world.ui.alerts[world.ui.alerts.length - 1] ?? '';
}

function assign(world: World, code = calendarCode()): void {
  newExecution(world, {code}).call('assignNewLeads');
}

function calendarWorld(leads = simpleLeads(6)): World {
  return worldFor(simpleConfig(), leads, {now: NOW, settings: {calendar: true}});
}

describe('Google Calendar availability (issue 13 #4)', () => {
  it('the build flag adds only the calendar.freebusy scope and the Calendar advanced service', () => {
    const {manifest} = variantBuild({calendar: 'on'});
    const scopes = manifest.oauthScopes as string[];
    expect(scopes.filter(s => s.includes('calendar'))).toEqual(['https://www.googleapis.com/auth/calendar.freebusy']);
    expect(manifest.dependencies).toEqual({
      enabledAdvancedServices: [{userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3'}],
    });
    // The default build asks for no calendar scope at all.
    bundleCode();
    const plain = JSON.parse(
      require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'dist', 'appsscript.json'), 'utf8'),
    );
    expect((plain.oauthScopes as string[]).some(s => s.includes('calendar'))).toBe(false);
  });

  it('a rep busy now is skipped with a reason saying so; the others share the leads', () => {
    const world = calendarWorld();
    world.calendar.busy['ben@example.com'] = [{start: '2026-11-24T15:30:00Z', end: '2026-11-24T16:30:00Z'}];
    assign(world);
    const owners = column(world, SHEETS.leads, 'Assigned To');
    expect(owners).not.toContain('Ben Ode');
    expect(owners.filter(o => o !== '')).toHaveLength(6);
    expect(lastAlert(world)).toBe(
      'Lead Routing: Assigned 6 new leads. Not available now: Ben Ode (busy in Google Calendar until 10:30).',
    );
  });

  it("when every rep is busy the lead is left unassigned with each rep's calendar in the reason", () => {
    const world = calendarWorld(simpleLeads(1));
    for (const who of ['ana', 'ben', 'cy'])
      world.calendar.busy[`${who}@example.com`] = [{start: '2026-11-24T15:30:00Z', end: '2026-11-24T16:45:00Z'}];
    assign(world);
    expect(column(world, SHEETS.leads, 'Assigned To')).toEqual(['']);
    expect(String(column(world, SHEETS.leads, 'Routing Reason')[0])).toMatch(
      /Ana Diaz "busy in Google Calendar until 10:45"/,
    );
  });

  it('an all-day out-of-office event is skipped as out of office', () => {
    const world = calendarWorld();
    world.calendar.busy['ana@example.com'] = [{start: '2026-11-24T06:00:00Z', end: '2026-11-25T06:00:00Z'}];
    assign(world);
    expect(column(world, SHEETS.leads, 'Assigned To')).not.toContain('Ana Diaz');
    expect(lastAlert(world)).toMatch(/Not available now: Ana Diaz \(out of office in Google Calendar\)\./);
  });

  it('one free/busy request for all reps per run: the same for 10 and 10,000 rows', () => {
    const calls = (rows: number) => {
      const world = calendarWorld(simpleLeads(rows));
      resetCalls(world);
      assign(world);
      expect(column(world, SHEETS.leads, 'Assigned To').filter(o => o === '')).toHaveLength(0);
      // Every counted call but the keyed pseudonyms' HMAC (Utilities.computeHmacSha256Signature: a
      // computation in the execution, not a request; one per new lead's dedupe key, issue 17 #7).
      const hmac = callsOf(world, 'Utilities.computeHmacSha256Signature');
      expect(hmac).toBe(rows);
      const all = Object.values(world.calls).reduce((a, b) => a + b, 0) - hmac;
      return {calendar: callsOf(world, 'Calendar.'), all, world};
    };
    const small = calls(10);
    const big = calls(10000);
    expect(small.calendar).toBe(1);
    expect(big.calendar).toBe(1);
    expect(big.all).toBe(small.all);
    const req = big.world.calendar.requests[0];
    expect(req.items).toEqual([{id: 'ana@example.com'}, {id: 'ben@example.com'}, {id: 'cy@example.com'}]);
  });

  it('a calendar that cannot be read (or a failed request) never drops a lead: availability unknown, said', () => {
    const world = calendarWorld(simpleLeads(3));
    world.calendar.fail = 'Exception: Service invoked too many times for one day: calendar.';
    assign(world);
    expect(column(world, SHEETS.leads, 'Assigned To').filter(o => o !== '')).toHaveLength(3);
    expect(lastAlert(world)).toMatch(/Assigned 3 new leads\. Warnings \(see the Routing Log\): 3 leads: .*availab/i);
    expect(String(logColumn(world, 'Warnings')[0])).toMatch(/Ana Diaz/);

    const one = calendarWorld(simpleLeads(2));
    one.calendar.errors['ana@example.com'] = 'notFound';
    assign(one);
    expect(column(one, SHEETS.leads, 'Assigned To').filter(o => o !== '')).toHaveLength(2);
    expect(logColumn(one, 'Warnings').map(String).join('\n')).toMatch(
      /live availability of Ana Diaz could not be read/,
    );
  });

  it('off in Settings (the default): no Calendar call; a build without the flag refuses to turn it on', () => {
    const world = worldFor(simpleConfig(), simpleLeads(3), {now: NOW});
    world.calendar.busy['ben@example.com'] = [{start: '2026-11-24T15:30:00Z', end: '2026-11-24T16:30:00Z'}];
    assign(world);
    expect(callsOf(world, 'Calendar.')).toBe(0);
    expect(column(world, SHEETS.leads, 'Assigned To')).toContain('Ben Ode');
    const plain = createWorld();
    const r = newExecution(plain).call('saveSettings', {calendar: true}) as {ok: boolean; problems: string[]};
    expect(r.ok).toBe(false);
    expect(r.problems.join(' ')).toMatch(/Google Calendar availability is off in this build/);
  });

  it('Airtable as the source: the Reps table Available box still counts, and the calendar applies on top', () => {
    const config = simpleConfig();
    config.reps[2].available = false; // Cy unticked in Airtable
    const world = createWorld();
    world.clock.ms = Date.parse(NOW);
    putSheet(world, SHEETS.territories, territoryRows(config));
    writeSettings(world, settingsFor(config, {source: 'airtable', airtableBaseId: BASE_ID, calendar: true}));
    world.props.user.set('leadRouting.airtableToken', TOKEN);
    const at = fakeAirtable({Leads: leadRecords(simpleLeads(4)), Reps: repRecords(config.reps)});
    world.http = at.handler;
    world.calendar.busy['ben@example.com'] = [{start: '2026-11-24T15:00:00Z', end: '2026-11-24T17:00:00Z'}];
    assign(world);
    const owners = at.tables.Leads.map(r => r.fields['Assigned To']);
    expect(owners).toEqual(['Ana Diaz', 'Ana Diaz', 'Ana Diaz', 'Ana Diaz']);
    expect(callsOf(world, 'Calendar.')).toBe(1);
  });
});
