// Newcomer report A1, A28, C17–C21: the built CLI (spawned) refuses an output that is an input,
// repeated single-value flags, malformed --now and stray arguments with exit 2; --aliases and
// --no-trace do what the docs say in every format; CSV cells never start a spreadsheet formula.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {csvCell, startsFormula} from '../csvCell';
import {escapeCell} from '../../apps-script/src/escape';
import {NOW, TX_CONFIG, lines, spawnCli, tmpDir, writer} from './helpers';

jest.setTimeout(120_000);
const dir = tmpDir();
const write = writer(dir);
const config = write('config.json', JSON.stringify(TX_CONFIG));
const leadsCsv = 'id,state,email\n' + Array.from({length: 50}, (_, i) => `L${i},TX,p${i}@x.com`).join('\n') + '\n';
const sha = (p: string) => fs.readFileSync(p).toString('base64');
const cli = (...argv: string[]) => spawnCli(argv, {cwd: dir});

describe('A1: an output that is one of the inputs is refused before anything is read or written', () => {
  const leads = write('leads.csv', leadsCsv);
  const state = path.join(dir, 'state.json');
  fs.writeFileSync(state, JSON.stringify({v: 1, pools: {}, reps: {}, accounts: {}, dedupe: {}}));
  fs.symlinkSync('leads.csv', path.join(dir, 'leads-link.csv'));
  fs.linkSync(leads, path.join(dir, 'leads-hard.csv'));
  const before = {leads: sha(leads), config: sha(config), state: sha(state)};

  test.each([
    ['--out is --leads', ['--leads', 'leads.csv', '--out', 'leads.csv'], '--out leads.csv is the same file as --leads'],
    ['./x vs x', ['--leads', './leads.csv', '--out', 'leads.csv'], 'same file as --leads ./leads.csv'],
    ['a symlink to the leads', ['--leads', 'leads-link.csv', '--out', 'leads.csv'], 'same file as --leads'],
    ['a hard link to the leads', ['--leads', 'leads.csv', '--out', 'leads-hard.csv'], 'same file as --leads'],
    ['--out is --config', ['--leads', 'leads.csv', '--out', 'config.json'], 'same file as --config'],
    ['--out is --state', ['--leads', 'leads.csv', '--state', 'state.json', '--out', './state.json'], '--state'],
    ['--state is --leads', ['--leads', 'leads.csv', '--state', 'leads.csv'], 'same file as --leads'],
    ['--out is the state key', ['--leads', 'leads.csv', '--state', 'state.json', '--out', 'state.json.key'], 'key'],
  ])('%s: exit 2, inputs untouched, nothing written', (_name, argv, message) => {
    const r = cli('route', '--config', 'config.json', '--now', NOW, ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('nothing was read or written');
    expect(r.out).toBe('');
    expect({leads: sha(leads), config: sha(config), state: sha(state)}).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'state.json.key'))).toBe(false);
  });

  test('the new output names no input: the run goes ahead', () => {
    const r = cli('route', '--config', 'config.json', '--leads', 'leads.csv', '--out', 'decisions.jsonl', '--now', NOW);
    expect(r.code).toBe(0);
    expect(lines(fs.readFileSync(path.join(dir, 'decisions.jsonl'), 'utf8'))).toHaveLength(50);
  });

  test('simulate: --out or --changes naming a config or the leads is refused too', () => {
    const a = cli('simulate', '--config', 'config.json', '--leads', 'leads.csv', '--out', 'leads.csv', '--now', NOW);
    expect(a.code).toBe(2);
    const b = cli('simulate', '--config', 'config.json', '--compare', 'config.json', '--leads', 'leads.csv');
    expect(b.code).toBe(0); // two reads of one file are fine
    const c = cli(
      ...['simulate', '--config', 'config.json', '--compare', 'config.json', '--leads', 'leads.csv'],
      ...['--changes', 'config.json'],
    );
    expect(c.code).toBe(2);
    expect(sha(config)).toBe(before.config);
    expect(sha(leads)).toBe(before.leads);
  });
});

describe('C17: a flag that takes a value may be given once', () => {
  test.each([
    [['--config', 'config.json', '--config', 'other.json', '--leads', 'x.csv'], '--config given twice'],
    [['--config', 'config.json', '--leads', 'a.csv', '--leads=b.csv'], '--leads given twice'],
    [['--config', 'config.json', '--leads', 'a.csv', '--format', 'csv', '--format', 'json'], '--format given twice'],
  ])('%j: exit 2', (argv, message) => {
    const r = cli('route', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test('a repeated boolean flag is harmless and accepted', () => {
    const leads = write('b.csv', leadsCsv);
    const r = cli('route', '--config', 'config.json', '--leads', leads, '-q', '--quiet', '--now', NOW);
    expect(r.code).toBe(0);
  });
});

describe('C18: a malformed --now is wrong usage (exit 2), not bad input', () => {
  const leads = write('c.csv', leadsCsv);
  test.each(['yesterday', '1e20', '2026-13-45', '2026-02-30', '2026-11-23T25:00:00Z', '2026-11-23T10:00+24:00'])(
    '--now %s',
    bad => {
      for (const verb of [
        ['route', '--leads', leads],
        ['simulate', '--leads', leads],
        ['test', '--cases', leads],
      ]) {
        const r = cli(verb[0], '--config', 'config.json', ...verb.slice(1), '--now', bad);
        expect({verb: verb[0], code: r.code}).toEqual({verb: verb[0], code: 2});
        expect(r.err).toContain(`--now "${bad}" is not a`);
      }
    },
  );

  test('zone-less --now is read in --timezone (else the config’s, else UTC), never the machine’s zone', () => {
    const at = (...extra: string[]) => {
      const r = spawnCli(['route', '--config', 'config.json', '--leads', leads, ...extra], {
        cwd: dir,
        env: {...process.env, TZ: 'Asia/Kolkata'},
      });
      expect(r.code).toBe(0);
      return lines(r.out)[0].decidedAt;
    };
    expect(at('--now', '2026-11-23T16:00')).toBe('2026-11-23T16:00:00.000Z');
    expect(at('--now', '2026-11-23T16:00', '--timezone', 'America/Chicago')).toBe('2026-11-23T22:00:00.000Z');
    expect(at('--now', '2026-11-23')).toBe('2026-11-23T00:00:00.000Z');
    expect(at('--now', '2026-11-23T16:00:00.250+05:30')).toBe('2026-11-23T10:30:00.250Z');
  });
});

describe('C19: stray arguments after --version or help are wrong usage', () => {
  test.each([
    [['--version', 'extra'], '--version takes no argument'],
    [['-V', 'route'], '-V takes no argument'],
    [['help', 'route', 'extra'], 'takes at most one verb'],
    [['--help', 'nosuchverb'], 'unknown verb "nosuchverb"'],
  ])('%j: exit 2', (argv, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  test('--version alone and --help <verb> still work', () => {
    expect(cli('--version')).toMatchObject({code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/)});
    expect(cli('--help', 'route')).toMatchObject({code: 0, out: expect.stringContaining('usage: lead-routing route')});
  });
});

describe('C20, C21: --aliases and --no-trace in every output format', () => {
  const leads = write('d.csv', 'id,state\nk1,TX\nk2,CA\n');
  const route = (...extra: string[]) =>
    cli('route', '--config', 'config.json', '--leads', leads, '--now', NOW, ...extra);

  test('--aliases adds the alias columns to CSV, as keys to JSON Lines and JSON', () => {
    const csv = parse(route('--format', 'csv', '--aliases').out, {columns: true}) as Array<Record<string, string>>;
    expect(
      csv.map(r => [r.leadId, r.matched_territory_id, r.priority_score, r.assignment_reason === r.reason]),
    ).toEqual([
      ['k1', 'tx', '1', true],
      ['k2', '', '', true],
    ]);
    expect(parse(route('--format', 'csv').out, {columns: true})[0]).not.toHaveProperty('matched_territory_id');
    expect(lines(route('--aliases').out)[0]).toMatchObject({matched_territory_id: 'tx', priority_score: 1});
    expect(JSON.parse(route('--format', 'json', '--aliases').out)[1]).toMatchObject({matched_territory_id: null});
  });

  test('--no-trace leaves the candidates key out (assigned and unassigned decisions alike)', () => {
    const exactOnly = write('exact-only.json', JSON.stringify({...TX_CONFIG, cascade: ['exact']}));
    for (const format of ['jsonl', 'json']) {
      const out = cli(
        ...['route', '--config', exactOnly, '--leads', leads, '--now', NOW, '--format', format, '--no-trace'],
      ).out;
      expect(out).not.toContain('candidates');
      const ds = format === 'json' ? JSON.parse(out) : lines(out);
      expect(ds.map((d: {leadId: string; stage: string}) => [d.leadId, d.stage])).toEqual([
        ['k1', 'exact'],
        ['k2', 'unassigned'],
      ]);
    }
    expect(lines(route().out)[0].candidates.length).toBeGreaterThan(0);
  });
});

describe('A28: CSV decisions never start a spreadsheet formula', () => {
  const hostile = ['=HYPERLINK("http://evil","x")', '+1-800', '@SUM(A1)', '-2+3', '\tTAB', '=1+1'];
  const leads = write(
    'formula.csv',
    'id,state\n' + hostile.map(h => `"${h.replace(/"/g, '""')}",TX`).join('\n') + '\n',
  );

  test('each such cell gets a leading apostrophe; --raw-csv keeps it as it is', () => {
    const rows = (...extra: string[]) =>
      (
        parse(
          cli('route', '--config', 'config.json', '--leads', leads, '--now', NOW, '--format', 'csv', ...extra).out,
          {
            columns: true,
          },
        ) as Array<Record<string, string>>
      ).map(r => r.leadId);
    expect(rows()).toEqual(hostile.map(h => "'" + h));
    expect(rows('--raw-csv')).toEqual(hostile);
    expect(cli('route', '--config', 'config.json', '--leads', leads, '--raw-csv').code).toBe(2);
  });

  test('the rule is the add-on’s: plain numbers stay, the same texts are neutralised', () => {
    for (const s of [...hostile, '-12', '+3.5', '1e5', 'plain', '', '- dash text', '@', '=']) {
      const addOn = escapeCell(s);
      expect([s, csvCell(s)]).toEqual([s, addOn]);
      expect(startsFormula(s)).toBe(addOn !== s);
    }
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});
