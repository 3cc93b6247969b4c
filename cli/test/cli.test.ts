import fs from 'node:fs';
import path from 'node:path';
import {execFileSync, spawnSync} from 'node:child_process';
import {routeBatch} from '../../shared/router';
import {openLeads} from '../leads';
import {Readable} from 'node:stream';
import {bin, root, run as runArgv, tmpDir, TX_CONFIG, writer} from './helpers';

jest.setTimeout(120_000);
const sampleConfig = path.join(root, 'shared/samples/config.json');
const sampleLeads = path.join(root, 'shared/samples/leads.csv');
const tmp = tmpDir();
const write = writer(tmp);

/** The CLI in-process (helpers' run at its NOW), its output without the final line break. */
async function run(...argv: string[]) {
  const r = await runArgv(argv);
  return {code: r.code, out: r.out.trimEnd(), err: r.err.trimEnd()};
}

const config = write('config.json', JSON.stringify(TX_CONFIG));

describe('lead-routing validate', () => {
  test('a valid config: exit 0 with a summary', async () => {
    const r = await run('validate', '--config', sampleConfig);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid — 15 reps, 12 territories/);
  });

  test('an invalid config: exit 1 naming every problem path, no stack trace', async () => {
    const bad = write(
      'bad.json',
      JSON.stringify({reps: [{id: 'a'}], territories: [{id: 't', reps: ['zz'], strategy: 'x'}], defaultOwner: 'q'}),
    );
    const r = await run('validate', '--config', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('territories[0].strategy');
    expect(r.err).toContain('territories[0].reps[0]: unknown rep "zz"');
    expect(r.err).toContain('defaultOwner');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('unreadable or malformed files: exit 1 with the file named', async () => {
    expect(await run('validate', '--config', path.join(tmp, 'missing.json'))).toMatchObject({code: 1});
    expect((await run('validate', '--config', path.join(tmp, 'missing.json'))).err).toContain('ENOENT');
    expect(await run('validate', '--config', write('broken.json', '{"reps": ['))).toMatchObject({code: 1});
  });

  test('usage errors: exit 2 with help', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('validate')).err).toContain('--config is required');
  });
});

describe('lead-routing route', () => {
  test('a rep with capacity.open 0 and no openLoad gets no lead (lint agrees: it takes none)', async () => {
    const caps = write(
      'open0.json',
      JSON.stringify({
        reps: [{id: 'cy', capacity: {open: 0}}, {id: 'mgr'}],
        territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['cy']}],
        pool: {reps: []},
        defaultOwner: 'mgr',
      }),
    );
    const leads = write('open0.csv', 'id,state\nX1,TX\n');
    const r = await run('route', '--config', caps, '--leads', leads, '--now', '2026-11-23T16:00:00Z', '--no-trace');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ownerId: 'mgr', stage: 'default'});
  });

  test('JSON, JSON Lines and CSV leads give one decision per lead in input order, same as the core', async () => {
    const leads = [
      {id: 'a1', state: 'TX', email: 'x@y.com'},
      {id: 'a2', state: 'TX'},
      {id: 'a3', state: 'TX', email: 'X@y.com'},
    ];
    const files = [
      write('leads.json', JSON.stringify(leads)),
      write('leads.jsonl', leads.map(l => JSON.stringify(l)).join('\n') + '\n'),
      write('leads.csv', 'id,state,email\na1,TX,x@y.com\na2,TX,\na3,TX,X@y.com\n'),
    ];
    const expected = routeBatch(
      leads,
      JSON.parse(fs.readFileSync(config, 'utf8')),
      undefined,
      '2026-11-23T16:00:00Z',
    ).decisions;
    for (const f of files) {
      const r = await run('route', '--config', config, '--leads', f, '--now', '2026-11-23T16:00:00Z');
      expect(r.code).toBe(0);
      const got = r.out.split('\n').map(l => JSON.parse(l));
      expect(got.map(d => [d.leadId, d.ownerId, d.stage])).toEqual(expected.map(d => [d.leadId, d.ownerId, d.stage]));
    }
  });

  test('--state is read and written: the rotation continues across runs', async () => {
    const leads = write('two.json', JSON.stringify([{state: 'TX'}]));
    const state = path.join(tmp, 'state.json');
    const owners: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await run(
        'route',
        '--config',
        config,
        '--leads',
        leads,
        '--state',
        state,
        '--now',
        '2026-11-23T16:00:00Z',
      );
      owners.push(JSON.parse(r.out).ownerId);
    }
    expect(owners).toEqual(['ana', 'ben', 'ana']);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).pools.tx.last).toBe('ana');
  });

  test('--now sets decidedAt; --time-field routes each lead at its own time; --aliases adds the seed aliases', async () => {
    const leads = write(
      'timed.json',
      JSON.stringify([
        {state: 'TX', at: '2026-01-02T03:04:05Z'},
        {state: 'TX', at: 'garbage'},
      ]),
    );
    const r = await run(
      'route',
      '--config',
      config,
      '--leads',
      leads,
      '--now',
      '2026-11-23T16:00:00Z',
      '--time-field',
      'at',
      '--aliases',
    );
    const [a, b] = r.out.split('\n').map(l => JSON.parse(l));
    expect(a.decidedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(b.decidedAt).toBe('2026-11-23T16:00:00.000Z');
    expect(a.matched_territory_id).toBe('tx');
    expect(a.assignment_reason).toBe(a.reason);
  });

  test('unreadable leads: exit 1', async () => {
    const r = await run('route', '--config', config, '--leads', write('bad.jsonl', '{"a":1}\nnot json\n'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 2');
    expect((await run('route', '--config', config, '--leads', write('obj.json', '{"x": 1}'))).code).toBe(1);
  });
});

describe('lead-routing simulate', () => {
  test('the sample data: a readable table with per-rep, per-territory and stage counts that add up', async () => {
    const r = await run('simulate', '--config', sampleConfig, '--leads', sampleLeads, '--time-field', 'createdAt');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3000 leads, \d+ assigned, \d+ unassigned/);
    expect(r.out).toMatch(/^rep\s+zone\s+leads\s+%/m);
    expect(r.out).toMatch(/^territory\s+name\s+leads\s+%/m);
    expect(r.out).toMatch(/^fairness/m);
    const json = JSON.parse(
      (await run('simulate', '--config', sampleConfig, '--leads', sampleLeads, '--time-field', 'createdAt', '--json'))
        .out,
    );
    const s = json.a.summary;
    const stageTotal = Object.values(s.byStage as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(stageTotal).toBe(3000);
    expect(Object.values(s.byRep as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(s.assigned);
    expect(s.byStage.duplicate).toBeGreaterThan(0);
    expect(s.byStage.unassigned).toBeGreaterThan(0);
    expect(s.byStage.exact).toBeGreaterThan(0);
  });

  test('--compare: both configs side by side and how many leads change owner', async () => {
    const sample = JSON.parse(fs.readFileSync(sampleConfig, 'utf8'));
    const b = {...sample, territories: sample.territories.filter((t: {id: string}) => t.id !== 'texas')};
    const bFile = write('b.json', JSON.stringify(b));
    const r = await run(
      'simulate',
      '--config',
      sampleConfig,
      '--compare',
      bFile,
      '--leads',
      sampleLeads,
      '--time-field',
      'createdAt',
      '--json',
    );
    const sim = JSON.parse(r.out);
    expect(sim.b.summary.byTerritory.texas).toBeUndefined();
    expect(sim.changedOwner).toBeGreaterThan(0);
    const same = JSON.parse(
      (await run('simulate', '--config', sampleConfig, '--compare', sampleConfig, '--leads', sampleLeads, '--json'))
        .out,
    );
    expect(same.changedOwner).toBe(0);
    const text = (await run('simulate', '--config', sampleConfig, '--compare', bFile, '--leads', sampleLeads)).out;
    expect(text).toMatch(/Leads that change owner from A to B: \d+ of 3000/);
    expect(text).toMatch(/^rep\s+A\s+B\s+B−A$/m);
    expect(text).toMatch(/^rate\s+A\s+B\s+B−A$/m);
  });

  test('CSV sample has duplicates and junk rows, a few thousand leads', async () => {
    const leads: Array<Record<string, string>> = [];
    const src = await openLeads(sampleLeads, Readable.from([]));
    for await (const l of src.leads) leads.push(l as Record<string, string>);
    expect(leads.length).toBe(3000);
    expect(leads.some(l => l.email === '' && l.state === '')).toBe(true);
    expect(leads.some(l => l.firstName.startsWith('='))).toBe(true);
  });
});

describe('the built binary', () => {
  test('exists after the build and exits 1 without a stack trace on a bad config', async () => {
    expect(fs.existsSync(bin)).toBe(true);
    const bad = write('bad2.json', '{"reps": []}');
    const r = spawnSync(process.execPath, [bin, 'validate', '--config', bad], {encoding: 'utf8'});
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('reps');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ok = execFileSync(process.execPath, [bin, 'validate', '--config', sampleConfig], {encoding: 'utf8'});
    expect(ok).toContain('valid');
  });
});
