import {dict} from './dict';
import type {DedupeEntry, PoolState, RepCounters, RotationState} from './types';

/** A fresh state; its maps have no prototype (rep and territory ids are user-named keys). */
export function emptyState(): RotationState {
  return {v: 1, pools: dict(), reps: dict(), accounts: dict(), dedupe: dict()};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A deep copy of a persisted state, keeping only well-formed parts (state comes back from static
 * data, document properties or Redis, and may be from an older version or hand-edited).
 */
export function copyState(input: unknown): RotationState {
  const out = emptyState();
  if (!isRecord(input)) return out;
  if (isRecord(input.pools)) {
    for (const [k, p] of Object.entries(input.pools)) {
      if (!isRecord(p)) continue;
      const pool: PoolState = {};
      if (typeof p.last === 'string') pool.last = p.last;
      if (typeof p.lastIdx === 'number') pool.lastIdx = p.lastIdx;
      if (typeof p.next === 'string') pool.next = p.next;
      if (isRecord(p.cw)) {
        pool.cw = dict();
        for (const [r, w] of Object.entries(p.cw)) if (typeof w === 'number') pool.cw[r] = w;
      }
      out.pools[k] = pool;
    }
  }
  if (isRecord(input.reps)) {
    for (const [k, c] of Object.entries(input.reps)) {
      if (!isRecord(c)) continue;
      const counters: RepCounters = {};
      for (const key of ['d', 'w', 'm'] as const) if (typeof c[key] === 'string') counters[key] = c[key] as string;
      for (const key of ['dn', 'wn', 'mn', 'at', 'n'] as const)
        if (typeof c[key] === 'number') counters[key] = c[key] as number;
      out.reps[k] = counters;
    }
  }
  if (isRecord(input.accounts)) {
    for (const [k, r] of Object.entries(input.accounts)) if (typeof r === 'string') out.accounts[k] = r;
  }
  if (isRecord(input.dedupe)) {
    for (const [k, e] of Object.entries(input.dedupe)) {
      if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number') {
        out.dedupe[k] = [e[0], e[1], typeof e[2] === 'string' ? e[2] : null] as DedupeEntry;
      }
    }
  }
  return out;
}

/** Keeps a string-keyed map at most `max` entries, dropping the oldest (insertion order). */
export function evictOldest<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value as K;
    map.delete(oldest);
  }
}

/** Why a stored value is not a state this version can use (see parseState). */
export type StateErrorKind = 'not_state' | 'newer_version' | 'corrupt';

/** A stored value that is not a lead-routing state; `message` names where it was read. */
export class StateError extends Error {
  constructor(
    readonly kind: StateErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

const STATE_PARTS = ['pools', 'reps', 'accounts', 'dedupe'] as const;

/**
 * A persisted state, validated: `where` names the store and key for the messages ("document
 * properties leadRouting.state.*"). Throws StateError: `not_state` for anything that is not a
 * lead-routing state object (arrays, numbers, null, a config), `newer_version` for `v` above 1,
 * `corrupt` for a state whose parts have the wrong type. Unknown keys inside the parts are dropped
 * as copyState does.
 */
export function parseState(input: unknown, where: string): RotationState {
  if (!isRecord(input) || !('v' in input || STATE_PARTS.some(p => p in input))) {
    throw new StateError('not_state', `${where} is not a lead-routing state.`);
  }
  for (const key of Object.keys(input)) {
    if (key !== 'v' && !(STATE_PARTS as readonly string[]).includes(key))
      throw new StateError('not_state', `${where} is not a lead-routing state (it has "${key}").`);
  }
  if (input.v !== undefined && input.v !== 1) {
    if (typeof input.v === 'number' && input.v > 1)
      throw new StateError('newer_version', `${where} was written by a newer version (state format v${input.v}).`);
    throw new StateError('corrupt', `${where} is corrupt: its version is ${JSON.stringify(input.v)}.`);
  }
  for (const p of STATE_PARTS) {
    if (input[p] !== undefined && !isRecord(input[p]))
      throw new StateError('corrupt', `${where} is corrupt: "${p}" is not an object.`);
  }
  return copyState(input);
}
