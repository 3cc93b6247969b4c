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
  /**
   * A body per value of one query parameter (e.g. Slack `users.getPresence?user=U…` answers per user); a value
   * not listed gets `body`.
   */
  byQuery?: {param: string; bodies: Record<string, unknown>};
}

/** One expected call recorded by the stub. `node:<name>` is a platform node replaced by a recording double. */
export interface ExpectedCall {
  call: string;
  /** Deep partial match against the JSON body (for node doubles: the node's resolved parameters); a RegExp tests a string. */
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
  /** A body per value of one query parameter instead of one `reply` (one call per rep, e.g. Slack). */
  replyByQuery?: StubReply['byQuery'];
  /** Other calls answered differently during the away run (e.g. the open workload that puts a rep at its cap). */
  extra?: Record<string, StubReply>;
}

/**
 * A second sample run as a workflow of its own: the same example fed a different payload (e.g. an ActiveCampaign
 * contact without the "assignable" tag), with its own expected calls.
 */
export interface SampleVariant {
  /** Test title, e.g. "a contact not tagged assignable is not routed". */
  title: string;
  sample: Params[];
  expect: ExpectedCall[];
  never?: string[];
  /** Nodes that must not run at all (e.g. Route Lead behind a filter). */
  notRun?: string[];
  /** Nodes that must have run (e.g. the filter itself). */
  ran?: string[];
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
  /** Further sample runs (each its own workflow). */
  variants?: SampleVariant[];
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

/**
 * How a Webhook-triggered example secures its intake (issue 13 part 3): the sender's authentication and the
 * re-read of the record by id before routing. README text and the intake e2e (real `n8n start`) read it.
 */
export interface IntakeSpec {
  /** n8n's Webhook authentication, or monday's signed JWT checked by a Verify node after the trigger. */
  auth: 'headerAuth' | 'basicAuth' | 'mondayJwt';
  /** Placeholder name of the credential on the trigger (or the Verify node). */
  credential: string;
  /** Header Auth: the header the sender sets. */
  header?: string;
  /** README: what to set up on the platform so its requests carry the credential. */
  sender: string;
  /** README: what is re-read by id before routing (or why nothing needs to be). */
  reread: string;
  test: {
    /** The Webhook's path (POST /webhook/<path>). */
    path: string;
    /**
     * A payload that claims a zip the platform's record does not have (the record is the example's stub/double
     * reply for the re-read): the lead must be routed by the record's zip. Absent when nothing is re-read.
     */
    forged?: Params;
    /** Write-backs expected after the authenticated POST(s). */
    expect: ExpectedCall[];
    /** Calls that must not happen after the authenticated POST(s) (e.g. the owner the forged zip would give). */
    never?: ExpectedCall[];
  };
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
  /** Webhook-triggered examples: sender authentication and re-read of the record. */
  intake?: IntakeSpec;
  build(): N8nWorkflow;
  test: ExampleTest;
}
