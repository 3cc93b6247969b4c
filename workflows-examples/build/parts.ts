// The pieces every example shares: the Config node, the lead mapping, the routing node and the common tail
// (assigned? -> write owner back -> notify the rep; unassigned -> managers' channel, never nowhere).
import {expr, Params, WorkflowBuilder, uuid} from './n8n';
import type {StubReply} from './example';

export const PACKAGE = 'n8n-nodes-lead-routing';
export const ROUTE_LEAD = `${PACKAGE}.routeLead`;
export const ROUND_ROBIN = `${PACKAGE}.roundRobin`;
export const TERRITORY_MATCH = `${PACKAGE}.territoryMatch`;

/** Where the routing nodes put their decision on each item. */
export const OUT = 'routing';
/** The decision of the item at hand, from any node after routing (paired items survive write-backs). */
export const decision = (routeNode: string) => `$('${routeNode}').item.json.${OUT}`;
/** The Config node's value `key`, from anywhere. */
export const cfg = (key: string) => `$('Config').first().json.${key}`;

export type ConfigValue = string | number | boolean | Params | unknown[];

/** Set node "Config": every value a consultant changes after import (base URLs, channels, ids) in one place. */
export function configNode(b: WorkflowBuilder, at: [number, number], values: Record<string, ConfigValue>): string {
  const assignments = Object.entries(values).map(([name, value]) => {
    const type =
      typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : Array.isArray(value)
            ? 'array'
            : typeof value === 'object'
              ? 'object'
              : 'string';
    return {
      id: uuid(`${b.slug}/config/${name}`),
      name,
      value: typeof value === 'object' ? JSON.stringify(value) : value,
      type,
    };
  });
  return b.add(
    'Config',
    'set',
    3.4,
    at,
    {mode: 'manual', assignments: {assignments}, includeOtherFields: true, include: 'all', options: {}},
    {notes: 'Change these after import'},
  );
}

/** Set node mapping the platform's payload to the canonical lead fields (expressions per field). */
export function mapLead(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  fields: Record<string, string | number | boolean>,
): string {
  const assignments = Object.entries(fields).map(([n, value]) => ({
    id: uuid(`${b.slug}/${name}/${n}`),
    name: n,
    value,
    type:
      typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : n === 'excludeReps' || n === 'tags'
            ? 'array'
            : 'string',
  }));
  return b.add(name, 'set', 3.4, at, {
    mode: 'manual',
    assignments: {assignments},
    includeOtherFields: false,
    options: {},
  });
}

/**
 * The routing nodes' Live Availability parameter (contract: docs/contract.md, "Live availability"): rows read from
 * the platform right before routing, matched to reps by `repField` (rep id, e-mail or name, case-insensitive).
 */
export interface LiveAvailability {
  /** Expression giving the rows, e.g. `={{ $('Get availability').first().json.records ?? [] }}`. */
  source: string;
  /** Dot path in a row naming the rep. */
  repField: string;
  /** Dot path of the presence value (boolean or the platform's word); '' = presence not read (workload only). */
  availableField?: string;
  /** Comma list of the values that mean available (empty = the default list). */
  availableValues?: string;
  /** Dot path of the open records the rep owns now. */
  openLoadField?: string;
}

/** Name of the node that reads the platform's availability signal (the e2e stub answers it). */
export const GET_AVAILABILITY = 'Get availability';

/** Rows of the availability call, `path` inside its (single) response item; a failed call gives no rows. */
export const availabilityRows = (path?: string) =>
  path
    ? expr(`{{ $('${GET_AVAILABILITY}').first().json.${path} ?? [] }}`)
    : expr(`{{ $('${GET_AVAILABILITY}').all().map(i => i.json).filter(r => !r.error) }}`);

export interface RouteOptions {
  /** Reps roster from a previous node (expression), replacing the config's reps. */
  roster?: string;
  includeCandidates?: boolean;
  /** Live availability rows (issue 13 part 3). */
  live?: LiveAvailability;
}

/** The liveAvailability collection as the node stores it (only the fields that are set; '' is kept: "not read"). */
export function liveParameter(live: LiveAvailability): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(live)) if (v !== undefined) out[k] = v;
  return out;
}

/** The Route Lead node with a JSON config (or an expression producing one). */
export function routeLead(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  config: Params | string,
  opts: RouteOptions = {},
): string {
  const options: Params = {};
  if (opts.roster) options.roster = opts.roster;
  if (opts.includeCandidates) options.includeCandidates = true;
  const params: Params = {
    configSource: 'json',
    configJson: typeof config === 'string' ? config : JSON.stringify(config, null, 2),
  };
  if (opts.live) params.liveAvailability = liveParameter(opts.live);
  params.options = options;
  return b.add(name, ROUTE_LEAD, 1, at, params);
}

/** IF node: true when the routing node gave an owner. */
export function assignedIf(b: WorkflowBuilder, name: string, at: [number, number]): string {
  return b.add(name, 'if', 2.2, at, {
    conditions: {
      options: {caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2},
      conditions: [
        {
          id: uuid(`${b.slug}/${name}/cond`),
          leftValue: expr(`{{ $json.${OUT}.ownerId }}`),
          rightValue: '',
          operator: {type: 'string', operation: 'notEmpty', singleValue: true},
        },
      ],
      combinator: 'and',
    },
    looseTypeValidation: true,
    options: {},
  });
}

export function ifExpr(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  left: string,
  op: {type: string; operation: string},
  right: unknown = '',
): string {
  const singleValue = ['empty', 'notEmpty', 'true', 'false', 'exists', 'notExists'].includes(op.operation);
  return b.add(name, 'if', 2.2, at, {
    conditions: {
      options: {caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2},
      conditions: [
        {
          id: uuid(`${b.slug}/${name}/cond`),
          leftValue: left,
          rightValue: right,
          operator: singleValue ? {...op, singleValue: true} : op,
        },
      ],
      combinator: 'and',
    },
    looseTypeValidation: true,
    options: {},
  });
}

export const SLACK = {slackApi: 'Slack account'};
export const TWILIO = {twilioApi: 'Twilio account'};
export const SENDGRID = {sendGridApi: 'SendGrid account'};

/** One line about the lead for messages. */
export const leadLine = (route: string) =>
  `{{ ${decision(route)}.leadId }} ({{ $('${route}').item.json.name || $('${route}').item.json.email || 'no name' }}, {{ $('${route}').item.json.zip || $('${route}').item.json.state || '' }})`;

export function slackMessage(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  channelKey: string,
  text: string,
): string {
  return b.add(
    name,
    'slack',
    2.3,
    at,
    {
      authentication: 'accessToken',
      select: 'channel',
      channelId: {__rl: true, mode: 'name', value: expr(`{{ ${cfg(channelKey)} }}`)},
      text: expr(text),
      otherOptions: {includeLinkToWorkflow: false},
    },
    {credentials: SLACK},
  );
}

export type Notify = 'slack' | 'twilio' | 'sendgrid';

/** Tells the rep: Slack message in the reps' channel, Twilio SMS or SendGrid e-mail. */
export function notifyRep(
  b: WorkflowBuilder,
  how: Notify,
  route: string,
  at: [number, number],
  name = 'Notify rep',
  note = '',
): string {
  const d = decision(route);
  const body = `New lead for {{ ${d}.ownerName }}: ${leadLine(route)}. Why: {{ ${d}.reason }}${note}`;
  if (how === 'slack') return slackMessage(b, name, at, 'repsChannel', body);
  if (how === 'twilio') {
    return b.add(
      name,
      'twilio',
      1,
      at,
      {
        resource: 'sms',
        operation: 'send',
        from: expr(`{{ ${cfg('smsFrom')} }}`),
        to: expr(`{{ ${cfg('repPhones')}[${d}.ownerId] }}`),
        message: expr(body),
        options: {},
      },
      {credentials: TWILIO},
    );
  }
  return b.add(
    name,
    'sendGrid',
    1,
    at,
    {
      resource: 'mail',
      fromEmail: expr(`{{ ${cfg('fromEmail')} }}`),
      fromName: 'Lead routing',
      toEmail: expr(`{{ ${d}.ownerEmail }}`),
      subject: expr(`New lead for you: {{ ${d}.leadId }}`),
      dynamicTemplate: false,
      contentType: 'text/plain',
      contentValue: expr(body),
      additionalFields: {},
    },
    {credentials: SENDGRID},
  );
}

/** The unassigned branch: a message to the managers' channel with the reason. */
export function alertManagers(
  b: WorkflowBuilder,
  route: string,
  at: [number, number],
  name = 'Alert managers',
): string {
  const text = `Unassigned lead ${leadLine(route)}: {{ $json.${OUT}.reason }}`;
  return slackMessage(b, name, at, 'managerChannel', text);
}

export interface TailOptions {
  /** Builds the write-back node(s) at the given cell, returns [first, last]. */
  writeBack: (at: [number, number]) => string | [string, string];
  notify: Notify;
  /** Column of the write-back (of the IF with viaIf); notify after it. */
  col: number;
  row?: number;
  writeCols?: number;
  suffix?: string;
  viaIf?: boolean;
  /** Appended to the rep's message (a template, e.g. the re-route credit). */
  note?: string;
}

/**
 * Route Lead output 0 (Assigned) -> write back -> notify; output 1 (Unassigned) -> Alert managers.
 * With `viaIf` (Round Robin has one output) an IF "Assigned?" splits instead.
 */
export function tail(
  b: WorkflowBuilder,
  route: string,
  o: TailOptions,
): {notify: string; alert: string; writeLast: string} {
  const row = o.row ?? 0;
  const s = o.suffix ?? '';
  let col = o.col;
  let from = route;
  const [assignedOut, unassignedOut] = [0, 1];
  if (o.viaIf) {
    from = assignedIf(b, `Assigned?${s}`, [col, row]);
    b.connect(route, from);
    col += 1;
  }
  const wb = o.writeBack([col, row - 0.5]);
  const [first, last] = Array.isArray(wb) ? wb : [wb, wb];
  const notify = notifyRep(b, o.notify, route, [col + (o.writeCols ?? 1), row - 0.5], `Notify rep${s}`, o.note);
  const alert = alertManagers(b, route, [col, row + 0.6], `Alert managers${s}`);
  b.connect(from, first, assignedOut).connect(last, notify).connect(from, alert, unassignedOut);
  return {notify, alert, writeLast: last};
}

/** HTTP Request node (v4.2) against `{{ Config.baseUrl }}` + path, JSON body. */
export function http(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  o: {
    method: string;
    url: string;
    auth?: {predefined?: string; generic?: string; credential: Record<string, string>};
    query?: Record<string, string>;
    headers?: Record<string, string>;
    jsonBody?: string;
    fullResponse?: boolean;
    onError?: 'continueErrorOutput';
    retry?: boolean;
    notes?: string;
    /**
     * The availability read: Execute Once, and a failed call continues with its error as the output (never
     * stops the lead; the routing node then reports availability_unknown).
     */
    readOnce?: boolean;
    /** Like `readOnce`, but one call per input item (e.g. one presence call per rep). */
    readEach?: boolean;
    /**
     * The platform's documented answer, pinned as this node's output (the items n8n's HTTP Request makes of it):
     * "Execute workflow" after import reaches routing before any credential exists; production runs always call
     * the platform (n8n applies pins only to runs started in the editor).
     */
    pinned?: StubReply;
  },
): string {
  const p: Params = {method: o.method, url: o.url};
  if (o.auth?.predefined) {
    p.authentication = 'predefinedCredentialType';
    p.nodeCredentialType = o.auth.predefined;
  } else if (o.auth?.generic) {
    p.authentication = 'genericCredentialType';
    p.genericAuthType = o.auth.generic;
  }
  if (o.query) {
    p.sendQuery = true;
    p.queryParameters = {parameters: Object.entries(o.query).map(([name, value]) => ({name, value}))};
  }
  if (o.headers) {
    p.sendHeaders = true;
    p.headerParameters = {parameters: Object.entries(o.headers).map(([name, value]) => ({name, value}))};
  }
  if (o.jsonBody !== undefined) {
    p.sendBody = true;
    p.specifyBody = 'json';
    p.jsonBody = o.jsonBody;
  }
  const options: Params = {};
  if (o.fullResponse) options.response = {response: {fullResponse: true}};
  p.options = options;
  if (o.readOnce || o.readEach) {
    return b.add(name, 'httpRequest', 4.2, at, p, {
      credentials: o.auth?.credential,
      notes: o.notes,
      executeOnce: !!o.readOnce,
      onError: 'continueRegularOutput',
      alwaysOutputData: true,
    });
  }
  const node = b.add(name, 'httpRequest', 4.2, at, p, {
    credentials: o.auth?.credential,
    onError: o.onError,
    notes: o.pinned ? (o.notes ?? PINNED_NOTE) : o.notes,
  });
  if (o.pinned) b.pin(node, responseItems(o.pinned, !!o.fullResponse));
  return node;
}

export const PINNED_NOTE =
  'Pinned sample answer: "Execute workflow" uses it until you unpin it; live runs call the platform';

/**
 * The items n8n's HTTP Request node (v4) outputs for a JSON answer: one item per element of a top-level array,
 * else one item with the body; with "Include Response Headers and Status" one item `{body, headers, statusCode,
 * statusMessage}`.
 */
export function responseItems(reply: StubReply, fullResponse: boolean): Params[] {
  if (fullResponse)
    return [{body: reply.body, headers: reply.headers ?? {}, statusCode: reply.status ?? 200, statusMessage: 'OK'}];
  return (Array.isArray(reply.body) ? reply.body : [reply.body]) as Params[];
}

/**
 * Joins the leads with the availability read: `source` -> Get availability (built by `get` at `at`, Execute
 * Once) -> input 2 of a Merge that waits for both and passes on input 1, the leads. Every lead item reaches
 * the routing node, after the availability rows exist. Returns the Merge node (connect it to Route Lead).
 */
export function joinAvailability(
  b: WorkflowBuilder,
  source: string,
  leads: string,
  get: AvailabilityRead,
  at: [number, number],
): string {
  const read = get([at[0] - 1, at[1] + 0.8]);
  const [first, last] = Array.isArray(read) ? read : [read, read];
  const merge = b.add('Leads + availability', 'merge', 3.2, at, {
    mode: 'chooseBranch',
    chooseBranchMode: 'waitForAll',
    output: 'specifiedInput',
    useDataOfInput: 1,
  });
  b.connect(source, first).connect(leads, merge).connectInput(last, merge, 1);
  return merge;
}

/**
 * Builds the availability read at a cell (see `http(..., {readOnce: true})`): one node, or a chain
 * [first, last] (e.g. one item per rep, then one call per rep).
 */
export type AvailabilityRead = (at: [number, number]) => string | [string, string];

/**
 * trigger -> Config -> Lead (mapping) -> Route Lead, at columns c..c+3 of row 0. With `read`, Config also feeds
 * Get availability and a Merge joins both before Route Lead (one column more). Returns the route node; its
 * column is `c + 2` (+1 with `read`).
 */
export function trunk(
  b: WorkflowBuilder,
  trigger: string,
  config: Record<string, ConfigValue>,
  lead: Record<string, string | number | boolean>,
  routing: Params | string,
  c = 1,
  opts: RouteOptions = {},
  read?: AvailabilityRead,
): string {
  const conf = configNode(b, [c, 0], config);
  const map = mapLead(b, 'Lead', [c + 1, 0], lead);
  b.chain(trigger, conf, map);
  const before = read ? joinAvailability(b, conf, map, read, [c + 2, 0]) : map;
  const route = routeLead(b, 'Route Lead', [read ? c + 3 : c + 2, 0], routing, opts);
  b.connect(before, route);
  return route;
}

/**
 * Poll flavour: trigger -> Config -> poll nodes (built at columns c+1.., returning [first, last, columns used])
 * -> Lead -> Route Lead. Returns the route node and its column.
 */
export function pollTrunk(
  b: WorkflowBuilder,
  trigger: string,
  config: Record<string, ConfigValue>,
  poll: (col: number) => [string, string, number],
  lead: Record<string, string | number | boolean>,
  routing: Params | string,
  opts: RouteOptions = {},
  read?: AvailabilityRead,
): {route: string; col: number} {
  const conf = configNode(b, [1, 0], config);
  const [first, last, cols] = poll(2);
  const map = mapLead(b, 'Lead', [2 + cols, 0], lead);
  b.chain(trigger, conf, first).chain(last, map);
  const before = read ? joinAvailability(b, conf, map, read, [3 + cols, 0]) : map;
  const shift = read ? 1 : 0;
  const route = routeLead(b, 'Route Lead', [3 + cols + shift, 0], routing, opts);
  b.connect(before, route);
  return {route, col: 4 + cols + shift};
}

export const CHANNELS = {repsChannel: '#new-leads', managerChannel: '#sales-managers'};

/** Canonical lead fields read from the current item by dot paths of the platform payload. */
export function leadFrom(
  paths: Partial<
    Record<
      | 'id'
      | 'name'
      | 'email'
      | 'phone'
      | 'company'
      | 'zip'
      | 'state'
      | 'country'
      | 'industry'
      | 'productLine'
      | 'source'
      | 'message',
      string
    >
  >,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({...paths, ...extra}))
    if (v !== undefined) out[k] = v.startsWith('=') ? v : expr(`{{ $json.${v} }}`);
  return out;
}
