// Issue 11 #1, #4, #5 for the CLI's --state file.
import fs from 'node:fs';
import path from 'node:path';
import {TX_CONFIG, NOW, lines, run, spawnCliAsync, tmpDir, writer} from './helpers';
import {lockState, stateSecret} from '../stateFile';

jest.setTimeout(300_000);
const dir = tmpDir();
const write = writer(dir);
const config = write('config.json', JSON.stringify(TX_CONFIG));
const oneLead = write('one.jsonl', '{"id":"l1","state":"TX"}\n');
const route = (state: string, extra: string[] = []) =>
  run(['route', '--config', config, '--leads', oneLead, '--now', NOW, '--state', state, ...extra]);

describe('a file that is not a lead-routing state is refused and left untouched (issue 11 #1)', () => {
  const cases: Array<[string, string]> = [
    ['the config', fs.readFileSync(config, 'utf8')],
    ['[]', '[]'],
    ['42', '42'],
    ['null', 'null'],
    ['{"pools":5}', '{"pools":5}'],
    ['an empty file', ''],
    ['the leads file', fs.readFileSync(oneLead, 'utf8')],
    ['a CSV', 'id,state\n1,TX\n'],
    ['{}', '{}'],
  ];
  test.each(cases)('%s', async (_name, text) => {
    const file = write(`not-state-${cases.findIndex(c => c[1] === text)}.json`, text);
    const r = await route(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file} is not a lead-routing state file`);
    expect(r.err).toContain('to start from empty state, move the file away');
    expect(r.out).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.existsSync(file + '.lock')).toBe(false);
  });

  test('a state from a newer version is refused, not downgraded', async () => {
    const text = '{"v":2,"pools":{},"reps":{},"accounts":{},"dedupe":{},"ledger":{}}';
    const file = write('newer.json', text);
    const r = await route(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('written by a newer version');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  test('the config passed as the state is still the config after the run', async () => {
    const before = fs.readFileSync(config, 'utf8');
    // refused as wrong usage before anything is read: the state is written, so it may not be an input
    const r = await route(config);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is the same file as --config');
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
  });
});

describe('writes (issue 11 #5)', () => {
  test('a symlinked --state writes its target; the link stays a link', async () => {
    const target = path.join(dir, 'real-state.json');
    const link = path.join(dir, 'link-state.json');
    fs.symlinkSync('real-state.json', link);
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push(lines((await route(link)).out)[0].ownerId);
    expect(owners).toEqual(['ana', 'ben', 'ana']);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).pools.tx.last).toBe('ana');
  });

  test('the file mode is kept (0600 stays 0600)', async () => {
    const file = path.join(dir, 'private.json');
    expect((await route(file)).code).toBe(0);
    fs.chmodSync(file, 0o600);
    expect((await route(file)).code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test('temp files of a killed run are cleaned; no temp file is left after a run', async () => {
    const file = path.join(dir, 'killed.json');
    expect((await route(file)).code).toBe(0);
    const leftovers = [`${file}.12345.tmp`, `${file}.999.tmp`, `${file}.tmp`];
    for (const f of leftovers) fs.writeFileSync(f, '{"half":');
    expect((await route(file)).code).toBe(0);
    for (const f of leftovers) expect(fs.existsSync(f)).toBe(false);
    expect(fs.readdirSync(dir).filter(f => f.startsWith('killed.json'))).toEqual(['killed.json', 'killed.json.key']);
  });

  test('a stale lock (its process is gone) is taken over; a live one makes the run wait, then refuse', async () => {
    const file = path.join(dir, 'locked.json');
    fs.writeFileSync(`${file}.lock`, `2147483646 ${require('node:os').hostname()}\n`);
    expect((await route(file)).code).toBe(0);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    const held = await lockState(file, file, 0);
    const r = await route(file, ['--lock-timeout', '0.2']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is in use by another run');
    held.release();
    expect((await route(file)).code).toBe(0);
  });
});

describe('two concurrent runs on one state file (issue 11 #4)', () => {
  test('20 rounds of two spawned route runs: every assignment counted, each round splits between the reps', async () => {
    const file = path.join(dir, 'concurrent.json');
    const owners: string[][] = [];
    for (let round = 0; round < 20; round++) {
      const [a, b] = await Promise.all(
        ['x', 'y'].map(k =>
          spawnCliAsync([
            'route',
            '--config',
            config,
            '--leads',
            write(`c-${round}-${k}.jsonl`, `{"id":"${round}${k}","state":"TX"}\n`),
            '--now',
            NOW,
            '--state',
            file,
          ]),
        ),
      );
      expect([a.code, b.code, a.err, b.err]).toEqual([0, 0, '', '']);
      owners.push([lines(a.out)[0].ownerId, lines(b.out)[0].ownerId].sort());
    }
    for (const pair of owners) expect(pair).toEqual(['ana', 'ben']);
    const counts = owners.flat().reduce<Record<string, number>>((m, o) => ({...m, [o]: (m[o] ?? 0) + 1}), {});
    expect(counts).toEqual({ana: 20, ben: 20});
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).v).toBe(1);
  });
});

describe('the keyed-pseudonym secret (common interface 8)', () => {
  test('env LEAD_ROUTING_SECRET wins; else <state>.key is created once with mode 0600 and reused', () => {
    const target = path.join(dir, 'keyed.json');
    expect(stateSecret(target, {LEAD_ROUTING_SECRET: 's3cret'})).toBe('s3cret');
    expect(fs.existsSync(`${target}.key`)).toBe(false);
    const k1 = stateSecret(target, {});
    expect(k1).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(`${target}.key`).mode & 0o777).toBe(0o600);
    expect(stateSecret(target, {})).toBe(k1);
  });
});

test('route with --state creates <state>.key (0600) once, beside the state’s target; the env secret makes none', async () => {
  const file = path.join(dir, 'with-key.json');
  expect((await route(file)).code).toBe(0);
  expect(fs.statSync(`${file}.key`).mode & 0o777).toBe(0o600);
  const key = fs.readFileSync(`${file}.key`, 'utf8');
  expect((await route(file)).code).toBe(0);
  expect(fs.readFileSync(`${file}.key`, 'utf8')).toBe(key);
  const envFile = path.join(dir, 'env-key.json');
  const r = await run(['route', '--config', config, '--leads', oneLead, '--now', NOW, '--state', envFile], '', {
    LEAD_ROUTING_SECRET: 'from-env',
  });
  expect(r.code).toBe(0);
  expect(fs.existsSync(`${envFile}.key`)).toBe(false);
});
