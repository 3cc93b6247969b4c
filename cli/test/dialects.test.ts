// Issue 12 #3 (CSV dialects, headers that match nothing), #10 (a time field no lead has), and the
// grouped warnings summary on stderr (issue 12 "How users see what was not read").
import {NOW, TX_CONFIG, lines, run, spawnCli, tmpDir, writer} from './helpers';
import {sniffDelimiter, sniffFormat} from '../leads';

jest.setTimeout(120_000);
const dir = tmpDir();
const write = writer(dir);
const config = write('config.json', JSON.stringify(TX_CONFIG));
const route = (leads: string, ...extra: string[]) =>
  run(['route', '--config', config, '--leads', leads, '--now', NOW, ...extra]);

describe('CSV dialects are detected from the header row', () => {
  const expected = [
    ['r1', 'tx', 'a@x.com'],
    ['r2', 'tx', 'b@x.com'],
    ['r3', 'tx', 'a@x.com'],
  ];
  const dialects: Array<[string, string]> = [
    ['comma', 'id,state,email\nr1,TX,a@x.com\nr2,TX,b@x.com\nr3,TX,a@x.com\n'],
    ['semicolon (Excel, European locales)', 'id;state;email\nr1;TX;a@x.com\nr2;TX;b@x.com\nr3;TX;a@x.com\n'],
    ['tab', 'id\tstate\temail\nr1\tTX\ta@x.com\nr2\tTX\tb@x.com\nr3\tTX\ta@x.com\n'],
    [
      'semicolon with quoted commas and CRLF',
      '"id";"state";"email"\r\n"r1";"TX";"a@x.com"\r\n"r2";"TX";"b@x.com"\r\n"r3";"TX";"a@x.com"\r\n',
    ],
    ['BOM + semicolon', '\uFEFFid;state;email\nr1;TX;a@x.com\nr2;TX;b@x.com\nr3;TX;a@x.com\n'],
  ];
  test.each(dialects)('%s: every column read, dedupe on', async (name, text) => {
    const r = await route(write(`${name.replace(/\W+/g, '_')}.csv`, text));
    expect({code: r.code, err: r.err}).toEqual({code: 0, err: ''});
    const ds = lines(r.out);
    expect(ds.map(d => [d.leadId, d.territoryId, d.stage === 'duplicate' ? 'dup' : 'new'])).toEqual([
      [expected[0][0], 'tx', 'new'],
      [expected[1][0], 'tx', 'new'],
      [expected[2][0], null, 'dup'],
    ]);
  });

  test('a value holding the other delimiters does not fool the sniffer', () => {
    expect(sniffDelimiter('id;company;state')).toBe(';');
    expect(sniffDelimiter('"id";"Acme, Inc.";"state"')).toBe(';');
    expect(sniffDelimiter('"id,x",state,email')).toBe(',');
    expect(sniffDelimiter('id\tstate\temail')).toBe('\t');
    expect(sniffDelimiter('email')).toBe(',');
    expect(sniffFormat('  [{"a":1}]')).toBe('json');
    expect(sniffFormat('{"a":1}\n{"a":2}\n')).toBe('jsonl');
    expect(sniffFormat('{\n  "leads": []\n}')).toBe('json');
    expect(sniffFormat('{"leads": [{"a":1}]}\n')).toBe('json');
    expect(sniffFormat('id,state\n')).toBe('csv');
  });

  test('--delimiter overrides the sniffer ("tab" and "\\t" spell a tab)', async () => {
    const text = 'id|state;x|email\nr1|TX;1|a@x.com\n';
    const r = await route(write('pipe.csv', text), '--delimiter', '|');
    expect(r.code).toBe(0);
    expect(lines(r.out)[0].leadId).toBe('r1');
    const tab = await route(write('tab2.csv', 'id\tstate\nr9\tTX\n'), '--delimiter', 'tab');
    expect(lines(tab.out)[0].territoryId).toBe('tx');
    expect((await route(write('x.csv', 'id\n1\n'), '--delimiter', ';;')).code).toBe(2);
  });
});

describe('a header row that matches none of the fields the config reads', () => {
  test('is an error naming the headers and the delimiter, nothing routed, state untouched', async () => {
    const file = write('foreign.csv', 'Vorname,Nachname,Firma\nJo,Doe,Acme\n');
    const state = write('st.json', '{"v":1,"pools":{},"reps":{},"accounts":{},"dedupe":{}}');
    const r = await route(file, '--state', state);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('no column matches a field the config reads');
    expect(r.err).toContain('"Vorname", "Nachname", "Firma"');
    expect(r.err).toContain('split on ","');
    expect(spawnCli(['simulate', '--config', config, '--leads', file]).code).toBe(1);
  });

  test('a semicolon file forced to commas is one column: the error says so', async () => {
    const r = await route(write('semi.csv', 'id;state;email\nr1;TX;a@x.com\n'), '--delimiter', ',');
    expect(r.code).toBe(1);
    expect(r.err).toContain('"id;state;email"');
    expect(r.err).toContain('--delimiter');
  });

  test('a mapped header counts (matched as routing reads it)', async () => {
    const mapped = write('mapped.json', JSON.stringify({...TX_CONFIG, fields: {state: 'Billing State'}}));
    const file = write('crm.csv', 'Lead ID,Billing State\nx1,TX\n');
    const r = await run(['route', '--config', mapped, '--leads', file, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(lines(r.out)[0].territoryId).toBe('tx');
  });
});

describe('time fields and the warnings summary', () => {
  test('--time-field naming a column no lead has: a warning on stderr, leads routed at --now (issue 12 #10)', async () => {
    const file = write('t.csv', 'id,state,createdAt\nr1,TX,2026-01-02T03:04:05Z\nr2,TX,2026-01-03T00:00:00Z\n');
    const r = await route(file, '--time-field', 'CreatedDate');
    expect(r.code).toBe(0);
    expect(lines(r.out).map(d => d.decidedAt)).toEqual([new Date(NOW).toISOString(), new Date(NOW).toISOString()]);
    expect(r.err).toContain('--time-field CreatedDate: no lead has this field; every lead was routed at --now');
    const ok = await route(file, '--time-field', 'createdAt');
    expect(ok.err).toBe('');
    expect(lines(ok.out)[0].decidedAt).toBe('2026-01-02T03:04:05.000Z');
  });

  test('one bad timestamp routes that lead at --now with a warning; the others are read; one grouped line per code', async () => {
    const rows = [
      'id,state,at',
      'g1,TX,2026-01-02T03:04:05Z',
      'b1,TX,1e20',
      'b2,TX,soon',
      'g2,TX,1773154800',
      'm1,TX,',
    ];
    const r = await route(write('bad-times.csv', rows.join('\n') + '\n'), '--time-field', 'at');
    expect(r.code).toBe(0);
    const ds = lines(r.out);
    expect(ds.map(d => d.decidedAt)).toEqual([
      '2026-01-02T03:04:05.000Z',
      new Date(NOW).toISOString(),
      new Date(NOW).toISOString(),
      new Date(1773154800 * 1000).toISOString(),
      new Date(NOW).toISOString(),
    ]);
    expect(ds[1].warnings[0]).toMatchObject({code: 'time_unreadable', field: 'at'});
    expect(ds[0].warnings).toBeUndefined();
    expect(r.err).toMatch(/warnings: 3 of 5 leads/);
    expect(r.err).toMatch(/^lead-routing: {3}2 leads: time_unreadable — e\.g\. /m);
    expect(r.err).toMatch(/^lead-routing: {3}1 lead: time_missing — /m);
    expect((await route(write('bad-times2.csv', rows.join('\n') + '\n'), '--time-field', 'at', '--quiet')).err).toBe(
      '',
    );
  });

  test('--timezone reads zone-less timestamps in that zone (never the machine’s)', async () => {
    const file = write('zoneless.csv', 'id,state,at\nz1,TX,2026-03-10 10:00\n');
    const utc = lines((await route(file, '--time-field', 'at')).out)[0].decidedAt;
    const chicago = lines((await route(file, '--time-field', 'at', '--timezone', 'America/Chicago')).out)[0].decidedAt;
    expect(utc).toBe('2026-03-10T10:00:00.000Z');
    expect(chicago).toBe('2026-03-10T15:00:00.000Z');
    const dmy = write('dmy.csv', 'id,state,at\nd1,TX,03/04/2026 09:00\n');
    expect(lines((await route(dmy, '--time-field', 'at', '--date-order', 'DMY')).out)[0].decidedAt).toBe(
      '2026-04-03T09:00:00.000Z',
    );
  });

  test('simulate counts the warnings (text table and JSON)', async () => {
    const file = write('sim.csv', 'id,state,at\ns1,TX,soon\ns2,TX,never\ns3,TX,2026-01-01T00:00:00Z\n');
    const json = JSON.parse(
      (await run(['simulate', '--config', config, '--leads', file, '--time-field', 'at', '--format', 'json'])).out,
    );
    expect(json.a.warnings).toEqual({time_unreadable: 2});
    const text = await run(['simulate', '--config', config, '--leads', file, '--time-field', 'at']);
    expect(text.out).toMatch(/^time_unreadable\s+2\s+66\.7%$/m);
    expect(text.err).toContain('2 leads: time_unreadable');
  });
});

test('a CRM export whose headers are default aliases (State/Province, Zip Code) passes the header check and routes', async () => {
  const file = write('crm-export.csv', 'Lead ID;State/Province;Zip Code\nc1;TX;75001\n');
  const r = await route(file);
  expect({code: r.code, err: r.err}).toEqual({code: 0, err: ''});
  expect(lines(r.out)[0].territoryId).toBe('tx');
});
