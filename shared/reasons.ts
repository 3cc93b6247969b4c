// One human sentence per decision: why this owner, or why nobody.
import {FLAT_FIXED_SCORE, FLAT_STRIDE, type CompiledRep, type TerritoryFlat} from './compile';
import {STRATEGIES} from './config/schema';
import type {TerritoryInfo} from './territories';
import type {Candidate, CapacityLimit, Stage, Strategy, Why} from './types';

export interface Outcome {
  stage: Stage;
  rep?: number;
  reason?: string;
  territory?: number;
  score?: number;
  strategy?: Strategy;
  /** Territories tied on the winning score. */
  tied?: number;
  /** Better-scoring territories passed over because none of their reps was eligible. */
  skipped?: number;
  matched?: number;
  total?: number;
  /** Where the rep sits in the compiled `territoryFlat.reps` (picked by round robin), else -1. */
  picked?: number;
  skill?: string;
  domain?: string;
  learned?: boolean;
  firstAt?: number;
  viaTerritory?: string | null;
  /** For the default stage: why the reps before it failed, e.g. "2 at capacity, 1 outside working hours". */
  failures?: string;
  /**
   * For the specialist, pool and default stages: what happened before them, e.g. "no territory
   * matched" or "2 territories matched but none of their reps was eligible (2 at capacity)" (see
   * `fallbackClause`); empty when the config has no territories or specialists to speak of.
   */
  before?: string;
}

/**
 * What the territory and specialist stages found before a fallback stage, as a clause: nothing when
 * the config has no territories (Round Robin's pools), "no territory matched", or "N territories
 * matched but none of their reps was eligible (why)"; then "no specialist rep was eligible" when a
 * specialist pool was tried.
 */
export function fallbackClause(
  hasTerritories: boolean,
  territoriesMatched: number,
  territoryFailures: string,
  specialistTried: boolean,
): string {
  const parts: string[] = [];
  if (hasTerritories) {
    if (territoriesMatched === 0) parts.push('no territory matched');
    else {
      const which =
        territoriesMatched === 1
          ? 'a territory matched but none of its reps was'
          : `${territoriesMatched} territories matched but none of their reps was`;
      parts.push(`${which} eligible${territoryFailures ? ` (${territoryFailures})` : ''}`);
    }
  }
  if (specialistTried) parts.push('no specialist rep was eligible');
  return parts.join(' and ');
}

/** Why an account owner was passed over, put before the decision's own reason. */
export function accountSkippedText(repName: string, domain: string, why: Why): string {
  return `Account owner ${repName} (${domain}) skipped: ${WHY_WORDS[why]}. `;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const STRATEGY_WORDS: Record<Strategy, string> = {
  round_robin: 'round robin',
  weighted: 'weighted rotation',
  least_loaded: 'least loaded today',
  longest_idle: 'longest idle',
};

const WHY_WORDS: Record<Why, string> = {
  unknown_rep: 'no longer on the roster',
  unavailable: 'unavailable',
  away: 'away',
  out_of_office: 'out of office',
  outside_hours: 'outside working hours',
  at_capacity: 'at capacity',
  excluded: 'excluded for this lead',
};

// The pieces of the territory sentences, shared by `reasonFor` and the cache in `DecisionText`.
const exactHead = (name: string, score: number, tie = '') => `Territory ${name} matched (score ${score}${tie})`;
const partialHead = (name: string, matched: number, total: number, score: number) =>
  `Territory ${name} matched partly (${matched} of ${total} conditions, score ${score})`;
const pickedTail = (repName: string, by: string) => `; ${repName} picked${by}.`;
const byStrategy = (strategy: Strategy | undefined) => (strategy ? ` by ${STRATEGY_WORDS[strategy]}` : '');

export function reasonFor(o: Outcome, rep: CompiledRep, t: TerritoryInfo | null): string {
  const by = byStrategy(o.strategy);
  const passed = o.skipped
    ? ` (${o.skipped} higher-scoring territor${o.skipped === 1 ? 'y' : 'ies'} had no eligible rep)`
    : '';
  switch (o.stage) {
    case 'duplicate':
      return `Duplicate of a lead first routed ${new Date(o.firstAt!).toISOString()}${o.viaTerritory ? ` via ${o.viaTerritory}` : ''}: same owner ${rep.name} again.`;
    case 'account':
      return `${rep.name} owns the account ${o.domain}${o.learned ? ' (learned from an earlier lead)' : ''}.`;
    case 'exact': {
      const tie = o.tied && o.tied > 1 ? `, tied with ${o.tied - 1} other territor${o.tied === 2 ? 'y' : 'ies'}` : '';
      return exactHead(t!.name, o.score!, tie) + passed + pickedTail(rep.name, by);
    }
    case 'partial':
      return partialHead(t!.name, o.matched!, o.total!, o.score!) + passed + pickedTail(rep.name, by);
    case 'specialist':
      return o.before
        ? `${capital(o.before)}; specialist in ${o.skill}: ${rep.name} picked${by}.`
        : `Specialist in ${o.skill}: ${rep.name} picked${by}.`;
    case 'pool':
      return o.before
        ? `${capital(o.before)}; ${rep.name} picked from the general pool${by}.`
        : `${rep.name} picked from the pool${by}.`;
    case 'default': {
      const others = o.failures ? `no other rep was eligible (${o.failures})` : '';
      const clause = [o.before, others].filter(x => x).join('; ');
      return clause
        ? `${capital(clause)}; fell back to the default owner ${rep.name}.`
        : `Fell back to the default owner ${rep.name}: no earlier stage applies to this lead.`;
    }
    default:
      return o.reason ?? '';
  }
}

/**
 * What a decision quotes about its territory (id, name) and its reason sentence, which `reasonFor`
 * would write; the common sentences are put together from cached halves: "Territory X matched
 * (score S)" per territory and "; Rep picked by …." per rep and strategy. Packed four to a territory,
 * so a decision on a map of 10,000 territories reads one or two cache lines here.
 */
export class DecisionText {
  /** Per territory t, at 4t: id, name, exact head, partial head. */
  private readonly strings: Array<string | undefined>;
  /** Per territory t, at 4t: the exact head's score, the partial head's score and matched count. */
  private readonly keys: Float64Array;
  private readonly tails: Array<string | undefined>;

  /** Whole exact-match sentences by position in `territoryFlat.reps` (one territory, rep and score each). */
  private readonly sentences: Array<string | undefined>;

  constructor(
    private readonly territories: TerritoryInfo[],
    reps: number,
    private readonly flat: TerritoryFlat,
  ) {
    this.sentences = new Array(flat.reps.length).fill(undefined);
    this.strings = new Array(4 * territories.length).fill(undefined);
    territories.forEach((t, i) => {
      this.strings[4 * i] = t.id;
      this.strings[4 * i + 1] = t.name;
    });
    this.keys = new Float64Array(4 * territories.length);
    this.tails = new Array(reps * STRATEGIES.length).fill(undefined);
  }

  id(t: number): string {
    return this.strings[4 * t]!;
  }

  name(t: number): string {
    return this.strings[4 * t + 1]!;
  }

  reason(o: Outcome, rep: CompiledRep): string {
    const t = o.territory ?? -1;
    if (
      (o.stage !== 'exact' && o.stage !== 'partial') ||
      o.skipped ||
      (o.tied !== undefined && o.tied > 1) ||
      o.strategy === undefined
    ) {
      return reasonFor(o, rep, t >= 0 ? this.territories[t] : null);
    }
    // The usual decision: one exact territory scored in full, its rep by round robin. The whole
    // sentence depends only on where that rep sits in the territory's list.
    const whole =
      o.stage === 'exact' && o.picked !== undefined && o.picked >= 0
        ? this.flat.records[FLAT_STRIDE * t + FLAT_FIXED_SCORE] === 1
        : false;
    if (whole) {
      const cached = this.sentences[o.picked!];
      if (cached !== undefined) return cached;
    }
    const score = o.score!;
    const at = 4 * t;
    let head: string | undefined;
    if (o.stage === 'exact') {
      head = this.strings[at + 2];
      if (head === undefined || this.keys[at] !== score) {
        head = this.strings[at + 2] = exactHead(this.name(t), score);
        this.keys[at] = score;
      }
    } else {
      const matched = o.matched!;
      head = this.strings[at + 3];
      if (head === undefined || this.keys[at + 1] !== score || this.keys[at + 2] !== matched) {
        head = this.strings[at + 3] = partialHead(this.name(t), matched, o.total!, score);
        this.keys[at + 1] = score;
        this.keys[at + 2] = matched;
      }
    }
    const k = rep.idx * STRATEGIES.length + STRATEGIES.indexOf(o.strategy);
    let tail = this.tails[k];
    if (tail === undefined) tail = this.tails[k] = pickedTail(rep.name, byStrategy(o.strategy));
    return whole ? (this.sentences[o.picked!] = head + tail) : head + tail;
  }
}

const WHYS = Object.keys(WHY_WORDS) as Why[];

/** Counts of reasons, told in order of first appearance: "2 at capacity, 1 outside working hours". */
export class WhyTally {
  private readonly counts = new Int32Array(WHYS.length);
  private readonly order: number[] = [];

  reset(): this {
    this.counts.fill(0);
    this.order.length = 0;
    return this;
  }

  add(why: Why, n = 1): void {
    const i = WHYS.indexOf(why);
    if (this.counts[i] === 0) this.order.push(i);
    this.counts[i] += n;
  }

  text(): string {
    return this.order.map(i => `${this.counts[i]} ${WHY_WORDS[WHYS[i]]}`).join(', ');
  }
}

const LIMIT_WORDS: Record<CapacityLimit, string> = {
  daily: 'daily cap',
  weekly: 'weekly cap',
  monthly: 'monthly cap',
  open: 'cap on open records',
};

/** What a live signal said about a rep, e.g. `Ana Diaz is away (presence "dnd")`; '' for other reasons. */
export function candidateDetail(c: Candidate, name: string): string {
  if (c.why === 'away') return `${name} is away (presence "${c.presence ?? ''}")`;
  if (c.why === 'at_capacity' && c.capacityLimit) return `${name} reached the ${LIMIT_WORDS[c.capacityLimit]}`;
  return '';
}

/** The same in a list: `Ana Diaz "dnd"`, `Bo Li: cap on open records`. */
function shortDetail(c: Candidate, name: string): string {
  if (c.why === 'away') return `${name} "${c.presence ?? ''}"`;
  if (c.why === 'at_capacity' && c.capacityLimit) return `${name}: ${LIMIT_WORDS[c.capacityLimit]}`;
  return '';
}

/**
 * Why nobody got the lead, from the candidates: counts per reason in order of appearance, and
 * what presence or which cap stopped each away / at-capacity rep (`nameOf` gives a rep's name).
 */
export function unassignedReason(candidates: Candidate[], nameOf: (repId: string) => string = id => id): string {
  if (candidates.length === 0) {
    return 'No territory, specialist, pool or default owner applies to this lead, so nobody was considered.';
  }
  const n = candidates.length;
  if (n === 1) {
    const detail = candidateDetail(candidates[0], nameOf(candidates[0].repId));
    if (detail) return `No owner: ${detail}, the only rep considered.`;
  }
  const counts = new Map<Why, number>();
  const details = new Map<Why, string[]>();
  for (const c of candidates) {
    if (!c.why) continue;
    counts.set(c.why, (counts.get(c.why) ?? 0) + 1);
    const detail = shortDetail(c, nameOf(c.repId));
    if (detail) {
      if (!details.has(c.why)) details.set(c.why, []);
      details.get(c.why)!.push(detail);
    }
  }
  const said = (why: Why) => {
    const d = details.get(why);
    return d ? ` (${d.slice(0, 3).join('; ')}${d.length > 3 ? `; ${d.length - 3} more` : ''})` : '';
  };
  const parts = [...counts].map(([why, k]) => `${k} ${WHY_WORDS[why]}${said(why)}`);
  if (counts.size === 1) {
    const [why] = [...counts.keys()];
    return `No owner: ${n === 1 ? 'the only rep considered is' : `all ${n} reps considered are`} ${WHY_WORDS[why]}${said(why)}.`;
  }
  return `No owner: none of the ${n} reps considered is eligible (${parts.join(', ')}).`;
}
