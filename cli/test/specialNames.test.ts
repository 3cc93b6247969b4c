// Issue 11 #8 on the CLI (the built binary): special names are ordinary names in validate and route.
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {bin, tmpDir, writer} from './helpers';

const tmp = tmpDir();
const write = writer(tmp);
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8'});
const decisions = (stdout: string) =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('{'))
    .map(l => JSON.parse(l) as {ownerId: string | null; stage: string});

describe.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])('the name %s', name => {
  it('validates and routes as a condition and dedupe field', () => {
    const config = write(
      `c-${name}.json`,
      JSON.stringify({
        reps: [{id: 'ana'}, {id: 'ben'}],
        territories: [{id: 't', conditions: [{field: name, op: 'in', values: ['x']}], reps: ['ana']}],
        cascade: ['exact', 'pool'],
        pool: {reps: ['ben']},
        dedupe: {fields: [name]},
      }),
    );
    expect(cli('validate', '--config', config).status).toBe(0);
    // (JSON Lines: each lead is read with JSON.parse, which keeps "__proto__" as an own field)
    const leads = write(`l-${name}.jsonl`, `{"id": 1, "${name}": "x"}\n{"id": 2}\n{"id": 3, "${name}": "y"}\n`);
    const r = cli('route', '--config', config, '--leads', leads, '--now', '2026-11-23T16:00:00Z');
    expect(r.stderr).not.toMatch(/is not a function/);
    expect(r.status).toBe(0);
    expect(decisions(r.stdout).map(d => d.ownerId)).toEqual(['ana', 'ben', 'ben']);
    // The same leads as a JSON array and wrapped in {"leads": [...]}, read by the streaming JSON reader.
    const rows = `{"id": 1, "${name}": "x"}, {"id": 2}, {"id": 3, "${name}": "y"}`;
    for (const text of [`[${rows}]`, `{"leads": [${rows}]}`]) {
      const file = write(`l-${name}-${text.length}.json`, text);
      const a = cli('route', '--config', config, '--leads', file, '--now', '2026-11-23T16:00:00Z');
      expect(a.status).toBe(0);
      expect(decisions(a.stdout).map(d => d.ownerId)).toEqual(['ana', 'ben', 'ben']);
    }
  });

  it('as a rep id keeps its daily cap across runs on one state file', () => {
    const config = write(
      `cap-${name}.json`,
      JSON.stringify({
        reps: [{id: name, capacity: {daily: 1}}, {id: 'b'}],
        cascade: ['pool'],
        pool: {reps: [name, 'b']},
      }),
    );
    const state = path.join(tmp, `state-${name}.json`);
    const owners: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      // A new lead each run (one id routed again to another rep would be a re-route: credited back).
      const leads = write(`one-${name}-${i}.json`, `[{"id": ${i + 1}}]`);
      const r = cli('route', '--config', config, '--leads', leads, '--state', state, '--now', '2026-11-23T16:00:00Z');
      expect(r.status).toBe(0);
      owners.push(...decisions(r.stdout).map(d => d.ownerId));
    }
    expect(owners.filter(o => o === name)).toHaveLength(1);
  });
});

it('hours keyed "__proto__" is rejected with its path', () => {
  const config = write('hours.json', '{"reps": [{"id": "a", "hours": {"__proto__": "09:00-17:00"}}]}');
  const r = cli('validate', '--config', config);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('reps[0].hours.__proto__');
});
