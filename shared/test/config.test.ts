import fs from 'node:fs';
import path from 'node:path';
import {ConfigError} from '../config/errors';
import {parseConfig, validateConfig} from '../config/validate';
import {compileConfig} from '../compile';
import {configJsonSchema} from '../index';
import {config} from './helpers';

function issuesOf(input: unknown) {
  const r = validateConfig(input);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.issues;
}

describe('config validation', () => {
  test('defaults are filled in', () => {
    const c = parseConfig({
      reps: [{id: 'a'}],
      territories: [{id: 't', reps: ['a'], conditions: [{field: 'state', op: 'in', values: ['TX']}]}],
    });
    expect(c.cascade).toEqual(['exact', 'partial', 'specialist', 'pool', 'default']);
    expect(c.partialMinScore).toBe(1);
    expect(c.pool).toEqual({reps: 'all', strategy: 'round_robin'});
    expect(c.territories[0].match).toBe('all');
    expect(c.territories[0].strategy).toBe('round_robin');
    expect(c.territories[0].conditions[0].weight).toBe(1);
    expect(c.reps[0].available).toBe(true);
  });

  test('every problem is reported with its path', () => {
    const issues = issuesOf({
      reps: [
        {id: 'a', timezone: 'Mars/Olympus'},
        {id: 'a', hours: {monday: '09:00-17:00', tue: '9am'}},
      ],
      territories: [
        {id: 't1', reps: ['ghost'], conditions: [{field: 'zip', op: 'between', values: ['75000']}]},
        {
          id: 't1',
          reps: ['a'],
          conditions: [
            {field: 'state', op: 'in', values: []},
            {field: 'x', op: 'exists', values: [1]},
          ],
        },
      ],
      pool: {reps: ['nobody']},
      defaultOwner: 'boss',
      accountOwner: {accounts: {'acme.com': 'zed'}},
      cascade: ['exact', 'exact'],
    });
    const paths = issues.map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'reps[0].timezone',
        'reps[1].id',
        'reps[1].hours.monday',
        'reps[1].hours.tue',
        'territories[0].reps[0]',
        'territories[0].conditions[0].values',
        'territories[1].id',
        'territories[1].conditions[0].values',
        'territories[1].conditions[1].values',
        'pool.reps[0]',
        'defaultOwner',
        'accountOwner.accounts.acme.com',
        'cascade[1]',
      ]),
    );
    expect(issues.find(i => i.path === 'defaultOwner')!.message).toContain('"boss"');
  });

  test('structural and reference problems are reported together', () => {
    const issues = issuesOf({reps: [{id: 'a'}], territories: [{id: 't', reps: ['b'], prioirty: 3}]});
    expect(issues.map(i => i.path)).toEqual(expect.arrayContaining(['territories[0]', 'territories[0].reps[0]']));
    expect(issues.find(i => i.path === 'territories[0]')!.message).toContain('prioirty');
  });

  test('wrong types and enums name their path', () => {
    const issues = issuesOf({
      reps: [{id: 'a', weight: -1}],
      territories: [{id: 't', reps: ['a'], strategy: 'random', conditions: [{field: 'zip', op: 'near'}]}],
    });
    expect(issues.map(i => i.path)).toEqual(
      expect.arrayContaining(['reps[0].weight', 'territories[0].strategy', 'territories[0].conditions[0].op']),
    );
  });

  test("zod's own English messages name each structural problem (as docs/cli.md shows them)", () => {
    const issues = issuesOf({
      reps: [{id: 'a', weight: 'x', capacity: {daily: 1.5}, presence: 3, extra: 1}],
      territories: [{id: 't', reps: ['a'], strategy: 'random'}],
      cascade: ['exact', 'nope'],
    });
    const at = (path: string) => issues.filter(i => i.path === path).map(i => i.message);
    expect(at('territories[0].strategy')).toEqual([
      'Invalid option: expected one of "round_robin"|"weighted"|"least_loaded"|"longest_idle"',
    ]);
    expect(at('reps[0]')).toEqual(['Unrecognized key: "extra"']);
    expect(at('reps[0].weight')).toEqual(['Invalid input: expected number, received string']);
    expect(at('reps[0].capacity.daily')).toEqual(['Invalid input: expected int, received number']);
    expect(at('reps[0].presence')).toEqual(['Invalid input']);
    expect(at('cascade[1]')).toEqual([
      'Invalid option: expected one of "exact"|"partial"|"specialist"|"pool"|"default"',
    ]);
    expect(issuesOf({reps: []}).map(i => `${i.path}: ${i.message}`)).toEqual(['reps: at least one rep is needed']);
  });

  test('zip ranges must be US ZIP codes, low before high', () => {
    expect(
      issuesOf(
        config({
          territories: [
            {id: 't', reps: ['ana'], conditions: [{field: 'zip', op: 'between', values: ['ABC', '75000']}]},
          ],
        }),
      )[0].path,
    ).toBe('territories[0].conditions[0].values');
    expect(
      issuesOf(
        config({
          territories: [
            {id: 't', reps: ['ana'], conditions: [{field: 'zip', op: 'between', values: ['79999', '75000']}]},
          ],
        }),
      )[0].message,
    ).toContain('above');
  });

  test('parseConfig and compileConfig throw a ConfigError listing paths; never a crash', () => {
    for (const bad of [null, 42, 'nope', [], {}, {reps: 'x'}, {reps: [null]}, '{"reps":']) {
      let err: unknown;
      try {
        compileConfig(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.length).toBeGreaterThan(0);
      expect((err as ConfigError).message).toContain('Invalid routing config');
    }
  });

  test('a JSON string is accepted', () => {
    expect(validateConfig(JSON.stringify(config())).ok).toBe(true);
  });

  test('configVersion is the same for the same rules in any key order, different for other rules', () => {
    const a = compileConfig({reps: [{id: 'a', name: 'A'}], defaultOwner: 'a'});
    const b = compileConfig({defaultOwner: 'a', reps: [{name: 'A', id: 'a'}]});
    const c = compileConfig({reps: [{id: 'a', name: 'B'}], defaultOwner: 'a'});
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
  });

  test('the JSON Schema file in the package is generated from the zod schema and accepts the sample', () => {
    const schema = configJsonSchema();
    const file = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'routing-config.schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(schema)));
    const props = (schema as {properties: Record<string, unknown>}).properties;
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining([
        'reps',
        'territories',
        'cascade',
        'pool',
        'defaultOwner',
        'dedupe',
        'accountOwner',
        'intent',
        'fields',
      ]),
    );
    const sample = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'samples', 'config.json'), 'utf8'));
    expect(validateConfig(sample).ok).toBe(true);
  });
});
