import {compileConfig} from './compile';
import type {Decision, Stage} from './types';

export interface Summary {
  leads: number;
  assigned: number;
  unassigned: number;
  byRep: Record<string, number>;
  byTerritory: Record<string, number>;
  byStage: Record<Stage, number>;
  fairness: {
    /** Reps measured: available reps in a territory, the pool or a specialist list (the default owner only if also there). */
    reps: string[];
    /** Most / fewest leads among them (Infinity when one got none; null with fewer than two reps). */
    maxMinRatio: number | null;
    /** Gini coefficient of their counts: 0 = perfectly even, 1 = one rep got everything. */
    gini: number | null;
  };
}

const STAGES: Stage[] = ['duplicate', 'account', 'exact', 'partial', 'specialist', 'pool', 'default', 'unassigned'];

/** Every decision of a run, one at a time (memory flat in the number of leads); `result()` any time. */
export class SummaryTally {
  private readonly c: ReturnType<typeof compileConfig>;
  private readonly byStage = Object.fromEntries(STAGES.map(s => [s, 0])) as Record<Stage, number>;
  private readonly byRep: Record<string, number>;
  private readonly byTerritory: Record<string, number>;
  private leads = 0;
  private assigned = 0;

  constructor(config: unknown) {
    this.c = compileConfig(config);
    this.byRep = Object.fromEntries(this.c.reps.map(r => [r.id, 0]));
    this.byTerritory = Object.fromEntries(this.c.matcher.territories.map(t => [t.id, 0]));
  }

  add(d: Decision): void {
    this.leads++;
    this.byStage[d.stage]++;
    if (d.ownerId !== null) {
      this.assigned++;
      this.byRep[d.ownerId] = (this.byRep[d.ownerId] ?? 0) + 1;
    }
    if (d.territoryId !== null) this.byTerritory[d.territoryId] = (this.byTerritory[d.territoryId] ?? 0) + 1;
  }

  result(): Summary {
    const c = this.c;
    const rotating = new Set<number>();
    for (const p of c.territoryPools) p.reps.forEach(r => rotating.add(r));
    if (c.cascade.includes('pool') && c.pool) c.pool.reps.forEach(r => rotating.add(r));
    if (c.cascade.includes('specialist')) for (const p of c.specialists.values()) p.reps.forEach(r => rotating.add(r));
    const reps = c.reps.filter(r => r.available && rotating.has(r.idx)).map(r => r.id);
    const counts = reps.map(id => this.byRep[id]);
    return {
      leads: this.leads,
      assigned: this.assigned,
      unassigned: this.leads - this.assigned,
      byRep: {...this.byRep},
      byTerritory: {...this.byTerritory},
      byStage: {...this.byStage},
      fairness: {reps, maxMinRatio: maxMin(counts), gini: gini(counts)},
    };
  }
}

export function summarize(decisions: Decision[], config: unknown): Summary {
  const tally = new SummaryTally(config);
  for (const d of decisions) tally.add(d);
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
