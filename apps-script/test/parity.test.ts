// One fixture (test/fixtures/parity), one answer: the add-on on a Sheet and on Airtable gives each
// lead the owner the core gives (expected owners computed by the core at test time).
import {expectedDecisions, expectedOwners, parityFixture} from '../../test/fixtures/parity';
import {createWorld, putSheet} from './fakes';
import {BASE_ID, TOKEN, fakeAirtable, leadRecords, repRecords} from './fakes/airtable';
import {run} from './loadBundle';
import {addLeads, logColumn, ownerIds, settingsFor, territoryRows, worldFor, writeSettings} from './harness';
import {SHEETS} from '../src/layout';

const fixture = parityFixture();
const expected = expectedOwners(fixture);

describe('parity with the core (shared fixture)', () => {
  it('the fixture exercises several stages and reps, so agreement means something', () => {
    const stages = new Set(expectedDecisions(fixture).map(d => d.stage));
    expect(stages.size).toBeGreaterThanOrEqual(4);
    expect(new Set(expected).size).toBeGreaterThanOrEqual(5);
  });

  it('Sheet: same owners as the core, in one run', () => {
    const world = worldFor(fixture.config, fixture.leads, {now: fixture.now});
    run(world, 'assignNewLeads');
    expect(ownerIds(world, fixture.config).map(o => o || null)).toEqual(expected);
    expect(logColumn(world, 'Stage')).toEqual(expectedDecisions(fixture).map(d => d.stage));
  });

  it('Sheet: same owners when the leads arrive over three runs', () => {
    const world = worldFor(fixture.config, fixture.leads.slice(0, 17), {now: fixture.now});
    run(world, 'assignNewLeads');
    for (const [a, b] of [
      [17, 18],
      [18, fixture.leads.length],
    ]) {
      addLeads(world, fixture.leads.slice(a, b));
      run(world, 'assignNewLeads');
    }
    expect(ownerIds(world, fixture.config).map(o => o || null)).toEqual(expected);
  });

  it('Airtable: same owners as the core', () => {
    const world = createWorld();
    world.clock.ms = Date.parse(fixture.now);
    putSheet(world, SHEETS.territories, territoryRows(fixture.config));
    writeSettings(world, settingsFor(fixture.config, {source: 'airtable', airtableBaseId: BASE_ID}));
    world.props.user.set('leadRouting.airtableToken', TOKEN);
    const reps = repRecords(fixture.config.reps);
    // The optional rep columns travel as Airtable fields too.
    fixture.config.reps.forEach((r, i) => {
      if (r.skills) reps[i].fields.Skills = r.skills;
      if (r.capacity?.daily !== undefined) reps[i].fields['Daily cap'] = r.capacity.daily;
      if (r.timezone) reps[i].fields.Timezone = r.timezone;
      if (r.hours)
        reps[i].fields.Hours = Object.entries(r.hours)
          .map(([d, t]) => `${d} ${t}`)
          .join('; ');
      if (r.outOfOffice) reps[i].fields['Out of office'] = r.outOfOffice.map(o => `${o.from}..${o.to}`).join('; ');
    });
    const at = fakeAirtable({Leads: leadRecords(fixture.leads), Reps: reps});
    world.http = at.handler;
    run(world, 'assignNewLeads');
    const byName = new Map(fixture.config.reps.map(r => [r.name, r.id]));
    expect(at.tables.Leads.map(r => byName.get(String(r.fields['Assigned To'])) ?? null)).toEqual(expected);
  });
});
