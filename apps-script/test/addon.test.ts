// Issue 17 through the built bundle: Editor add-on shape, sidebar actions and validation, the
// settings the core has, sample data, safe defaults, Help.
import fs from 'node:fs';
import path from 'node:path';
import {createWorld, putSheet, sheetValues, type World} from './fakes';
import {DIST, bundleCode, run} from './loadBundle';
import {column, logColumn, repRows, simpleConfig, simpleLeads, worldFor, writeSettings, settingsFor} from './harness';
import {SHEETS} from '../src/layout';
import {defaultSettings} from '../src/settings';

function lastAlert(world: World): string {
  return world.ui.alerts[world.ui.alerts.length - 1] ?? '';
}

interface SaveResult {
  ok: boolean;
  problems: string[];
  state: {settings: ReturnType<typeof defaultSettings>; lastRun: {when: string; assigned: number} | null};
}

describe('Editor add-on shape (issue 17 #1)', () => {
  it('onOpen in AuthMode.NONE only builds the add-on menu: no property, sheet or trigger call', () => {
    const world = createWorld();
    run(world, 'onOpen', {authMode: 'NONE'});
    const touched = Object.keys(world.calls).filter(k => !k.startsWith('Ui.') && k !== 'SpreadsheetApp.getUi');
    expect(touched).toEqual([]);
    expect(world.calls['Ui.createAddonMenu']).toBe(1);
    expect(world.calls['Ui.createMenu']).toBeUndefined();
  });

  it('onInstall builds the same menu (Marketplace install, no reload)', () => {
    const world = createWorld();
    run(world, 'onInstall', {authMode: 'FULL'});
    expect(world.ui.menus).toHaveLength(1);
    expect(world.ui.menus[0].items.map(i => i[0])).toContain('Help');
  });

  it('the manifest keeps the narrowest scopes: current spreadsheet only, no Drive, no full Calendar', () => {
    bundleCode();
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(manifest.oauthScopes.some((s: string) => /\/(spreadsheets|drive|calendar)$/.test(s))).toBe(false);
    expect(manifest.urlFetchWhitelist).toEqual(['https://api.airtable.com/']);
  });

  it('Help opens a dialog linking the guide', () => {
    const world = createWorld();
    run(world, 'showHelp');
    expect(world.ui.dialogs[0].title).toBe('Help');
    expect(world.ui.dialogs[0].html).toMatch(/href="https:\/\/github\.com\/[^"]+\/docs\/sheets-add-on\.md"/);
  });
});

describe('sidebar actions and validation (issue 17 #2)', () => {
  it('Assign now runs and returns the status and the last run in the spreadsheet time zone', () => {
    const world = worldFor(simpleConfig(), simpleLeads(3), {now: '2026-11-24T16:05:00Z'});
    world.timeZone = 'America/New_York';
    const r = run(world, 'assignFromSidebar') as {status: {message: string}; state: SaveResult['state']};
    expect(r.status.message).toBe('Assigned 3 new leads.');
    expect(r.state.lastRun!.when).toBe('2026-11-24 11:05 (America/New_York)');
    expect(r.state.lastRun!.assigned).toBe(3);
    expect(world.ui.alerts).toHaveLength(0); // the sidebar shows it; no modal alert
  });

  it('automatic assignment on and off from the sidebar', () => {
    const world = worldFor(simpleConfig(), []);
    const on = run(world, 'setAutoAssign', true) as {message: string; state: {autoAssign: boolean}};
    expect(on.message).toMatch(/on \(form submit, change, hourly catch-up\)/);
    expect(on.state.autoAssign).toBe(true);
    const off = run(world, 'setAutoAssign', false) as {message: string; state: {autoAssign: boolean}};
    expect(off.state.autoAssign).toBe(false);
    expect(world.triggers).toHaveLength(0);
  });

  it('a default owner not on Reps is refused on save (not at the next run), and nothing is stored', () => {
    const world = worldFor(simpleConfig(), []);
    const before = world.props.document.get('leadRouting.settings');
    const r = run(world, 'saveSettings', {...defaultSettings(), defaultOwner: 'Zoe Nobody'}) as SaveResult;
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['Settings, default owner: "Zoe Nobody" is not on the Reps sheet.']);
    expect(world.props.document.get('leadRouting.settings')).toBe(before);
    const good = run(world, 'saveSettings', {...defaultSettings(), defaultOwner: 'ben@example.com'}) as SaveResult;
    expect(good.ok).toBe(true);
  });

  it('accounts naming an unknown rep, a bad threshold, intent without keywords are refused with their setting', () => {
    const world = worldFor(simpleConfig(), []);
    const r = run(world, 'saveSettings', {
      ...defaultSettings(),
      accountOwner: {enabled: true, learn: false, accounts: 'acme.com = Zed\nbroken line'},
      partialMinScore: 'x',
      intent: {enabled: true, field: 'Message', keywords: '', required: true},
    }) as SaveResult;
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      'Accounts: write each line as "acme.com = Ana Diaz" ("broken line").',
      'Sales intent needs at least one keyword (e.g. demo, pricing).',
      'The partial-match threshold must be a number (0 or more).',
    ]);
  });

  it('the sidebar state carries human labels, not raw values', () => {
    const world = worldFor(simpleConfig(), []);
    const s = run(world, 'getSettings') as {strategies: {value: string; label: string}[]; stages: {label: string}[]};
    expect(s.strategies.find(x => x.value === 'round_robin')!.label).toBe('Round robin (take turns)');
    for (const st of s.stages) expect(st.label).not.toMatch(/^[a-z_]+$/);
  });
});

describe('settings the core has (issue 17 #3)', () => {
  it('same e-mail → same rep is on by default, for 30 days: a repeat goes to the first rep', () => {
    expect(defaultSettings().dedupe).toEqual({enabled: true, fields: ['email'], windowHours: 720});
    const world = createWorld();
    putSheet(world, SHEETS.reps, repRows(simpleConfig().reps));
    putSheet(world, SHEETS.leads, [
      ['Name', 'Email', 'State', 'Assigned To', 'Assigned At', 'Territory', 'Routing Reason'],
    ]);
    const leads = sheetValues(world, SHEETS.leads);
    leads.push(['Jo', 'jo@acme.example', 'NY', '', '', '', '']);
    run(world, 'assignNewLeads');
    leads.push(['Jo again', 'JO@acme.example', 'NY', '', '', '', '']);
    leads.push(['Someone else', 'x@globex.example', 'NY', '', '', '', '']);
    run(world, 'assignNewLeads');
    const owners = column(world, SHEETS.leads, 'Assigned To');
    expect(owners[1]).toBe(owners[0]);
    expect(owners[2]).not.toBe(owners[0]);
  });

  it('account owner by domain: a listed domain goes to its rep; learning keeps the first rep of a domain', () => {
    const config = simpleConfig();
    const world = worldFor(
      config,
      [
        {Name: 'A', Email: 'a@acme.example', State: 'NY'},
        {Name: 'B', Email: 'b@acme.example', State: 'NY'},
        {Name: 'C', Email: 'c@globex.example', State: 'NY'},
        {Name: 'D', Email: 'd@globex.example', State: 'NY'},
      ],
      {settings: {accountOwner: {enabled: true, learn: true, accounts: 'acme.example = Cy Park'}}},
    );
    run(world, 'assignNewLeads');
    const owners = column(world, SHEETS.leads, 'Assigned To');
    expect(owners.slice(0, 2)).toEqual(['Cy Park', 'Cy Park']);
    expect(owners[3]).toBe(owners[2]);
  });

  it('the intent gate leaves leads without the words unassigned, with the reason', () => {
    const world = worldFor(
      simpleConfig(),
      [
        {Name: 'A', Email: 'a@x.example', State: 'NY', Message: 'Can we book a demo?'},
        {Name: 'B', Email: 'b@x.example', State: 'NY', Message: 'Unsubscribe me'},
      ],
      {settings: {intent: {enabled: true, field: 'Message', keywords: ['demo', 'pricing'], required: true}}},
    );
    run(world, 'assignNewLeads');
    const owners = column(world, SHEETS.leads, 'Assigned To');
    expect(owners[0]).not.toBe('');
    expect(owners[1]).toBe('');
    expect(String(column(world, SHEETS.leads, 'Routing Reason')[1])).toMatch(/intent|keyword/i);
  });

  it('the cascade order and the partial threshold reach the core', () => {
    const config = simpleConfig();
    config.territories![0].match = 'all';
    config.territories![0].conditions = [
      {field: 'state', op: 'in', values: ['TX'], weight: 5},
      {field: 'zip', op: 'prefix', values: ['99'], weight: 1},
    ];
    const leads = [{Name: 'A', Email: 'a@x.example', State: 'TX', Zip: '75001'}];
    const low = worldFor(config, leads, {settings: {cascade: ['partial', 'pool'], partialMinScore: 5}});
    run(low, 'assignNewLeads');
    expect(logColumn(low, 'Stage')).toEqual(['partial']);
    const high = worldFor(config, leads, {settings: {cascade: ['partial', 'pool'], partialMinScore: 6}});
    run(high, 'assignNewLeads');
    expect(logColumn(high, 'Stage')).toEqual(['pool']);
    const poolFirst = worldFor(config, leads, {settings: {cascade: ['pool', 'partial'], partialMinScore: 5}});
    run(poolFirst, 'assignNewLeads');
    expect(logColumn(poolFirst, 'Stage')).toEqual(['pool']);
  });
});

describe('first run: sample data (issue 17 #4)', () => {
  it('adds marked sample reps, territories and leads that Preview routes, and removes exactly them', () => {
    const world = createWorld();
    run(world, 'setUpSheets');
    // A real rep and a real lead the user typed are kept through remove.
    sheetValues(world, SHEETS.reps).push(['Real Rep', 'real@example.com', true]);
    run(world, 'addSamples');
    expect(lastAlert(world)).toMatch(/Added 10 sample rows, marked "\(sample\)"/);
    run(world, 'previewRouting');
    const html = world.ui.dialogs[world.ui.dialogs.length - 1].html;
    expect(html).toMatch(/4 new rows/);
    expect(html).toMatch(/\(sample\) Ana Diaz|\(sample\) Ben Ode/);
    expect(html).toMatch(/\(sample\) Cy Park/);
    run(world, 'removeSamples');
    expect(lastAlert(world)).toBe('Lead Routing: Removed 10 sample rows.');
    const names = sheetValues(world, SHEETS.reps)
      .slice(1)
      .map(r => r[0])
      .filter(v => v !== '');
    expect(names).toEqual(['Real Rep']);
    expect(
      sheetValues(world, SHEETS.leads)
        .slice(1)
        .filter(r => r.some(v => v !== '')),
    ).toEqual([]);
  });
});

describe('settings written by older versions', () => {
  it('keep working: missing new keys take their defaults', () => {
    const world = worldFor(simpleConfig(), simpleLeads(2));
    const old = settingsFor(simpleConfig()) as unknown as Record<string, unknown>;
    delete old.accountOwner;
    delete old.intent;
    delete old.partialMinScore;
    delete old.calendar;
    writeSettings(world, old as never);
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toBe('Lead Routing: Assigned 2 new leads.');
  });
});
