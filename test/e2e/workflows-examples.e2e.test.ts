/**
 * The example workflows in real n8n: every committed file imports as it is, and the routing part of each
 * runs end to end (trigger swapped for Manual Trigger + Code with the platform's sample payload, write-backs
 * recorded by a stub on 127.0.0.1) writing back the owner the example promises.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {EXAMPLES} from '../../workflows-examples/build/index';
import type {Example, ExpectedCall} from '../../workflows-examples/build/example';
import {cleanupAll, createUserFolder, executeWorkflow, runN8n, ROOT, type UserFolder} from './lib/n8n';
import {startStub, type RecordedCall, type Stub} from './workflows-examples.stub';
import {testVariant} from './workflows-examples.variant';

const EXAMPLES_DIR = path.join(ROOT, 'workflows-examples');
const committed = fs.readdirSync(EXAMPLES_DIR).filter(f => f.endsWith('.json'));

let stub: Stub;
let folder: UserFolder;
const ids = new Map<string, string>();

/** A 16-character workflow id derived from the slug (n8n's id format). */
const idFor = (slug: string) =>
  (slug.replace(/[^a-zA-Z0-9]/g, '') + '0000000000000000').slice(0, 12) +
  String(EXAMPLES.findIndex(e => e.slug === slug)).padStart(4, '0');

async function importDir(f: UserFolder, files: Array<[string, string]>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-routing-e2e-examples-'));
  try {
    for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
    const r = await runN8n(f, ['import:workflow', '--separate', `--input=${dir}`]);
    if (r.code !== 0 || /error/i.test(r.stdout + r.stderr.replace(/Permissions .* too wide.*\n?/g, ''))) {
      throw new Error(`import:workflow failed (${r.code}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}`);
    }
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}

async function listWorkflows(f: UserFolder): Promise<string[]> {
  // list:workflow prints through n8n's logger at level info.
  const r = await runN8n(f, ['list:workflow'], {env: {N8N_LOG_LEVEL: 'info'}});
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout
    .split('\n')
    .filter(l => l.includes('|'))
    .map(l => l.slice(l.indexOf('|') + 1));
}

beforeAll(async () => {
  stub = await startStub();
  folder = await createUserFolder();
  // The committed files exactly as a consultant downloads them (n8n gives them ids), then the test variants.
  await importDir(
    folder,
    committed.map(f => [f, fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')]),
  );
  const variants: Array<[string, string]> = EXAMPLES.map(ex => {
    ids.set(ex.slug, idFor(ex.slug));
    stub.register(ex.slug, ex.test.stub ?? {}, ex.test.doubles ?? {});
    return [`${ex.slug}.json`, JSON.stringify(testVariant(ex, stub.base, idFor(ex.slug)))];
  });
  await importDir(folder, variants);
});

afterAll(async () => {
  await stub?.close();
  await cleanupAll();
});

test('every committed example imports as it is into a stock n8n with the package installed', async () => {
  const names = (await listWorkflows(folder)).filter(n => !n.startsWith('[e2e] '));
  const expected = committed.map(
    f => (JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) as {name: string}).name,
  );
  expect(names.sort()).toEqual(expected.sort());
  expect(names).toHaveLength(EXAMPLES.length);
});

/** Deep partial match: every key of `want` holds in `got` (arrays index by index). */
function matches(got: unknown, want: unknown): boolean {
  if (want === null || typeof want !== 'object') return got === want;
  if (got === null || typeof got !== 'object') return false;
  if (Array.isArray(want)) return Array.isArray(got) && want.every((w, i) => matches(got[i], w));
  return Object.entries(want).every(([k, w]) => matches((got as Record<string, unknown>)[k], w));
}

function callsFor(calls: RecordedCall[], slug: string, spec: string): RecordedCall[] {
  const [method, ...p] = spec.startsWith('node:') ? ['POST', `/__node/${spec.slice(5)}`] : spec.split(' ');
  return calls.filter(c => c.slug === slug && c.method === method && c.path === p.join(' '));
}

function check(calls: RecordedCall[], slug: string, e: ExpectedCall): string | undefined {
  const same = callsFor(calls, slug, e.call);
  const hits = same.filter(
    c => (e.body === undefined || matches(c.body, e.body)) && (e.query === undefined || c.query.includes(e.query)),
  );
  const ok = e.count === undefined ? hits.length >= 1 : hits.length === e.count;
  if (ok) return undefined;
  return `${e.call}: expected ${e.count ?? '≥1'} matching call(s), got ${hits.length} of ${same.length}: ${JSON.stringify(same.map(c => ({body: c.body, query: c.query}))).slice(0, 1500)}`;
}

describe.each(EXAMPLES.map(ex => [ex.platform, ex] as [string, Example]))('%s', (_platform, ex) => {
  test(`${ex.slug}: routes the sample and writes the owner back`, async () => {
    for (let i = 0; i < (ex.test.runs ?? 1); i++) {
      const result = await executeWorkflow(folder, ids.get(ex.slug)!);
      if (!result.ok) throw new Error(`execution ${i + 1} failed:\n${result.error?.slice(-4000)}`);
      const err = result.run?.data.resultData.error;
      if (err) throw new Error(`execution ${i + 1} failed: ${err.message} ${err.description ?? ''}`);
    }
    const problems = ex.test.expect.map(e => check(stub.calls, ex.slug, e)).filter(Boolean);
    for (const spec of ex.test.never ?? []) {
      const n = callsFor(stub.calls, ex.slug, spec).length;
      if (n) problems.push(`${spec}: must not be called, was called ${n} time(s)`);
    }
    expect(problems).toEqual([]);
  });
});
