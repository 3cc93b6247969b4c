// n8n cost, in a real n8n (the e2e harness): Manual Trigger -> Code node generating 10,000 leads ->
// one of [Route Lead | No Operation | Code node doing a plain round robin]. Each variant is its own
// workflow, executed a few times with `n8n execute`; we report the median of the node's own
// executionTime and of the whole execution (stoppedAt - startedAt).
import {cleanupAll, createUserFolder, freePort, importWorkflow, runN8n as n8nCli, type CliResult, type ExecutionResult, type UserFolder} from '../../../e2e/lib/n8n';
import {connect, manualTrigger, noOp, ourNode, workflow, type Connections, type WfNode} from '../../../e2e/lib/workflow';
import type {BenchOptions} from '../options';
import type {N8nSection} from '../sections/n8n';
import {makeScenario, PRODUCT_LINES, STATES} from '../synth';

const ITEMS = 10_000;

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

function parsed(cli: CliResult): ExecutionResult {
  const start = cli.stdout.search(/^\{$/m);
  const end = cli.stdout.lastIndexOf('}');
  try {
    if (cli.code === 0 && start >= 0 && end > start) return {ok: true, cli, run: JSON.parse(cli.stdout.slice(start, end + 1))};
  } catch {
    // fall through: read the numbers from the text
  }
  return {ok: false, cli};
}

/**
 * The Target node's executionTime and the execution's startedAt/stoppedAt. Read from the parsed run
 * when n8n's output parses; otherwise straight from the printed text (10,000 items make a large
 * document that may be followed by log lines).
 */
function timing(cli: CliResult): Timed {
  const r = parsed(cli);
  if (r.ok && r.run) {
    const runs = r.run.data.resultData.runData.Target as unknown as Array<{executionTime: number; data?: {main?: Array<unknown[] | null>}; error?: {message?: string}}>;
    if (!runs?.length) throw new Error('the Target node did not run');
    if (runs[0].error) throw new Error(`Target failed: ${runs[0].error.message}`);
    const items = (runs[0].data?.main ?? []).reduce((n, out) => n + (out?.length ?? 0), 0);
    const run = r.run as unknown as {startedAt?: string; stoppedAt?: string};
    const executionMs = run.startedAt && run.stoppedAt ? Date.parse(run.stoppedAt) - Date.parse(run.startedAt) : null;
    return {nodeMs: runs[0].executionTime, executionMs, items};
  }
  const out = r.cli.stdout;
  const at = out.search(/"Target": \[/);
  const node = at < 0 ? null : /"executionTime": (\d+)/.exec(out.slice(at));
  if (r.cli.code !== 0 || !node) {
    const tail = `${r.cli.stderr}\n${r.cli.stdout}`.trim().split('\n').slice(-5).join(' | ').slice(-600);
    throw new Error(`n8n execute failed (exit code ${r.cli.code}): ${tail}`);
  }
  const last = (key: string) => {
    const all = [...out.matchAll(new RegExp(`"${key}": "([^"]+)"`, 'g'))];
    return all.length ? Date.parse(all[all.length - 1][1]) : NaN;
  };
  const executionMs = last('stoppedAt') - last('startedAt');
  return {nodeMs: Number(node[1]), executionMs: Number.isFinite(executionMs) ? executionMs : null, items: -1};
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
        ourNode('Target', 'routeLead', {configSource: 'json', configJson: JSON.stringify(scenario.config)})
      ),
      codeRoundRobin: variant('Code round robin', roundRobinCode(scenario.config.reps.map(r => r.id))),
    };
    const ms: N8nSection['ms'] = {routeLead: null, noOp: null, codeRoundRobin: null};
    const executionMs: Record<string, number | null> = {};
    for (const [key, wf] of Object.entries(variants) as [keyof typeof variants, Record<string, unknown>][]) {
      const id = await importWorkflow(folder, wf);
      const runs: Timed[] = [];
      for (let i = 0; i < repeats; i++) {
        runs.push(timing(await execute(folder, id)));
        opts.log(`  n8n ${key}: run ${i + 1}/${repeats}: node ${runs[i].nodeMs} ms, execution ${runs[i].executionMs} ms`);
      }
      if (runs.some(r => r.items !== ITEMS && r.items !== -1)) throw new Error(`${key} output ${runs.map(r => r.items).join('/')} items, expected ${ITEMS}`);
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
