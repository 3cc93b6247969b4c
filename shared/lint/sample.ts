// Sample leads for lint: routed from empty state by the router itself, one at a time (memory flat in
// the number of leads), counting what each territory and stage catches, which condition fields
// the leads have, and which territories tie on the same lead.
import type {CompiledConfig} from '../compile';
import {fieldPath, readPath} from '../lead';
import {createRouter, type Router} from '../router';
import {STAGES} from '../summary';
import {nextLevel} from '../territories';
import type {Decision, Instant, RoutingWarning} from '../types';
import type {LintCoverage} from './types';

const KEYS_KEPT = 1000;
/** Columns are collected from the first this many leads (a CSV's rows share one header). */
const KEYS_FROM_LEADS = 10000;

export class SampleTally {
  private readonly router: Router;
  private readonly byTerritory: Array<{exact: number; partial: number}>;
  private readonly stages: Record<string, number> = Object.fromEntries(STAGES.map(s => [s, 0]));
  private readonly fields: Array<{name: string; path: string[]}>;
  /** Condition field -> leads with a value there. */
  readonly present = new Map<string, number>();
  /** Ids of the reps sample leads went to. */
  readonly owners = new Set<string>();
  /** Top-level keys (columns) of the first KEYS_FROM_LEADS sample leads, at most KEYS_KEPT of them. */
  readonly keys = new Set<string>();
  /** Per territory: leads it matched exactly, and leads on which it had the top exact score. */
  readonly seen: {exact: number[]; top: number[]};
  /** "i,j" (territory indexes, i < j) -> leads on which they tied at the top exact score. */
  readonly tied = new Map<string, number>();
  private leads = 0;
  private readonly level: number[] = [];

  constructor(private readonly compiled: CompiledConfig) {
    this.router = createRouter(compiled, undefined, {trace: false});
    this.byTerritory = compiled.config.territories.map(() => ({exact: 0, partial: 0}));
    this.seen = {exact: compiled.config.territories.map(() => 0), top: compiled.config.territories.map(() => 0)};
    const names = new Set(compiled.config.territories.flatMap(t => t.conditions.map(c => c.field)));
    const mapped = compiled.config.fields as Record<string, string | undefined>;
    this.fields = [...names].map(name => ({name, path: fieldPath(mapped, name)}));
    for (const f of this.fields) this.present.set(f.name, 0);
  }

  /** Routes one lead at `now` (`extra`: warnings the shell found reading it); returns its decision. */
  add(lead: unknown, now: Instant, extra?: readonly RoutingWarning[]): Decision {
    const d = this.router.route(lead, now, this.leads, extra);
    this.leads++;
    this.stages[d.stage] = (this.stages[d.stage] ?? 0) + 1;
    if (d.ownerId !== null) this.owners.add(d.ownerId);
    if ((d.stage === 'exact' || d.stage === 'partial') && d.territoryId !== null) {
      const t = this.compiled.territoryIndex.get(d.territoryId);
      if (t !== undefined) this.byTerritory[t][d.stage]++;
    }
    if (
      this.leads <= KEYS_FROM_LEADS &&
      this.keys.size < KEYS_KEPT &&
      lead !== null &&
      typeof lead === 'object' &&
      !Array.isArray(lead)
    ) {
      for (const k of Object.keys(lead)) this.keys.add(k);
    }
    for (const f of this.fields) {
      const v = readPath(lead, f.path);
      if (v !== undefined && v !== null && v !== '') this.present.set(f.name, this.present.get(f.name)! + 1);
    }
    const pass = this.compiled.matcher.exact(lead);
    for (const t of pass.territories) this.seen.exact[t]++;
    if (pass.territories.length > 0 && nextLevel(pass, Infinity, this.level) !== -Infinity) {
      for (const t of this.level) this.seen.top[t]++;
      for (let a = 0; a < this.level.length; a++) {
        for (let b = a + 1; b < this.level.length; b++) {
          const key = `${this.level[a]},${this.level[b]}`;
          this.tied.set(key, (this.tied.get(key) ?? 0) + 1);
        }
      }
    }
    this.level.length = 0;
    return d;
  }

  coverage(): LintCoverage {
    return {
      leads: this.leads,
      territories: this.compiled.config.territories.map((t, i) => ({
        id: t.id,
        name: t.name ?? t.id,
        ...this.byTerritory[i],
      })),
      stages: {...this.stages},
      stageOrder: this.stageOrder(),
    };
  }

  private stageOrder(): string[] {
    const c = this.compiled;
    const applies = new Set<string>([
      ...(c.dedupe ? ['duplicate'] : []),
      ...(c.account ? ['account'] : []),
      ...c.cascade,
      ...(c.cascade.includes('default') && c.defaultOwner >= 0 ? [] : ['unassigned']),
    ]);
    return STAGES.filter(s => applies.has(s) || this.stages[s] > 0).sort(
      (a, b) => rank(c.cascade, a) - rank(c.cascade, b),
    );
  }
}

/** Where a stage stands in the order routing tries them: duplicate, account, the cascade, unassigned. */
function rank(cascade: readonly string[], stage: string): number {
  if (stage === 'duplicate') return -2;
  if (stage === 'account') return -1;
  const i = cascade.indexOf(stage);
  return i >= 0 ? i : stage === 'unassigned' ? 1000 : 500 + STAGES.indexOf(stage as (typeof STAGES)[number]);
}
