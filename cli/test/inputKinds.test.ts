// Newcomer report A7, A8, A11, B12–B15: leads files as people save them. Each file is generated
// here, byte by byte as the tool that writes it does, and routed by the built CLI (spawned).
import fs from 'node:fs';
import {parse} from 'csv-parse/sync';
import {decodeText, firstInvalidUtf8} from '../decode';
import {sniffFormat} from '../leads';
import {JsonSniffer, csvHead} from '../sniff';
import {NOW, lines, spawnCli, tmpDir} from './helpers';
import {createRouter} from '../../shared/router';

jest.setTimeout(120_000);
const dir = tmpDir();
const put = (name: string, data: string | Buffer) => {
  const p = `${dir}/${name}`;
  fs.writeFileSync(p, data);
  return p;
};
const CONFIG = {
  reps: [{id: 'ana'}, {id: 'ben'}, {id: 'eve'}, {id: 'qc'}, {id: 'pool'}],
  territories: [
    {id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana']},
    {id: 'ne', conditions: [{field: 'zip', op: 'between', values: ['01000', '02999']}], reps: ['eve']},
    {id: 'quebec', conditions: [{field: 'state', op: 'in', values: ['QC']}], reps: ['qc']},
  ],
  pool: {reps: ['pool']},
};
const config = put('config.json', JSON.stringify(CONFIG));
const route = (leads: string, ...extra: string[]) =>
  spawnCli(['route', '--config', config, '--leads', leads, '--now', NOW, '--no-trace', ...extra]);
const owners = (out: string) => lines(out).map(d => [d.leadId, d.territoryId]);

describe('A7: a file that is not UTF-8 is read as Windows-1252 and said so; --encoding chooses', () => {
  // Excel "CSV" on a Windows machine: Windows-1252 bytes (é = 0xE9, ü = 0xFC), CRLF.
  const cp1252 = Buffer.from('id;state;city\r\nW1;Texas;M\xfcnchen\r\nW2;Qu\xe9bec;Montr\xe9al\r\n', 'latin1');
  const file = put('windows-1252.csv', cp1252);

  test('Québec reads as Québec (territory QC), with a warning naming the byte and line', () => {
    const r = route(file);
    expect(r.code).toBe(0);
    expect(owners(r.out)).toEqual([
      ['W1', 'tx'],
      ['W2', 'quebec'],
    ]);
    expect(r.err).toContain('leads ' + file + ' is not UTF-8 (byte 0xFC on line 2); read as Windows-1252');
  });

  test('--encoding windows-1252 reads it without a guess; an unknown name is wrong usage', () => {
    const r = route(file, '--encoding', 'cp1252');
    expect(owners(r.out)[1]).toEqual(['W2', 'quebec']);
    expect(r.err).not.toContain('not UTF-8');
    expect(route(file, '--encoding', 'klingon')).toMatchObject({code: 2, err: expect.stringContaining('klingon')});
  });

  test('invalid bytes after the first 64 KiB are caught too (the switch is said with its line)', () => {
    const ascii = Array.from({length: 3000}, (_, i) => `A${i};TX;Austin`).join('\r\n');
    const late = Buffer.concat([
      Buffer.from('id;state;city\r\n' + ascii + '\r\n'),
      Buffer.from('Z1;Qu\xe9bec;x\r\n', 'latin1'),
    ]);
    const r = route(put('late-1252.csv', late));
    expect(lines(r.out)).toHaveLength(3001);
    expect(lines(r.out)[3000]).toMatchObject({leadId: 'Z1', territoryId: 'quebec'});
    expect(r.err).toContain('(byte 0xE9 on line 3002)');
  });

  test('valid UTF-8 (with or without a BOM) gets no warning', () => {
    const r = route(put('utf8.csv', '\uFEFFid,state\nU1,Québec\n'));
    expect(owners(r.out)).toEqual([['U1', 'quebec']]);
    expect(r.err).toBe('');
    expect(firstInvalidUtf8(Buffer.from('aé€😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1);
  });
});

describe('A8: a header given to two columns', () => {
  const file = put('dup-zip.csv', 'id,zip,zip\nD4,02134,99999\nD5,,02134\nD6,02134,02134\n');

  test('the first non-empty copy wins, a run note names the header, a lead whose copies differ carries duplicate_column', () => {
    const r = route(file);
    expect(r.code).toBe(0);
    const ds = lines(r.out);
    expect(ds.map(d => [d.leadId, d.territoryId, (d.warnings ?? []).map((w: {code: string}) => w.code)])).toEqual([
      ['D4', 'ne', ['duplicate_column']],
      ['D5', 'ne', []],
      ['D6', 'ne', []],
    ]);
    expect(ds[0].warnings[0]).toMatchObject({field: 'zip', value: '02134'});
    expect(ds[0].warnings[0].message).toContain('"02134" and "99999"');
    expect(r.err).toContain('column "zip" appears 2 times (columns 2, 3)');
  });
});

describe('A8: simulate, lint --leads and test --cases say it too', () => {
  const file = put('dup-zip-verbs.csv', 'id,zip,zip\nD4,02134,99999\nD5,,02134\nD6,02134,02134\n');
  const note = `leads ${file}: column "zip" appears 2 times (columns 2, 3)`;
  const differ = 'Column "zip" appears 2 times and this lead holds "02134" and "99999" there';

  test('simulate: duplicate_column counted in the report’s warnings by code, the header and columns in its notes', () => {
    const r = spawnCli(['simulate', '--config', config, '--leads', file, '--now', NOW, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.a.warnings).toEqual({duplicate_column: 1});
    expect(report.a.leadsWithWarnings).toBe(1);
    expect(report.notes).toEqual([expect.stringContaining(note)]);
    expect(r.err).toContain(note);
    expect(r.err).toContain(`1 lead: duplicate_column — ${differ}`);
    const text = spawnCli(['simulate', '--config', config, '--leads', file, '--now', NOW, '-q']).out;
    expect(text).toMatch(/^duplicate_column\s+1\s/m);
    expect(text.split('\n')[0]).toContain(`Note: ${note}`);
  });

  test('lint --leads: the sample’s warnings by code and the note in the report (once, not also on stderr)', () => {
    const j = spawnCli(['lint', '--config', config, '--leads', file, '--now', NOW, '--format', 'json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out).sample).toEqual({
      file,
      notes: [expect.stringContaining(note)],
      warnings: {duplicate_column: 1},
      leadsWithWarnings: 1,
    });
    const t = spawnCli(['lint', '--config', config, '--leads', file, '--now', NOW]);
    expect(t.out).toContain(`  warnings: 1 of 3 leads\n    1 lead: duplicate_column — ${differ}`);
    expect(t.out).toContain(`  warning: ${note}`);
    expect(t.err).not.toContain('appears 2 times');
  });

  test('test --cases: the case whose copies differ carries duplicate_column (text and JSON); the note on stderr', () => {
    const cases = put(
      'dup-zip-cases.csv',
      'id,zip,zip,expect.territory\nD4,02134,99999,ne\nD6,02134,02134,ne\nD7,99999,02134,ne\n',
    );
    const t = spawnCli(['test', '--config', config, '--cases', cases, '--now', NOW]);
    expect(t.code).toBe(1);
    expect(t.out.split('\n')).toEqual([
      expect.stringMatching(/^warning case 1 \(lead D4\): duplicate_column: Column "zip" appears 2 times/),
      'FAIL case 3 (lead D7): territory expected ne, got none',
      expect.stringMatching(/^ {5}pool: /),
      expect.stringMatching(/^warning case 3 \(lead D7\): duplicate_column: .*"99999" and "02134"/),
      '3 cases: 2 passed, 1 failed',
      '',
    ]);
    expect(t.err).toContain(`leads ${cases}: column "zip" appears 2 times (columns 2, 3)`);
    const j = JSON.parse(
      spawnCli(['test', '--config', config, '--cases', cases, '--now', NOW, '--format', 'json']).out,
    );
    expect(j.results.map((x: {warnings?: unknown[]}) => x.warnings)).toEqual([
      [expect.objectContaining({code: 'duplicate_column', field: 'zip', value: '02134'})],
      undefined,
      [expect.objectContaining({code: 'duplicate_column', field: 'zip', value: '99999'})],
    ]);
  });
});

describe('A11: a row of bare delimiters is one decision that takes no rep’s turn', () => {
  test('unassigned with empty_lead; the rotation goes on as if the row were not there', () => {
    const file = put('blank-row.csv', 'id;state\r\nE1;TX\r\n;\r\n;;;\r\nE2;NY\r\nE3;NY\r\n');
    const r = route(file, '--format', 'csv');
    const rows = parse(r.out, {columns: true}) as Array<Record<string, string>>;
    expect(rows.map(x => [x.leadId, x.stage, x.ownerId, x.warnings])).toEqual([
      ['E1', 'exact', 'ana', ''],
      ['1', 'unassigned', '', 'empty_lead'],
      ['2', 'unassigned', '', 'empty_lead'],
      ['E2', 'pool', 'pool', ''],
      ['E3', 'pool', 'pool', ''],
    ]);
    expect(r.err).toContain('2 leads: empty_lead');
  });

  test('the core: all-blank fields are an empty row; a lead without fields, or with one value, is routed', () => {
    const router = createRouter(CONFIG);
    const blank = router.route({id: '', state: '  ', zip: null}, NOW, 7);
    expect(blank).toMatchObject({leadId: 7, stage: 'unassigned', ownerId: null});
    expect(blank.warnings?.map(w => w.code)).toEqual(['empty_lead']);
    expect(router.route({}, NOW, 8).stage).toBe('pool');
    expect(router.route({id: '', state: 'TX'}, NOW, 9).ownerId).toBe('ana');
  });
});

describe('B12: JSON Lines whose first line is longer than any peek', () => {
  const pad = 'x'.repeat(200_000);
  const cases: Array<[string, string]> = [
    ['a 200 KB field on line 1', `{"id":"big","state":"TX","note":"${pad}"}\n{"id":"after","state":"TX"}\n`],
    ['a single 200 KB line', `{"id":"big","state":"TX","note":"${pad}"}\n`],
    [
      'line 1 nested 20,000 deep',
      `{"id":"big","state":"TX","deep":${'['.repeat(20000)}${']'.repeat(20000)}}\n{"id":"after","state":"TX"}\n`,
    ],
    [
      'a "leads" key inside a nested value',
      `{"id":"big","state":"TX","x":{"leads":[1]},"n":"${pad}"}\n{"id":"after","state":"TX"}\n`,
    ],
  ];
  test.each(cases)('%s: read as JSON Lines', (_name, text) => {
    const r = route(put('big.jsonl', text));
    expect(r.code).toBe(0);
    expect(lines(r.out).map(d => d.leadId)).toEqual(text.includes('"after"') ? ['big', 'after'] : ['big']);
  });

  test('one JSON document still reads as one: pretty-printed, {"leads": [...]} on one long line', () => {
    const wrapped = `{"leads": [{"id":"big","state":"TX","note":"${pad}"},{"id":"after","state":"TX"}]}`;
    expect(lines(route(put('wrapped.json', wrapped)).out).map(d => d.leadId)).toEqual(['big', 'after']);
    const meta = `{"meta":{"note":"${pad}"},"leads":[{"id":"m1","state":"TX"}]}\n`;
    expect(lines(route(put('meta.json', meta)).out).map(d => d.leadId)).toEqual(['m1']);
    const pretty = JSON.stringify({leads: [{id: 'p1', state: 'TX'}]}, null, 2);
    expect(lines(route(put('pretty.json', pretty)).out).map(d => d.leadId)).toEqual(['p1']);
    expect(sniffFormat('{"a":"' + pad + '"}\n')).toBe('jsonl');
    expect(sniffFormat('{"a":"' + pad + '"}')).toBe('json'); // one value, nothing after: a document
    const s = new JsonSniffer();
    expect(s.feed('{"id":"' + 'y'.repeat(10))).toBeNull(); // undecided: needs the rest, holds no text
    expect(s.feed('"}\n')).toBe('jsonl');
  });
});

describe('B13: a header cell holding a quoted line break', () => {
  test.each([
    ['comma', '"Notes\r\n(internal)",id,state\r\nx,c1,Texas\r\n', []],
    ['semicolon', '"Notes\r\n(internal)";id;state;zip\r\n"a, b, c";h1;Texas;75001\r\n"x";h2;MA;2134\r\n', []],
    ['semicolon with --delimiter', '"Notes\n(internal)";id;state\n"a, b";h1;TX\n', ['--delimiter', ';']],
  ])('%s: the header row is read whole and every lead routed', (_name, text, extra) => {
    const r = route(put('quoted-header.csv', text as string), ...(extra as string[]));
    expect(r.code).toBe(0);
    const ds = lines(r.out);
    expect(ds[0]).toMatchObject({territoryId: 'tx'});
    expect(ds.map(d => d.leadId)).toEqual(
      (text as string).includes('h2') ? ['h1', 'h2'] : [expect.stringMatching(/^[ch]1$/)],
    );
  });

  test('an unterminated quote in the header is an error naming the file, not a hang', () => {
    const r = route(put('unterminated.csv', '"id,state\n' + 'a,b\n'.repeat(300_000)));
    expect(r.code).toBe(1);
    expect(r.err).toContain('header row does not end within 1024 KiB');
    expect(csvHead('"a\nb",c\n1,2\n', false)).toMatchObject({header: '"a\nb",c', start: 0});
  });
});

describe('B14: config and state files with a byte-order mark', () => {
  test('a UTF-8 BOM (and UTF-16) is dropped, not refused', () => {
    const bomConfig = put('config-bom.json', '\uFEFF' + JSON.stringify(CONFIG, null, 2));
    const utf16Config = put('config-utf16.json', Buffer.from('\uFEFF' + JSON.stringify(CONFIG), 'utf16le'));
    const state = put('state-bom.json', '\uFEFF{"v":1,"pools":{},"reps":{},"accounts":{},"dedupe":{}}');
    const leads = put('one.csv', 'id,state\nb1,TX\n');
    for (const c of [bomConfig, utf16Config]) {
      expect(spawnCli(['validate', '--config', c])).toMatchObject({code: 0, out: expect.stringContaining('valid')});
    }
    const r = spawnCli(['route', '--config', bomConfig, '--leads', leads, '--state', state, '--now', NOW]);
    expect(r).toMatchObject({code: 0, err: ''});
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).reps.ana).toBeDefined();
  });

  test('a config that is not UTF-8 is refused naming the byte, never mangled', () => {
    const latin = put('latin.json', Buffer.from('{"reps":[{"id":"a","name":"Ren\xe9"}],"territories":[]}', 'latin1'));
    const r = spawnCli(['validate', '--config', latin]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not UTF-8 (byte 0xE9 on line 1)');
    expect(decodeText(Buffer.from('\uFEFF{}'))).toBe('{}');
  });
});

describe('B15: Excel’s "Unicode text" (UTF-16 LE, tabs) and its "sep=" line', () => {
  test('UTF-16 with its BOM (and without, from the zero bytes) is decoded', () => {
    const text = 'id\tstate\tzip\r\nU1\tTX\t75001\r\nU2\tQuébec\tH2X\r\n';
    const withBom = route(put('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
    expect(withBom).toMatchObject({code: 0, err: ''});
    expect(owners(withBom.out)).toEqual([
      ['U1', 'tx'],
      ['U2', 'quebec'],
    ]);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(owners(route(put('unicode-be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).out)).toEqual([
      ['U1', 'tx'],
      ['U2', 'quebec'],
    ]);
    const bare = route(put('unicode-nobom.txt', Buffer.from(text, 'utf16le')));
    expect(owners(bare.out)).toHaveLength(2);
    expect(bare.err).toContain('no byte-order mark but reads as UTF-16LE');
  });

  test('"sep=;" on the first line sets the delimiter and is not the header', () => {
    const r = route(put('sep.csv', 'sep=;\r\nid;state;zip\r\nk1;Texas;75001\r\n'));
    expect(r).toMatchObject({code: 0, err: ''});
    expect(owners(r.out)).toEqual([['k1', 'tx']]);
    const pipe = route(put('sep-pipe.csv', 'sep=|\nid|state,x\nk2|TX,1\n'));
    expect(lines(pipe.out)[0]).toMatchObject({leadId: 'k2'});
  });
});
