// A tiny typed builder for n8n workflow JSON: nodes on a grid (left to right), connections by name,
// credentials as named placeholders with a stable placeholder id (see `credentialPlaceholderId`).
import {createHash} from 'crypto';

export type Params = Record<string, unknown>;

export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Params;
  credentials?: Record<string, {id: string; name: string}>;
  webhookId?: string;
  notes?: string;
  notesInFlow?: boolean;
  onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow';
  alwaysOutputData?: boolean;
  executeOnce?: boolean;
}

export interface Connection {
  node: string;
  type: 'main';
  index: number;
}

export interface N8nWorkflow {
  /** Stable id derived from the slug: `n8n import:workflow --input=<file>` needs one (workflow_entity.id is NOT NULL). */
  id: string;
  name: string;
  nodes: N8nNode[];
  connections: Record<string, {main: Connection[][]}>;
  settings: Params;
  pinData: Record<string, Array<{json: Params}>>;
  meta: Params;
}

/** Grid cell size: one column per step so the canvas reads left to right. */
const COL = 240;
const ROW = 200;

export function uuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A 16-character workflow id (n8n's own ids are 16 alphanumerics) derived from the slug, so a re-import of the
 * same example updates the workflow instead of adding a copy.
 */
export function workflowId(slug: string): string {
  const h = createHash('sha256').update(`lead-routing-example/${slug}`).digest();
  let id = '';
  for (let i = 0; i < 16; i++) id += BASE62[h[i] % 62];
  return id;
}

/**
 * The id a credential placeholder carries in the shipped files: 16 alphanumerics derived from the credential
 * type and name, matching no real credential.
 *
 * Why an id at all: n8n 2.40.7 refuses to start any execution, pinned or not, while a node names a credential
 * without an id (CredentialsPermissionChecker.mapCredIdsToNodes throws "Node … uses invalid credential"), so a
 * name-only placeholder makes "Execute workflow" stop before the trigger. With an id the check passes for the
 * instance owner (personal project, `credential:list` scope), the pinned sample runs through routing, and the
 * first node that needs the credential stops with "Credential with ID … does not exist". On import and on every
 * save n8n replaces an id it does not know by the credential of the same name and type (replaceInvalidCredentials:
 * by id, then by name), so a credential created under the placeholder's name is linked, before or after import.
 */
export function credentialPlaceholderId(type: string, name: string): string {
  const h = createHash('sha256').update(`lead-routing-example-credential/${type}/${name}`).digest();
  let id = '';
  for (let i = 0; i < 16; i++) id += BASE62[h[i] % 62];
  return id;
}

/** `=` prefix: n8n evaluates `{{ }}` inside. */
export const expr = (s: string) => `=${s}`;

export interface NodeOptions {
  credentials?: Record<string, string>;
  notes?: string;
  onError?: N8nNode['onError'];
  alwaysOutputData?: boolean;
  executeOnce?: boolean;
  webhook?: boolean;
}

export class WorkflowBuilder {
  private readonly nodes: N8nNode[] = [];
  private readonly connections: N8nWorkflow['connections'] = {};
  private readonly pins: N8nWorkflow['pinData'] = {};

  constructor(
    readonly slug: string,
    readonly name: string,
  ) {}

  /** Adds a node at grid cell [col, row] and returns its name. */
  add(
    name: string,
    type: string,
    typeVersion: number,
    at: [number, number],
    parameters: Params,
    opts: NodeOptions = {},
  ): string {
    if (this.nodes.some(n => n.name === name)) throw new Error(`${this.slug}: duplicate node name "${name}"`);
    const fullType = type.includes('.') ? type : `n8n-nodes-base.${type}`;
    const node: N8nNode = {
      id: uuid(`${this.slug}/${name}`),
      name,
      type: fullType,
      typeVersion,
      position: [at[0] * COL, at[1] * ROW],
      parameters,
    };
    if (opts.credentials) {
      node.credentials = Object.fromEntries(
        Object.entries(opts.credentials).map(([type, n]) => [type, {id: credentialPlaceholderId(type, n), name: n}]),
      );
    }
    if (opts.webhook) node.webhookId = uuid(`${this.slug}/${name}/webhook`);
    if (opts.notes) {
      node.notes = opts.notes;
      node.notesInFlow = true;
    }
    if (opts.onError) node.onError = opts.onError;
    if (opts.alwaysOutputData) node.alwaysOutputData = true;
    if (opts.executeOnce) node.executeOnce = true;
    this.nodes.push(node);
    return name;
  }

  /** Connects output `output` of `from` to the first input of each of `to`. */
  connect(from: string, to: string | string[], output = 0): this {
    const main = (this.connections[from] ??= {main: []}).main;
    while (main.length <= output) main.push([]);
    for (const t of Array.isArray(to) ? to : [to]) main[output].push({node: t, type: 'main', index: 0});
    return this;
  }

  /** Connects output `output` of `from` to input `input` of `to` (e.g. a Merge node's second input). */
  connectInput(from: string, to: string, input: number, output = 0): this {
    const main = (this.connections[from] ??= {main: []}).main;
    while (main.length <= output) main.push([]);
    main[output].push({node: to, type: 'main', index: input});
    return this;
  }

  /** Connects a chain a -> b -> c (first outputs). */
  chain(...names: string[]): this {
    for (let i = 0; i + 1 < names.length; i++) this.connect(names[i], names[i + 1]);
    return this;
  }

  /** Sample data shown on the trigger in the editor ("Test workflow" runs on it; production ignores pins). */
  pin(node: string, items: Params[]): this {
    this.pins[node] = items.map(json => ({json}));
    return this;
  }

  sticky(name: string, at: [number, number], content: string, size: [number, number] = [420, 260]): string {
    return this.add(name, 'stickyNote', 1, at, {content, width: size[0], height: size[1]});
  }

  /** `_tags` name the platform in the generator only: n8n's import cannot create tags by name. */
  build(_tags: string[]): N8nWorkflow {
    for (const [from, c] of Object.entries(this.connections)) {
      if (!this.nodes.some(n => n.name === from))
        throw new Error(`${this.slug}: connection from unknown node "${from}"`);
      for (const out of c.main)
        for (const t of out) {
          if (!this.nodes.some(n => n.name === t.node))
            throw new Error(`${this.slug}: connection to unknown node "${t.node}"`);
        }
    }
    return {
      id: workflowId(this.slug),
      name: this.name,
      nodes: this.nodes,
      connections: this.connections,
      settings: {executionOrder: 'v1', saveManualExecutions: true},
      pinData: this.pins,
      meta: {templateCredsSetupCompleted: false},
    };
  }
}
