// Issue 16 #4 on the command line: `lint`, `test` and the warnings of `validate`, run as the built
// binary (exit codes 0/1/2) and in-process.
import path from 'node:path';
import {routeBatch} from '../../shared/router';
import {NOW, root, run, spawnCli, tmpDir, writer} from './helpers';

jest.setTimeout(120_000);
const dir = tmpDir();
const write = writer(dir);
const sampleConfig = path.join(root, 'shared/samples/config.json');
const sampleLeads = path.join(root, 'shared/samples/leads.csv');
const golden = path.join(root, 'shared/samples/golden.csv');

/** Two territories that tie (state vs product line, score 1 each, different reps) and an idle rep. */
const TIED = {
  reps: [{id: 'ana'}, {id: 'ben'}, {id: 'cy'}, {id: 'idle'}],
  territories: [
    {id: 'tx', name: 'Texas', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana']},
    {id: 'solar', conditions: [{field: 'productLine', op: 'in', values: ['solar']}], reps: ['ben']},
  ],
  pool: {reps: ['cy']},
};
const tied = write('tied.json', JSON.stringify(TIED));
const clean = write(
  'clean.json',
  JSON.stringify({
    reps: [{id: 'ana'}, {id: 'ben'}],
    territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana', 'ben']}],
  }),
);

describe('lead-routing lint', () => {
  test('warnings with code, path and name; exit 0, or 1 with --strict; a clean config passes --strict', () => {
    const r = spawnCli(['lint', '--config', tied]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${tied}: 2 warnings`);
    expect(r.out).toMatch(/territory_tie {2}territories\[0\] "Texas": .*territories\[1\] "solar"/);
    expect(r.out).toMatch(/rep_unused +reps\[3\] "idle": In no territory, pool/);
    expect(spawnCli(['lint', '--config', tied, '--strict']).code).toBe(1);
    const ok = spawnCli(['lint', '--config', clean, '--strict']);
    expect(ok).toMatchObject({code: 0, err: ''});
    expect(ok.out.trim()).toBe(`${clean}: no warnings`);
  });

  test('--format json: the findings as data', () => {
    const r = spawnCli(['lint', '--config', tied, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: {code: string}) => f.code)).toEqual(['territory_tie', 'rep_unused']);
    expect(report.findings[1]).toMatchObject({code: 'rep_unused', path: 'reps[3]', subject: 'idle'});
    expect(report.coverage).toBeUndefined();
  });

  test('--leads: coverage per territory and stage from the routed sample (counts add up), file or stdin', () => {
    const args = ['lint', '--config', sampleConfig, '--leads', sampleLeads, '--time-field', 'createdAt'];
    const r = spawnCli([...args, '--format', 'json']);
    expect(r.code).toBe(0);
    const {coverage, findings} = JSON.parse(r.out);
    expect(coverage.leads).toBe(3000);
    expect(Object.values(coverage.stages as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3000);
    const caught = (coverage.territories as Array<{exact: number; partial: number}>).reduce(
      (n, t) => n + t.exact + t.partial,
      0,
    );
    expect(caught).toBe(coverage.stages.exact + coverage.stages.partial);
    expect(findings.map((f: {code: string}) => f.code)).toEqual(['zip_gap']);
    // the same through simulate: lint's per-stage counts are the router's
    const sim = JSON.parse(
      spawnCli(['simulate', '--config', sampleConfig, '--leads', sampleLeads, '--time-field', 'createdAt', '--json'])
        .out,
    );
    for (const [stage, n] of Object.entries(sim.a.summary.byStage)) expect(coverage.stages[stage]).toBe(n);

    const text = spawnCli(args, {input: undefined});
    expect(text.out).toMatch(/sample .*leads\.csv: 3000 leads routed from empty state/);
    expect(text.out).toMatch(/^stage\s+leads\s+share$/m);
    expect(text.out).toMatch(/^pool\s+\d+\s+[\d.]+%$/m);
    const csv = 'id,state,productLine\n1,TX,solar\n2,TX,hvac\n3,NY,hvac\n';
    const stdin = spawnCli(['lint', '--config', tied, '--leads', '-', '--now', NOW, '--format', 'json'], {input: csv});
    const cov = JSON.parse(stdin.out).coverage;
    expect(cov.territories).toEqual([
      {id: 'tx', name: 'Texas', exact: 2, partial: 0},
      {id: 'solar', name: 'solar', exact: 0, partial: 0},
    ]);
    expect(cov.stages).toMatchObject({exact: 2, pool: 1});
    // the tie was seen on a sample lead (TX + solar)
    expect(JSON.parse(stdin.out).findings[0].message).toContain('(1 sample lead did)');
  });

  test('usage errors exit 2; an invalid config or unreadable leads exit 1', () => {
    const cases: Array<[string[], RegExp]> = [
      [['lint'], /--config is required/],
      [['lint', '--config', tied, '--stric'], /did you mean --strict\?/],
      [['lint', '--config', tied, '--strict=yes'], /--strict takes no value/],
      [['lint', '--config', tied, '--format', 'xml'], /--format must be one of text, json/],
    ];
    for (const [argv, message] of cases) {
      const r = spawnCli(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
    const bad = write('bad.json', JSON.stringify({reps: [{id: 'a'}], territories: [{id: 't', reps: ['zz']}]}));
    const r = spawnCli(['lint', '--config', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('territories[0].reps[0]: unknown rep "zz"');
    expect(spawnCli(['lint', '--config', tied, '--leads', path.join(dir, 'nope.csv')]).code).toBe(1);
  });
});

describe('lead-routing lint on multi-valued lead fields (settled reading 9)', () => {
  const reps = [{id: 'ana'}, {id: 'ben'}, {id: 'mgr'}];
  const inList = (field: string, values: string[]) => ({field, op: 'in', values});

  test('two `in` lists on one field: no territory_never_exact; --strict passes on the sound config', () => {
    const config = write(
      'multi-never.json',
      JSON.stringify({
        fields: {industry: 'Industry'},
        reps,
        territories: [
          {
            id: 'hc-ent',
            conditions: [inList('industry', ['healthcare']), inList('industry', ['enterprise'])],
            reps: ['ana'],
          },
          {id: 'gen', conditions: [{field: 'industry', op: 'exists'}], reps: ['ben']},
        ],
        cascade: ['exact', 'partial', 'default'],
        partialMinScore: 5,
        defaultOwner: 'mgr',
      }),
    );
    const leads = write('multi-never.csv', 'id,Industry\nM1,healthcare;enterprise\nM2,healthcare\n');
    const r = spawnCli(['lint', '--config', config, '--leads', leads, '--now', NOW, '--strict', '--format', 'json']);
    expect(r.code).toBe(0);
    const {findings, coverage} = JSON.parse(r.out);
    expect(findings).toEqual([]);
    expect(coverage.territories[0]).toMatchObject({id: 'hc-ent', exact: 1});
    // the stage table is the config's cascade (exact, partial, default), in cascade order, not a fixed list
    expect(coverage.stageOrder).toEqual(['exact', 'partial', 'default']);
    const text = spawnCli(['lint', '--config', config, '--leads', leads, '--now', NOW]).out;
    const rows = text
      .slice(text.indexOf('stage '))
      .split('\n')
      .slice(2)
      .map(l => l.split(/\s+/)[0])
      .filter(Boolean);
    expect(rows).toEqual(['exact', 'partial', 'default']);
  });

  test('`notIn [partner]` of higher priority does not shadow `in [solar]`: a solar;partner lead goes to solar', () => {
    const config = write(
      'multi-shadow.json',
      JSON.stringify({
        reps,
        territories: [
          {
            id: 'not-partner',
            priority: 10,
            conditions: [{field: 'industry', op: 'notIn', values: ['partner']}],
            reps: ['ana'],
          },
          {id: 'solar', conditions: [inList('industry', ['solar'])], reps: ['ben']},
        ],
        cascade: ['exact', 'default'],
        defaultOwner: 'mgr',
      }),
    );
    const leads = write('multi-shadow.csv', 'id,industry\nS1,solar;partner\nS2,solar\n');
    const r = spawnCli(['lint', '--config', config, '--leads', leads, '--now', NOW, '--strict', '--format', 'json']);
    expect(r.code).toBe(0);
    const {findings, coverage} = JSON.parse(r.out);
    expect(findings).toEqual([]);
    expect(coverage.territories[1]).toMatchObject({id: 'solar', exact: 1});
  });
});

describe('lead-routing validate prints the lint warnings', () => {
  test('warnings alone exit 0; errors still exit 1', async () => {
    const r = spawnCli(['validate', '--config', tied]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid — 4 reps, 2 territories/);
    expect(r.out).toContain('2 warnings (see "lead-routing lint"):');
    expect(r.out).toMatch(/territory_tie {2}territories\[0\] "Texas"/);
    expect((await run(['validate', '--config', clean])).out).not.toContain('warning');
    const bad = write('bad2.json', JSON.stringify({reps: [{id: 'a'}], defaultOwner: 'q'}));
    expect(spawnCli(['validate', '--config', bad]).code).toBe(1);
  });
});

describe('lead-routing test', () => {
  test('the shipped golden file passes against the sample config', () => {
    const r = spawnCli(['test', '--config', sampleConfig, '--cases', golden, '--now', NOW]);
    expect(r).toMatchObject({code: 0, err: ''});
    expect(r.out.trim()).toBe('10 cases: 10 passed, 0 failed');
  });

  test('a mismatch prints the case, what differs and the decision’s reason; exit 1 with the summary', () => {
    const cases = write(
      'cases.csv',
      [
        'id,state,productLine,expect.owner,expect.stage,expect.territory',
        'c1,TX,hvac,ana,exact,tx',
        'c2,TX,solar,ben,,solar',
        'c3,NY,hvac,,pool,',
      ].join('\n'),
    );
    const r = spawnCli(['test', '--config', tied, '--cases', cases, '--now', NOW]);
    expect(r.code).toBe(1);
    // c2 ties Texas and solar: from empty state the pooled rotation starts with ana, in Texas
    expect(r.out).toContain('FAIL case 2 (lead c2): owner expected ben, got ana; territory expected solar, got tx');
    expect(r.out).toMatch(/exact in tx: .*tied/i);
    expect(r.out).not.toContain('case 1');
    expect(r.out.trim().split('\n').pop()).toBe('3 cases: 2 passed, 1 failed');
    const json = JSON.parse(
      spawnCli(['test', '--config', tied, '--cases', cases, '--now', NOW, '--format', 'json']).out,
    );
    expect(json).toMatchObject({cases: 3, passed: 2, failed: 1});
    expect(json.results[1].mismatches).toEqual([
      {what: 'owner', expected: 'ben', got: 'ana'},
      {what: 'territory', expected: 'solar', got: 'tx'},
    ]);
  });

  test('other column names, JSON Lines with nested expect, owner by name or e-mail, "none"', () => {
    const cfg = write(
      'named.json',
      JSON.stringify({
        reps: [{id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'}, {id: 'boss'}],
        territories: [
          {id: 'tx', name: 'Texas', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana']},
        ],
        pool: {reps: []},
        cascade: ['exact'],
      }),
    );
    const csv = write('named.csv', 'id,state,Expected Owner,expected_territory\n1,TX,Ana Diaz,Texas\n2,NY,none,none\n');
    expect(spawnCli(['test', '--config', cfg, '--cases', csv, '--now', NOW]).out.trim()).toBe(
      '2 cases: 2 passed, 0 failed',
    );
    const jsonl = write(
      'named.jsonl',
      [
        {id: 1, state: 'TX', expect: {owner: 'ANA@example.com', stage: 'exact'}},
        {id: 2, state: 'NY', expect: {stage: 'unassigned'}},
      ]
        .map(x => JSON.stringify(x))
        .join('\n'),
    );
    expect(spawnCli(['test', '--config', cfg, '--cases', jsonl, '--now', NOW]).code).toBe(0);
  });

  test('per-case time (case.now) and state (case.state), and --state for every case', () => {
    const cfg = {
      reps: [
        {id: 'day', timezone: 'America/Chicago', hours: {'mon-fri': '08:00-18:00'}},
        {id: 'night', timezone: 'America/Chicago'},
      ],
      territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['day', 'night']}],
    };
    const cfgFile = write('shift.json', JSON.stringify(cfg));
    // after one TX lead the rotation's last assignee is "day": the next case goes to "night"
    const after = routeBatch([{state: 'TX'}], cfg, undefined, NOW).state;
    write('after-day.json', JSON.stringify(after));
    const cases = write(
      'shift.csv',
      [
        'id,state,case.now,case.state,expect.owner',
        'noon,TX,,,day',
        'night,TX,2026-11-24T09:00:00Z,,night',
        'next,TX,,after-day.json,night',
      ].join('\n'),
    );
    const r = spawnCli(['test', '--config', cfgFile, '--cases', cases, '--now', NOW]);
    expect(r.out.trim()).toBe('3 cases: 3 passed, 0 failed');
    expect(r.code).toBe(0);
    // --state: every case starts from it (the first case now goes to night too)
    const all = spawnCli([
      'test',
      '--config',
      cfgFile,
      '--cases',
      cases,
      '--now',
      NOW,
      '--state',
      path.join(dir, 'after-day.json'),
    ]);
    expect(all.code).toBe(1);
    expect(all.out).toContain('FAIL case 1 (lead noon): owner expected day, got night');
  });

  test('bad cases name the case and exit 2 (a state file that cannot be read exits 1); wrong usage exits 2', () => {
    const noExpect = write('plain.csv', 'id,state\n1,TX\n');
    const none = spawnCli(['test', '--config', tied, '--cases', noExpect]);
    expect(none.err).toContain('case 1 (lead 1) expects nothing');
    expect(none.code).toBe(2);
    const badStage = write('stage.csv', 'id,state,expect.stage\n1,TX,exactly\n');
    const r = spawnCli(['test', '--config', tied, '--cases', badStage]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('case 1 (lead 1): expect.stage "exactly" is not a stage (did you mean exact?)');
    const badNow = write('now.csv', 'id,state,case.now,expect.stage\n1,TX,yesterday,exact\n');
    expect(spawnCli(['test', '--config', tied, '--cases', badNow]).err).toContain(
      'case 1 (lead 1): case.now "yesterday" is not an ISO 8601',
    );
    const missingState = write('st.csv', 'id,state,case.state,expect.stage\n1,TX,gone.json,exact\n');
    const missing = spawnCli(['test', '--config', tied, '--cases', missingState]);
    expect(missing.err).toContain('case 1 (lead 1): case.state gone.json does not exist');
    expect(missing.code).toBe(1);
    expect(spawnCli(['test', '--config', tied, '--cases', golden, '--state', tied]).err).toContain(
      'is not a lead-routing state file',
    );
    expect(spawnCli(['test', '--config', tied]).code).toBe(2);
    expect(spawnCli(['test', '--config', tied, '--case', golden]).err).toContain('did you mean --cases?');
    expect(spawnCli(['test', '--config', tied, '--cases', golden, '--format', 'yaml']).code).toBe(2);
  });

  // newcomer report, item 2: unknown expectation columns and keys were ignored and the case passed
  test('an unknown expect.* / case.* column or key, or a malformed expect value, is exit 2 naming it and the case', () => {
    const bad: Array<[string, string, string]> = [
      [
        'ownr.csv',
        'id,state,expect.ownr,expect.stage\nG1,TX,ben,exact\n',
        'case 1 (lead G1): unknown case column "expect.ownr" (did you mean expect.owner?)',
      ],
      [
        'statecol.csv',
        'id,state,expect.owner,expect.state\nG1,TX,ana,CA\n',
        'case 1 (lead G1): unknown case column "expect.state" (did you mean expect.stage?)',
      ],
      [
        'expected.csv',
        'id,state,Expected Ownr\nG1,TX,ana\n',
        'unknown case column "Expected Ownr" (did you mean expect.owner?)',
      ],
      [
        'casecol.csv',
        'id,state,case.nwo,expect.owner\nG1,TX,2026-11-23,ana\n',
        'unknown case column "case.nwo" (did you mean case.now?)',
      ],
      [
        'typo.jsonl',
        '{"id":"J2","state":"TX","expect":{"owner":"ana"}}\n{"id":"J1","state":"TX","expect":{"ownr":"ben"}}\n',
        'case 2 (lead J1): unknown case column "expect.ownr" (did you mean expect.owner?)',
      ],
      [
        'str.json',
        '[{"id":"A2","state":"TX","expect":"ana"}]',
        'case 1 (lead A2): "expect" must be an object like {"owner": "ana", "stage": "exact"}, not "ana"',
      ],
      [
        'arr.json',
        '[{"id":"A5","state":"TX","expect":{"owner":["ana","ben"]}}]',
        'case 1 (lead A5): expect.owner must be text, not ["ana","ben"]',
      ],
      ['empty.json', '[{"id":"A6","state":"TX","expect":{"owner":null}}]', 'case 1 (lead A6) expects nothing'],
    ];
    for (const [name, text, message] of bad) {
      const r = spawnCli(['test', '--config', tied, '--cases', write(name, text), '--now', NOW]);
      expect({name, code: r.code, out: r.out}).toEqual({name, code: 2, out: ''});
      expect(r.err).toContain(message);
    }
    // a lead field that merely starts like one ("caseId", "expectations", "Expected Revenue") is still a lead field
    const ok = write(
      'leadish.csv',
      'id,state,caseId,expectations,Expected Revenue,expected_close_date,expect.owner\nG1,TX,77,high,5000,2026-12-01,ana\n',
    );
    expect(spawnCli(['test', '--config', tied, '--cases', ok, '--now', NOW]).out.trim()).toBe(
      '1 case: 1 passed, 0 failed',
    );
  });

  // item 3: case.now is ISO 8601 only, read like --now (the config's zone for a time without offset)
  test('case.now that is not ISO 8601 is exit 2 naming the case; ISO without offset is read in the config zone', () => {
    const cfg = write(
      'chicago.json',
      JSON.stringify({
        timezone: 'America/Chicago',
        reps: [{id: 'day', timezone: 'America/Chicago', hours: {'mon-fri': '08:00-18:00'}}, {id: 'night'}],
        territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['day']}],
        pool: {reps: ['night']},
      }),
    );
    for (const bad of [
      '11/23/2026 8:00 PM',
      'Mon, 23 Nov 2026 20:00:00 GMT',
      '1795464000000',
      '23.11.2026 20:00',
      '02/01/2026 16:00',
      '2026-02-30',
    ]) {
      const cases = write(
        'badnow.csv',
        `id,state,expect.owner,case.now\nG0,TX,day,2026-11-23T15:00\nG1,TX,day,"${bad}"\n`,
      );
      const r = spawnCli(['test', '--config', cfg, '--cases', cases, '--now', NOW]);
      expect({bad, code: r.code}).toEqual({bad, code: 2});
      expect(r.err).toContain(`case 2 (lead G1): case.now "${bad}" is not an ISO 8601 date or date-time`);
    }
    const num = write('numnow.json', '[{"id":"A3","state":"TX","expect.owner":"day","case":{"now":1795449600000}}]');
    const r = spawnCli(['test', '--config', cfg, '--cases', num, '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'case 1 (lead A3): case.now must be an ISO 8601 date or date-time as text, not 1795449600000',
    );
    // without an offset: Chicago wall time (08:30 is within day's hours; read as UTC it would be 02:30
    // in Chicago, and 19:30 would be 13:30); an offset written wins
    const zoned = write(
      'zoned.csv',
      'id,state,expect.owner,case.now\nG1,TX,day,2026-11-23 08:30\nG2,TX,night,2026-11-23T19:30\nG3,TX,day,2026-11-23T19:30:00+00:00\n',
    );
    const z = spawnCli(['test', '--config', cfg, '--cases', zoned, '--now', NOW]);
    expect(z).toMatchObject({code: 0, err: ''});
    expect(z.out.trim()).toBe('3 cases: 3 passed, 0 failed');
    // --now follows the same rule: an epoch number is not ISO 8601
    expect(spawnCli(['test', '--config', cfg, '--cases', zoned, '--now', '1795464000000']).code).toBe(2);
  });

  // item 4: an expected owner / territory the config does not have is not a routing mismatch
  test('an expected owner or territory missing from the config is exit 2 naming the case (not a mismatch)', () => {
    const owner = write('anna.csv', 'id,state,expect.owner\nG1,TX,ana\nG2,TX,anna\n');
    const r = spawnCli(['test', '--config', tied, '--cases', owner, '--now', NOW]);
    expect(r).toMatchObject({code: 2, out: ''});
    expect(r.err).toContain('case 2 (lead G2): expect.owner "anna" is not a rep of the config');
    expect(r.err).toContain('did you mean "ana"?');
    expect(r.err).not.toContain('expected');
    const terr = write('capped.csv', 'id,state,expect.territory\nG1,FL,capped\n');
    const t = spawnCli(['test', '--config', tied, '--cases', terr, '--now', NOW]);
    expect(t.code).toBe(2);
    expect(t.err).toContain('case 1 (lead G1): expect.territory "capped" is not a territory of the config');
    const fine = write('fine.csv', 'id,state,expect.owner,expect.territory\nG1,NY,cy,none\nG2,TX,ana,Texas\n');
    expect(spawnCli(['test', '--config', tied, '--cases', fine, '--now', NOW]).code).toBe(0);
  });

  // item 5: a case.state that is not a state file names the case and the case.state column, not --state
  test('a case.state that is a config names the case and the case.state column', () => {
    const cases = write('casestate.csv', 'id,state,expect.owner,case.state\nK1,TX,ana,tied.json\n');
    const r = spawnCli(['test', '--config', tied, '--cases', cases, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('case 1 (lead K1): case.state: tied.json is not a lead-routing state file');
    expect(r.err).toContain('Check the case.state column of this case');
    expect(r.err).not.toContain('--state');
  });
});
