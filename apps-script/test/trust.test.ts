// Issue 11 on the add-on, through the built bundle and the counting fakes: an unreadable state is
// refused (never reset silently), values longer than a cell are cut, only routed cells change,
// and the keyed-pseudonym secret lives in script properties.
import {callsOf, putSheet, sheetValues, spreadsheetCalls, resetCalls, type World} from './fakes';
import {BASE_ID, TOKEN, fakeAirtable, leadRecords, repRecords} from './fakes/airtable';
import {newExecution, run} from './loadBundle';
import {
  column,
  logColumn,
  logRows,
  settingsFor,
  simpleConfig,
  simpleLeads,
  territoryRows,
  worldFor,
  writeSettings,
} from './harness';
import {createWorld} from './fakes';
import {SHEETS} from '../src/layout';
import {STATE_COUNT_KEY, STATE_LENGTH_KEY} from '../src/stateStore';
import {SECRET_KEY} from '../src/secret';

function lastAlert(world: World): string {
  return world.ui.alerts[world.ui.alerts.length - 1] ?? '';
}

function stateKeys(world: World): Record<string, string> {
  return Object.fromEntries([...world.props.document].filter(([k]) => k.startsWith('leadRouting.state.')));
}

describe('an unreadable rotation state is refused, never reset silently (issue 11 #2)', () => {
  const breakages: [string, (w: World) => void, RegExp][] = [
    ['a chunk missing', w => w.props.document.delete('leadRouting.state.0'), /chunk 1 of 1 is missing/],
    [
      'a chunk cut short',
      w => w.props.document.set('leadRouting.state.0', w.props.document.get('leadRouting.state.0')!.slice(0, -5)),
      /were written \(a chunk was cut short\)/,
    ],
    ['a wrong chunk count', w => w.props.document.set(STATE_COUNT_KEY, '3'), /chunk 2 of 3 is missing/],
    [
      'not a state',
      w => {
        w.props.document.set('leadRouting.state.0', '[]');
        w.props.document.delete(STATE_LENGTH_KEY);
      },
      /is not a lead-routing state/,
    ],
  ];
  for (const [what, breakIt, message] of breakages) {
    it(`${what}: the run stops, names the store and the way back, changes nothing`, () => {
      const world = worldFor(simpleConfig(), simpleLeads(3));
      run(world, 'assignNewLeads');
      expect(lastAlert(world)).toMatch(/Assigned 3 new leads/);
      // Three more leads arrive; the state is damaged.
      const leads = sheetValues(world, SHEETS.leads);
      const more = simpleLeads(3, 3);
      for (const l of more)
        leads.push([String(l.Name), String(l.Email), String(l.State), Number(l.Zip), '', '', '', '']);
      breakIt(world);
      const before = stateKeys(world);
      run(world, 'assignNewLeads');
      const alert = lastAlert(world);
      expect(alert).toMatch(message);
      expect(alert).toMatch(/document properties \(leadRouting\.state\.\*\)/);
      expect(alert).toMatch(/No lead was changed.*Reset rotation/);
      expect(column(world, SHEETS.leads, 'Assigned To').slice(3)).toEqual(['', '', '']);
      expect(stateKeys(world)).toEqual(before);
      expect(logRows(world)).toHaveLength(3);
      // A trigger run fails (Google e-mails the owner the same message) instead of resetting.
      expect(() => run(world, 'catchUpAssign')).toThrow(message);
      // Preview says the same, and Reset rotation is the way back.
      run(world, 'previewRouting');
      expect(lastAlert(world)).toMatch(message);
      expect(run(world, 'resetRotation')).toMatchObject({ok: true});
      expect(stateKeys(world)).toEqual({});
      run(world, 'assignNewLeads');
      expect(lastAlert(world)).toMatch(/Assigned 3 new leads/);
    });
  }
});

describe('values longer than a cell (issue 11 #12)', () => {
  it('Airtable: a 60,000-character field is assigned, logged (cut to the cell limit) and the run says so', () => {
    const config = simpleConfig();
    const leads = simpleLeads(4);
    leads[1].Name = 'N'.repeat(60000);
    const world = createWorld();
    putSheet(world, SHEETS.territories, territoryRows(config));
    writeSettings(world, settingsFor(config, {source: 'airtable', airtableBaseId: BASE_ID}));
    world.props.user.set('leadRouting.airtableToken', TOKEN);
    const at = fakeAirtable({Leads: leadRecords(leads), Reps: repRecords(config.reps)});
    world.http = at.handler;
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toBe('Lead Routing: Assigned 4 new leads.');
    expect(at.tables.Leads.every(r => r.fields['Assigned To'])).toBe(true);
    const labels = logColumn(world, 'Lead').map(String);
    expect(labels).toHaveLength(4);
    expect(labels[1].length).toBe(50000);
    expect(labels[1].endsWith('…[cut]')).toBe(true);
  });

  it('Sheet: a lead name over the limit is cut in the log, not failing the run', () => {
    const leads = simpleLeads(3);
    leads[2].Name = '='.repeat(1) + 'x'.repeat(70000);
    const world = worldFor(simpleConfig(), leads);
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toBe('Lead Routing: Assigned 3 new leads.');
    expect(String(logColumn(world, 'Lead')[2]).length).toBeLessThanOrEqual(50000);
  });

  it('when the log write fails after Airtable was updated, the status says both', () => {
    const config = simpleConfig();
    const world = createWorld();
    putSheet(world, SHEETS.territories, territoryRows(config));
    // A Routing Log sheet protected from writes: any write to it throws, like a protected range.
    putSheet(world, SHEETS.log, [['Routed At']]);
    writeSettings(world, settingsFor(config, {source: 'airtable', airtableBaseId: BASE_ID}));
    world.props.user.set('leadRouting.airtableToken', TOKEN);
    const at = fakeAirtable({Leads: leadRecords(simpleLeads(2)), Reps: repRecords(config.reps)});
    world.http = at.handler;
    world.onCall = name => {
      if (name === 'Sheet.insertRowsAfter')
        throw new Error('Exception: You are trying to edit a protected cell or object.');
    };
    const status = newExecution(world).call('assignNewLeads');
    world.onCall = null;
    expect(status).toBeUndefined();
    expect(lastAlert(world)).toMatch(
      /^Lead Routing: Assigned 2 new leads\. The Routing Log could not be written \(You are trying to edit a protected cell or object\.\); the assignments above were made in Airtable\.$/,
    );
    expect(at.tables.Leads.every(r => r.fields['Assigned To'])).toBe(true);
    expect(JSON.parse(world.props.document.get('leadRouting.lastRun')!)).toMatchObject({ok: false, assigned: 2});
  });
});

describe('only routed cells change (issue 11 #13)', () => {
  function bigSheet(): World {
    // 900 rows: 2 and 900 are new, the rows between were assigned earlier (by hand or a past run).
    const leads = simpleLeads(899);
    const world = worldFor(simpleConfig(), leads);
    const values = sheetValues(world, SHEETS.leads);
    const col = values[0].map(String).indexOf('Assigned To');
    for (let r = 2; r < 899; r++) {
      values[r][col] = 'Cy Park';
      values[r][col + 3] = 'assigned by hand';
    }
    return world;
  }

  it('a colleague who reassigns row 40 during a run that routes rows 2 and 900 keeps the edit', () => {
    const world = bigSheet();
    const values = sheetValues(world, SHEETS.leads);
    const col = values[0].map(String).indexOf('Assigned To');
    let edited = false;
    world.onCall = name => {
      // The colleague's edit lands while the run routes (after it read the sheet).
      if (name === 'Properties.getProperties' && !edited) {
        edited = true;
        values[39][col] = 'Ben Ode';
        values[39][col + 3] = 'moved by Dana';
      }
    };
    run(world, 'assignNewLeads');
    world.onCall = null;
    expect(edited).toBe(true);
    expect(lastAlert(world)).toBe('Lead Routing: Assigned 2 new leads.');
    const to = column(world, SHEETS.leads, 'Assigned To');
    expect(to[38]).toBe('Ben Ode');
    expect(column(world, SHEETS.leads, 'Routing Reason')[38]).toBe('moved by Dana');
    expect(to[0]).not.toBe('');
    expect(to[898]).not.toBe('');
    expect(to.slice(1, 898).filter(v => v !== 'Cy Park')).toEqual(['Ben Ode']);
  });

  it('a routed row someone assigned by hand meanwhile is left as they set it, and the run says which', () => {
    const world = bigSheet();
    const values = sheetValues(world, SHEETS.leads);
    const col = values[0].map(String).indexOf('Assigned To');
    let edited = false;
    world.onCall = name => {
      if (name === 'Properties.getProperties' && !edited) {
        edited = true;
        values[899][col] = 'Ana Diaz (by hand)';
      }
    };
    run(world, 'assignNewLeads');
    world.onCall = null;
    expect(lastAlert(world)).toBe(
      'Lead Routing: Assigned 1 new lead. Row 900 changed while this run was routing: left as it is.',
    );
    expect(column(world, SHEETS.leads, 'Assigned To')[898]).toBe('Ana Diaz (by hand)');
    expect(logRows(world)).toHaveLength(1);
  });

  it('keeps the call count constant: the same calls for 2 routed rows 900 apart as for 2 adjacent ones', () => {
    const far = bigSheet();
    resetCalls(far);
    run(far, 'assignNewLeads');
    const near = worldFor(simpleConfig(), simpleLeads(2));
    resetCalls(near);
    run(near, 'assignNewLeads');
    expect(spreadsheetCalls(far)).toBe(spreadsheetCalls(near));
    expect(callsOf(far, 'Range.setValues')).toBe(callsOf(near, 'Range.setValues'));
  });
});

describe('keyed pseudonyms: the secret (issue 11 #14, contract interface 8)', () => {
  it('is created once in script properties, never in document properties or the state', () => {
    const config = simpleConfig();
    const world = worldFor(config, simpleLeads(3), {
      settings: {dedupe: {enabled: true, fields: ['Email'], windowHours: 24}},
    });
    run(world, 'assignNewLeads');
    const secret = world.props.script.get(SECRET_KEY)!;
    expect(secret).toMatch(/^\S{32,}$/);
    run(world, 'assignNewLeads');
    expect(world.props.script.get(SECRET_KEY)).toBe(secret);
    for (const v of world.props.document.values()) expect(v).not.toContain(secret);
  });
});
