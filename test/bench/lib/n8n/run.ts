// n8n cost, in a real n8n (the e2e harness): Manual Trigger -> Code node generating 10,000 leads ->
// one of [Route Lead | No Operation | Code node doing a plain round robin]. Each variant is its own
// workflow, executed a few times with `n8n execute`; we report the median of the node's own
// executionTime and of the whole execution (stoppedAt - startedAt), both read back from n8n's
// database.
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {
  cleanupAll,
  createUserFolder,
  freePort,
  importWorkflow,
  runN8n as n8nCli,
  type CliResult,
  type UserFolder,
} from '../../../e2e/lib/n8n';
import {
  connect,
  manualTrigger,
  noOp,
  ourNode,
  workflow,
  type Connections,
  type WfNode,
} from '../../../e2e/lib/workflow';
import type {BenchOptions} from '../options';
import type {N8nSection} from '../sections/n8n';
import {makeScenario, PRODUCT_LINES, STATES} from '../synth';

const ITEMS = 10_000;
const execFileP = promisify(execFile);

/** Leads are generated inside n8n (a literal list of 10,000 items would dominate the import). */
function leadsNode(): WfNode {
  const jsCode = `
const states = ${JSON.stringify(STATES)};
const products = ${JSON.stringify(PRODUCT_LINES)};
let a = 12345;
const rnd = () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; };
const out = [];
for (let i = 0; i < ${ITEMS}; i++) {
  out.push({json: {id: 'L' + i, zip: String(Math.floor(rnd() * 100000)).padStart(5, '0'),
    state: states[Math.floor(rnd() * states.length)], productLine: products[Math.floor(rnd() * products.length)],
    email: 'lead' + i + '@company' + (i % 997) + '.com'}});
}
return out;`;
  return {name: 'Leads', type: 'n8n-nodes-base.code', typeVersion: 2, position: [440, 300], parameters: {jsCode}};
}

function roundRobinCode(reps: string[]): WfNode {
  const jsCode = `
const reps = ${JSON.stringify(reps)};
const data = $getWorkflowStaticData('global');
let next = data.next || 0;
const items = $input.all();
for (const item of items) {
  item.json.owner = reps[next % reps.length];
  next++;
}
data.next = next % reps.length;
return items;`;
  return {name: 'Target', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 300], parameters: {jsCode}};
}

function variant(name: string, target: WfNode): Record<string, unknown> {
  const c: Connections = {};
  connect(c, 'Start', 'Leads');
  connect(c, 'Leads', 'Target');
  return workflow(`bench: ${name}`, [manualTrigger('Start'), leadsNode(), {...target, name: 'Target'}], c);
}

interface Timed {
  nodeMs: number;
  executionMs: number | null;
  items: number;
}

/**
 * `n8n execute` on its own task-broker port: other n8n instances on this machine (e2e tests) hold
 * the default one.
 */
async function execute(folder: UserFolder, id: string): Promise<CliResult> {
  const env = {N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(await freePort())};
  return n8nCli(folder, ['execute', `--id=${id}`, '--rawOutput'], {env, timeoutMs: 10 * 60_000});
}

/** Reads the workflow's latest execution from n8n's own database (stdout is cut short for 10,000 items). */
const READ_EXECUTION = `
const {DatabaseSync} = require('node:sqlite');
const {parse} = require(process.argv[1]);
const db = new DatabaseSync(process.argv[2], {readOnly: true});
const row = db.prepare('SELECT e.startedAt, e.stoppedAt, e.status, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.startedAt DESC LIMIT 1').get(process.argv[3]);
if (!row) { console.log(JSON.stringify({error: 'no execution saved'})); process.exit(0); }
const runs = parse(row.data).resultData.runData.Target || [];
const t = runs[0] || {};
const items = ((t.data && t.data.main) || []).reduce((n, o) => n + ((o && o.length) || 0), 0);
console.log(JSON.stringify({startedAt: row.startedAt, stoppedAt: row.stoppedAt, status: row.status, ran: runs.length > 0,
  nodeMs: t.executionTime, items, error: t.error ? t.error.message : undefined}));
`;

async function readExecution(folder: UserFolder, workflowId: string): Promise<Timed> {
  const flatted = path.join(folder.install.dir, 'node_modules/flatted/cjs/index.js');
  const db = path.join(folder.dir, '.n8n/database.sqlite');
  const {stdout} = await execFileP(folder.install.node, [
    '--no-warnings',
    '-e',
    READ_EXECUTION,
    flatted,
    db,
    workflowId,
  ]);
  const r = JSON.parse(stdout.trim().split('\n').pop()!) as {
    startedAt?: string;
    stoppedAt?: string;
    status?: string;
    ran?: boolean;
    nodeMs?: number;
    items?: number;
    error?: string;
  };
  if (!r.ran) throw new Error(`the Target node did not run (${r.error ?? r.status ?? 'no execution'})`);
  if (r.error) throw new Error(`Target failed: ${r.error}`);
  const ms = (x?: string) => (x ? Date.parse(x.includes('T') ? x : x.replace(' ', 'T') + 'Z') : NaN);
  const executionMs = ms(r.stoppedAt) - ms(r.startedAt);
  return {nodeMs: r.nodeMs ?? NaN, executionMs: Number.isFinite(executionMs) ? executionMs : null, items: r.items ?? 0};
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function runN8n(opts: BenchOptions): Promise<N8nSection> {
  const repeats = 3;
  try {
    const scenario = makeScenario({family: 'mixed', territories: 100, reps: 50, leads: 0});
    const folder = await createUserFolder();
    const variants: Record<'routeLead' | 'noOp' | 'codeRoundRobin', Record<string, unknown>> = {
      noOp: variant('No Operation', noOp('Target')),
      routeLead: variant(
        'Route Lead',
        ourNode('Target', 'routeLead', {configSource: 'json', configJson: JSON.stringify(scenario.config)}),
      ),
      codeRoundRobin: variant('Code round robin', roundRobinCode(scenario.config.reps.map(r => r.id))),
    };
    const ms: N8nSection['ms'] = {routeLead: null, noOp: null, codeRoundRobin: null};
    const executionMs: Record<string, number | null> = {};
    for (const [key, wf] of Object.entries(variants) as [keyof typeof variants, Record<string, unknown>][]) {
      const id = await importWorkflow(folder, wf);
      const runs: Timed[] = [];
      for (let i = 0; i < repeats; i++) {
        const cli = await execute(folder, id);
        if (cli.code !== 0)
          throw new Error(
            `n8n execute exited ${cli.code}: ${cli.stderr.trim().split('\n').slice(-3).join(' | ').slice(-600)}`,
          );
        runs.push(await readExecution(folder, id));
        opts.log(
          `  n8n ${key}: run ${i + 1}/${repeats}: node ${runs[i].nodeMs} ms, execution ${runs[i].executionMs} ms`,
        );
      }
      if (runs.some(r => r.items !== ITEMS))
        throw new Error(`${key} output ${runs.map(r => r.items).join('/')} items, expected ${ITEMS}`);
      ms[key] = median(runs.map(r => r.nodeMs));
      const ex = runs.map(r => r.executionMs).filter((x): x is number => x !== null);
      executionMs[key] = ex.length ? median(ex) : null;
    }
    const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);
    return {
      items: ITEMS,
      ms,
      executionMs,
      routeOverNoop: ratio(ms.routeLead, ms.noOp),
      executionRouteOverNoop: ratio(executionMs.routeLead, executionMs.noOp),
      note: `real n8n (n8n execute), 100 territories / 50 reps config, median of ${repeats} executions per variant; node time = runData executionTime, execution = stoppedAt - startedAt (includes generating the items)`,
    };
  } catch (e) {
    return {
      items: ITEMS,
      ms: {routeLead: null, noOp: null, codeRoundRobin: null},
      executionMs: {},
      routeOverNoop: null,
      executionRouteOverNoop: null,
      note: `n/a: ${(e as Error).message.split('\n')[0]}`,
    };
  } finally {
    await cleanupAll();
  }
}
