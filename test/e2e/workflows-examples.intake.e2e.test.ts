/**
 * The example workflows' intake and import paths in a real `n8n start` on 127.0.0.1.
 *
 * Import (issue 15 #4), exactly as workflows-examples/README.md says:
 * - `n8n import:workflow --input=<file>` for every committed file, one command per file;
 * - the editor's "Import from File": the file's JSON saved through the REST call the editor makes;
 * - "Execute workflow" after the CLI import, no credential created (the editor's POST /rest/workflows/:id/run from
 *   the trigger): the pinned sample runs through routing and stops at the first node after routing that needs a
 *   credential, a write-back (never at the trigger: the placeholders carry an id, see credentialPlaceholderId; never
 *   at a platform read before routing: polls and re-reads carry the platform's answer pinned).
 *
 * Intake (issue 13 part 3), for every Webhook-triggered example: the trigger (or monday's Verify node) keeps its
 * sender check, the rest runs against the loopback stub (platform nodes are recording doubles, HTTP Requests
 * point at the stub): a POST without the credential is refused and writes nothing; an authenticated POST whose
 * payload claims a zip the platform's record does not have is routed by the record's zip.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {parse as unflatten} from 'flatted';
import {EXAMPLES} from '../../workflows-examples/build/index';
import type {Example, ExpectedCall} from '../../workflows-examples/build/example';
import type {N8nNode, N8nWorkflow} from '../../workflows-examples/build/n8n';
import {WEBHOOK_CREDENTIAL} from '../../workflows-examples/build/intake';
import {GET_AVAILABILITY} from '../../workflows-examples/build/parts';
import {
  activateWorkflow,
  cleanupAll,
  createUserFolder,
  ROOT,
  runN8n,
  setupOwner,
  startN8n,
  type N8nServer,
  type Session,
  type UserFolder,
} from './lib/n8n';
import {startStub, type RecordedCall, type Stub} from './workflows-examples.stub';
import {testVariant} from './workflows-examples.variant';

const EXAMPLES_DIR = path.join(ROOT, 'workflows-examples');
/** LEAD_ROUTING_EXAMPLES=zoho,monday: only the examples whose slug contains one of the words (as the examples e2e). */
const only = (process.env.LEAD_ROUTING_EXAMPLES ?? '')
  .split(',')
  .map(w => w.trim().toLowerCase())
  .filter(Boolean);
const picked = (slug: string) => !only.length || only.some(w => slug.toLowerCase().includes(w));
const committed = fs.readdirSync(EXAMPLES_DIR).filter(f => f.endsWith('.json') && picked(f));
const WEBHOOKS = EXAMPLES.filter(ex => ex.intake && picked(ex.slug));
/** One `n8n import:workflow` per file: ~30 s each on a loaded machine, so the setup gets its own budget. */
const SETUP_MS = 60 * 60_000;
/** The test's own shared secret (a fixture of this loopback-only test, not a credential of anything). */
const SECRET = 'e2e-intake-' + crypto.createHash('sha256').update('lead-routing intake test').digest('hex');
const BASIC_USER = 'sugar-hook';

let stub: Stub;
let folder: UserFolder;
let server: N8nServer;
let session: Session;
const intakeIds = new Map<string, string>();

interface RestWorkflow {
  id: string;
  name: string;
  nodes: N8nNode[];
}

async function json<T>(r: Response, what: string): Promise<T> {
  const text = await r.text();
  if (!r.ok) throw new Error(`${what}: HTTP ${r.status} ${text.slice(0, 2000)}`);
  return (JSON.parse(text) as {data: T}).data;
}

/** The credential the example's sender check uses, created over REST as a user would in the editor. */
async function createIntakeCredential(ex: Example): Promise<{type: string; id: string; name: string}> {
  const i = ex.intake!;
  const [type, data] =
    i.auth === 'headerAuth'
      ? [WEBHOOK_CREDENTIAL.headerAuth, {name: i.header, value: SECRET}]
      : i.auth === 'basicAuth'
        ? [WEBHOOK_CREDENTIAL.basicAuth, {user: BASIC_USER, password: SECRET}]
        : ['jwtAuth', {keyType: 'passphrase', secret: SECRET, algorithm: 'HS256'}];
  const created = await json<{id: string}>(
    await session.rest('POST', '/rest/credentials', {name: i.credential, type, data}),
    `create credential ${i.credential}`,
  );
  return {type, id: created.id, name: i.credential};
}

/**
 * The test variant (stub URLs, doubles) with the intake kept real: the original trigger and, for monday, the
 * Verify node and the Respond to Webhook nodes, their credential linked by id.
 */
function intakeVariant(ex: Example, cred: {type: string; id: string; name: string}): N8nWorkflow {
  const original = new Map(ex.build().nodes.map(n => [n.name, n]));
  const v = testVariant(ex, stub.base, 'unused');
  const keep = (n: N8nNode) =>
    ex.triggers.includes(n.name) || /\.(jwt|respondToWebhook)$/.test(original.get(n.name)?.type ?? '');
  const nodes = v.nodes
    .filter(n => n.name !== 'Manual (test)')
    .map(n => {
      if (!keep(n)) return n;
      const o = {...original.get(n.name)!};
      if (o.credentials?.[cred.type]) o.credentials = {[cred.type]: {id: cred.id, name: cred.name}};
      return o;
    });
  const connections = {...v.connections};
  delete connections['Manual (test)'];
  return {...v, name: `[intake] ${ex.build().name}`, nodes, connections, pinData: {}};
}

/** Saves a workflow the way the editor does after "Import from File"; returns its id. */
async function saveAsEditor(wf: Omit<N8nWorkflow, 'id'> & {id?: string}): Promise<string> {
  const {id: _id, ...body} = wf;
  void _id;
  const saved = await json<RestWorkflow>(await session.rest('POST', '/rest/workflows', body), `save ${wf.name}`);
  return saved.id;
}

/** HS256 JWT as monday signs its requests (claims of https://developer.monday.com/apps/docs/authorization-header). */
function mondayJwt(secret: string, aud: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const head = `${b64({alg: 'HS256', typ: 'JWT'})}.${b64({accountId: 1825529, userId: 48120000, aud, iat, exp: iat + 300, shortLivedToken: 'x'})}`;
  return `${head}.${crypto.createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function authHeaders(ex: Example, url: string): Record<string, string> {
  const i = ex.intake!;
  if (i.auth === 'headerAuth') return {[i.header!]: SECRET};
  if (i.auth === 'basicAuth')
    return {authorization: `Basic ${Buffer.from(`${BASIC_USER}:${SECRET}`).toString('base64')}`};
  return {authorization: mondayJwt(SECRET, url)};
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: JSON.stringify(body),
  });
  return {status: r.status, text: await r.text()};
}

/** Deep partial match (arrays index by index), as in workflows-examples.e2e.test.ts. */
function matches(got: unknown, want: unknown): boolean {
  if (want === null || typeof want !== 'object') return got === want;
  if (got === null || typeof got !== 'object') return false;
  if (Array.isArray(want)) return Array.isArray(got) && want.every((w, i) => matches(got[i], w));
  return Object.entries(want).every(([k, w]) => matches((got as Record<string, unknown>)[k], w));
}

function hits(calls: RecordedCall[], slug: string, e: ExpectedCall): RecordedCall[] {
  const [method, ...p] = e.call.startsWith('node:') ? ['POST', `/__node/${e.call.slice(5)}`] : e.call.split(' ');
  return calls.filter(
    c =>
      c.slug === slug &&
      c.method === method &&
      c.path === p.join(' ') &&
      (e.body === undefined || matches(c.body, e.body)) &&
      (e.query === undefined || c.query.includes(e.query)),
  );
}

/** Waits until every expected write-back was recorded (the webhook answers before the workflow finishes). */
async function waitForCalls(slug: string, from: number, expect: ExpectedCall[]): Promise<RecordedCall[]> {
  const until = Date.now() + 120_000;
  for (;;) {
    const calls = stub.calls.slice(from);
    if (expect.every(e => hits(calls, slug, e).length >= (e.count ?? 1))) return calls;
    if (Date.now() > until) return calls;
    await new Promise(r => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  stub = await startStub();
  folder = await createUserFolder();
  // The README's command, once per file, before the server starts (the CLI and the server share one database).
  for (const f of committed) {
    const r = await runN8n(folder, ['import:workflow', `--input=${path.join(EXAMPLES_DIR, f)}`]);
    if (r.code !== 0) throw new Error(`n8n import:workflow --input=${f} failed (${r.code}):\n${r.stderr.slice(-3000)}`);
  }
  server = await startN8n(folder);
  session = await setupOwner(server);
  for (const ex of WEBHOOKS) {
    stub.register(ex.slug, ex.test.stub ?? {}, ex.test.doubles ?? {});
    const cred = await createIntakeCredential(ex);
    const id = await saveAsEditor(intakeVariant(ex, cred));
    await activateWorkflow(session, id);
    intakeIds.set(ex.slug, id);
  }
}, SETUP_MS);

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await cleanupAll();
});

describe('import paths of workflows-examples/README.md', () => {
  test('n8n import:workflow --input=<file> imports every example under its stable id (a re-import updates it)', async () => {
    const listed = await json<RestWorkflow[]>(await session.rest('GET', '/rest/workflows'), 'list workflows');
    for (const f of committed) {
      const file = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) as {id: string; name: string};
      const got = listed.filter(w => w.id === file.id);
      expect(got.map(w => w.name)).toEqual([file.name]);
    }
  });

  test.each(committed)('Import from File (the editor saves the file as it is): %s', async f => {
    const file = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) as N8nWorkflow;
    const id = await saveAsEditor({...file, name: `${file.name} (UI import)`});
    const back = await json<RestWorkflow>(await session.rest('GET', `/rest/workflows/${id}`), 'read back');
    expect(back.nodes.map(n => n.name).sort()).toEqual(file.nodes.map(n => n.name).sort());
  });
});

interface ManualRun {
  status: string;
  runData: Record<
    string,
    Array<{error?: {message?: string}; data?: {main?: Array<Array<{json: Record<string, unknown>}> | null>}}>
  >;
  error?: {message?: string; node?: {name?: string}};
  lastNodeExecuted?: string;
}

/** "Execute workflow" as the editor sends it (POST /rest/workflows/:id/run from the trigger), run to its end. */
async function executeAsEditor(id: string, trigger: string): Promise<ManualRun> {
  const started = await json<{executionId: string}>(
    await session.rest('POST', `/rest/workflows/${id}/run`, {triggerToStartFrom: {name: trigger}}),
    `run ${id}`,
  );
  const until = Date.now() + 180_000;
  for (;;) {
    const e = await json<{status: string; data: string}>(
      await session.rest('GET', `/rest/executions/${started.executionId}`),
      `execution ${started.executionId}`,
    );
    if (!['new', 'running', 'waiting'].includes(e.status) || Date.now() > until) {
      const data = unflatten(e.data) as {resultData: Omit<ManualRun, 'status'>};
      return {status: e.status, ...data.resultData};
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Names of the nodes downstream of `from` (following connections). */
function downstream(wf: N8nWorkflow, from: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length) {
    const n = queue.shift()!;
    for (const out of wf.connections[n]?.main ?? [])
      for (const c of out ?? [])
        if (!seen.has(c.node)) {
          seen.add(c.node);
          queue.push(c.node);
        }
  }
  return seen;
}

describe('"Execute workflow" right after the CLI import, no credential created (README step 3)', () => {
  const cases = EXAMPLES.filter(ex => picked(ex.slug));
  test.each(cases.map(ex => [ex.slug, ex] as [string, Example]))(
    '%s: the pinned sample (trigger, and the platform read before routing) is routed and stops at the first node after routing that needs a credential',
    async (_slug, ex) => {
      const wf = ex.build();
      const run = await executeAsEditor(wf.id, ex.triggers[0]);
      const routing = wf.nodes
        .filter(n => /^n8n-nodes-lead-routing\.(routeLead|roundRobin)$/.test(n.type))
        .map(n => n.name);
      const decided = routing.flatMap(name =>
        (run.runData[name] ?? []).flatMap(r => (r.data?.main ?? []).flatMap(items => items ?? [])),
      );
      const failedAt = run.error?.node?.name ?? run.lastNodeExecuted ?? '';
      const after = downstream(wf, routing);
      const routed = decided.some(i => i.json.routing !== undefined);
      // Without its credential the availability read fails and the run goes on: every owner handed out says the
      // availability is unknown (README step 1), never a silent "everyone available".
      const readsAvailability = wf.nodes.some(n => n.name === GET_AVAILABILITY);
      // (A lead no territory, pool or default owner applies to considers nobody: nothing to warn about.)
      const silent = decided
        .map(
          i => i.json.routing as {warnings?: Array<{code: string}>; ownerId?: string; stage?: string; reason?: string},
        )
        .filter(r => r?.ownerId && !(r.warnings ?? []).some(w => w.code === 'availability_unknown'))
        .map(r => `${r!.stage}: ${r!.reason}`);
      if (readsAvailability) expect(silent).toEqual([]);
      expect({
        routed,
        failedAfterRouting: after.has(failedAt),
        // "Credential with ID … does not exist"; Bitrix24, whose credential is the webhook URL in Config, asks for it.
        needsCredential: /credential/i.test(run.error?.message ?? ''),
        triggerRan: !!run.runData[ex.triggers[0]],
      }).toEqual({routed: true, failedAfterRouting: true, needsCredential: true, triggerRan: true});
    },
  );
});

describe.each(WEBHOOKS.map(ex => [ex.platform, ex] as [string, Example]))('intake: %s', (_p, ex) => {
  const url = () => `${server.url}/webhook/${ex.intake!.test.path}`;

  test(`${ex.slug}: a POST without the credential, or with a wrong one, is refused and writes nothing`, async () => {
    const from = stub.calls.length;
    const body = ex.sample[0].body;
    const none = await post(url(), body);
    const wrong = await post(
      url(),
      body,
      ex.intake!.auth === 'headerAuth'
        ? {[ex.intake!.header!]: 'not-the-secret'}
        : ex.intake!.auth === 'basicAuth'
          ? {authorization: `Basic ${Buffer.from(`${BASIC_USER}:wrong`).toString('base64')}`}
          : {authorization: mondayJwt('not-the-signing-secret', url())},
    );
    expect([none.status, wrong.status].every(s => s === 401 || s === 403)).toBe(true);
    // A refused request runs nothing after the check: the stub saw no call for this example.
    expect(stub.calls.slice(from).filter(c => c.slug === ex.slug)).toEqual([]);
  });

  test(`${ex.slug}: an authenticated POST is routed${ex.intake!.test.forged ? " by the platform's record, not the zip the payload claims" : ''}`, async () => {
    const from = stub.calls.length;
    const body = ex.intake!.test.forged ?? ex.sample[0].body;
    const r = await post(url(), body, authHeaders(ex, url()));
    expect(r.status).toBe(200);
    const calls = await waitForCalls(ex.slug, from, ex.intake!.test.expect);
    const problems: string[] = [];
    for (const e of ex.intake!.test.expect) {
      const n = hits(calls, ex.slug, e).length;
      if (e.count === undefined ? n < 1 : n !== e.count)
        problems.push(
          `${e.call}: expected ${e.count ?? '≥1'}, got ${n}: ${JSON.stringify(calls.filter(c => c.slug === ex.slug)).slice(0, 1500)}`,
        );
    }
    for (const e of ex.intake!.test.never ?? [])
      if (hits(calls, ex.slug, e).length) problems.push(`${e.call} ${JSON.stringify(e.body)} must not happen`);
    expect(problems).toEqual([]);
  });
});
