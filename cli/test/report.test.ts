// `simulate`'s report (issue 16 part 3): every figure checked against the decisions `route` makes
// for the same leads, the --compare diff against two `route` runs, and each flag (--format
// text|json|csv|html, --out, --compare, --changes) in process and through the built binary.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {lines, root, run, spawnCli, tmpDir, writer, NOW} from './helpers';

jest.setTimeout(180_000);

const sampleConfig = path.join(root, 'shared/samples/config.json');
const sampleLeads = path.join(root, 'shared/samples/leads.csv');
const dir = tmpDir();
const write = writer(dir);
const sample = JSON.parse(fs.readFileSync(sampleConfig, 'utf8'));
// B: Texas' territory removed; its leads go to the other territories or the pool.
const configB = write(
  'b.json',
  JSON.stringify({...sample, territories: sample.territories.filter((t: {id: string}) => t.id !== 'texas')}),
);
const TIME = ['--time-field', 'createdAt', '--now', NOW];

/** `simulate` argv at TIME: `config` over `leads` (the samples'), compared with B unless `compare` is false, then `extra`. */
function simulateArgv(extra: string[], {config = sampleConfig, leads = sampleLeads, compare = true} = {}): string[] {
  const b = compare ? ['--compare', configB] : [];
  return ['simulate', '--config', config, ...b, '--leads', leads, ...TIME, ...extra];
}

interface D {
  leadId: string;
  ownerId: string | null;
  stage: string;
  territoryId: string | null;
  warnings?: Array<{code: string}>;
}

async function routed(config: string): Promise<D[]> {
  const r = await run(['route', '--config', config, '--leads', sampleLeads, ...TIME, '--no-trace', '-q']);
  expect(r.code).toBe(0);
  return lines(r.out);
}

let a: D[];
let b: D[];
let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  a = await routed(sampleConfig);
  b = await routed(configB);
  const r = await run(simulateArgv(['--format', 'json', '-q']));
  expect(r.code).toBe(0);
  json = JSON.parse(r.out);
});

const countBy = <T>(xs: T[], key: (x: T) => string | null) => {
  const m: Record<string, number> = {};
  for (const x of xs) {
    const k = key(x);
    if (k !== null) m[k] = (m[k] ?? 0) + 1;
  }
  return m;
};

describe('--format json: the figures of the decisions route makes for the same leads', () => {
  test('counts and rates per stage, rep and territory; warnings; the time context', () => {
    const s = json.a.summary;
    expect(s.leads).toBe(a.length);
    const byStage = countBy(a, d => d.stage);
    for (const [stage, n] of Object.entries(s.byStage)) expect(n).toBe(byStage[stage] ?? 0);
    for (const [stage, x] of Object.entries(s.rates)) {
      if (stage === 'territory') expect(x).toBeCloseTo(((byStage.exact ?? 0) + (byStage.partial ?? 0)) / a.length, 12);
      else expect(x).toBeCloseTo((byStage[stage] ?? 0) / a.length, 12);
    }
    const byRep = countBy(a, d => d.ownerId);
    for (const r of s.load.reps) expect(r.leads).toBe(byRep[r.repId] ?? 0);
    const byTerritory = countBy(a, d => d.territoryId);
    for (const t of s.load.territories) expect(t.leads).toBe(byTerritory[t.territoryId] ?? 0);
    const warned = a.filter(d => d.warnings?.length);
    expect(json.a.leadsWithWarnings).toBe(warned.length);
    const perCode: Record<string, number> = {};
    for (const d of warned)
      for (const code of new Set(d.warnings!.map(w => w.code))) perCode[code] = (perCode[code] ?? 0) + 1;
    expect(json.a.warnings).toEqual(perCode);
    expect(json.context).toEqual({
      now: NOW.replace('Z', '.000Z'),
      timeField: 'createdAt',
      leadTimeZone: 'UTC',
      dateOrder: 'MDY',
    });
    expect(Object.values(s.unassignedByReason as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(s.unassigned);
  });

  test('--compare: owner and stage changes, owner moves and the first rows of the per-lead diff', () => {
    const changed = a.map((d, i) => ({d, e: b[i]})).filter(x => x.d.ownerId !== x.e.ownerId || x.d.stage !== x.e.stage);
    const c = json.compare;
    expect(c.changedOwner).toBe(a.filter((d, i) => d.ownerId !== b[i].ownerId).length);
    expect(c.changedStage).toBe(a.filter((d, i) => d.stage !== b[i].stage).length);
    expect(c.changed).toBe(changed.length);
    expect(c.changedOwner).toBeGreaterThan(0);
    expect(json.changedOwner).toBe(c.changedOwner);
    expect(c.changes.length).toBe(Math.min(50, changed.length));
    expect(c.changes[0]).toMatchObject({
      leadId: changed[0].d.leadId,
      ownerA: changed[0].d.ownerId,
      ownerB: changed[0].e.ownerId,
      stageA: changed[0].d.stage,
      stageB: changed[0].e.stage,
    });
    const moved = a.map((d, i) => [d.ownerId, b[i].ownerId]).filter(([x, y]) => x !== y);
    const moves = countBy(moved, m => JSON.stringify(m));
    expect(
      Object.fromEntries(
        c.moves.map((m: {from: string; to: string; leads: number}) => [JSON.stringify([m.from, m.to]), m.leads]),
      ),
    ).toEqual(moves);
  });
});

describe('flags', () => {
  test('--changes FILE: every changed lead as CSV (lead, owner A → B, stage A → B), beside the report', async () => {
    const file = path.join(dir, 'changes.csv');
    const r = await run(simulateArgv(['--changes', file, '-q']));
    expect(r.code).toBe(0);
    const rows = parse(fs.readFileSync(file, 'utf8'), {columns: true}) as Array<Record<string, string>>;
    const changed = a
      .map((d, i) => ({i, d, e: b[i]}))
      .filter(x => x.d.ownerId !== x.e.ownerId || x.d.stage !== x.e.stage);
    expect(
      rows.map(x => [x.index, x.leadId, x.ownerA, x.ownerB, x.stageA, x.stageB, x.territoryA, x.territoryB]),
    ).toEqual(
      changed.map(x => [
        String(x.i),
        x.d.leadId,
        x.d.ownerId ?? '',
        x.e.ownerId ?? '',
        x.d.stage,
        x.e.stage,
        x.d.territoryId ?? '',
        x.e.territoryId ?? '',
      ]),
    );
    // The text report: the counts, the move table and the diff table's first row.
    expect(r.out).toContain(`Leads that change owner from A to B: ${json.compare.changedOwner} of ${a.length}`);
    expect(r.out).toMatch(/^owner in A\s+owner in B\s+leads$/m);
    const first = changed[0];
    expect(r.out).toContain(`${first.d.leadId}  ${first.d.ownerId ?? '-'} → ${first.e.ownerId ?? '-'}`);
    expect(r.out).toContain(`… ${changed.length - 50} more changed leads`);
  });

  test("--changes and --format csv write cells by route's rule: -5 stays, =HYPERLINK gets a ', --raw-csv as they are", async () => {
    const tx = (rep: string) =>
      write(
        `tx-${rep}.json`,
        JSON.stringify({
          reps: [{id: rep}],
          territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: [rep]}],
        }),
      );
    const [ana, ben] = [tx('ana'), tx('ben')];
    const link = '=HYPERLINK("http://evil","x")';
    const leads = write('formula-ids.csv', `id,state\n-5,TX\n"${link.replace(/"/g, '""')}",TX\n+3.5,TX\n`);
    const file = path.join(dir, 'formula-changes.csv');
    const changes = async (...extra: string[]) => {
      const argv = ['simulate', '--config', ana, '--compare', ben, '--leads', leads, '--now', NOW, '-q'];
      expect((await run([...argv, '--changes', file, '--out', path.join(dir, 'formula.txt'), ...extra])).code).toBe(0);
      const rows = parse(fs.readFileSync(file, 'utf8'), {columns: true}) as Array<Record<string, string>>;
      return rows.map(x => [x.leadId, x.ownerA, x.ownerB]);
    };
    expect(await changes()).toEqual([
      ['-5', 'ana', 'ben'],
      ["'" + link, 'ana', 'ben'],
      ['+3.5', 'ana', 'ben'],
    ]);
    expect(await changes('--raw-csv')).toEqual([
      ['-5', 'ana', 'ben'],
      [link, 'ana', 'ben'],
      ['+3.5', 'ana', 'ben'],
    ]);
    // The --format csv report: a rep id that is a negative number stays, text starting a formula gets a '.
    const odd = write(
      'odd-ids.json',
      JSON.stringify({reps: [{id: '-7'}, {id: '@ops'}], territories: [], pool: {reps: ['-7', '@ops']}}),
    );
    const report = async (...extra: string[]) => {
      const r = await run([
        'simulate',
        '--config',
        odd,
        '--leads',
        leads,
        '--now',
        NOW,
        '--format',
        'csv',
        '-q',
        ...extra,
      ]);
      const rows = parse(r.out, {columns: true}) as Array<Record<string, string>>;
      return rows.filter(x => x.run === 'A' && x.section === 'rep' && x.metric === 'leads').map(x => x.key);
    };
    expect((await report()).sort()).toEqual(["'@ops", '-7']);
    expect((await report('--raw-csv')).sort()).toEqual(['-7', '@ops']);
    const misplaced = await run(['simulate', '--config', ana, '--leads', leads, '--raw-csv']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.err).toContain('--raw-csv applies to --changes and --format csv only');
  });

  test('--format text (default): rates with %, load per rep with its zone, fairness per pool, hours, warnings', async () => {
    const r = await run(simulateArgv(['-q'], {compare: false}));
    expect(r.code).toBe(0);
    const s = json.a.summary;
    const pct = (n: number) => `${((100 * n) / s.leads).toFixed(1)}%`;
    expect(r.out).toMatch(
      new RegExp(`^exact territory match\\s+${s.byStage.exact}\\s+${pct(s.byStage.exact).replace('.', '\\.')}$`, 'm'),
    );
    expect(r.out).toMatch(new RegExp(`^account: learned domain\\s+${s.accounts.learned}\\s`, 'm'));
    const ivan = s.load.reps.find((x: {repId: string}) => x.repId === 'ivan');
    expect(r.out).toMatch(new RegExp(`^ivan\\s+America/New_York\\s+${ivan.leads}\\s`, 'm'));
    expect(r.out).toMatch(/^fairness \(share \/ weight-expected share, per pool\)/m);
    expect(r.out).toMatch(/^hour\s+assigned \(owner's zone\)\s+unassigned \(UTC\)$/m);
    expect(r.out).toContain("Days, weeks and hours of a rep are counted in the rep's zone");
    expect(r.out).toMatch(new RegExp(`^time_unreadable\\s+${json.a.warnings.time_unreadable}\\s`, 'm'));
  });

  test('--format csv: one figure per row, the same numbers as the JSON report', async () => {
    const r = await run(simulateArgv(['--format', 'csv', '-q']));
    expect(r.code).toBe(0);
    const rows = parse(r.out, {columns: true}) as Array<Record<string, string>>;
    const get = (run: string, section: string, key: string, metric: string, group?: string) =>
      rows.find(
        x =>
          x.run === run &&
          x.section === section &&
          x.key === key &&
          x.metric === metric &&
          (group === undefined || x.group === group),
      )?.value;
    const s = json.a.summary;
    expect(Number(get('A', 'stage', 'exact', 'leads'))).toBe(s.byStage.exact);
    expect(Number(get('A', 'rate', 'territory', 'share'))).toBeCloseTo(s.rates.territory, 12);
    expect(Number(get('B', 'total', 'leads', 'leads'))).toBe(json.b.summary.leads);
    const ana = s.load.reps.find((x: {repId: string}) => x.repId === 'ana');
    expect(Number(get('A', 'rep', 'ana', 'utilization', 'America/Chicago'))).toBeCloseTo(ana.utilization, 12);
    const pool = s.pools.find((p: {pool: string}) => p.pool === 'pool');
    expect(Number(get('A', 'fairness', pool.reps[0].repId, 'ratio', 'pool'))).toBeCloseTo(pool.reps[0].ratio, 12);
    expect(Number(get('', 'compare', 'changedOwner', 'leads'))).toBe(json.compare.changedOwner);
    expect(
      rows.filter(x => x.run === 'A' && x.section === 'hour' && x.metric === 'assigned').map(x => Number(x.value)),
    ).toEqual(s.byHour.assigned);
  });

  test('--format html --out FILE: one self-contained page (no script, no URL), every value escaped', async () => {
    const evil = {
      ...sample,
      territories: sample.territories.map((t: {id: string; name?: string}) =>
        t.id === 'texas' ? {...t, name: '<script>alert("t")</script> & Co'} : t,
      ),
    };
    const cfg = write('evil.json', JSON.stringify(evil));
    const leads = write(
      'evil.csv',
      'id,state,createdAt\n"<img src=x onerror=alert(1)>",TX,2026-11-20T15:00:00Z\nok2,TX,2026-11-20T15:05:00Z\n',
    );
    const out = path.join(dir, 'report.html');
    const r = await run(simulateArgv(['--format', 'html', '--out', out, '-q'], {config: cfg, leads}));
    expect(r).toMatchObject({code: 0, out: ''});
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(|https?:\/\//i);
    expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
  });

  test('text and HTML show the same load tables per rep and territory (capacity over the run included)', async () => {
    const text = (await run(simulateArgv(['-q'], {compare: false}))).out;
    const html = (await run(simulateArgv(['--format', 'html', '-q'], {compare: false}))).out;
    const unescape = (x: string) =>
      x
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
    const htmlTable = (cls: string) => {
      const t = html.match(new RegExp(`<table class="${cls}">(.*?)</table>`))![1];
      const cells = (row: string, tag: string) =>
        [...row.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map(m => unescape(m[1]));
      return [...t.matchAll(/<tr>(.*?)<\/tr>/g)].map((m, i) => cells(m[1], i ? 'td' : 'th'));
    };
    const textTable = (head: RegExp) => {
      const block = text.slice(text.search(head)).split('\n\n')[0].split('\n');
      return [block[0], ...block.slice(2)].map(l => l.split(/ {2,}/).map(c => c.trim()));
    };
    const reps = htmlTable('reps');
    expect(reps[0]).toContain('capacity');
    expect(reps.length).toBe(json.a.summary.load.reps.length + 1);
    expect(textTable(/^rep +zone/m)).toEqual(reps);
    const territories = htmlTable('territories');
    expect(territories[0].slice(0, 2)).toEqual(['territory', 'name']);
    expect(textTable(/^territory +name/m)).toEqual(territories);
  });

  test('--out FILE for text; usage errors: --changes without --compare, an unknown format, two reports on stdout', async () => {
    const out = path.join(dir, 'report.txt');
    const r = await run(simulateArgv(['--out', out, '-q'], {compare: false}));
    expect(r).toMatchObject({code: 0, out: ''});
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^shared\/samples\/config\.json|config\.json \(version/m);
    const noCompare = await run(['simulate', '--config', sampleConfig, '--leads', sampleLeads, '--changes', 'x.csv']);
    expect(noCompare.code).toBe(2);
    expect(noCompare.err).toContain('--changes needs --compare');
    const xml = await run(['simulate', '--config', sampleConfig, '--leads', sampleLeads, '--format', 'htm']);
    expect(xml.code).toBe(2);
    expect(xml.err).toContain('--format must be one of text, json, csv, html, not "htm" — did you mean html?');
    const both = await run(simulateArgv(['--changes', '-']));
    expect(both.code).toBe(2);
  });
});

test('a run-level finding (a --time-field no lead has) is in every format, and the overall spread beside the per-pool one', async () => {
  const args = [
    'simulate',
    '--config',
    sampleConfig,
    '--leads',
    sampleLeads,
    '--time-field',
    'CreatedDate',
    '--now',
    NOW,
    '-q',
  ];
  const note = '--time-field CreatedDate: no lead has this field; every lead was routed at --now';
  const j = JSON.parse((await run([...args, '--format', 'json'])).out);
  expect(j.notes).toEqual([note]);
  const t = (await run(args)).out;
  expect(t.split('\n')[0]).toBe(`Note: ${note}`);
  expect(t).toMatch(/^Across every rotating rep \(\d+, all pools together\): max\/min [\d.∞]+, Gini [\d.]+/m);
  expect((await run([...args, '--format', 'csv'])).out).toContain(`,context,,note,text,'${note}`);
  expect((await run([...args, '--format', 'html'])).out).toContain(`<p class="note">Note: ${note}</p>`);
  // Without --time-field nothing is noted.
  expect(json.notes).toBeUndefined();
});

describe('the built binary', () => {
  const spawn = (extra: string[], compare = false) => spawnCli(simulateArgv(['-q', ...extra], {compare}));

  test('--format json and --format csv agree with the in-process report', () => {
    const j = spawn(['--format', 'json'], true);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toEqual(json);
    const c = spawn(['--format', 'csv']);
    expect(c.code).toBe(0);
    const rows = parse(c.out, {columns: true}) as Array<Record<string, string>>;
    expect(
      rows.find(x => x.run === 'A' && x.section === 'stage' && x.key === 'pool' && x.metric === 'leads')!.value,
    ).toBe(String(json.a.summary.byStage.pool));
  });

  test('--compare --changes FILE --format html --out FILE, and the default text report', () => {
    const html = path.join(dir, 'spawned.html');
    const changes = path.join(dir, 'spawned-changes.csv');
    const r = spawn(['--changes', changes, '--format', 'html', '--out', html], true);
    expect({code: r.code, out: r.out, err: r.err}).toEqual({code: 0, out: '', err: ''});
    expect(fs.readFileSync(changes, 'utf8').trim().split('\n').length).toBe(json.compare.changed + 1);
    expect(fs.readFileSync(html, 'utf8')).toContain('data-chart="compare-rep"');
    const t = spawn([]);
    expect(t.code).toBe(0);
    expect(t.out).toContain(`${json.a.summary.leads} leads, ${json.a.summary.assigned} assigned`);
    const bad = spawn(['--changes', changes]);
    expect(bad.code).toBe(2);
  });
});
