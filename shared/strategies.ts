// Picking one rep from a pool. All deterministic; each reads and updates only the pool's own state
// (and the reps' counters, read-only here).
import type {CompiledConfig, CompiledPool} from './compile';
import type {PoolState, RepCounters} from './types';
import {periodCount} from './eligibility';
import {localTime} from './time';

export interface PickContext {
  compiled: CompiledConfig;
  /** Eligibility of rep `idx` now (cached per lead by the router). */
  eligible(idx: number): boolean;
  counters(repIdx: number): RepCounters | undefined;
  ms: number;
  /** Evaluate every member even when the strategy could stop early (for the candidate trace). */
  exhaustive: boolean;
}

/** Position in the pool to start a round-robin scan from: just after the last assignee. */
function rotationStart(pool: CompiledPool, state: PoolState | undefined, ctx: PickContext): number {
  if (!state || state.last === undefined) return 0;
  const n = pool.reps.length;
  // usually the last assignee still sits where it was picked
  const at = state.lastIdx === undefined ? undefined : pool.reps[state.lastIdx];
  if (at !== undefined && ctx.compiled.reps[at].id === state.last) return (state.lastIdx! + 1) % n;
  const lastRep = ctx.compiled.repIndex.get(state.last);
  const pos = lastRep === undefined ? -1 : pool.reps.indexOf(lastRep);
  if (pos >= 0) return (pos + 1) % n;
  // The last assignee left the pool: its successor now sits at its old position.
  return state.lastIdx !== undefined ? state.lastIdx % pool.reps.length : 0;
}

/** Returns the picked rep's position in `pool.reps`, or -1 when no member is eligible. */
export function pick(pool: CompiledPool, state: PoolState | undefined, ctx: PickContext): number {
  const n = pool.reps.length;
  if (n === 0) return -1;
  switch (pool.strategy) {
    case 'round_robin': {
      const start = rotationStart(pool, state, ctx);
      let found = -1;
      for (let k = 0; k < n; k++) {
        const pos = (start + k) % n;
        if (ctx.eligible(pool.reps[pos])) {
          if (found < 0) found = pos;
          if (!ctx.exhaustive) break;
        }
      }
      return found;
    }
    case 'weighted': {
      const cw = state?.cw ?? {};
      let best = -1;
      let bestW = -Infinity;
      for (let pos = 0; pos < n; pos++) {
        const rep = ctx.compiled.reps[pool.reps[pos]];
        if (!ctx.eligible(rep.idx)) continue;
        const w = (cw[rep.id] ?? 0) + rep.weight;
        if (w > bestW) {
          bestW = w;
          best = pos;
        }
      }
      return best;
    }
    case 'least_loaded': {
      const start = rotationStart(pool, state, ctx);
      let best = -1;
      let bestLoad = Infinity;
      for (let k = 0; k < n; k++) {
        const pos = (start + k) % n;
        const rep = ctx.compiled.reps[pool.reps[pos]];
        if (!ctx.eligible(rep.idx)) continue;
        const load = periodCount(ctx.counters(rep.idx), 'd', localTime(rep.tz, ctx.ms).date) / rep.weight;
        if (load < bestLoad) {
          bestLoad = load;
          best = pos;
        }
      }
      return best;
    }
    case 'longest_idle': {
      let best = -1;
      let oldest = Infinity;
      for (let pos = 0; pos < n; pos++) {
        const rep = ctx.compiled.reps[pool.reps[pos]];
        if (!ctx.eligible(rep.idx)) continue;
        const at = ctx.counters(rep.idx)?.at ?? -Infinity;
        if (at < oldest) {
          oldest = at;
          best = pos;
        }
      }
      return best;
    }
  }
}

/** The pool's state after `pos` was picked. */
export function afterPick(pool: CompiledPool, state: PoolState | undefined, pos: number, ctx: PickContext): PoolState {
  const rep = ctx.compiled.reps[pool.reps[pos]];
  const next: PoolState = state ?? {};
  next.last = rep.id;
  next.lastIdx = pos;
  if (pool.strategy === 'weighted') {
    const old = state?.cw ?? {};
    const cw: Record<string, number> = {};
    let total = 0;
    for (const idx of pool.reps) {
      const r = ctx.compiled.reps[idx];
      if (ctx.eligible(idx)) {
        total += r.weight;
        cw[r.id] = (old[r.id] ?? 0) + r.weight;
      } else if (old[r.id] !== undefined) {
        cw[r.id] = old[r.id];
      }
    }
    cw[rep.id] -= total;
    for (const id of Object.keys(cw)) if (cw[id] === 0) delete cw[id];
    next.cw = cw;
  }
  return next;
}
