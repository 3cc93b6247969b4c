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

export function failureCounts(candidates: Candidate[]): string {
  const counts = new Map<Why, number>();
  for (const c of candidates) if (c.why) counts.set(c.why, (counts.get(c.why) ?? 0) + 1);
  return [...counts].map(([why, n]) => `${n} ${WHY_WORDS[why]}`).join(', ');
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
