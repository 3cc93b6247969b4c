// Rep checks: reps no stage can give a lead to, pools none of whose reps can take a lead, and
// working hours read in UTC because no time zone says otherwise.
import type {CompiledConfig, CompiledRep} from '../compile';
import type {LintFinding} from './types';

const repPlace = (r: CompiledRep) => ({path: `reps[${r.idx}]`, subject: r.name});

/**
 * `rep_unused`: a rep in no territory, not in the pool, not the default owner, owner of no account
 * and with no skill a specialist stage uses: no lead can reach them. Pool, specialist and default
 * count only when the cascade has that stage.
 */
export function unusedReps(c: CompiledConfig): LintFinding[] {
  const used = new Set<number>();
  for (const p of c.territoryPools) for (const r of p.reps) used.add(r);
  if (c.cascade.includes('pool') && c.pool) for (const r of c.pool.reps) used.add(r);
  if (c.cascade.includes('default') && c.defaultOwner >= 0) used.add(c.defaultOwner);
  if (c.cascade.includes('specialist')) for (const p of c.specialists.values()) for (const r of p.reps) used.add(r);
  for (const owner of c.account?.accounts.values() ?? []) {
    const i = c.repIndex.get(owner);
    if (i !== undefined) used.add(i);
  }
  return c.reps
    .filter(r => !used.has(r.idx))
    .map(r => ({
      code: 'rep_unused',
      ...repPlace(r),
      message:
        'In no territory, pool, specialist skill, account or defaultOwner the cascade uses: no lead can reach this rep; ' +
        'add them to a territory or the pool, or remove them from reps.',
    }));
}

/** Why a rep takes no lead whatever the time, or null when they may take one. */
export function neverTakes(r: CompiledRep): string | null {
  if (!r.available) return 'unavailable';
  if (r.away) return `away (presence "${r.presence}")`;
  if (r.daily === 0 || r.weekly === 0 || r.monthly === 0 || r.open === 0) return 'capacity 0';
  if (r.openLoad >= 0 && r.openLoad >= r.open) return `at the open-record cap (${r.openLoad} of ${r.open})`;
  return null;
}

/**
 * `pool_unavailable`: a territory's reps, or the pool's, of whom none can take a lead (unavailable,
 * away, a cap of 0, or at the open-record cap), or a pool with no reps at all: leads for it fall
 * through to the next level or stage.
 */
export function unavailablePools(c: CompiledConfig): LintFinding[] {
  const out: LintFinding[] = [];
  const why = (reps: number[]) => reps.map(i => `${c.reps[i].id}: ${neverTakes(c.reps[i])}`).join(', ');
  const dead = (reps: number[]) => reps.length > 0 && reps.every(i => neverTakes(c.reps[i]) !== null);
  c.territoryPools.forEach((p, t) => {
    const territory = c.config.territories[t];
    if (!dead(p.reps)) return;
    out.push({
      code: 'pool_unavailable',
      path: `territories[${t}].reps`,
      subject: territory.name ?? territory.id,
      message:
        `No rep of this territory can take a lead (${why(p.reps)}): its leads fall through to the next level or stage; ` +
        'make a rep available, raise a cap above 0, or add a rep who can take leads.',
    });
  });
  if (c.cascade.includes('pool') && c.config.pool !== undefined && (c.pool === null || c.pool.reps.length === 0)) {
    out.push({
      code: 'pool_unavailable',
      path: 'pool.reps',
      message:
        'The pool has no reps: leads that reach the pool fall through to the default owner; list reps in pool.reps (or "all"), or remove the pool stage from the cascade.',
    });
  }
  if (c.pool && c.cascade.includes('pool') && dead(c.pool.reps)) {
    out.push({
      code: 'pool_unavailable',
      path: 'pool.reps',
      message:
        `No rep of the pool can take a lead (${why(c.pool.reps)}): leads that reach the pool fall through to the default owner; ` +
        'make a rep available, raise a cap above 0, or add a rep who can take leads.',
    });
  }
  return out;
}

/**
 * `hours_without_timezone`: a rep with working hours or out-of-office dates but no `timezone`, in a
 * config without a top-level `timezone`: they are read in UTC (docs/contract.md: reps without a zone
 * use the config's, else UTC), which is rarely the rep's day.
 */
export function hoursWithoutZone(c: CompiledConfig): LintFinding[] {
  if (c.config.timezone) return [];
  return c.config.reps.flatMap((rep, i) => {
    if (rep.timezone || (!rep.hours && rep.outOfOffice.length === 0)) return [];
    const what = rep.hours ? 'working hours' : 'out-of-office dates';
    return [
      {
        code: 'hours_without_timezone',
        path: `reps[${i}].${rep.hours ? 'hours' : 'outOfOffice'}`,
        subject: rep.name ?? rep.id,
        message: `Has ${what} but no timezone, and the config has none: they are read in UTC; set reps[${i}].timezone or the top-level timezone.`,
      },
    ];
  });
}
