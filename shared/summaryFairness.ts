// Fairness within each pool that rotates (a territory's reps, the general pool, a specialist pool):
// each rep's share of the pool's leads over the share its weight entitles it to. Pools are compared
// with themselves only: a busy territory and a quiet one are not one distribution.
import type {CompiledConfig, CompiledPool} from './compile';
import {readPath, normalizedValues} from './lead';
import {takesLeads} from './summaryLoad';
import type {Decision} from './types';

export interface RepShare {
  repId: string;
  /** The rep's weight under a `weighted` or `least_loaded` pool (both share by weight), else 1 (round robin and longest idle rotate evenly). */
  weight: number;
  leads: number;
  /** leads / the pool's leads (0 when the pool got none). */
  share: number;
  /** weight / the sum of the weights of the pool's reps that take leads; 0 for a rep that takes none. */
  expected: number;
  /** share / expected: 1 = exactly its due, 0.5 = half, 2 = double; null when expected is 0 or the pool got no leads. */
  ratio: number | null;
}

export interface PoolFairness {
  /** `territory:<id>`, `pool` or `specialist:<skill>`. */
  pool: string;
  /** The territory's name, "general pool" or "specialist: <skill>". */
  label: string;
  strategy: string;
  /** Leads the pool assigned (territory: exact and partial matches of it; tied territories count for the first that lists the rep). */
  leads: number;
  reps: RepShare[];
  /** Highest and lowest ratio among reps that take leads (null when the pool got no leads or has none). */
  maxRatio: number | null;
  minRatio: number | null;
}

interface Group {
  pool: string;
  label: string;
  compiled: CompiledPool;
  counts: Map<number, number>;
  leads: number;
}

/** Counts assigned leads per pool and rep. */
export class PoolShares {
  private readonly groups = new Map<string, Group>();
  /** Specialist decisions whose pool could not be told (no lead given). */
  unattributed = 0;

  constructor(private readonly c: CompiledConfig) {
    c.matcher.territories.forEach((t, i) =>
      this.groups.set('territory:' + t.id, {
        pool: 'territory:' + t.id,
        label: t.name,
        compiled: c.territoryPools[i],
        counts: new Map(),
        leads: 0,
      }),
    );
    if (c.pool)
      this.groups.set('pool', {pool: 'pool', label: 'general pool', compiled: c.pool, counts: new Map(), leads: 0});
    for (const [skill, p] of c.specialists) {
      const key = 'specialist:' + skill;
      this.groups.set(key, {pool: key, label: `specialist: ${skill}`, compiled: p, counts: new Map(), leads: 0});
    }
  }

  /** One decision (its lead, when given, tells which specialist pool picked the owner). */
  add(d: Decision, rep: number, lead: unknown): void {
    let key: string | null = null;
    if (d.stage === 'exact' || d.stage === 'partial')
      key = d.territoryId === null ? null : 'territory:' + d.territoryId;
    else if (d.stage === 'pool') key = 'pool';
    else if (d.stage === 'specialist') {
      key = this.specialistOf(rep, lead);
      if (key === null) this.unattributed++;
    }
    const g = key === null ? undefined : this.groups.get(key);
    if (!g) return;
    g.leads++;
    g.counts.set(rep, (g.counts.get(rep) ?? 0) + 1);
  }

  /**
   * The specialist pool that picked `rep`, found as the router finds it: the lead's product line
   * values, then its industry values, the first skill whose pool lists the rep (an earlier skill's
   * pool with an eligible rep would have picked, and `rep` was eligible).
   */
  private specialistOf(rep: number, lead: unknown): string | null {
    if (lead === undefined) return null;
    for (const path of [this.c.paths.productLine, this.c.paths.industry]) {
      const v = normalizedValues('text', readPath(lead, path));
      if (v === null) continue;
      for (const skill of typeof v === 'string' ? [v] : v) {
        if (this.c.specialists.get(skill)?.reps.includes(rep)) return 'specialist:' + skill;
      }
    }
    return null;
  }

  result(): PoolFairness[] {
    return [...this.groups.values()].map(g => {
      const weighted = g.compiled.strategy === 'weighted' || g.compiled.strategy === 'least_loaded';
      const members = g.compiled.reps.map(idx => this.c.reps[idx]);
      const weightOf = (idx: number) => (weighted ? this.c.reps[idx].weight : 1);
      const total = members.filter(takesLeads).reduce((s, r) => s + weightOf(r.idx), 0);
      const reps: RepShare[] = members.map(r => {
        const leads = g.counts.get(r.idx) ?? 0;
        const share = g.leads ? leads / g.leads : 0;
        const expected = takesLeads(r) && total > 0 ? weightOf(r.idx) / total : 0;
        return {
          repId: r.id,
          weight: weightOf(r.idx),
          leads,
          share,
          expected,
          ratio: expected && g.leads ? share / expected : null,
        };
      });
      const ratios = reps.filter(r => r.ratio !== null).map(r => r.ratio!);
      return {
        pool: g.pool,
        label: g.label,
        strategy: g.compiled.strategy,
        leads: g.leads,
        reps,
        maxRatio: ratios.length ? Math.max(...ratios) : null,
        minRatio: ratios.length ? Math.min(...ratios) : null,
      };
    });
  }
}
