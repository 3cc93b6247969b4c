// A typed fake of the part of IExecuteFunctions the nodes use: parameters (with description
// defaults, like n8n), items, static data, continueOnFail, workflow and node identity.
import type {
  IDataObject,
  IExecuteFunctions,
  INode,
  INodeExecutionData,
  INodeProperties,
  INodeType,
  IWorkflowMetadata,
} from 'n8n-workflow';

type Used = Pick<
  IExecuteFunctions,
  | 'getInputData'
  | 'getNodeParameter'
  | 'getNode'
  | 'getWorkflow'
  | 'getWorkflowStaticData'
  | 'continueOnFail'
  | 'getCredentials'
  | 'getInstanceId'
>;

export interface FakeOptions {
  parameters: IDataObject;
  items: IDataObject[] | INodeExecutionData[];
  /**
   * The workflow's global static data (where ledgers live). Shared between "executions" to model what
   * n8n persists; a fresh object per run models a snapshot.
   */
  staticData?: IDataObject;
  /** The node's own static data (where state lived before ledgers). */
  nodeStaticData?: IDataObject;
  continueOnFail?: boolean;
  workflowId?: string;
  nodeName?: string;
  /** What getCredentials returns (e.g. the Redis state store's credential). */
  credentials?: IDataObject;
  /** What getInstanceId returns (default "test-instance"; the nodes key their pseudonyms with it). */
  instanceId?: string;
  /** Per-item parameter overrides (as expressions evaluated per item would give). */
  perItem?: Array<IDataObject | undefined>;
}

export class FakeExecuteFunctions implements Used {
  readonly staticData: IDataObject;
  readonly nodeStaticData: IDataObject;
  readonly calls = {getWorkflowStaticData: 0};
  private readonly items: INodeExecutionData[];
  private readonly defaults: IDataObject;

  constructor(
    nodeType: INodeType,
    private readonly o: FakeOptions,
  ) {
    this.staticData = o.staticData ?? {};
    this.nodeStaticData = o.nodeStaticData ?? {};
    this.items = o.items.map(i =>
      'json' in i && typeof i.json === 'object' ? (i as INodeExecutionData) : {json: i as IDataObject},
    );
    this.defaults = Object.fromEntries(
      nodeType.description.properties.map((p: INodeProperties) => [p.name, p.default as unknown]),
    ) as IDataObject;
  }

  getInputData(): INodeExecutionData[] {
    return this.items;
  }

  getNodeParameter(name: string, itemIndex: number, fallback?: unknown): never {
    const own = {...this.o.parameters, ...(this.o.perItem?.[itemIndex] ?? {})};
    // A nested path ("options.timeField", "territories.territory[0].conditions.condition[1].field"), as n8n takes it.
    const keys = name.split(/\.|\[(\d+)\]/).filter(k => k !== undefined && k !== '');
    let value: unknown = keys.length > 1 ? walk(own, keys) : name in own ? own[name] : undefined;
    if (value === undefined && name in this.defaults) value = this.defaults[name];
    if (value === undefined) value = fallback;
    if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
    return resolveJsonExpressions(structuredClone(value), this.items[itemIndex]?.json ?? {}) as never;
  }

  getNode(): INode {
    // The raw parameters, as n8n stores them: a value that differs per item is an expression.
    const perItem = Object.fromEntries(
      (this.o.perItem ?? []).flatMap(p => Object.keys(p ?? {})).map(name => [name, '={{ $json.perItem }}']),
    );
    return {
      id: 'node-1',
      name: this.o.nodeName ?? 'Route Lead',
      type: 'n8n-nodes-lead-routing.routeLead',
      typeVersion: 1,
      position: [0, 0],
      parameters: {...this.o.parameters, ...perItem} as INode['parameters'],
    };
  }

  getWorkflow(): IWorkflowMetadata {
    return {id: this.o.workflowId ?? 'wf-1', name: 'test', active: false};
  }

  getWorkflowStaticData(type: string): IDataObject {
    if (type !== 'node' && type !== 'global') throw new Error(`unexpected static data type ${type}`);
    this.calls.getWorkflowStaticData++;
    return type === 'global' ? this.staticData : this.nodeStaticData;
  }

  getInstanceId(): string {
    return this.o.instanceId ?? 'test-instance';
  }

  continueOnFail(): boolean {
    return this.o.continueOnFail === true;
  }

  async getCredentials(): Promise<never> {
    if (!this.o.credentials) throw new Error('no credentials in this test');
    return structuredClone(this.o.credentials) as never;
  }
}

function walk(v: unknown, keys: string[]): unknown {
  for (const k of keys) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/**
 * n8n resolves `={{ $json.a.b }}` to the item's value (the expression a field dragged from the
 * input panel gives); the fake does the same for that form, and leaves every other value as it is.
 */
function resolveJsonExpressions(value: unknown, json: IDataObject): unknown {
  if (typeof value === 'string') {
    const m = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/.exec(value);
    return m ? walk(json, m[1].slice(1).split('.')) : value;
  }
  if (Array.isArray(value)) return value.map(v => resolveJsonExpressions(v, json));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveJsonExpressions(v, json)]));
  }
  return value;
}

/** Runs a (versioned) node's execute with the fake. */
export async function runNode(
  nodeType: INodeType,
  o: FakeOptions,
): Promise<{output: INodeExecutionData[][]; ctx: FakeExecuteFunctions}> {
  const ctx = new FakeExecuteFunctions(nodeType, o);
  const output = (await nodeType.execute!.call(ctx as unknown as IExecuteFunctions)) as INodeExecutionData[][];
  return {output, ctx};
}
