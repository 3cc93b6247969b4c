// The figures of a run, tallied one decision at a time (memory flat in the number of leads): counts
// per rep, territory and stage, match and fallback rates, unassigned leads by reason, account hits,
// load against capacity, fairness within each pool and leads by hour of day, each figure with the
// time zone it is counted in. Used by the CLI's `simulate` report.
import {compileConfig, type CompiledConfig} from './compile';
import {readPath} from './lead';
import {emailDomain} from './normalize/text';
import {PoolShares, type PoolFairness} from './summaryFairness';
import {LoadTally, type RepLoad, type TerritoryLoad} from './summaryLoad';
import {localTime, toEpochMs} from './time';
import type {Decision, Stage} from './types';

export type {PoolFairness, RepShare} from './summaryFairness';
export type {Caps, Peak, RepLoad, TerritoryLoad} from './summaryLoad';

export interface Summary {
  leads: number;
  assigned: number;
  unassigned: number;
  byRep: Record<string, number>;
  byTerritory: Record<string, number>;
  byStage: Record<Stage, number>;
  /** Each stage's leads over all leads (0..1); `territory` = exact + partial. 0 when there are no leads. */
  rates: Record<Stage | 'territory', number>;
  /** Account-stage hits by where the owner came from: the config's `account.accounts`, or learned from an earlier lead. */
  accounts: {configured: number; learned: number};
  /**
   * Unassigned leads by reason, summing to `unassigned`: `not_an_object`, `no_intent_keyword`,
   * `nothing_applies` (no rep was considered), else the reasons the considered reps failed (`why`
   * codes, sorted and joined by "+", e.g. `at_capacity+outside_hours`).
   */
  unassignedByReason: Record<string, number>;
  load: {reps: RepLoad[]; territories: TerritoryLoad[]};
  /** Fairness within each territory's pool, the general pool and each specialist pool. */
  pools: PoolFairness[];
  /**
   * Leads by hour of day (index 0..23): `assigned` in the owner's zone, `unassigned` in `timeZone`.
   */
  byHour: {assigned: number[]; unassigned: number[]};
  /** The config's zone (else UTC): the zone of every figure not tied to a rep. */
  timeZone: string;
  /** Earliest and latest routing time of the run (ISO, UTC); null without leads. */
  span: {first: string | null; last: string | null};
  /**
   * Overall spread over every rep that rotates (kept for older readers; across pools of different
   * sizes and weights it mixes unlike things; `pools` is the per-pool reading).
   */
  fairness: {
    /** Reps measured: available reps in a territory, the pool or a specialist list (the default owner only if also there). */
    reps: string[];
    /** Most / fewest leads among them (Infinity when one got none; null with fewer than two reps). */
    maxMinRatio: number | null;
    /** Gini coefficient of their counts: 0 = perfectly even, 1 = one rep got everything. */
    gini: number | null;
  };
}

export const STAGES: Stage[] = [
  'duplicate',
  'account',
  'exact',
  'partial',
  'specialist',
  'pool',
  'default',
  'unassigned',
];

/**
 * Why an unassigned decision has no owner, as one key (see `Summary.unassignedByReason`). Reads the
 * decision only: its candidates (an unassigned decision always lists every rep considered) and, when
 * none was considered, which of the core's three no-candidate reasons it carries.
 */
export function unassignedReasonKey(d: Decision): string {
  if (d.candidates.length === 0) {
    if (d.reason.startsWith('The lead is not an object')) return 'not_an_object';
    if (d.intentKeywords !== undefined && d.intentKeywords.length === 0 && d.reason.startsWith('No sales-intent'))
      return 'no_intent_keyword';
    return 'nothing_applies';
  }
  const whys = new Set<string>();
  for (const c of d.candidates) if (c.why) whys.add(c.why);
  return whys.size ? [...whys].sort().join('+') : 'nothing_applies';
}

/** Every decision of a run, one at a time (memory flat in the number of leads); `result()` any time. */
export class SummaryTally {
  private readonly c: CompiledConfig;
  private readonly byStage = Object.fromEntries(STAGES.map(s => [s, 0])) as Record<Stage, number>;
  private readonly byRep: Record<string, number>;
  private readonly byTerritory: Record<string, number>;
  private readonly unassignedBy: Record<string, number> = {};
  private readonly hourAssigned = new Array<number>(24).fill(0);
  private readonly hourUnassigned = new Array<number>(24).fill(0);
  private readonly load: LoadTally;
  private readonly shares: PoolShares;
  private accountConfigured = 0;
  private accountLearned = 0;
  private first = Infinity;
  private last = -Infinity;
  private leads = 0;
  private assigned = 0;

  constructor(config: unknown) {
    this.c = compileConfig(config);
    this.byRep = Object.fromEntries(this.c.reps.map(r => [r.id, 0]));
    this.byTerritory = Object.fromEntries(this.c.matcher.territories.map(t => [t.id, 0]));
    this.load = new LoadTally(this.c);
    this.shares = new PoolShares(this.c);
  }

  /**
   * Adds one decision. `lead` (the lead it was made for) tells an account hit's source and a
   * specialist's pool; without it a hit counts as learned when its reason says so, and specialist
   * decisions are left out of `pools`.
   */
  add(d: Decision, lead?: unknown): void {
    const ms = toEpochMs(d.decidedAt);
    this.leads++;
    this.byStage[d.stage]++;
    if (ms < this.first) this.first = ms;
    if (ms > this.last) this.last = ms;
    const rep = d.ownerId === null ? -1 : (this.c.repIndex.get(d.ownerId) ?? -1);
    if (d.ownerId !== null) {
      this.assigned++;
      this.byRep[d.ownerId] = (this.byRep[d.ownerId] ?? 0) + 1;
      if (rep >= 0) this.hourAssigned[Math.floor(localTime(this.c.reps[rep].tz, ms).minute / 60)]++;
    } else {
      const key = unassignedReasonKey(d);
      this.unassignedBy[key] = (this.unassignedBy[key] ?? 0) + 1;
      this.hourUnassigned[Math.floor(localTime(this.load.zone, ms).minute / 60)]++;
    }
    if (d.territoryId !== null) this.byTerritory[d.territoryId] = (this.byTerritory[d.territoryId] ?? 0) + 1;
    if (d.stage === 'account') {
      if (this.configuredAccount(d, lead)) this.accountConfigured++;
      else this.accountLearned++;
    }
    this.load.add(ms, rep, d.territoryId);
    if (rep >= 0) this.shares.add(d, rep, lead);
  }

  private configuredAccount(d: Decision, lead: unknown): boolean {
    if (lead === undefined) return !d.reason.includes('(learned from an earlier lead)');
    const domain = emailDomain(readPath(lead, this.c.paths.email));
    return this.c.account?.accounts.has(domain) ?? false;
  }

  result(): Summary {
    const c = this.c;
    const rotating = new Set<number>();
    for (const p of c.territoryPools) p.reps.forEach(r => rotating.add(r));
    if (c.cascade.includes('pool') && c.pool) c.pool.reps.forEach(r => rotating.add(r));
    if (c.cascade.includes('specialist')) for (const p of c.specialists.values()) p.reps.forEach(r => rotating.add(r));
    const reps = c.reps.filter(r => r.available && rotating.has(r.idx)).map(r => r.id);
    const counts = reps.map(id => this.byRep[id]);
    const rate = (n: number) => (this.leads ? n / this.leads : 0);
    const rates = Object.fromEntries(STAGES.map(s => [s, rate(this.byStage[s])])) as Summary['rates'];
    rates.territory = rate(this.byStage.exact + this.byStage.partial);
    return {
      leads: this.leads,
      assigned: this.assigned,
      unassigned: this.leads - this.assigned,
      byRep: {...this.byRep},
      byTerritory: {...this.byTerritory},
      byStage: {...this.byStage},
      rates,
      accounts: {configured: this.accountConfigured, learned: this.accountLearned},
      unassignedByReason: {...this.unassignedBy},
      load: {reps: this.load.reps(this.byRep), territories: this.load.territories(this.byTerritory)},
      pools: this.shares.result(),
      byHour: {assigned: [...this.hourAssigned], unassigned: [...this.hourUnassigned]},
      timeZone: this.load.zone,
      span: {
        first: this.leads ? new Date(this.first).toISOString() : null,
        last: this.leads ? new Date(this.last).toISOString() : null,
      },
      fairness: {reps, maxMinRatio: maxMin(counts), gini: gini(counts)},
    };
  }
}

/** The summary of decisions already made (`leads[i]` the lead of `decisions[i]`, when given). */
export function summarize(decisions: Decision[], config: unknown, leads?: readonly unknown[]): Summary {
  const tally = new SummaryTally(config);
  decisions.forEach((d, i) => tally.add(d, leads?.[i]));
  return tally.result();
}

function maxMin(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const max = Math.max(...xs);
  const min = Math.min(...xs);
  if (max === 0) return 1;
  return min === 0 ? Infinity : max / min;
}

export function gini(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let weighted = 0;
  sorted.forEach((x, i) => (weighted += (i + 1) * x));
  return (2 * weighted) / (sorted.length * total) - (sorted.length + 1) / sorted.length;
}
