import type {DedupeEntry, HeldEntry, PoolState, RepCounters, RotationState} from './types';
import {formatPath} from './config/errors';
import {STATE_FORMAT, STATE_KEYS, stateSchema} from './stateSchema';
import {dict, hasOwn} from './dict';

/** A fresh state; its maps have no prototype (rep and territory ids are user-named keys). */
export function emptyState(): RotationState {
  return {v: 1, pools: dict(), reps: dict(), accounts: dict(), dedupe: dict()};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Why a stored value is not a state this version can use (see parseState). */
export type StateErrorKind = 'not_state' | 'newer_version' | 'corrupt';

/**
 * Why a stored value cannot be used as a lead-routing state:
 * - `not_state`: it is something else (a config, a leads list, `[]`, `42`, `null`, an empty file);
 * - `newer_version`: a state written by a newer version of lead-routing (`v` above this version's);
 * - `corrupt`: it is meant to be a state but is unreadable (bad JSON, wrong types inside).
 * The message names where it was read (file, static-data key, Redis key, document properties) and
 * never quotes state content.
 */
export class StateError extends Error {
  constructor(
    readonly kind: StateErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

function refuse(kind: StateErrorKind, where: string, detail: string): StateError {
  return new StateError(kind, `${where} ${detail}`);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : 'an array';
  if (typeof v === 'string') return 'a string';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Reads a persisted lead-routing state, refusing anything else.
 *
 * `input` is the stored value: a parsed object, or JSON text (a file, a Redis field, document
 * properties). `where` names the store and key in the messages, e.g. `State file "s.json"` or
 * `Redis key "lead-routing:ledger:sales"`.
 * Returns a fresh, well-formed copy (format 1).
 * Throws StateError: `not_state` for empty text, non-objects, objects without the format marker
 * `v` (e.g. a routing config or `{"pools":5}`; an object whose keys are all state parts holding
 * objects is read as format 1); `newer_version` for `v` above 1 ("written by a newer
 * version"); `corrupt` for text that is not JSON or a `v: 1` object with parts of the wrong type
 * (the message lists the paths).
 */
export function parseState(input: unknown, where: string): RotationState {
  let value = input;
  if (typeof input === 'string') {
    if (input.trim() === '') throw refuse('not_state', where, 'is empty, not a lead-routing state.');
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw refuse(
        'corrupt',
        where,
        `is not valid JSON (${(e as Error).message}); it cannot be read as a lead-routing state.`,
      );
    }
  }
  if (!isRecord(value)) {
    throw refuse('not_state', where, `is not a lead-routing state (it holds ${describeValue(value)}).`);
  }
  const keys = Object.keys(value);
  const olderWriter =
    keys.length > 0 && keys.every(k => STATE_KEYS.includes(k) && isRecord((value as Record<string, unknown>)[k]));
  if (!('v' in value) && olderWriter) value = {...value, v: 1};
  else if (!('v' in value)) {
    const looksLikeConfig = Array.isArray(value.reps) || Array.isArray(value.territories);
    const known = keys.filter(k => STATE_KEYS.includes(k));
    throw refuse(
      'not_state',
      where,
      looksLikeConfig
        ? 'is not a lead-routing state (it is a routing config).'
        : `is not a lead-routing state (no format marker "v"${known.length ? '' : ' and none of its parts'}).`,
    );
  }
  const v = (value as Record<string, unknown>).v;
  if (typeof v === 'number' && Number.isInteger(v) && v > STATE_FORMAT) {
    throw refuse(
      'newer_version',
      where,
      `was written by a newer version of lead-routing (state format ${v}; this version reads format ${STATE_FORMAT}). Upgrade, or point this run at another state.`,
    );
  }
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map(i => `${formatPath(i.path as PropertyKey[]) || '(state)'}: ${i.message}`)
      .join('; ');
    throw refuse('corrupt', where, `is a damaged lead-routing state (${issues}).`);
  }
  return copyState(value);
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
  if (isRecord(input.held)) {
    const held = dict<HeldEntry>();
    let any = false;
    for (const [k, e] of Object.entries(input.held)) {
      if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number') {
        held[k] = [e[0], e[1]];
        any = true;
      }
    }
    if (any) out.held = held;
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

/** The later of two period keys (ISO `2026-11-23`, `2026-W48`, `2026-11` sort as text). */
function mergePeriod(
  a: RepCounters,
  b: RepCounters,
  out: RepCounters,
  key: 'd' | 'w' | 'm',
  count: 'dn' | 'wn' | 'mn',
): void {
  const ka = a[key];
  const kb = b[key];
  if (ka === undefined && kb === undefined) return;
  if (ka === kb) {
    out[key] = ka;
    out[count] = (a[count] ?? 0) + (b[count] ?? 0);
    return;
  }
  // Different periods: only the later one still counts toward a cap.
  const later = kb === undefined || (ka !== undefined && ka > kb) ? a : b;
  out[key] = later[key];
  if (later[count] !== undefined) out[count] = later[count];
}

function mergeCounters(a: RepCounters, b: RepCounters): RepCounters {
  const out: RepCounters = {};
  mergePeriod(a, b, out, 'd', 'dn');
  mergePeriod(a, b, out, 'w', 'wn');
  mergePeriod(a, b, out, 'm', 'mn');
  if (a.at !== undefined || b.at !== undefined) out.at = Math.max(a.at ?? -Infinity, b.at ?? -Infinity);
  if (a.n !== undefined || b.n !== undefined) out.n = (a.n ?? 0) + (b.n ?? 0);
  return out;
}

/** Union of two oldest-first records of timed entries (`[owner, at, ...]`), oldest first; `a` wins a shared key. */
function unionByTime<E extends [string, number, ...unknown[]]>(
  a: Record<string, E>,
  b: Record<string, E>,
): Record<string, E> {
  const rows: Array<[string, E]> = Object.entries(a);
  for (const [k, e] of Object.entries(b)) if (!hasOwn(a, k)) rows.push([k, e]);
  rows.sort((x, y) => x[1][1] - y[1][1]); // stable: ties keep a's order, then b's
  const out = dict<E>();
  for (const [k, e] of rows) out[k] = [...e] as E;
  return out;
}

/**
 * Merges the state `from` into the ledger state `into` (issue 14: a node's pre-ledger state joins its
 * workflow's ledger; a second node's state arriving later is merged the same way). Pure: both inputs
 * are parsed states (format 1, see parseState) and are left untouched; returns a fresh state.
 * - `reps`: per rep and period (day `d`, ISO week `w`, month `m`), counts in the same period are
 *   summed; when the periods differ the later period and its count are kept (an earlier period no
 *   longer counts toward a cap). `n` (assignments ever) is summed, `at` is the later time.
 * - `pools` (rotation cursors): the ledger's; a pool only `from` has is taken from `from`.
 * - `dedupe`, `held` (lead memory) and `accounts` (learned domains): the union; on a key both hold,
 *   the ledger's entry wins (its counters reflect that assignment). Timed entries stay oldest first.
 * `into` undefined (an empty ledger) gives a copy of `from`.
 */
export function mergeStates(into: RotationState | undefined, from: RotationState): RotationState {
  if (!into) return copyState(from);
  const out = copyState(into);
  const extra = copyState(from);
  for (const [k, pool] of Object.entries(extra.pools)) if (!(k in out.pools)) out.pools[k] = pool;
  for (const [k, c] of Object.entries(extra.reps)) out.reps[k] = k in out.reps ? mergeCounters(out.reps[k], c) : c;
  for (const [k, r] of Object.entries(extra.accounts)) if (!(k in out.accounts)) out.accounts[k] = r;
  out.dedupe = unionByTime(out.dedupe, extra.dedupe);
  if (out.held || extra.held) out.held = unionByTime(out.held ?? dict(), extra.held ?? dict());
  return out;
}
