/**
 * The test variant of an example workflow: the trigger becomes Manual Trigger + a Code node (same name) that
 * emits the platform's sample payload; Config URLs point at the stub; platform nodes (which talk to fixed
 * SaaS hosts) become recording doubles: an HTTP Request that POSTs the node's resolved parameters to the stub;
 * HTTP Request nodes lose their authentication (n8n's concern, not the example's); Respond to Webhook becomes
 * a No Op (a CLI run has no HTTP caller to answer). Everything else runs as is.
 */
import type {Example} from '../../workflows-examples/build/example';
import type {N8nNode, N8nWorkflow} from '../../workflows-examples/build/n8n';

const RUNS_LOCALLY = new Set(
  [
    'code',
    'set',
    'if',
    'switch',
    'merge',
    'wait',
    'httpRequest',
    'noOp',
    'splitOut',
    'splitInBatches',
    'manualTrigger',
    'stickyNote',
    'filter',
    'aggregate',
  ].map(t => `n8n-nodes-base.${t}`),
);

/** A parameter value as a JavaScript expression: `={{ a }}` templates become code, the rest literals. */
export function toJs(v: unknown): string {
  if (typeof v === 'string' && v.startsWith('=')) {
    const parts: string[] = [];
    const re = /\{\{([\s\S]*?)\}\}/g;
    const text = v.slice(1);
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index > last) parts.push(JSON.stringify(text.slice(last, m.index)));
      parts.push(`(${m[1].trim()})`);
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push(JSON.stringify(text.slice(last)));
    if (parts.length === 1) return parts[0];
    return `(${['""', ...parts].join(' + ')})`;
  }
  if (Array.isArray(v)) return `[ ${v.map(toJs).join(', ')} ]`;
  if (v && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${toJs(x)}`)
      .join(', ')} }`;
  return JSON.stringify(v ?? null);
}

function double(node: N8nNode, url: string): N8nNode {
  return {
    id: node.id,
    name: node.name,
    type: 'n8n-nodes-base.httpRequest',
    typeVersion: 4.2,
    position: node.position,
    parameters: {
      method: 'POST',
      url,
      sendBody: true,
      specifyBody: 'json',
      jsonBody: `={{ JSON.stringify(${toJs(node.parameters)}) }}`,
      options: {},
    },
    ...(node.executeOnce ? {executeOnce: true} : {}),
    // A failed platform call must behave as the platform node would: same error handling.
    ...(node.onError ? {onError: node.onError} : {}),
    ...(node.alwaysOutputData ? {alwaysOutputData: true} : {}),
  };
}

/** The pack's routing nodes (their decisions are what the availability runs inspect). */
export const isRoutingNode = (node: N8nNode) =>
  node.type === 'n8n-nodes-lead-routing.routeLead' || node.type === 'n8n-nodes-lead-routing.roundRobin';

export interface VariantOptions {
  /**
   * The availability variant (a workflow of its own, so its rotation state starts fresh): routing nodes also
   * output their candidates, so the test can see why the away rep was passed over.
   */
  availability?: boolean;
}

export function testVariant(
  ex: Example,
  stubBase: string,
  id: string,
  opts: VariantOptions = {},
): N8nWorkflow & {id: string} {
  const wf = ex.build();
  const base = `${stubBase}/${ex.slug}`;
  const nodes: N8nNode[] = [];
  for (const node of wf.nodes) {
    if (ex.triggers.includes(node.name)) {
      const first = ex.triggers[0] === node.name;
      nodes.push({
        id: node.id,
        name: node.name,
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: node.position,
        parameters: {
          mode: 'runOnceForAllItems',
          language: 'javaScript',
          jsCode: `return ${JSON.stringify((first ? ex.sample : []).map(json => ({json})))};`,
        },
      });
      if (first) {
        nodes.push({
          id: `${node.id}-manual`,
          name: 'Manual (test)',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [node.position[0] - 240, node.position[1]],
          parameters: {},
        });
        wf.connections['Manual (test)'] = {main: [[{node: node.name, type: 'main', index: 0}]]};
      }
    } else if (node.name === 'Config') {
      const a = node.parameters.assignments as {assignments: Array<{name: string; value: unknown; type: string}>};
      for (const x of a.assignments) {
        if (/Url$/.test(x.name)) x.value = base;
        if (ex.test.config && x.name in ex.test.config) x.value = ex.test.config[x.name];
      }
      nodes.push(node);
    } else if (node.type === 'n8n-nodes-base.httpRequest') {
      const p: Record<string, unknown> = {...node.parameters, authentication: 'none'};
      delete p.nodeCredentialType;
      delete p.genericAuthType;
      const {credentials: _c, ...rest} = node;
      void _c;
      nodes.push({...rest, parameters: p});
    } else if (node.type === 'n8n-nodes-base.respondToWebhook') {
      nodes.push({
        id: node.id,
        name: node.name,
        type: 'n8n-nodes-base.noOp',
        typeVersion: 1,
        position: node.position,
        parameters: {},
      });
    } else if (opts.availability && isRoutingNode(node)) {
      const options = {...((node.parameters.options as Record<string, unknown>) ?? {}), includeCandidates: true};
      nodes.push({...node, parameters: {...node.parameters, options}});
    } else if (RUNS_LOCALLY.has(node.type) || node.type.startsWith('n8n-nodes-lead-routing.')) {
      nodes.push(node);
    } else {
      nodes.push(double(node, `${base}/__node/${encodeURIComponent(node.name)}`));
    }
  }
  const name = `[e2e] ${wf.name}${opts.availability ? ' (availability)' : ''}`;
  return {...wf, id, name, nodes, pinData: {}};
}
