// The three nodes, packed and installed into a stock n8n, run by `n8n execute` on real workflows.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {routeBatch} from '../../shared';
import {
  cleanupAll,
  createUserFolder,
  executeWorkflow,
  importWorkflow,
  nodeOutput,
  ROOT,
  type UserFolder,
} from './lib/n8n';
import {codeNode, connect, loadFixture, manualTrigger, noOp, ourNode, workflow, type Connections} from './lib/workflow';

type Json = Record<string, unknown>;
const routing = (j: Json) => j.routing as Json;
const fixture = (node: string, file: string) => loadFixture(path.join(ROOT, 'nodes', node, 'test', file));

let folder: UserFolder;
beforeAll(async () => {
  folder = await createUserFolder();
});
afterAll(cleanupAll);

test('the installed package holds the three nodes and the credential, and no runtime dependencies', () => {
  const pkgDir = path.join(folder.dir, '.n8n/nodes/node_modules/n8n-nodes-lead-routing');
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as Json & {
    n8n: {nodes: string[]; credentials: string[]};
  };
  expect(pkg.dependencies ?? {}).toEqual({});
  for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(fs.existsSync(path.join(pkgDir, f))).toBe(true);
  const installed = fs.readdirSync(path.join(folder.dir, '.n8n/nodes/node_modules')).filter(f => !f.startsWith('.'));
  expect(installed).toEqual(['n8n-nodes-lead-routing']);
});

test('Route Lead (rules built in the node): owners, reasons, both outputs, and state kept between executions', async () => {
  const id = await importWorkflow(folder, fixture('RouteLead', 'routeLead.workflow.json'));
  const first = await executeWorkflow(folder, id);
  expect(first.error).toBeUndefined();
  const assigned = nodeOutput(first, 'Assigned');
  const unassigned = nodeOutput(first, 'Unassigned');
  expect(assigned.length + unassigned.length).toBe(5);
  const owner = Object.fromEntries([...assigned, ...unassigned].map(j => [j.id, routing(j).ownerId]));
  expect(owner).toEqual({L1: 'ana', L2: 'ben', L3: null, L4: 'manager', L5: 'ana'});
  expect(routing(assigned[0])).toMatchObject({
    stage: 'exact',
    territoryId: 'tx-solar',
    score: 22,
    matched_territory_id: 'tx-solar',
    priority_score: 22,
  });
  expect(routing(assigned.find(j => j.id === 'L5')!).stage).toBe('duplicate');
  expect(unassigned.map(j => j.id)).toEqual(['L3']);
  expect(String(routing(unassigned[0]).reason)).toMatch(/intent|keyword/i);
  expect(assigned[0].firstName).toBe('Maria'); // the lead's own data is kept

  // A second `n8n execute` is a new process: only static data links the runs. Every lead is now a repeat.
  const second = await executeWorkflow(folder, id);
  expect(second.error).toBeUndefined();
  const again = nodeOutput(second, 'Assigned');
  expect(again.map(j => [j.id, routing(j).ownerId, routing(j).stage])).toEqual([
    ['L1', 'ana', 'duplicate'],
    ['L2', 'ben', 'duplicate'],
    ['L4', 'manager', 'duplicate'],
    ['L5', 'ana', 'duplicate'],
  ]);
});

test('Route Lead with a JSON config from a previous node decides as the core does', async () => {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared/samples/config.json'), 'utf8')) as Json;
  const rows = (parse(fs.readFileSync(path.join(ROOT, 'shared/samples/leads.csv'), 'utf8'), {columns: true}) as Json[])
    .filter(r => !Number.isNaN(Date.parse(String(r.createdAt))))
    .slice(0, 120);
  const c: Connections = {};
  connect(c, 'Start', 'Config');
  connect(c, 'Config', 'Leads');
  connect(c, 'Leads', 'Route Lead');
  connect(c, 'Route Lead', 'Assigned', 0);
  connect(c, 'Route Lead', 'Unassigned', 1);
  const id = await importWorkflow(
    folder,
    workflow(
      'Route Lead e2e: JSON config',
      [
        manualTrigger(),
        codeNode('Config', [config]),
        codeNode('Leads', rows),
        ourNode('Route Lead', 'routeLead', {
          configSource: 'json',
          configJson: "={{ $('Config').first().json }}",
          options: {timeField: 'createdAt', includeCandidates: true},
        }),
        noOp('Assigned'),
        noOp('Unassigned'),
      ],
      c,
    ),
  );
  const result = await executeWorkflow(folder, id);
  expect(result.error).toBeUndefined();
  const out = [...nodeOutput(result, 'Assigned'), ...nodeOutput(result, 'Unassigned')];
  expect(out).toHaveLength(rows.length);
  const byId = new Map(out.map(j => [j.id, routing(j)]));
  let state;
  for (const row of rows) {
    const r = routeBatch([row], config, state, String(row.createdAt));
    state = r.state;
    const d = byId.get(row.id)!;
    expect([row.id, d.ownerId, d.stage, d.territoryId]).toEqual([
      row.id,
      r.decisions[0].ownerId,
      r.decisions[0].stage,
      r.decisions[0].territoryId,
    ]);
    expect(d.candidates).toEqual(r.decisions[0].candidates);
  }
});

test('Route Lead: a bad config fails the execution naming the config path; with "continue" the items go to Unassigned', async () => {
  const bad = {reps: [{id: 'ana'}], territories: [{id: 'west', reps: ['ghost']}]};
  const build = (onError?: string) => {
    const c: Connections = {};
    connect(c, 'Start', 'Leads');
    connect(c, 'Leads', 'Route Lead');
    connect(c, 'Route Lead', 'Assigned', 0);
    connect(c, 'Route Lead', 'Unassigned', 1);
    return workflow(
      `bad config ${onError ?? 'stop'}`,
      [
        manualTrigger(),
        codeNode('Leads', [{id: 1}, {id: 2}]),
        ourNode(
          'Route Lead',
          'routeLead',
          {configSource: 'json', configJson: JSON.stringify(bad)},
          onError ? {onError} : {},
        ),
        noOp('Assigned'),
        noOp('Unassigned'),
      ],
      c,
    );
  };
  const failed = await executeWorkflow(folder, await importWorkflow(folder, build()));
  expect(failed.ok).toBe(false);
  expect(failed.error).toContain('territories[0].reps[0]');
  const continued = await executeWorkflow(folder, await importWorkflow(folder, build('continueRegularOutput')));
  expect(continued.error).toBeUndefined();
  const un = nodeOutput(continued, 'Unassigned');
  expect(un.map(j => j.id)).toEqual([1, 2]);
  expect(String(un[0].error)).toContain('ghost');
});

test('Territory Match: scores, winner, field mapping, one branch per matched / unmatched', async () => {
  const id = await importWorkflow(folder, fixture('TerritoryMatch', 'territoryMatch.workflow.json'));
  const result = await executeWorkflow(folder, id);
  expect(result.error).toBeUndefined();
  const matched = nodeOutput(result, 'Matched');
  const unmatched = nodeOutput(result, 'Unmatched');
  expect(matched.map(j => [j.id, (j.territoryMatch as Json).territoryId, (j.territoryMatch as Json).score])).toEqual([
    [1, 'tx-solar', 22],
    [3, 'texas', 5],
  ]);
  expect(unmatched.map(j => j.id)).toEqual([2]);
  expect((unmatched[0].territoryMatch as Json).matched).toBe(false);
});

test('Round Robin: roster from a previous node (unchecked Available skipped), dedupe remembered across executions', async () => {
  const id = await importWorkflow(folder, fixture('RoundRobin', 'roundRobin.workflow.json'));
  const first = await executeWorkflow(folder, id);
  expect(first.error).toBeUndefined();
  const owners = nodeOutput(first, 'Assigned').map(j => routing(j).ownerId);
  expect(owners).toEqual([
    'ana@example.com',
    'cy@example.com',
    'dee@example.com',
    'ana@example.com',
    'cy@example.com',
    'dee@example.com',
  ]);
  const second = await executeWorkflow(folder, id);
  const again = nodeOutput(second, 'Assigned').map(j => [routing(j).ownerId, routing(j).stage]);
  expect(again).toEqual(owners.map(o => [o, 'duplicate']));
});

test('Round Robin: show and reset operations', async () => {
  const c: Connections = {};
  connect(c, 'Start', 'Leads');
  connect(c, 'Leads', 'Round Robin');
  const assign = workflow(
    'rr assign',
    [
      manualTrigger(),
      codeNode('Leads', [{n: 1}, {n: 2}, {n: 3}]),
      ourNode('Round Robin', 'roundRobin', {assignees: {assignee: [{id: 'x'}, {id: 'y'}]}}),
    ],
    c,
  );
  const id = await importWorkflow(folder, assign);
  await executeWorkflow(folder, id);
  // The same workflow id and node name with another operation reads the same state.
  const show = await importWorkflow(folder, {...withParams(assign, {operation: 'show'}), id});
  const showRun = await executeWorkflow(folder, show);
  expect(showRun.error).toBeUndefined();
  const shown = nodeOutput(showRun, 'Round Robin');
  const reps = (shown[0].rotation as {reps: Record<string, {n: number}>}).reps;
  expect([reps.x.n, reps.y.n]).toEqual([2, 1]);
  await importWorkflow(folder, {...withParams(assign, {operation: 'reset'}), id});
  await executeWorkflow(folder, id);
  await importWorkflow(folder, {...assign, id});
  const after = nodeOutput(await executeWorkflow(folder, id), 'Round Robin');
  expect(after.map(j => routing(j).ownerId)).toEqual(['x', 'y', 'x']);
});

function withParams(wf: Json, parameters: Json): Json {
  const nodes = (wf.nodes as Json[]).map(n =>
    n.name === 'Round Robin' ? {...n, parameters: {...(n.parameters as Json), ...parameters}} : n,
  );
  return {...wf, nodes};
}
