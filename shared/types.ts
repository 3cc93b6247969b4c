// Public types of the routing contract (../shared/spec/routing.md, v1).
import type {RoutingConfig} from './config/schema';

export type {RoutingConfig};

/** A lead as it arrives: any JSON object. Canonical fields are read through `config.fields`. */
export type Lead = Record<string, unknown>;

export type Stage = 'duplicate' | 'account' | 'exact' | 'partial' | 'specialist' | 'pool' | 'default' | 'unassigned';

export type CascadeStage = 'exact' | 'partial' | 'specialist' | 'pool' | 'default';

export type Strategy = 'round_robin' | 'weighted' | 'least_loaded' | 'longest_idle';

/** Eligibility failures, in the order they are checked. */
export type Why =
  'unknown_rep' | 'unavailable' | 'away' | 'out_of_office' | 'outside_hours' | 'at_capacity' | 'excluded';

/** Which cap an `at_capacity` rep hit: assignments per day/week/month, or open records owned now. */
export type CapacityLimit = 'daily' | 'weekly' | 'monthly' | 'open';

/**
 * Something a surface or the core could not read exactly, or had to assume, for one lead: `code`
 * (snake_case, listed in docs/contract.md "Warnings"), the lead `field` and the `value` concerned
 * when there is one, and `message`, one human sentence: which field, which value, what was assumed.
 */
export interface RoutingWarning {
  code: string;
  field?: string;
  value?: string;
  message: string;
}

export interface Candidate {
  repId: string;
  eligible: boolean;
  why: Why | null;
  /** With `why: 'away'`: the presence value that said so (e.g. "dnd"). */
  presence?: string;
  /** With `why: 'at_capacity'`: the first limit reached, in the order daily, weekly, monthly, open. */
  capacityLimit?: CapacityLimit;
}

export interface Decision {
  leadId: string | number;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  stage: Stage;
  territoryId: string | null;
  territoryName: string | null;
  score: number | null;
  reason: string;
  candidates: Candidate[];
  configVersion: string;
  decidedAt: string;
  /** Present when the config has `intent`: the keywords found, in config order. */
  intentKeywords?: string[];
  /**
   * Present when the ledger had assigned this lead to another rep (same lead id, or same dedupe key
   * within the window): that rep's id. Its day/week/month counts were credited back.
   */
  reroutedFrom?: string;
  /** Present only when non-empty: what was read with an assumption (shell warnings first). */
  warnings?: RoutingWarning[];
}

/** Seed aliases kept for CRM custom fields. */
export interface DecisionWithAliases extends Decision {
  matched_territory_id: string | null;
  priority_score: number | null;
  assignment_reason: string;
}

export interface PoolState {
  /** Id of the last assignee (not an index: roster edits keep the rotation). */
  last?: string;
  /** Position of `last` in the pool when it was picked (a fast path to find it again). */
  lastIdx?: number;
  /**
   * Id of the rep that followed `last` in the pool's list when it was picked: the rotation goes on
   * with it when `last` has been removed or replaced (settled reading 11). Absent in older states.
   */
  next?: string;
  /** Smooth weighted round robin: current weight per rep id. */
  cw?: Record<string, number>;
}

export interface RepCounters {
  /** Local period keys (rep's time zone) and the counts in them. */
  d?: string;
  dn?: number;
  w?: string;
  wn?: number;
  m?: string;
  mn?: number;
  /** Epoch ms of the last assignment. */
  at?: number;
  /** Assignments ever (for reporting). */
  n?: number;
}

/** [ownerId, first routed at (epoch ms), territoryId or null] */
export type DedupeEntry = [string, number, string | null];

/** [ownerId, assigned at (epoch ms)]: who holds a lead the ledger assigned (for re-route credit). */
export type HeldEntry = [string, number];

/** Everything the router remembers. Small JSON, no lead PII (keys and domains are hashes). */
export interface RotationState {
  v: 1;
  pools: Record<string, PoolState>;
  reps: Record<string, RepCounters>;
  /** hashed e-mail domain -> rep id (learned account owners). */
  accounts: Record<string, string>;
  /** hashed dedupe key -> entry, oldest first. */
  dedupe: Record<string, DedupeEntry>;
  /** hashed lead id -> current holder, oldest first (present once a lead with an id was assigned). */
  held?: Record<string, HeldEntry>;
}

export interface RouteOptions {
  /** Include `candidates` (default true). Off is faster. */
  trace?: boolean;
  /**
   * Per-installation secret for pseudonyms: dedupe keys, learned e-mail domains and held lead ids are
   * stored as HMAC-SHA-256 under it (shared/pseudonym.ts). Absent: the unkeyed public hash (anyone
   * with a list of candidates can confirm an entry). Unkeyed entries already in the state are still
   * honoured (and re-keyed when used) until they expire.
   */
  secret?: string;
}

export type Instant = Date | string | number;

export interface RouteResult {
  decision: Decision;
  state: RotationState;
}

export interface BatchResult {
  decisions: Decision[];
  state: RotationState;
}

export interface TerritoryScore {
  territoryId: string;
  territoryName: string;
  score: number;
  /** Conditions that held, of `total`. */
  matched: number;
  total: number;
  match: 'all' | 'any';
}

export interface TerritoryMatchResult {
  /** Exactly matching territories, best first (score desc, then config order). */
  exact: TerritoryScore[];
  /** `match: "all"` territories where only some conditions hold, score >= partialMinScore, best first. */
  partial: TerritoryScore[];
  /** The best exact match, else null. */
  winner: TerritoryScore | null;
}
