// 200 concurrent webhook leads into one n8n process: Round Robin over 4 reps against the usual
// hand-made alternative (a Code node incrementing a counter in workflow static data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  activateWorkflow,
  cleanupAll,
  createUserFolder,
  importWorkflow,
  setupOwner,
  startN8n,
  type N8nServer,
} from './lib/n8n';
import {connect, ourNode, webhookNode, workflow, type Connections, type WfNode} from './lib/workflow';

const LEADS = 200;
const REPS = ['ana', 'ben', 'cy', 'dee'];

const codeCounter = `const data = $getWorkflowStaticData('global');
data.counter = (data.counter || 0) + 1;
const reps = ${JSON.stringify(REPS)};
return [{ json: { lead: $json.body.id, owner: reps[(data.counter - 1) % reps.length] } }];`;

function ours(): Record<string, unknown> {
  const c: Connections = {};
  connect(c, 'Webhook', 'Round Robin');
  return workflow(
    'Concurrency: Round Robin node',
    [
      webhookNode('rr-node'),
      ourNode('Round Robin', 'roundRobin', {assignees: {assignee: REPS.map(id => ({id, name: id}))}}),
    ],
    c,
  );
}

function routeLead(): Record<string, unknown> {
  const c: Connections = {};
  connect(c, 'Webhook', 'Route Lead');
  const parameters = {reps: {rep: REPS.map(id => ({id, name: id}))}, cascade: ['pool'], poolStrategy: 'round_robin'};
  return workflow(
    'Concurrency: Route Lead node',
    [webhookNode('rl-node'), ourNode('Route Lead', 'routeLead', parameters)],
    c,
  );
}

function handMade(): Record<string, unknown> {
  const c: Connections = {};
  connect(c, 'Webhook', 'Counter');
  const code: WfNode = {
    name: 'Counter',
    type: 'n8n-nodes-base.code',
    typeVersion: 2,
    position: [220, 300],
    parameters: {jsCode: codeCounter},
  };
  return workflow('Concurrency: Code node counter in static data', [webhookNode('rr-code'), code], c);
}

async function fire(server: N8nServer, pathName: string, owner: (body: Record<string, unknown>) => unknown) {
  const responses = await Promise.all(
    Array.from({length: LEADS}, async (_, i) => {
      const r = await fetch(`${server.url}/webhook/${pathName}`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({id: `lead-${i}`, email: `lead${i}@example.com`}),
      });
      const text = await r.text();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = {text};
      }
      return {status: r.status, lead: `lead-${i}`, body, owner: owner(body)};
    }),
  );
  const counts = Object.fromEntries(REPS.map(r => [r, responses.filter(x => x.owner === r).length]));
  return {responses, counts};
}

let server: N8nServer | undefined;
afterAll(async () => {
  await server?.stop();
  await cleanupAll();
});

test(`${LEADS} concurrent webhook leads: Round Robin and Route Lead give each of 4 reps exactly ${LEADS / 4}; a Code-node counter is recorded beside them`, async () => {
  const folder = await createUserFolder();
  const ids = [
    await importWorkflow(folder, ours()),
    await importWorkflow(folder, routeLead()),
    await importWorkflow(folder, handMade()),
  ];
  server = await startN8n(folder);
  const session = await setupOwner(server);
  for (const id of ids) await activateWorkflow(session, id);

  // The running server lists our node types, and Route Lead also as an AI-agent tool (usableAsTool).
  const types = (await (await session.rest('GET', '/types/nodes.json')).json()) as Array<{name: string}>;
  const ourTypes = types.map(t => t.name).filter(n => n.startsWith('n8n-nodes-lead-routing.'));
  expect(ourTypes).toEqual(
    expect.arrayContaining(['n8n-nodes-lead-routing.routeLead', 'n8n-nodes-lead-routing.routeLeadTool']),
  );
  expect(ourTypes).toEqual(
    expect.arrayContaining(['n8n-nodes-lead-routing.territoryMatch', 'n8n-nodes-lead-routing.roundRobin']),
  );

  const node = await fire(server, 'rr-node', b => (b.routing as {ownerId?: string} | undefined)?.ownerId);
  const bad = node.responses.filter(r => r.status !== 200);
  if (bad.length)
    console.log(
      `${bad.length} failed, e.g. ${bad[0].status} ${JSON.stringify(bad[0].body)}\n${server.logs().slice(-3000)}`,
    );
  expect(node.responses.every(r => r.status === 200)).toBe(true);
  // Each lead came back once, with one owner, and echoes its own id (no answer crossed to another lead).
  expect(node.responses.every(r => (r.body.body as {id: string}).id === r.lead)).toBe(true);
  expect(new Set(node.responses.map(r => r.lead)).size).toBe(LEADS);
  expect(node.counts).toEqual(Object.fromEntries(REPS.map(r => [r, LEADS / 4])));

  const route = await fire(server, 'rl-node', b => (b.routing as {ownerId?: string} | undefined)?.ownerId);
  expect(route.responses.every(r => r.status === 200 && (r.body.body as {id: string}).id === r.lead)).toBe(true);
  expect(route.counts).toEqual(Object.fromEntries(REPS.map(r => [r, LEADS / 4])));

  const code = await fire(server, 'rr-code', b => b.owner);
  expect(code.responses.every(r => r.status === 200)).toBe(true);
  expect(code.responses.every(r => r.body.lead === r.lead)).toBe(true);

  const result = {
    measuredAt: new Date().toISOString(),
    n8n: path.basename(folder.install.dir),
    leads: LEADS,
    roundRobinNode: node.counts,
    routeLeadNode: route.counts,
    codeNodeCounter: code.counts,
  };
  const out = path.join(os.tmpdir(), 'lead-routing-concurrency.json');
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`concurrency result (${out}):\n${JSON.stringify(result, null, 2)}`);
});
