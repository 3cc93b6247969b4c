// Issue 16 #2 / issue 11 #9: route and simulate stream — memory flat in the number of leads. The
// built CLI runs over 200,000 generated leads with a 64 MB old-space heap; the previous CLI, which
// parsed the whole file and built all output as one string, needs several times that.
import fs from 'node:fs';
import path from 'node:path';
import {root, spawnCli, tmpDir} from './helpers';

jest.setTimeout(600_000);
const dir = tmpDir();
const N = 200_000;
const HEAP = ['--max-old-space-size=64'];
const config = path.join(root, 'shared/samples/config.json');
const STATES = ['TX', 'CA', 'NY', 'MA', 'WA', 'FL', 'IL', 'NC'];

function leadRow(i: number): string[] {
  const st = STATES[i % STATES.length];
  return [
    `L${i}`,
    `2026-11-0${1 + (i % 9)}T1${i % 10}:00:00Z`,
    `p${i}@example${i % 977}.com`,
    String(10000 + (i % 89999)),
    st,
    'US',
    'software',
    String(10 + (i % 5000)),
  ];
}
const HEADER = ['id', 'createdAt', 'email', 'zip', 'state', 'country', 'industry', 'companySize'];

function writeCsv(file: string): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, HEADER.join(',') + '\n');
  let chunk = '';
  for (let i = 0; i < N; i++) {
    chunk += leadRow(i).join(',') + '\n';
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

function writeJsonArray(file: string): void {
  const fd = fs.openSync(file, 'w');
  let chunk = '[';
  for (let i = 0; i < N; i++) {
    const row = leadRow(i);
    chunk += (i ? ',\n' : '\n') + JSON.stringify(Object.fromEntries(HEADER.map((h, k) => [h, row[k]])));
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk + '\n]\n');
  fs.closeSync(fd);
}

const countLines = (file: string) => {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n;
};

afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

test(`route: ${N.toLocaleString('en-US')} CSV leads with a 64 MB heap, every decision written, state saved`, () => {
  const leads = path.join(dir, 'big.csv');
  writeCsv(leads);
  const out = path.join(dir, 'decisions.csv');
  const state = path.join(dir, 'state.json');
  const r = spawnCli(
    [
      'route',
      '--config',
      config,
      '--leads',
      leads,
      '--now',
      '2026-11-23T16:00:00Z',
      '--state',
      state,
      '--format',
      'csv',
      '--out',
      out,
      '--aliases',
    ],
    {nodeArgs: HEAP},
  );
  expect({code: r.code, err: r.err}).toEqual({code: 0, err: ''});
  expect(countLines(out)).toBe(N + 1);
  expect(JSON.parse(fs.readFileSync(state, 'utf8')).v).toBe(1);
  fs.rmSync(out);
});

test('simulate: the same leads as one JSON array, streamed, with a 64 MB heap; counts add up', () => {
  const leads = path.join(dir, 'big.json');
  writeJsonArray(leads);
  const r = spawnCli(
    ['simulate', '--config', config, '--leads', leads, '--time-field', 'createdAt', '--format', 'json'],
    {
      nodeArgs: HEAP,
    },
  );
  expect(r.code).toBe(0);
  const s = JSON.parse(r.out).a.summary;
  expect(s.leads).toBe(N);
  expect(Object.values(s.byStage as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(N);
});
