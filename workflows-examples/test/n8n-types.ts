// Node type descriptions of the n8n the e2e tests use (read from its install, never a hard-coded list) and of
// this package's own nodes (from their TypeScript sources).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {INodeTypeDescription} from 'n8n-workflow';

export const N8N_VERSION = process.env.N8N_VERSION ?? '2.40.7';
export const N8N_DIR =
  process.env.N8N_DIR ??
  path.join(
    process.env.LEAD_ROUTING_CACHE ?? path.join(os.homedir(), '.cache/n8n-nodes-lead-routing'),
    `n8n-${N8N_VERSION}`,
  );

export type Descriptions = Map<string, INodeTypeDescription[]>;

/** type ("n8n-nodes-base.slack") -> descriptions (one per versioned implementation). Throws when n8n is missing. */
export function installedNodeTypes(): Descriptions {
  const file = path.join(N8N_DIR, 'node_modules/n8n-nodes-base/dist/types/nodes.json');
  if (!fs.existsSync(file)) {
    throw new Error(`n8n ${N8N_VERSION} is not installed (${file} missing): run \`bash test/e2e/setup-n8n.sh\` first`);
  }
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as INodeTypeDescription[];
  const map: Descriptions = new Map();
  for (const d of list) {
    const type = `n8n-nodes-base.${d.name}`;
    map.set(type, [...(map.get(type) ?? []), d]);
  }
  return map;
}

/** Descriptions of this package's nodes, keyed by their installed type name. */
export function ownNodeTypes(): Descriptions {
  const map: Descriptions = new Map();
  const nodesDir = path.resolve(__dirname, '../../nodes');
  for (const dir of fs.readdirSync(nodesDir)) {
    const file = path.join(nodesDir, dir, `${dir}.node.ts`);
    if (!fs.existsSync(file)) continue;

    const mod = require(file) as Record<string, new () => unknown>;
    const inst = new mod[dir]() as {
      description: INodeTypeDescription;
      nodeVersions?: Record<number, {description: INodeTypeDescription}>;
    };
    const descs = inst.nodeVersions ? Object.values(inst.nodeVersions).map(v => v.description) : [inst.description];
    const name = descs[0].name;
    map.set(`n8n-nodes-lead-routing.${name}`, descs);
  }
  return map;
}

export function findDescription(map: Descriptions, type: string, version: number): INodeTypeDescription | undefined {
  return (map.get(type) ?? []).find(d => ([] as number[]).concat(d.version as number | number[]).includes(version));
}

/** Credential type names of the installed n8n plus this package's credentials/ (by their `name`). */
export function credentialTypeNames(): Set<string> {
  const file = path.join(N8N_DIR, 'node_modules/n8n-nodes-base/dist/types/credentials.json');
  if (!fs.existsSync(file))
    throw new Error(`n8n ${N8N_VERSION} is not installed (${file} missing): run \`bash test/e2e/setup-n8n.sh\` first`);
  const names = new Set((JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{name: string}>).map(c => c.name));
  const dir = path.resolve(__dirname, '../../credentials');
  for (const f of fs.readdirSync(dir).filter(x => x.endsWith('.credentials.ts'))) {
    const m = fs.readFileSync(path.join(dir, f), 'utf8').match(/\bname = '([^']+)'/);
    if (m) names.add(m[1]);
  }
  return names;
}
