// Picking one rep from a pool. All deterministic; each reads and updates only the pool's own state
// (and the reps' counters, read-only here).
import {dict} from './dict';
import type {CompiledConfig, CompiledPool} from './compile';
import type {PoolState, RepCounters} from './types';
import {periodCount} from './eligibility';
import {localTime} from './time';

export interface PickContext {
  compiled: CompiledConfig;
  /** Eligibility of rep `idx` now (cached per lead by the router). */
  eligible(idx: number): boolean;
  counters(repIdx: number): RepCounters | undefined;
  /** Open records rep `idx` owns now (its `openLoad` plus leads assigned since), -1 when not given. */
  openLoad(repIdx: number): number;
  ms: number;
  /** Evaluate every member even when the strategy could stop early (for the candidate trace). */
  exhaustive: boolean;
}

/** `last` of a rotation: no last assignee yet. */
export const NO_LAST = -1;
/** `last` of a rotation: the last assignee is no longer on the roster. */
export const LAST_GONE = -2;

/** The last assignee of a persisted rotation as a rep index (or NO_LAST / LAST_GONE). */
export function lastAssignee(state: PoolState | undefined, compiled: CompiledConfig): number {
  return state?.last === undefined ? NO_LAST : (compiled.repIndex.get(state.last) ?? LAST_GONE);
}

/** The rep that followed the last assignee when it was picked, as a rep index (NO_LAST when unknown or gone). */
export function follower(state: PoolState | undefined, compiled: CompiledConfig): number {
  return state?.next === undefined ? NO_LAST : (compiled.repIndex.get(state.next) ?? NO_LAST);
}

/**
 * Position in reps[from .. from + n) to start a round-robin scan from: just after the last
 * assignee `last`, usually still at `lastPos` (where it was picked; NaN when unknown). When `last`
 * has left the pool (removed or replaced), the scan starts at `next`, the rep that followed it when
 * it was picked (settled reading 11); failing that (an older state, or `next` gone too), at `lastPos`.
 */
export function rotationStart(
  reps: ArrayLike<number>,
  from: number,
  n: number,
  last: number,
  lastPos: number,
  next: number = NO_LAST,
): number {
  if (last === NO_LAST) return 0;
  if (lastPos >= 0 && lastPos < n && reps[from + lastPos] === last) return lastPos + 1 === n ? 0 : lastPos + 1;
  for (let i = 0; i < n && last >= 0; i++) if (reps[from + i] === last) return (i + 1) % n;
  for (let i = 0; i < n && next >= 0; i++) if (reps[from + i] === next) return i;
  return Number.isInteger(lastPos) ? ((lastPos % n) + n) % n : 0;
}

/** The first position from `start` (wrapping) whose rep is eligible, or -1; all are checked when exhaustive. */
export function firstEligible(
  reps: ArrayLike<number>,
  from: number,
  n: number,
  start: number,
  ctx: PickContext,
): number {
  let found = -1;
  for (let k = 0; k < n; k++) {
    const pos = start + k < n ? start + k : start + k - n;
    if (ctx.eligible(reps[from + pos])) {
      if (found < 0) found = pos;
      if (!ctx.exhaustive) break;
    }
  }
  return found;
}

function startOf(pool: CompiledPool, state: PoolState | undefined, ctx: PickContext): number {
  const last = lastAssignee(state, ctx.compiled);
  return rotationStart(pool.reps, 0, pool.reps.length, last, state?.lastIdx ?? NaN, follower(state, ctx.compiled));
}

/** Current weights of a pool that has none yet: prototype-free, so a rep called "__proto__" reads as absent. */
const NO_WEIGHTS: Readonly<Record<string, number>> = Object.freeze(dict<number>());

/** Returns the picked rep's position in `pool.reps`, or -1 when no member is eligible. */
export function pick(pool: CompiledPool, state: PoolState | undefined, ctx: PickContext): number {
  const n = pool.reps.length;
  if (n === 0) return -1;
  switch (pool.strategy) {
    case 'round_robin': // (routers keep round robin in typed arrays: see RotationTable)
      return firstEligible(pool.reps, 0, n, startOf(pool, state, ctx), ctx);
    case 'weighted': {
      const cw = state?.cw ?? NO_WEIGHTS;
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
      const start = startOf(pool, state, ctx);
      let best = -1;
      let bestLoad = Infinity;
      for (let k = 0; k < n; k++) {
        const pos = (start + k) % n;
        const rep = ctx.compiled.reps[pool.reps[pos]];
        if (!ctx.eligible(rep.idx)) continue;
        // Open load when the platform gave it for this rep, else today's assignments.
        const open = ctx.openLoad(rep.idx);
        const load =
          (open >= 0 ? open : periodCount(ctx.counters(rep.idx), 'd', localTime(rep.tz, ctx.ms).date)) / rep.weight;
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
  const after = ctx.compiled.reps[pool.reps[pos + 1 === pool.reps.length ? 0 : pos + 1]];
  if (after !== rep) next.next = after.id;
  else delete next.next;
  if (pool.strategy === 'weighted') {
    const old = state?.cw ?? NO_WEIGHTS;
    const cw: Record<string, number> = dict();
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
