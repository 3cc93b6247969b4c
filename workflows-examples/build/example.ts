// What one example is: the workflow, its index line and how the end-to-end test exercises it.
import type {N8nWorkflow, Params} from './n8n';

export type LeadSource =
  | 'web form'
  | 'lead aggregator webhook'
  | 'CRM record (new/unassigned)'
  | 'e-mail with sales intent'
  | 'phone call / voicemail in a database'
  | 'sheet / table row'
  | 'SMS';

export interface StubReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer 503 this many times first (exercises retries with backoff). */
  failFirst?: number;
}

/** One expected call recorded by the stub. `node:<name>` is a platform node replaced by a recording double. */
export interface ExpectedCall {
  call: string;
  /** Deep partial match against the JSON body (for node doubles: the node's resolved parameters). */
  body?: unknown;
  /** Substring match against the query string. */
  query?: string;
  /** How many times (default: at least once). */
  count?: number;
}

/**
 * The availability check of an example (issue 13 part 3). The e2e runs the example twice more: (1) the call
 * answers `reply` (the platform's documented response shape with `awayRep` away or at its open cap): that rep
 * gets no lead and the lead is written back to another rep; (2) the call answers HTTP 500: the lead is still
 * written back and the routing decision carries the warning `availability_unknown`.
 */
export interface AvailabilityTest {
  /** "METHOD /path" of an HTTP Request node (path after the example's base) or "node:<name>" for a platform-node double. */
  call: string;
  /** The documented response shape, with `awayRep` away (or at its open cap). */
  reply: unknown;
  /** Rep id (as in the routing config) that the reply makes away / full. */
  awayRep: string;
}

export interface ExampleTest {
  /** Config values for the test (any `*Url` value is pointed at the stub automatically). */
  config?: Record<string, unknown>;
  /** Replies of the stub for HTTP Request nodes, key "METHOD /path" (path after the example's base). */
  stub?: Record<string, StubReply>;
  /** Replies of the recording doubles that stand in for platform nodes, by node name. */
  doubles?: Record<string, unknown>;
  /** Runs of the same sample (idempotency: the second must not assign again). */
  runs?: number;
  expect: ExpectedCall[];
  /** Calls that must not happen. */
  never?: string[];
  /** Live availability read right before routing (issue 13 part 3). */
  availability?: AvailabilityTest;
}

/** README columns of the availability table: what the example reads, from which API, how it becomes presence. */
export interface AvailabilityDoc {
  /** The platform's signal, e.g. "Omni-Channel presence of active users". */
  signal: string;
  /** The documented call, e.g. "GET /services/data/v59.0/query?q=SELECT … FROM UserServicePresence". */
  api: string;
  /** How a row becomes presence / open load (fields, which values count as available, caps). */
  maps: string;
}

export interface Example {
  slug: string;
  platform: string;
  source: LeadSource;
  /** README columns. */
  trigger: string;
  writeBack: string;
  credentials: string[];
  change: string;
  pattern?: string;
  /** The live availability signal read before routing (README availability table). */
  availability?: AvailabilityDoc;
  /** The trigger node(s) the test swaps for Manual Trigger + Code; the first is fed the pinned sample. */
  triggers: string[];
  sample: Params[];
  build(): N8nWorkflow;
  test: ExampleTest;
}
