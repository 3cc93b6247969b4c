// The rotation state of every pool a router picks from. Round robin, the usual strategy, keeps it in
// typed arrays by pool slot, so a pick on a map of 10,000 territories touches a few compact arrays
// rather than three objects scattered over the heap; the other strategies keep PoolState objects.
// Both read and write the same persisted form ({last, lastIdx, next, cw}).
import {dict} from './dict';
import {
  FLAT_FROM,
  FLAT_ROUND_ROBIN,
  FLAT_SLOT,
  FLAT_STRIDE,
  FLAT_TO,
  type CompiledConfig,
  type CompiledPool,
} from './compile';
import {
  afterPick,
  firstEligible,
  follower,
  lastAssignee,
  NO_LAST,
  pick,
  rotationStart,
  type PickContext,
} from './strategies';
import type {PoolState} from './types';

// Per slot: which copy of the state is current.
const OBJECT = 0; // `objects` (as persisted, or written by a non-round-robin pick)
const LOADED = 1; // the arrays, loaded from `objects` and not changed since
const PICKED = 2; // the arrays, with picks newer than `objects`

export class RotationTable {
  /** Where the last `pickTerritory` found its rep in `territoryFlat.reps`; -1 when not by round robin. */
  picked = -1;
  private readonly objects: Array<PoolState | undefined> = [];
  /** Persisted state under keys this config has no slot for (yet: tied pools get slots when first met). */
  private readonly others = new Map<string, PoolState>();
  /**
   * Per slot s, at 4s: mode, last assignee (see `lastAssignee`), its position then (NaN: none), the
   * rep that followed it then (NO_LAST: none or unknown).
   */
  private slots = new Float64Array(0);
  private capacity = 0;

  constructor(
    private readonly compiled: CompiledConfig,
    pools: Record<string, PoolState>,
    private readonly ctx: PickContext,
  ) {
    for (const key of Object.keys(pools)) {
      const slot = compiled.poolSlots.byKey.get(key);
      if (slot === undefined) this.others.set(key, pools[key]);
      else this.objects[slot] = pools[key];
    }
    this.grow(compiled.poolSlots.keys.length);
  }

  /** Picks from territory `t`'s own pool; returns the rep's index, or -1 when none is eligible. */
  pickTerritory(t: number): number {
    const {records, reps} = this.compiled.territoryFlat;
    const r = FLAT_STRIDE * t;
    this.picked = -1;
    if (records[r + FLAT_ROUND_ROBIN] !== 1) return this.pick(this.compiled.territoryPools[t]);
    const slot = records[r + FLAT_SLOT];
    const rep = this.roundRobin(slot, reps, records[r + FLAT_FROM], records[r + FLAT_TO]);
    if (rep >= 0) this.picked = records[r + FLAT_FROM] + this.slots[4 * slot + 2];
    return rep;
  }

  /** Picks from a pool; returns the rep's index, or -1 when none is eligible. */
  pick(pool: CompiledPool): number {
    if (pool.strategy === 'round_robin') return this.roundRobin(pool.slot, pool.reps, 0, pool.reps.length);
    const state = this.object(pool.slot);
    const pos = pick(pool, state, this.ctx);
    if (pos < 0) return -1;
    this.objects[pool.slot] = afterPick(pool, state, pos, this.ctx); // updates in place when it can
    return pool.reps[pos];
  }

  /** The persisted form: one PoolState per key. */
  toRecord(): Record<string, PoolState> {
    const out: Record<string, PoolState> = dict();
    for (const [key, state] of this.others) out[key] = state;
    const {keys} = this.compiled.poolSlots;
    const reps = this.compiled.reps;
    for (let slot = 0; slot < keys.length; slot++) {
      let state = this.objects[slot];
      if (slot < this.capacity && this.slots[4 * slot] === PICKED) {
        const picked: PoolState = {last: reps[this.slots[4 * slot + 1]].id, lastIdx: this.slots[4 * slot + 2]};
        const after = this.slots[4 * slot + 3];
        if (after >= 0 && after !== this.slots[4 * slot + 1]) picked.next = reps[after].id;
        if (state?.cw) picked.cw = state.cw;
        state = picked;
      }
      if (state !== undefined) out[keys[slot]] = state;
    }
    return out;
  }

  /** Round robin over reps[from..to): the first eligible rep after the last assignee. */
  private roundRobin(slot: number, reps: ArrayLike<number>, from: number, to: number): number {
    const n = to - from;
    if (n === 0) return -1;
    if (slot >= this.capacity) this.grow(slot + 1);
    const at = 4 * slot;
    const slots = this.slots;
    if (slots[at] === OBJECT) this.load(slot);
    const start = rotationStart(reps, from, n, slots[at + 1], slots[at + 2], slots[at + 3]);
    const found = firstEligible(reps, from, n, start, this.ctx);
    if (found < 0) return -1;
    const rep = reps[from + found];
    slots[at] = PICKED;
    slots[at + 1] = rep;
    slots[at + 2] = found;
    slots[at + 3] = reps[from + (found + 1 === n ? 0 : found + 1)];
    return rep;
  }

  private load(slot: number): void {
    const state = this.objectAt(slot);
    const at = 4 * slot;
    this.slots[at] = LOADED;
    this.slots[at + 1] = lastAssignee(state, this.compiled);
    this.slots[at + 2] = state?.lastIdx ?? NaN;
    this.slots[at + 3] = follower(state, this.compiled);
  }

  /** The slot's PoolState, with newer round-robin picks written into it. */
  private object(slot: number): PoolState | undefined {
    if (slot >= this.capacity) this.grow(slot + 1);
    let state = this.objectAt(slot);
    const at = 4 * slot;
    if (this.slots[at] === PICKED) {
      state ??= {};
      state.last = this.compiled.reps[this.slots[at + 1]].id;
      state.lastIdx = this.slots[at + 2];
      const after = this.slots[at + 3];
      if (after >= 0 && after !== this.slots[at + 1]) state.next = this.compiled.reps[after].id;
      else delete state.next;
      this.objects[slot] = state;
    }
    this.slots[at] = OBJECT;
    return state;
  }

  private objectAt(slot: number): PoolState | undefined {
    let state = this.objects[slot];
    if (state === undefined && this.others.size !== 0) {
      const {keys, legacy} = this.compiled.poolSlots;
      // Under its key, else under the key an older version used (read once, written back under the new one).
      for (const key of [keys[slot], legacy[slot]]) {
        state = key === undefined ? undefined : this.others.get(key);
        if (state !== undefined) {
          this.others.delete(key!);
          this.objects[slot] = state;
          break;
        }
      }
    }
    return state;
  }

  private grow(count: number): void {
    if (count <= this.capacity) return;
    const capacity = Math.max(count, this.capacity * 2, 8);
    const slots = new Float64Array(4 * capacity);
    for (let at = 0; at < slots.length; at += 4) {
      slots[at + 1] = NO_LAST;
      slots[at + 2] = NaN;
      slots[at + 3] = NO_LAST;
    }
    slots.set(this.slots);
    this.slots = slots;
    this.capacity = capacity;
  }
}
