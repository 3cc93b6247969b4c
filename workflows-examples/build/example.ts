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
  /** The trigger node(s) the test swaps for Manual Trigger + Code; the first is fed the pinned sample. */
  triggers: string[];
  sample: Params[];
  build(): N8nWorkflow;
  test: ExampleTest;
}
