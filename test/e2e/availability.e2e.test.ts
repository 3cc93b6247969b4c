// Live availability (issue 13 part 2) and the drag gesture (issue 15 #1) in a stock n8n: a Slack-shaped
// user list marks one rep away; a failed availability call (a real HTTP Request error item) leaves
// availability unknown and still routes; a condition Field given as {{ $json.body.state }} matches.
import {
  cleanupAll,
  createUserFolder,
  executeWorkflow,
  freePort,
  importWorkflow,
  nodeOutput,
  type UserFolder,
} from './lib/n8n';
import {codeNode, connect, manualTrigger, noOp, ourNode, workflow, type Connections, type WfNode} from './lib/workflow';

type Json = Record<string, unknown>;
const routing = (j: Json) => j.routing as Json;

let folder: UserFolder;
beforeAll(async () => {
  folder = await createUserFolder();
});
afterAll(cleanupAll);

const leads = [{body: {id: 'W1', state: 'CA'}}, {body: {id: 'W2', state: 'CA'}}, {body: {id: 'W3', state: 'NY'}}];

function routeLead(): WfNode {
  return ourNode('Route Lead', 'routeLead', {
    configSource: 'ui',
    reps: {
      rep: [
        {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com', available: true},
        {id: 'ben', name: 'Ben Ode', email: 'ben@example.com', available: true},
        {id: 'manager', name: 'Sales Manager', available: true},
      ],
    },
    territories: {
      territory: [
        {
          id: 'west',
          name: 'West',
          // What dragging body.state from the input panel writes.
          conditions: {condition: [{field: '={{ $json.body.state }}', op: 'in', values: 'CA'}]},
          reps: 'ana, ben',
        },
      ],
    },
    cascade: ['exact', 'default'],
    defaultOwner: 'manager',
    fieldMapping: {id: '={{ $json.body.id }}'},
    liveAvailability: {
      source: "={{ $('Get presence').all().map(i => i.json) }}",
      repField: 'profile.email',
      availableField: 'presence',
    },
    options: {includeCandidates: true},
  });
}

function flow(name: string, presence: WfNode): Json {
  const c: Connections = {};
  connect(c, 'Start', 'Get presence');
  connect(c, 'Get presence', 'Leads');
  connect(c, 'Leads', 'Route Lead');
  connect(c, 'Route Lead', 'Assigned', 0);
  connect(c, 'Route Lead', 'Unassigned', 1);
  return workflow(
    name,
    [manualTrigger(), presence, codeNode('Leads', leads), routeLead(), noOp('Assigned'), noOp('Unassigned')],
    c,
  );
}

test('a Slack users.list with presence: the away rep gets no lead; a dragged condition field matches', async () => {
  // https://api.slack.com/methods/users.list with presence=true: one response, members[] with presence.
  const slack = {
    ok: true,
    members: [
      {id: 'U01', name: 'ana', real_name: 'Ana Diaz', profile: {email: 'ana@example.com'}, presence: 'away'},
      {id: 'U02', name: 'ben', real_name: 'Ben Ode', profile: {email: 'ben@example.com'}, presence: 'active'},
      {id: 'U03', name: 'boss', real_name: 'Sales Manager', profile: {email: 'boss@example.com'}, presence: 'active'},
    ],
  };
  const id = await importWorkflow(folder, flow('availability: slack', codeNode('Get presence', [slack])));
  const result = await executeWorkflow(folder, id);
  expect(result.error).toBeUndefined();
  const out = [...nodeOutput(result, 'Route Lead', 0), ...nodeOutput(result, 'Route Lead', 1)];
  const byLead = Object.fromEntries(out.map(j => [routing(j).leadId, routing(j)]));
  expect(byLead.W1).toMatchObject({ownerId: 'ben', stage: 'exact', territoryId: 'west'});
  expect(byLead.W2).toMatchObject({ownerId: 'ben', stage: 'exact'});
  expect(byLead.W3).toMatchObject({ownerId: 'manager', stage: 'default'});
  expect((byLead.W1.candidates as Json[]).find(c => c.repId === 'ana')).toEqual({
    repId: 'ana',
    eligible: false,
    why: 'away',
    presence: 'away',
  });
  // The manager is not in Slack's list by any of its names: unknown, routed on its settings, warned.
  expect((byLead.W3.warnings as Json[]).map(w => w.code)).toEqual(['availability_unknown']);
  expect(byLead.W1.warnings).toBeUndefined();
});

test('the availability call fails (HTTP Request error item): every lead is still routed, availability unknown', async () => {
  const port = await freePort(); // nobody listens there: connection refused
  const http: WfNode = {
    name: 'Get presence',
    type: 'n8n-nodes-base.httpRequest',
    typeVersion: 4.2,
    position: [440, 300],
    parameters: {url: `http://127.0.0.1:${port}/api/users.list?presence=true`, options: {}},
    onError: 'continueRegularOutput',
  };
  const id = await importWorkflow(folder, flow('availability: call fails', http));
  const result = await executeWorkflow(folder, id);
  expect(result.error).toBeUndefined();
  expect(nodeOutput(result, 'Get presence')[0]).toHaveProperty('error');
  const out = [...nodeOutput(result, 'Route Lead', 0), ...nodeOutput(result, 'Route Lead', 1)];
  expect(out).toHaveLength(3);
  const byLead = Object.fromEntries(out.map(j => [routing(j).leadId, routing(j)]));
  expect([byLead.W1.ownerId, byLead.W2.ownerId, byLead.W3.ownerId]).toEqual(['ana', 'ben', 'manager']);
  for (const d of Object.values(byLead) as Json[]) {
    expect((d.warnings as Json[]).map(w => w.code)).toEqual(['availability_unknown']);
  }
});
