/**
 * The example workflows in real n8n: every committed file imports as it is, and the routing part of each
 * runs end to end (trigger swapped for Manual Trigger + Code with the platform's sample payload, write-backs
 * recorded by a stub on 127.0.0.1) writing back the owner the example promises.
 *
 * Availability (issue 13 part 3): an example with `test.availability` runs twice more, each run as a workflow of
 * its own (fresh rotation and dedupe state): once with the availability call answering the platform's response
 * with one rep away or at its open cap (that rep gets no lead, the lead is written back to another rep; a call
 * made once per rep is answered per request) and once with the call failing with HTTP 500 (the lead is still
 * written back; the decision carries the warning `availability_unknown`). Sample variants (`test.variants`, e.g.
 * an ActiveCampaign contact not tagged "assignable") run as workflows of their own too.
 *
 * LEAD_ROUTING_EXAMPLES=salesforce,hubspot runs only the examples whose slug or platform contains one of the
 * words (case-insensitive); the import check of the committed files always covers all of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {EXAMPLES} from '../../workflows-examples/build/index';
import type {Example, ExpectedCall} from '../../workflows-examples/build/example';
import {
  cleanupAll,
  createUserFolder,
  executeWorkflow,
  runN8n,
  ROOT,
  type ExecutionResult,
  type UserFolder,
} from './lib/n8n';
import {startStub, type RecordedCall, type Stub} from './workflows-examples.stub';
import {isRoutingNode, testVariant} from './workflows-examples.variant';

const EXAMPLES_DIR = path.join(ROOT, 'workflows-examples');
const committed = fs.readdirSync(EXAMPLES_DIR).filter(f => f.endsWith('.json'));
const only = (process.env.LEAD_ROUTING_EXAMPLES ?? '')
  .split(',')
  .map(w => w.trim().toLowerCase())
  .filter(Boolean);
const SELECTED = EXAMPLES.filter(
  ex => !only.length || only.some(w => ex.slug.toLowerCase().includes(w) || ex.platform.toLowerCase().includes(w)),
);

let stub: Stub;
let folder: UserFolder;
const ids = new Map<string, string>();
const availIds = new Map<string, string>();
/** Workflow id of each sample variant, by `${slug}#${index}`. */
const variantIds = new Map<string, string>();

/** A 16-character workflow id derived from the slug (n8n's id format); `tag` tells variants apart. */
const idFor = (slug: string, tag = '') =>
  (slug.replace(/[^a-zA-Z0-9]/g, '') + '0000000000000000').slice(0, 12 - tag.length) +
  tag +
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
  const variants: Array<[string, string]> = [];
  for (const ex of SELECTED) {
    ids.set(ex.slug, idFor(ex.slug));
    stub.register(ex.slug, ex.test.stub ?? {}, ex.test.doubles ?? {});
    variants.push([`${ex.slug}.json`, JSON.stringify(testVariant(ex, stub.base, idFor(ex.slug)))]);
    (ex.test.variants ?? []).forEach((v, i) => {
      const id = idFor(ex.slug, `v${i}`);
      variantIds.set(`${ex.slug}#${i}`, id);
      variants.push([
        `${ex.slug}-variant-${i}.json`,
        JSON.stringify(testVariant({...ex, sample: v.sample}, stub.base, id)),
      ]);
    });
    // One workflow per availability run, so each starts with fresh rotation and dedupe state.
    if (ex.test.availability)
      for (const run of ['away', 'fail'] as const) {
        const id = idFor(ex.slug, run === 'away' ? 'av' : 'af');
        availIds.set(`${ex.slug}#${run}`, id);
        variants.push([
          `${ex.slug}-availability-${run}.json`,
          JSON.stringify(testVariant(ex, stub.base, id, {availability: true})),
        ]);
      }
  }
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

/** Deep partial match: every key of `want` holds in `got` (arrays index by index; a RegExp tests a string). */
function matches(got: unknown, want: unknown): boolean {
  if (want instanceof RegExp) return typeof got === 'string' && want.test(got);
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

describe.each(SELECTED.map(ex => [ex.platform, ex] as [string, Example]))('%s', (_platform, ex) => {
  test(`${ex.slug}: routes the sample and writes the owner back`, async () => {
    const from = stub.calls.length;
    for (let i = 0; i < (ex.test.runs ?? 1); i++) await run(ids.get(ex.slug)!, `execution ${i + 1}`);
    const calls = stub.calls.slice(from);
    const problems = ex.test.expect.map(e => check(calls, ex.slug, e)).filter(Boolean);
    for (const spec of ex.test.never ?? []) {
      const n = callsFor(calls, ex.slug, spec).length;
      if (n) problems.push(`${spec}: must not be called, was called ${n} time(s)`);
    }
    expect(problems).toEqual([]);
  });

  const variants = ex.test.variants ?? [];
  if (variants.length)
    test.each(variants.map((v, i) => [v.title, i] as [string, number]))(`${ex.slug}: %s`, async (_title, i) => {
      const v = ex.test.variants![i];
      const from = stub.calls.length;
      const result = await run(variantIds.get(`${ex.slug}#${i}`)!, `variant ${i}`);
      const calls = stub.calls.slice(from);
      const problems = v.expect.map(e => check(calls, ex.slug, e)).filter(Boolean);
      for (const spec of v.never ?? []) {
        const n = callsFor(calls, ex.slug, spec).length;
        if (n) problems.push(`${spec}: must not be called, was called ${n} time(s)`);
      }
      const runData = result.run?.data.resultData.runData ?? {};
      for (const name of v.notRun ?? []) if (runData[name]) problems.push(`${name} ran`);
      for (const name of v.ran ?? []) if (!runData[name]) problems.push(`${name} did not run`);
      expect(problems).toEqual([]);
    });
});

interface RoutingOut {
  ownerId?: string | null;
  ownerName?: string | null;
  warnings?: Array<{code: string}>;
  candidates?: Array<{repId: string; eligible?: boolean; why?: string | null; capacityLimit?: string}>;
}

async function run(id: string, what: string): Promise<ExecutionResult> {
  const result = await executeWorkflow(folder, id);
  if (!result.ok) throw new Error(`${what} failed:\n${result.error?.slice(-4000)}`);
  const err = result.run?.data.resultData.error;
  if (err) throw new Error(`${what} failed: ${err.message} ${err.description ?? ''}`);
  return result;
}

/** Every decision the routing nodes of the example made in this execution (all runs, both outputs). */
function decisions(ex: Example, result: ExecutionResult): Array<{node: string; routing: RoutingOut}> {
  const out: Array<{node: string; routing: RoutingOut}> = [];
  for (const node of ex.build().nodes.filter(isRoutingNode)) {
    const field = ((node.parameters.options as {outputField?: string} | undefined)?.outputField ?? 'routing') as string;
    for (const r of result.run?.data.resultData.runData[node.name] ?? [])
      for (const items of r.data?.main ?? [])
        for (const item of items ?? []) {
          const routing = item.json[field] as RoutingOut | undefined;
          if (routing) out.push({node: node.name, routing});
        }
  }
  return out;
}

/** Whether a recorded call names `id` as a whole token (so rep 7 is not found inside zip 78701). */
const mentions = (c: RecordedCall, id: string) => {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9A-Za-z])${esc}([^0-9A-Za-z]|$)`).test(JSON.stringify(c.body ?? '') + ' ' + c.query);
};

/** Problems with one availability run: the owners chosen must reach a write-back; `away` must get nothing. */
function availabilityProblems(
  ex: Example,
  result: ExecutionResult,
  calls: RecordedCall[],
  away: string | undefined,
): {problems: string[]; routed: Array<{node: string; routing: RoutingOut}>} {
  const a = ex.test.availability!;
  const problems: string[] = [];
  const all = decisions(ex, result);
  const routed = all.filter(d => d.routing.ownerId);
  if (!callsFor(calls, ex.slug, a.call).length) problems.push(`the availability call ${a.call} was not made`);
  if (!routed.length) problems.push(`no lead was assigned: ${JSON.stringify(all.map(d => d.routing)).slice(0, 1500)}`);
  const writes = calls.filter(c => !callsFor([c], ex.slug, a.call).length);
  for (const d of routed) {
    const owner = String(d.routing.ownerId);
    // Messaging write-backs (an SMS naming the rep) carry the rep's name rather than its id.
    const name = d.routing.ownerName;
    if (!writes.some(c => mentions(c, owner) || (!!name && mentions(c, name))))
      problems.push(`${d.node}: owner ${owner} was never written back (no later call names it)`);
  }
  if (away !== undefined) {
    for (const d of routed)
      if (String(d.routing.ownerId) === away) problems.push(`${d.node}: the away rep ${away} got the lead`);
    for (const c of writes) if (mentions(c, away)) problems.push(`${c.method} ${c.path} names the away rep ${away}`);
    const passedOver = all.some(d =>
      (d.routing.candidates ?? []).some(
        c => c.repId === away && (c.why === 'away' || (c.why === 'at_capacity' && c.capacityLimit === 'open')),
      ),
    );
    if (!passedOver)
      problems.push(
        `no decision lists ${away} as away or at its open cap: ${JSON.stringify(all.map(d => d.routing.candidates)).slice(0, 1500)}`,
      );
  }
  return {problems, routed};
}

const withAvailability = SELECTED.filter(ex => ex.test.availability);
describe.each(withAvailability.map(ex => [ex.platform, ex] as [string, Example]))('%s availability', (_p, ex) => {
  const a = ex.test.availability!;
  afterEach(() => {
    stub.override(ex.slug, a.call, undefined);
    for (const call of Object.keys(a.extra ?? {})) stub.override(ex.slug, call, undefined);
  });

  test(`${ex.slug}: ${a.awayRep} reported away gets no lead; the lead is written back to another rep`, async () => {
    stub.override(ex.slug, a.call, {body: a.reply, byQuery: a.replyByQuery});
    for (const [call, reply] of Object.entries(a.extra ?? {})) stub.override(ex.slug, call, reply);
    const from = stub.calls.length;
    const result = await run(availIds.get(`${ex.slug}#away`)!, 'availability run');
    const {problems} = availabilityProblems(ex, result, stub.calls.slice(from), a.awayRep);
    expect(problems).toEqual([]);
  });

  test(`${ex.slug}: the availability call answering HTTP 500 still routes the lead, with availability_unknown`, async () => {
    stub.override(ex.slug, a.call, {status: 500, body: {error: 'Internal Server Error'}});
    const from = stub.calls.length;
    const result = await run(availIds.get(`${ex.slug}#fail`)!, 'run with the availability call failing');
    const {problems, routed} = availabilityProblems(ex, result, stub.calls.slice(from), undefined);
    for (const d of routed)
      if (!(d.routing.warnings ?? []).some(w => w.code === 'availability_unknown'))
        problems.push(`${d.node}: no availability_unknown warning: ${JSON.stringify(d.routing.warnings ?? [])}`);
    expect(problems).toEqual([]);
  });
});
