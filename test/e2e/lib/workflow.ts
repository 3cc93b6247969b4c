/**
 * Workflow builders for e2e tests.
 * - workflow(name, nodes, connections): a workflow object ready for importWorkflow
 * - manualTrigger(), codeNode(name, items), noOp(name), webhookNode(path): stock n8n nodes
 * - connect(from, to, outputIndex?): merges a connection into a connections object
 * - ourNode(name, type, parameters, position?): a node of this package (type without the package prefix)
 * - loadFixture(path): a workflow JSON fixture
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';

export type WfNode = {
  id?: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  [k: string]: unknown;
};
export type Connections = Record<string, {main: Array<Array<{node: string; type: 'main'; index: number}>>}>;

let x = 0;
const pos = (): [number, number] => [(x += 220), 300];

export const PACKAGE = 'n8n-nodes-lead-routing';

export function manualTrigger(name = 'Start'): WfNode {
  return {name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: pos(), parameters: {}};
}

/** A Code node that outputs the given items (CLI runs ignore pinData, so data is fed this way). */
export function codeNode(name: string, items: unknown[]): WfNode {
  return {
    name,
    type: 'n8n-nodes-base.code',
    typeVersion: 2,
    position: pos(),
    parameters: {jsCode: `return ${JSON.stringify(items.map(json => ({json})))};`},
  };
}

/**
 * A Webhook node (POST /webhook/<pathName>) that answers with the last node's first item; its webhookId is
 * a UUID made from the path, so each path has its own.
 */
export function webhookNode(pathName: string): WfNode {
  const hex = createHash('sha256').update(pathName).digest('hex').slice(0, 12);
  return {
    name: 'Webhook',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: pos(),
    webhookId: `00000000-0000-4000-8000-${hex}`,
    parameters: {
      httpMethod: 'POST',
      path: pathName,
      responseMode: 'lastNode',
      responseData: 'firstEntryJson',
      options: {},
    },
  };
}

export function noOp(name: string): WfNode {
  return {name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: pos(), parameters: {}};
}

export function ourNode(
  name: string,
  type: string,
  parameters: Record<string, unknown>,
  extra: Partial<WfNode> = {},
): WfNode {
  return {name, type: `${PACKAGE}.${type}`, typeVersion: 1, position: pos(), parameters, ...extra};
}

export function connect(c: Connections, from: string, to: string, outputIndex = 0): Connections {
  c[from] ??= {main: []};
  while (c[from].main.length <= outputIndex) c[from].main.push([]);
  c[from].main[outputIndex].push({node: to, type: 'main', index: 0});
  return c;
}

export function workflow(name: string, nodes: WfNode[], connections: Connections): Record<string, unknown> {
  return {name, nodes, connections, active: false, settings: {executionOrder: 'v1'}, pinData: {}};
}

export function loadFixture(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}
