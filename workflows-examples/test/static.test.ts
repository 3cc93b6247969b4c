// Static checks of the committed example workflows (no n8n process needed, but the installed n8n's node types).
import * as fs from 'fs';
import * as path from 'path';
import {NodeHelpers, type INode, type INodeTypeDescription} from 'n8n-workflow';
import {renderAll, ROOT} from '../build/generate';
import {EXAMPLES} from '../build/index';
import {credentialPlaceholderId} from '../build/n8n';
import {credentialTypeNames, findDescription, installedNodeTypes, ownNodeTypes, type Descriptions} from './n8n-types';

type WfNode = Omit<INode, 'credentials'> & {credentials?: Record<string, {id?: string | null; name: string}>};
interface Wf {
  name: string;
  nodes: WfNode[];
  connections: Record<string, {main: Array<Array<{node: string}>>}>;
}

const files = fs.readdirSync(ROOT).filter(f => f.endsWith('.json'));
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')) as Wf;

describe('example workflows are what the generator renders', () => {
  const rendered = renderAll();
  test('no stale or missing files', () => {
    expect(files.sort()).toEqual([...rendered.keys()].filter(f => f.endsWith('.json')).sort());
  });
  test.each([...rendered.keys()])('%s is up to date (run `npm run examples:build`)', name => {
    expect(fs.readFileSync(path.join(ROOT, name), 'utf8')).toBe(rendered.get(name));
  });
});

describe('every platform and lead source of the issue has an example', () => {
  const platforms = [
    'Salesforce',
    'HubSpot',
    'Microsoft Dynamics 365',
    'Zoho CRM',
    'Pipedrive',
    'Freshsales',
    'Zendesk Sell',
    'Bitrix24',
    'SAP Sales Cloud',
    'Insightly',
    'Keap (Infusionsoft)',
    'ActiveCampaign',
    'SugarCRM',
    'Apptivo',
    'Google Sheets',
    'Slack',
    'Twilio',
    'SendGrid',
    'Airtable',
    'Monday.com',
    'ServiceNow',
    'LionDesk',
  ];
  test.each(platforms)('%s', p => expect(EXAMPLES.filter(e => e.platform === p)).toHaveLength(1));
  test.each([
    'web form',
    'lead aggregator webhook',
    'CRM record (new/unassigned)',
    'e-mail with sales intent',
    'phone call / voicemail in a database',
  ])('source: %s', s => expect(EXAMPLES.some(e => e.source === s)).toBe(true));
});

describe('static validity against the installed n8n', () => {
  let types: Descriptions;
  let credentialTypes: Set<string>;
  beforeAll(() => {
    // Fails loudly (not skipped) when n8n is not installed: CI runs test/e2e/setup-n8n.sh first.
    types = new Map([...installedNodeTypes(), ...ownNodeTypes()]);
    credentialTypes = credentialTypeNames();
  });

  test.each(files)('%s', f => {
    const wf = load(f);
    const problems: string[] = [];
    const names = new Set(wf.nodes.map(n => n.name));
    expect(names.size).toBe(wf.nodes.length);
    for (const [from, c] of Object.entries(wf.connections)) {
      if (!names.has(from)) problems.push(`connection from unknown node "${from}"`);
      for (const out of c.main)
        for (const t of out) if (!names.has(t.node)) problems.push(`connection to unknown node "${t.node}"`);
    }
    for (const node of wf.nodes) {
      const desc = findDescription(types, node.type, node.typeVersion);
      if (!desc) {
        problems.push(`${node.name}: ${node.type} v${node.typeVersion} does not exist in n8n`);
        continue;
      }
      problems.push(...parameterProblems(node, desc));
      for (const key of ['nodeCredentialType', 'genericAuthType']) {
        const t = node.parameters[key];
        if (typeof t === 'string' && !credentialTypes.has(t))
          problems.push(`${node.name}: credential type ${t} exists neither in n8n nor in credentials/`);
        if (typeof t === 'string' && !node.credentials?.[t])
          problems.push(`${node.name}: no named placeholder for its ${t} credential`);
      }
      for (const [credType, ref] of Object.entries(node.credentials ?? {})) {
        if (ref.id !== credentialPlaceholderId(credType, ref.name))
          problems.push(`${node.name}: credential ${credType} carries an id other than its placeholder id`);
        if (!desc.credentials?.some(c => c.name === credType) && !node.type.endsWith('.httpRequest'))
          problems.push(`${node.name}: credential type ${credType} not accepted`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('positions read left to right: every connection goes right, except loops back', () => {
    for (const f of files) {
      const wf = load(f);
      const pos = new Map(wf.nodes.map(n => [n.name, n.position]));
      for (const [from, c] of Object.entries(wf.connections)) {
        for (const out of c.main)
          for (const t of out) {
            const back = pos.get(t.node)![0] <= pos.get(from)![0];
            if (back && !/retry|again|wait/i.test(t.node + from))
              throw new Error(`${f}: ${from} -> ${t.node} goes right to left`);
          }
      }
    }
  });

  test('"Execute workflow" reaches routing before any credential exists: every platform call before the routing node is pinned or continues on error', () => {
    const problems: string[] = [];
    for (const f of files) {
      const wf = load(f) as Wf & {pinData?: Record<string, unknown[]>};
      const byName = new Map(wf.nodes.map(n => [n.name, n]));
      const routing = new Set(wf.nodes.filter(n => /\.(routeLead|roundRobin)$/.test(n.type)).map(n => n.name));
      const targets = new Set(Object.values(wf.connections).flatMap(c => c.main.flat().map(t => t.node)));
      // Nodes from which a routing node can be reached: those run before routing, the rest are branches.
      const leadsToRouting = new Set(routing);
      for (let grew = true; grew;) {
        grew = false;
        for (const [from, c] of Object.entries(wf.connections))
          if (!leadsToRouting.has(from) && c.main.flat().some(t => leadsToRouting.has(t.node))) {
            leadsToRouting.add(from);
            grew = true;
          }
      }
      // Walk from each trigger (a node nothing feeds) and stop at routing: what lies between runs first.
      const queue = wf.nodes.filter(n => !targets.has(n.name) && !n.type.endsWith('.stickyNote')).map(n => n.name);
      const seen = new Set(queue);
      while (queue.length) {
        const name = queue.shift()!;
        const node = byName.get(name)!;
        const pinned = (wf.pinData?.[name]?.length ?? 0) > 0;
        const callsOut = leadsToRouting.has(name) && (!!node.credentials || node.type.endsWith('.httpRequest'));
        const continues = node.onError === 'continueRegularOutput';
        if (
          callsOut &&
          !pinned &&
          !continues &&
          !node.type.toLowerCase().includes('trigger') &&
          node.type !== 'n8n-nodes-base.webhook'
        )
          problems.push(`${f}: ${name} calls the platform before routing and has no pinned sample`);
        if (routing.has(name)) continue;
        for (const t of (wf.connections[name]?.main ?? []).flat())
          if (!seen.has(t.node)) {
            seen.add(t.node);
            queue.push(t.node);
          }
      }
      // An HTTP Request without a credential would reach a placeholder host in the pinned run: the Config value
      // its URL takes must stay empty until the user sets it (the workflow then says what to set).
      const config = byName.get('Config')?.parameters as
        {assignments?: {assignments?: Array<{name: string; value: unknown}>}} | undefined;
      const configValue = (key: string) => config?.assignments?.assignments?.find(a => a.name === key)?.value;
      for (const n of wf.nodes) {
        if (!n.type.endsWith('.httpRequest') || n.credentials) continue;
        const url = String((n.parameters as {url?: unknown}).url ?? '');
        const key = /\$\('Config'\)\.first\(\)\.json\.(\w+)/.exec(url)?.[1];
        const host = key ? configValue(key) : url;
        if (host) problems.push(`${f}: ${n.name} calls ${String(host)} without a credential in "Execute workflow"`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('no secrets: no tokens, passwords or instance ids in any file', () => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      expect(text).not.toMatch(/"(password|apiKey|accessToken|token|secret)"\s*:\s*"[^"=]{6,}"/i);
      expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
    }
  });
});

/** Unknown top-level parameters, option values not offered, and n8n's own required-parameter issues. */
function parameterProblems(node: WfNode, desc: INodeTypeDescription): string[] {
  const out: string[] = [];
  const props = desc.properties;
  const known = new Set(props.map(p => p.name));
  for (const key of Object.keys(node.parameters))
    if (!known.has(key)) out.push(`${node.name}: unknown parameter "${key}"`);
  const visible = props.filter(p => NodeHelpers.displayParameter(node.parameters, p, node, desc));
  for (const p of visible) {
    const v = node.parameters[p.name];
    if (
      p.type === 'options' &&
      typeof v === 'string' &&
      !v.startsWith('=') &&
      p.options &&
      !p.typeOptions?.loadOptionsMethod
    ) {
      if (!p.options.some(o => 'value' in o && o.value === v))
        out.push(`${node.name}: ${p.name}="${v}" is not an option`);
    }
  }
  const issues = NodeHelpers.getNodeParametersIssues(props, node as INode, desc);
  for (const [param, list] of Object.entries(issues?.parameters ?? {}))
    out.push(`${node.name}: ${param}: ${list.join('; ')}`);
  return out;
}
