/**
 * nodes/PARAMETERS.md's reference tables, rendered from the node descriptions themselves so the page cannot drift
 * from what n8n shows. The block between the GENERATED markers is this output; the prose around it is hand-written.
 */
import type {
  ICredentialType,
  INodeProperties,
  INodePropertyCollection,
  INodeTypeDescription,
  IVersionedNodeType,
} from 'n8n-workflow';
import {RouteLead} from '../../nodes/RouteLead/RouteLead.node';
import {TerritoryMatch} from '../../nodes/TerritoryMatch/TerritoryMatch.node';
import {RoundRobin} from '../../nodes/RoundRobin/RoundRobin.node';
import {LeadRoutingRedisApi} from '../../credentials/LeadRoutingRedisApi.credentials';

export const START = '<!-- GENERATED from the node descriptions by test/docs/parameters.ts: do not edit by hand -->';
export const END = '<!-- END GENERATED -->';

const cell = (s: unknown): string =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

function defaultText(p: INodeProperties): string {
  const d = p.default;
  if (d === '' || d === undefined) return "''";
  if (typeof d === 'object') return '`' + cell(JSON.stringify(d)) + '`';
  return '`' + cell(String(d)) + '`';
}

function typeText(p: INodeProperties): string {
  const opts = (p.options ?? []) as Array<{value?: unknown; name: string}>;
  if ((p.type === 'options' || p.type === 'multiOptions') && opts.length && opts[0].value !== undefined) {
    return `${p.type}: ${opts.map(o => '`' + String(o.value) + '`').join(', ')}`;
  }
  if (p.typeOptions?.loadOptionsMethod) return `${p.type} (loaded: ${p.typeOptions.loadOptionsMethod})`;
  return p.type;
}

function shownWhen(p: INodeProperties): string {
  const show = p.displayOptions?.show;
  if (!show) return '';
  return Object.entries(show)
    .map(([k, v]) => `${k} = ${(v as unknown[]).map(x => String(x)).join(' or ')}`)
    .join('; ');
}

function rows(props: INodeProperties[], prefix: string): string[] {
  const out: string[] = [];
  for (const p of props) {
    const name = prefix + p.name;
    out.push(
      `| ${cell(p.displayName)} | \`${name}\` | ${cell(typeText(p))} | ${defaultText(p)} | ${cell(shownWhen(p))} | ${cell(p.description)} |`,
    );
    if (p.type === 'collection') out.push(...rows((p.options ?? []) as INodeProperties[], name + '.'));
    if (p.type === 'fixedCollection') {
      for (const group of (p.options ?? []) as INodePropertyCollection[]) {
        out.push(...rows(group.values, `${name}.${group.name}[].`));
      }
    }
  }
  return out;
}

function latest(node: IVersionedNodeType): INodeTypeDescription {
  const v = Math.max(...Object.keys(node.nodeVersions).map(Number));
  return node.nodeVersions[v].description;
}

function nodeSection(node: IVersionedNodeType): string[] {
  const d = latest(node);
  const outputs = (d.outputNames ?? ['Output']).map((n, i) => `${i}: **${n}**`).join(', ');
  const creds = (d.credentials ?? []).map(c => `\`${c.name}\``).join(', ') || 'none';
  return [
    `## ${d.displayName} — \`n8n-nodes-lead-routing.${d.name}\` v${String(d.version)}`,
    '',
    `${d.description}. Outputs: ${outputs}. Credentials: ${creds}.`,
    '',
    '| parameter | name | type | default | shown when | description |',
    '|---|---|---|---|---|---|',
    ...rows(d.properties, ''),
    '',
  ];
}

function credentialSection(c: ICredentialType): string[] {
  return [
    `## Credential \`${c.name}\` (${c.displayName})`,
    '',
    '| parameter | name | type | default | shown when | description |',
    '|---|---|---|---|---|---|',
    ...rows(c.properties, ''),
    '',
  ];
}

/** The generated block, markers included. */
export function renderParameters(): string {
  return [
    START,
    '',
    ...nodeSection(new RouteLead()),
    ...nodeSection(new TerritoryMatch()),
    ...nodeSection(new RoundRobin()),
    ...credentialSection(new LeadRoutingRedisApi()),
    END,
  ].join('\n');
}
