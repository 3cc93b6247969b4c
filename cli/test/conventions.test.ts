// Issue 16 #1: the conventions of a command-line tool.
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {NOW, TX_CONFIG, bin, lines, run, spawnCli, tmpDir, writer} from './helpers';
import {suggest} from '../args';
import {VERBS} from '../main';

jest.setTimeout(120_000);
const dir = tmpDir();
const write = writer(dir);
const config = write('config.json', JSON.stringify(TX_CONFIG));
const leadsCsv = write('leads.csv', 'id,state,email\na1,TX,a@x.com\na2,TX,b@x.com\na3,TX,c@x.com\n');
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('help and version', () => {
  test('-h, --help and help list every verb on stdout, exit 0; no verb at all is exit 2 on stderr', async () => {
    for (const h of [['-h'], ['--help'], ['help']]) {
      const r = await run(h);
      expect(r.code).toBe(0);
      for (const v of VERBS) expect(r.out).toMatch(new RegExp(`^  ${v.name}\\s`, 'm'));
    }
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.out).toBe('');
    expect(bare.err).toContain('usage: lead-routing <verb>');
  });

  test('help <verb> and <verb> --help / -h print the same per-verb usage with flags and examples', async () => {
    for (const v of VERBS) {
      const a = await run(['help', v.name]);
      const b = await run([v.name, '--help']);
      const c = await run([v.name, '-h']);
      expect(a.code).toBe(0);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(a.out).toContain(`usage: lead-routing ${v.name}`);
      expect(a.out).toMatch(/^examples:\n {2}lead-routing /m);
      for (const f of Object.keys(v.flags)) expect(a.out).toContain(`--${f}`);
    }
    expect((await run(['help', 'rout'])).err).toContain('did you mean route?');
  });

  test('--version prints the package version', async () => {
    expect((await run(['--version'])).out.trim()).toBe(pkg.version);
    expect(spawnCli(['--version']).out.trim()).toBe(pkg.version);
  });
});

describe('strict flags', () => {
  test('an unknown or mistyped flag is exit 2 with "did you mean" (issue 12 #10: --time_field)', async () => {
    const r = await run(['route', '--config', config, '--leads', leadsCsv, '--time_field', 'createdAt']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown flag --time_field — did you mean --time-field?');
    expect(r.out).toBe('');
    const far = await run(['route', '--config', config, '--leads', leadsCsv, '--colour']);
    expect(far.code).toBe(2);
    expect(far.err).toContain('unknown flag --colour');
    expect(far.err).not.toContain('did you mean');
    expect((await run(['simulate', '--config', config, '--lead', leadsCsv])).err).toContain('did you mean --leads?');
  });

  test('missing values, values on switches, stray arguments and bad choices are usage errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['route', '--config', config, '--leads'], /--leads needs a value/],
      [['route', '--config', config, '--leads', '--now', NOW], /--leads needs a value/],
      [['route', '--config', config, '--leads', leadsCsv, '--aliases=yes'], /--aliases takes no value/],
      [['route', '--config', config, leadsCsv], /unexpected argument/],
      [
        ['route', '--config', config, '--leads', leadsCsv, '--format', 'xml'],
        /--format must be one of jsonl, csv, json/,
      ],
      [['route', '--config', config, '--leads', leadsCsv, '--format', 'jsnol'], /did you mean jsonl/],
      [['route', '--config', config, '--leads', leadsCsv, '--timezone', 'Mars/Base'], /not an IANA time zone/],
      [
        ['route', '--config', config, '--leads', leadsCsv, '--date-order', 'YMD'],
        /--date-order must be one of MDY, DMY/,
      ],
      [
        ['route', '--config', config, '--leads', leadsCsv, '--now', 'yesterday'],
        /--now "yesterday" is not a timestamp/,
      ],
      [['route', '--config', config, '--leads', leadsCsv, '--now', '1e20'], /--now "1e20" is not a timestamp/],
      [['route', '--config', config, '--leads', leadsCsv, '--now', '2026-13-45'], /--now "2026-13-45" is not/],
      [['frobnicate'], /unknown verb "frobnicate"/],
      [['--config', config], /a verb comes first/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect({argv, code: r.code}).toEqual({argv, code: 2});
      expect(r.err).toMatch(message);
    }
  });

  test('--now without an offset is read in --timezone (else UTC), never in the machine zone', () => {
    const decidedAt = (extra: string[]) =>
      lines(
        spawnCli(['route', '--config', config, '--leads', leadsCsv, '--now', '2026-12-01T15:00:00', ...extra], {
          env: {...process.env, TZ: 'Asia/Tokyo'},
        }).out,
      )[0].decidedAt;
    expect(decidedAt([])).toBe('2026-12-01T15:00:00.000Z');
    expect(decidedAt(['--timezone', 'America/Chicago'])).toBe('2026-12-01T21:00:00.000Z');
  });

  test('suggest: typos within a third of the name, _ and - alike', () => {
    expect(suggest('time_field', ['time-field', 'timezone'])).toBe('time-field');
    expect(suggest('stat', ['state', 'out'])).toBe('state');
    expect(suggest('xyz', ['state', 'out'])).toBeNull();
  });
});

describe('input and output', () => {
  test('--leads - reads stdin (CSV and JSON Lines), same decisions as the file', async () => {
    const text = fs.readFileSync(leadsCsv, 'utf8');
    const fromFile = await run(['route', '--config', config, '--leads', leadsCsv, '--now', NOW]);
    const fromStdin = await run(['route', '--config', config, '--leads', '-', '--now', NOW], text);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.out).toBe(fromFile.out);
    const jsonl = '{"id":"j1","state":"TX"}\n{"id":"j2","state":"TX"}\n';
    const spawned = spawnCli(['route', '--config', config, '--leads', '-', '--now', NOW], {input: jsonl});
    expect(spawned.code).toBe(0);
    expect(lines(spawned.out).map(d => [d.leadId, d.ownerId])).toEqual([
      ['j1', 'ana'],
      ['j2', 'ben'],
    ]);
  });

  test('the file type comes from the content, whatever the extension; --leads-format overrides', async () => {
    const asTxt = write('leads.txt', fs.readFileSync(leadsCsv, 'utf8'));
    const jsonl = write('leads.csv.json', '{"id":"a1","state":"TX"}\n{"id":"a2","state":"TX"}\n');
    const array = write('export.dat', JSON.stringify([{id: 'a1', state: 'TX'}]));
    const wrapped = write('wrapped.csv', JSON.stringify({leads: [{id: 'w1', state: 'TX'}]}, null, 2));
    for (const [file, ids] of [
      [asTxt, ['a1', 'a2', 'a3']],
      [jsonl, ['a1', 'a2']],
      [array, ['a1']],
      [wrapped, ['w1']],
    ] as const) {
      const r = await run(['route', '--config', config, '--leads', file, '--now', NOW]);
      expect({file, code: r.code, err: r.err}).toEqual({file, code: 0, err: ''});
      expect(lines(r.out).map(d => d.leadId)).toEqual(ids);
    }
    // A JSON Lines file forced to be read as CSV: its "header" matches no field, a clear error.
    const forced = await run(['route', '--config', config, '--leads', jsonl, '--leads-format', 'csv']);
    expect(forced.code).toBe(1);
    expect(forced.err).toContain('no column matches a field the config reads');
  });

  test('--out FILE and --format jsonl|csv|json give the same decisions', async () => {
    const base = lines((await run(['route', '--config', config, '--leads', leadsCsv, '--now', NOW])).out);
    const out = path.join(dir, 'decisions.json');
    const r = await run([
      'route',
      '--config',
      config,
      '--leads',
      leadsCsv,
      '--now',
      NOW,
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(base);
    const csv = (await run(['route', '--config', config, '--leads', leadsCsv, '--now', NOW, '--format', 'csv'])).out;
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe(
      'leadId,ownerId,ownerName,ownerEmail,stage,territoryId,territoryName,score,reason,decidedAt,configVersion,warnings',
    );
    expect(rows.slice(1).map(r2 => r2.split(',').slice(0, 2).join(','))).toEqual(
      base.map(d => `${d.leadId},${d.ownerId}`),
    );
    const empty = write('none.json', '[]');
    expect(JSON.parse((await run(['route', '--config', config, '--leads', empty, '--format', 'json'])).out)).toEqual(
      [],
    );
  });

  test('a closed pipe (route … | head) ends quietly: exit 0, no stack trace, state not written', () => {
    const many = write('many.jsonl', Array.from({length: 200000}, (_, i) => `{"id":${i},"state":"TX"}`).join('\n'));
    const state = path.join(dir, 'pipe-state.json');
    const cmd = `"${process.execPath}" "${bin}" route --config "${config}" --leads "${many}" --now ${NOW} --state "${state}"`;
    const sh = spawnSync('bash', ['-c', `${cmd} | head -n 2; exit \${PIPESTATUS[0]}`], {encoding: 'utf8'});
    expect(sh.stdout.split('\n').filter(l => l.startsWith('{')).length).toBe(2);
    expect(sh.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
    expect(sh.status).toBe(0);
    expect(sh.stderr).toContain('output closed after');
    expect(fs.existsSync(state)).toBe(false);
    expect(fs.existsSync(state + '.lock')).toBe(false);
  });
});

describe('progress on stderr', () => {
  const {PassThrough} = require('node:stream') as typeof import('node:stream');
  const {Progress} = require('../progress') as typeof import('../progress');
  const drive = (isTTY: boolean, quiet = false) => {
    const err = Object.assign(new PassThrough(), {isTTY});
    let text = '';
    err.on('data', b => (text += b));
    const p = new Progress(err, () => 500, 1000, quiet);
    for (let i = 0; i < 1024; i++) p.tick();
    p.done();
    return text;
  };
  test('on a terminal: leads, leads/s, share read and ETA; nothing when piped or with --quiet', () => {
    expect(drive(true)).toMatch(/1,024 leads · [\d,]+\/s · 50% · ETA \d+:\d\d/);
    expect(drive(false)).toBe('');
    expect(drive(true, true)).toBe('');
  });
});
