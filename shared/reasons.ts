// One human sentence per decision: why this owner, or why nobody.
import type {CompiledRep} from './compile';
import type {TerritoryInfo} from './territories';
import type {Candidate, Stage, Strategy, Why} from './types';

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
  skill?: string;
  domain?: string;
  learned?: boolean;
  firstAt?: number;
  viaTerritory?: string | null;
  /** For the default stage: why the reps before it failed, e.g. "2 at capacity, 1 outside working hours". */
  failures?: string;
}

const STRATEGY_WORDS: Record<Strategy, string> = {
  round_robin: 'round robin',
  weighted: 'weighted rotation',
  least_loaded: 'least loaded today',
  longest_idle: 'longest idle',
};

const WHY_WORDS: Record<Why, string> = {
  unknown_rep: 'no longer on the roster',
  unavailable: 'unavailable',
  out_of_office: 'out of office',
  outside_hours: 'outside working hours',
  at_capacity: 'at capacity',
  excluded: 'excluded for this lead',
};

export function reasonFor(o: Outcome, rep: CompiledRep, t: TerritoryInfo | null): string {
  const by = o.strategy ? ` by ${STRATEGY_WORDS[o.strategy]}` : '';
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
      return `Territory ${t!.name} matched (score ${o.score}${tie})${passed}; ${rep.name} picked${by}.`;
    }
    case 'partial':
      return `Territory ${t!.name} matched partly (${o.matched} of ${o.total} conditions, score ${o.score})${passed}; ${rep.name} picked${by}.`;
    case 'specialist':
      return `No territory rep was eligible; specialist in ${o.skill}: ${rep.name} picked${by}.`;
    case 'pool':
      return `No territory or specialist rep was eligible; ${rep.name} picked from the general pool${by}.`;
    case 'default':
      return `No other rep was eligible${o.failures ? ` (${o.failures})` : ''}; fell back to the default owner ${rep.name}.`;
    default:
      return o.reason ?? '';
  }
}

const STRATEGY_ORDER: Strategy[] = ['round_robin', 'weighted', 'least_loaded', 'longest_idle'];

/** One cached text per territory, valid for one (score, matched) pair. */
class HeadCache {
  private readonly text: Array<string | undefined>;
  private readonly score: Float64Array;
  private readonly matched: Int32Array;

  constructor(territories: number) {
    this.text = new Array(territories).fill(undefined);
    this.score = new Float64Array(territories);
    this.matched = new Int32Array(territories);
  }

  /** The cached text for territory `t` at this score and match count, or undefined. */
  get(t: number, score: number, matched: number): string | undefined {
    const cached = this.text[t];
    return cached !== undefined && this.score[t] === score && this.matched[t] === matched ? cached : undefined;
  }

  set(t: number, score: number, matched: number, text: string): string {
    this.score[t] = score;
    this.matched[t] = matched;
    return (this.text[t] = text);
  }
}

/**
 * `reasonFor` with the common sentences assembled from cached halves: "Territory X matched
 * (score S)" per territory and "; Rep picked by …." per rep and strategy (the same text, without
 * formatting the same pieces for every lead).
 */
export class ReasonWriter {
  private readonly exact: HeadCache;
  private readonly partial: HeadCache;
  private readonly tails: Array<string | undefined>;

  constructor(territories: number, reps: number) {
    this.exact = new HeadCache(territories);
    this.partial = new HeadCache(territories);
    this.tails = new Array(reps * 4).fill(undefined);
  }

  /** `territories`: the matcher's, indexed by `o.territory`. */
  write(o: Outcome, rep: CompiledRep, territories: TerritoryInfo[]): string {
    const territory = o.territory ?? -1;
    if (
      (o.stage !== 'exact' && o.stage !== 'partial') ||
      o.skipped ||
      (o.tied !== undefined && o.tied > 1) ||
      o.strategy === undefined
    ) {
      return reasonFor(o, rep, territory >= 0 ? territories[territory] : null);
    }
    const score = o.score!;
    let head: string | undefined;
    if (o.stage === 'exact') {
      head =
        this.exact.get(territory, score, 0) ??
        this.exact.set(territory, score, 0, `Territory ${territories[territory].name} matched (score ${score})`);
    } else {
      const matched = o.matched!;
      head =
        this.partial.get(territory, score, matched) ??
        this.partial.set(
          territory,
          score,
          matched,
          `Territory ${territories[territory].name} matched partly (${matched} of ${o.total} conditions, score ${score})`,
        );
    }
    const k = rep.idx * 4 + STRATEGY_ORDER.indexOf(o.strategy);
    let tail = this.tails[k];
    if (tail === undefined) tail = this.tails[k] = `; ${rep.name} picked by ${STRATEGY_WORDS[o.strategy]}.`;
    return head + tail;
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

export function unassignedReason(candidates: Candidate[]): string {
  if (candidates.length === 0) {
    return 'No territory, specialist, pool or default owner applies to this lead, so nobody was considered.';
  }
  const counts = new Map<Why, number>();
  for (const c of candidates) if (c.why) counts.set(c.why, (counts.get(c.why) ?? 0) + 1);
  const parts = [...counts].map(([why, n]) => `${n} ${WHY_WORDS[why]}`);
  const n = candidates.length;
  if (counts.size === 1) {
    const [why] = [...counts.keys()];
    return `No owner: ${n === 1 ? 'the only rep considered is' : `all ${n} reps considered are`} ${WHY_WORDS[why]}.`;
  }
  return `No owner: none of the ${n} reps considered is eligible (${parts.join(', ')}).`;
}
