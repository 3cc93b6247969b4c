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

  test('bad cases exit 1 naming the problem; wrong usage exits 2', () => {
    const noExpect = write('plain.csv', 'id,state\n1,TX\n');
    expect(spawnCli(['test', '--config', tied, '--cases', noExpect]).err).toContain('no case expects anything');
    expect(spawnCli(['test', '--config', tied, '--cases', noExpect]).code).toBe(1);
    const badStage = write('stage.csv', 'id,state,expect.stage\n1,TX,exactly\n');
    const r = spawnCli(['test', '--config', tied, '--cases', badStage]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('case 1: expect.stage "exactly" is not a stage');
    const badNow = write('now.csv', 'id,state,case.now,expect.stage\n1,TX,yesterday,exact\n');
    expect(spawnCli(['test', '--config', tied, '--cases', badNow]).err).toContain('case 1: case.now: "yesterday"');
    const missingState = write('st.csv', 'id,state,case.state,expect.stage\n1,TX,gone.json,exact\n');
    expect(spawnCli(['test', '--config', tied, '--cases', missingState]).err).toContain(
      'state gone.json does not exist',
    );
    expect(spawnCli(['test', '--config', tied, '--cases', golden, '--state', tied]).err).toContain(
      'is not a lead-routing state file',
    );
    expect(spawnCli(['test', '--config', tied]).code).toBe(2);
    expect(spawnCli(['test', '--config', tied, '--case', golden]).err).toContain('did you mean --cases?');
    expect(spawnCli(['test', '--config', tied, '--cases', golden, '--format', 'yaml']).code).toBe(2);
  });
});
