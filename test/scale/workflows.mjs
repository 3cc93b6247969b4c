// The workflows the scale test imports: Webhook -> (router) -> respond with the last node's JSON.
import crypto from 'node:crypto';

export const REPS = ['ana', 'ben', 'cara', 'dev'];

function webhookWorkflow(id, name, routerNode) {
  return {
    id, name, active: false, settings: { executionOrder: 'v1' }, tags: [], pinData: {},
    nodes: [
      { id: crypto.randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0],
        webhookId: crypto.randomUUID(),
        parameters: { httpMethod: 'POST', path: id, responseMode: 'lastNode', options: {} } },
      { ...routerNode, id: crypto.randomUUID(), position: [220, 0] },
    ],
    connections: { Webhook: { main: [[{ node: routerNode.name, type: 'main', index: 0 }]] } },
  };
}

/**
 * Infrastructure baseline without the community node: a Code node keeping a rotation counter in
 * workflow static data, which is exactly what one n8n process can do and queue mode cannot.
 */
export function codeCounterWorkflow(id) {
  const jsCode = `const sd = $getWorkflowStaticData('global');
const reps = ${JSON.stringify(REPS)};
sd.n = (sd.n || 0) + 1;
const lead = $input.first().json.body;
return [{ json: { leadId: lead.id, ownerId: reps[(sd.n - 1) % reps.length] } }];`;
  return webhookWorkflow(id, `scale ${id}`, {
    name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode },
  });
}

/** A `leadRoutingRedisApi` credential as `n8n import:credentials` takes it (plain data, n8n encrypts it). */
export function redisCredential(id, { host, port, keyPrefix }) {
  return {
    id, name: `Redis ${id}`, type: 'leadRoutingRedisApi',
    data: { host, port, user: '', password: '', database: 0, tls: false, keyPrefix },
  };
}

/** Webhook -> Round Robin (4 reps, round robin, dedupe on the lead's e-mail) -> respond with its item. */
export function roundRobinWorkflow(id, stateStore, credential) {
  const node = {
    name: 'Round Robin', type: 'n8n-nodes-lead-routing.roundRobin', typeVersion: 1,
    parameters: {
      operation: 'assign',
      assigneesSource: 'list',
      assignees: { assignee: REPS.map(r => ({ id: r, name: r, email: `${r}@example.com`, available: true, weight: 1 })) },
      strategy: 'round_robin',
      dedupeKey: '={{ $json.body.email }}',
      dedupeWindowHours: 720,
      stateStore,
      options: {},
    },
  };
  if (credential) node.credentials = { leadRoutingRedisApi: { id: credential.id, name: credential.name } };
  return webhookWorkflow(id, `scale ${id}`, node);
}
