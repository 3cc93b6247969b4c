// Territory scoring with compiled indexes. Exact matching looks each "all" territory up by its most
// selective condition (its anchor: a zip range, a state, a prefix…) and only then checks the rest, so
// the cost per lead follows the number of plausible territories, not the size of the map. "any"
// territories are found through every condition (each hit is a real match). Partial matching, needed
// only when no exact territory has an eligible rep, accumulates hits over all conditions; `best`
// takes both from that one pass. The hot data is in typed arrays indexed by condition and territory.
import type {ConditionConfig, RoutingConfig} from './config/schema';
import {fieldPath, normalizedValues, normalizeValue, readPath, type FieldKind} from './lead';
import {hasOwn} from './dict';
import {isAmbiguousThousands, toNumber, toRange} from './normalize/text';
import {isUsContext, normalizeZip, zipNumber, zipZerosRestored} from './normalize/geo';
import {addWarning, numberAmbiguous, numberUnreadable, rangeStraddlesBound, zipZeroRestored} from './warnings';
import type {RoutingWarning} from './types';
import {clear} from './scratch';
import type {TerritoryMatchResult, TerritoryScore} from './types';

interface Condition {
  t: number;
  c: number;
  w: number;
  slot: number;
  op: ConditionConfig['op'];
  values: string[];
  lo: number;
  hi: number;
  holds: (v: string) => boolean;
  /** The values of an `in` condition (`holds` without a call). */
  in: Set<string> | null;
  /**
   * A zip `in` / `notIn` with a value read differently as a US ZIP and as written ("5000": 05000 in a US
   * context, 5000 elsewhere; settled reading 6): its values per context, tested by the matcher against the
   * lead's own context (never indexed by value, where a code from one context would meet the other's).
   */
  byContext: {us: Set<string>; written: Set<string>} | null;
  /** Estimated share of leads for which the condition holds (smaller = better anchor). */
  share: number;
}

interface Slot {
  path: string[];
  kind: FieldKind;
  /** The field as the config names it (for warnings). */
  name: string;
}

const ZIP_BUCKET = 10; // 10,000 buckets of 10 zip codes
const ZIP_BUCKETS = 100000 / ZIP_BUCKET;

/**
 * The conditions found for one lead, each once, in the order first found (scores are summed in
 * this order). A scratch list: `begin` empties it.
 */
class Found {
  readonly list: Int32Array;
  count = 0;
  /** The value looked up is the slot's only one: an equality or a zip range can't be found twice. */
  single = true;
  private readonly stamp: Int32Array;
  private seq = 0;

  constructor(conditions: number) {
    this.list = new Int32Array(conditions);
    this.stamp = new Int32Array(conditions);
  }

  begin(seq: number): void {
    if (seq < this.seq) this.stamp.fill(0); // the sequence wrapped
    this.seq = seq;
    this.count = 0;
  }

  add(c: number): void {
    if (this.stamp[c] === this.seq) return;
    this.stamp[c] = this.seq;
    this.list[this.count++] = c;
  }

  /** `add` for a condition found at most once per value (saves reading the stamp). */
  addOnce(c: number): void {
    if (this.single) this.list[this.count++] = c;
    else this.add(c);
  }
}

/** Prefix conditions of one slot: the values of each prefix length. */
class PrefixIndex {
  private readonly map = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  add(prefix: string, c: number): void {
    addTo(this.map, prefix, c);
    if (!this.lengths.includes(prefix.length)) {
      this.lengths.push(prefix.length);
      this.lengths.sort((a, b) => a - b);
    }
  }

  lookup(v: string, found: Found): void {
    const {lengths} = this;
    for (let i = 0; i < lengths.length && lengths[i] <= v.length; i++) {
      const list = this.map.get(v.slice(0, lengths[i]));
      if (list !== undefined) for (let j = 0; j < list.length; j++) found.add(list[j]);
    }
  }
}

interface ZipRange {
  lo: number;
  hi: number;
  c: number;
}

/**
 * Zip ranges of one slot, bucketed flat: bucket b's ranges are entries[3 * start[b] ..
 * 3 * start[b + 1]) as (lo, hi, condition) triples, in the order given. `once`: a condition has
 * one range at most.
 */
class ZipRanges {
  private readonly start = new Int32Array(ZIP_BUCKETS + 1);
  private readonly entries: Int32Array;

  constructor(
    ranges: ZipRange[],
    private readonly once: boolean,
  ) {
    const first = (r: ZipRange) => Math.floor(r.lo / ZIP_BUCKET);
    const last = (r: ZipRange) => Math.floor(r.hi / ZIP_BUCKET);
    const count = new Int32Array(ZIP_BUCKETS);
    for (const r of ranges) for (let b = first(r); b <= last(r); b++) count[b]++;
    for (let b = 0; b < ZIP_BUCKETS; b++) this.start[b + 1] = this.start[b] + count[b];
    this.entries = new Int32Array(3 * this.start[ZIP_BUCKETS]);
    const next = this.start.slice(0, ZIP_BUCKETS);
    for (const r of ranges) {
      for (let b = first(r); b <= last(r); b++) {
        const e = 3 * next[b]++;
        this.entries[e] = r.lo;
        this.entries[e + 1] = r.hi;
        this.entries[e + 2] = r.c;
      }
    }
  }

  lookup(z: number, found: Found): void {
    const b = Math.floor(z / ZIP_BUCKET);
    const {entries} = this;
    for (let e = 3 * this.start[b], end = 3 * this.start[b + 1]; e < end; e += 3) {
      if (z >= entries[e] && z <= entries[e + 1]) {
        if (this.once) found.addOnce(entries[e + 2]);
        else found.add(entries[e + 2]);
      }
    }
  }
}

function addTo(map: Map<string, number[]>, key: string, c: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [c]);
  else if (list[list.length - 1] !== c) list.push(c);
}

/** "123" -> the zip codes 12300..12399; null unless 1 to 5 digits. */
function prefixRange(prefix: string, c: number): ZipRange | null {
  if (!/^\d{1,5}$/.test(prefix)) return null;
  const size = Math.pow(10, 5 - prefix.length);
  const lo = Number(prefix) * size;
  return {lo, hi: lo + size - 1, c};
}

/**
 * Where conditions are looked up: equality and prefix maps and zip-range buckets per slot; the rest
 * linear. On zip slots, digit prefixes are zip ranges for 5-digit zips (cheaper than slicing the
 * value) and stay in the prefix map for other postal codes. `finish` builds the buckets.
 */
class IndexSet {
  private readonly eq: Array<Map<string, number[]> | null>;
  /** Every prefix; for values that are not 5-digit zips. */
  private readonly prefix: Array<PrefixIndex | null>;
  /** Zip slots: the prefixes not in `zipPrefix`, for 5-digit zips. */
  private readonly zipOtherPrefix: Array<PrefixIndex | null>;
  /** Zip slots: digit prefixes as ranges (shorter first, as the prefix map finds them). */
  private readonly zipPrefix: Array<ZipRanges | null>;
  private readonly zipRanges: Array<ZipRanges | null>;
  /** Zip slots: ranges of other countries' digit codes (bounds not 5 digits), for values that are not 5-digit zips. */
  private readonly zipOtherRanges: Array<Condition[] | null>;
  private pendingPrefixRanges: ZipRange[][];
  private pendingRanges: ZipRange[][];
  readonly linear: number[] = [];

  constructor(private readonly slots: Slot[]) {
    this.eq = slots.map(() => null);
    this.prefix = slots.map(() => null);
    this.zipOtherPrefix = slots.map(() => null);
    this.zipPrefix = slots.map(() => null);
    this.zipRanges = slots.map(() => null);
    this.zipOtherRanges = slots.map(() => null);
    this.pendingPrefixRanges = slots.map(() => []);
    this.pendingRanges = slots.map(() => []);
  }

  add(cond: Condition): void {
    const s = cond.slot;
    const zip = this.slots[s].kind === 'zip';
    if (cond.byContext !== null) {
      this.linear.push(cond.c);
    } else if (cond.op === 'in') {
      const map = (this.eq[s] ??= new Map());
      for (const v of cond.values) addTo(map, v, cond.c);
    } else if (cond.op === 'prefix') {
      for (const v of cond.values) {
        (this.prefix[s] ??= new PrefixIndex()).add(v, cond.c);
        const range = zip ? prefixRange(v, cond.c) : null;
        if (range !== null) this.pendingPrefixRanges[s].push(range);
        else if (zip) (this.zipOtherPrefix[s] ??= new PrefixIndex()).add(v, cond.c);
      }
    } else if (cond.op === 'between' && zip) {
      if (cond.lo <= cond.hi) this.pendingRanges[s].push({lo: cond.lo, hi: cond.hi, c: cond.c});
      if (cond.values.length > 2) (this.zipOtherRanges[s] ??= []).push(cond);
    } else {
      this.linear.push(cond.c);
    }
  }

  finish(): void {
    for (let s = 0; s < this.slots.length; s++) {
      const prefixes = this.pendingPrefixRanges[s].sort((a, b) => b.hi - b.lo - (a.hi - a.lo));
      const ranges = this.pendingRanges[s];
      if (prefixes.length > 0) this.zipPrefix[s] = new ZipRanges(prefixes, false);
      if (ranges.length > 0) this.zipRanges[s] = new ZipRanges(ranges, true);
    }
    this.pendingPrefixRanges = this.pendingRanges = [];
  }

  /** Adds the conditions of this set that hold for slot value `v` (linear ones aside) to `found`. */
  lookup(s: number, v: string, found: Found): void {
    const eq = this.eq[s];
    if (eq !== null) {
      const list = eq.get(v);
      if (list !== undefined) for (let i = 0; i < list.length; i++) found.addOnce(list[i]);
    }
    const ranges = this.zipRanges[s];
    const prefixes = this.zipPrefix[s];
    const z = ranges !== null || prefixes !== null ? zipNumber(v) : NaN;
    if (z === z) {
      this.zipOtherPrefix[s]?.lookup(v, found);
      prefixes?.lookup(z, found);
      ranges?.lookup(z, found);
    } else {
      this.prefix[s]?.lookup(v, found);
      const other = this.zipOtherRanges[s];
      if (other !== null) for (const cond of other) if (cond.holds(v)) found.add(cond.c);
    }
  }
}

/** The best territory offered so far: score descending, then config order. */
class Best {
  t = -1;
  score = 0;
  hits = 0;

  reset(): this {
    this.t = -1;
    return this;
  }

  offer(t: number, score: number, hits: number): void {
    if (this.t < 0 || score > this.score || (score === this.score && t < this.t)) {
      this.t = t;
      this.score = score;
      this.hits = hits;
    }
  }
}

/**
 * A compiled condition as analyses read it (shared/lint): the slot it reads (conditions on the same
 * lead field share one), that field's kind and name, its operator, its values normalised as the
 * matcher compares them, a zip `between`'s bounds as numbers (NaN otherwise), its weight, and
 * `holds(value)`, the matcher's own test for one normalised lead value.
 */
export interface ConditionView {
  slot: number;
  kind: FieldKind;
  field: string;
  op: ConditionConfig['op'];
  values: readonly string[];
  lo: number;
  hi: number;
  weight: number;
  holds(value: string): boolean;
}

export interface TerritoryInfo {
  id: string;
  name: string;
  priority: number;
  all: boolean;
  total: number;
}

/**
 * One matching pass: territory indexes and their scores. Scratch: valid until the next pass of the
 * same kind (`exact` or `partial`) on this matcher.
 */
export interface MatchPass {
  territories: number[];
  score: Float64Array;
  hits: Int32Array;
}

export class TerritoryMatcher {
  readonly territories: TerritoryInfo[];
  private readonly slots: Slot[] = [];
  /** Territory ids and names apart from `territories`: compact to read for results. */
  private readonly ids: string[];
  private readonly names: string[];
  private readonly conds: Condition[] = [];
  private readonly condT: Int32Array;
  private readonly condW: Float64Array;
  /** The conditions of territory t are condStart[t] .. condStart[t + 1] - 1. */
  private readonly condStart: Int32Array;
  private readonly fullScore: Float64Array;
  /** The full score of the territory a condition is the only one of, if "all"; NaN otherwise. */
  private readonly soloScore: Float64Array;
  private readonly isAll: Uint8Array;
  private readonly total: Int32Array;
  private readonly priority: Float64Array;
  private readonly anchors: IndexSet;
  private readonly all: IndexSet;
  private readonly alwaysExact: number[] = [];
  private readonly partialMin: number;
  private readonly found: Found;
  private readonly tStamp: Int32Array;
  private readonly bestExact = new Best();
  private readonly bestPartial = new Best();
  private readonly exactPass: MatchPass;
  private readonly partialPass: MatchPass;
  private readonly values: Array<string | string[] | null>;
  private seq = 0;
  /** Where the lead's country and state are read: the context of its postal code. */
  private readonly countryPath: string[];
  private readonly statePath: string[];
  /** The lead being read is in a US context: 1, not: 0, not looked at yet: -1. */
  private usContext = -1;
  private lead: unknown = null;
  /** Some zip condition reads its values per context (`byContext`): the context is read with every lead. */
  private contextual = false;
  /** What the last read of a lead assumed (zeros restored to a ZIP); emptied by each read. */
  readonly notes: RoutingWarning[] = [];

  constructor(config: RoutingConfig) {
    const canonical = config.fields as Record<string, string | undefined>;
    const slotByKey = new Map<string, number>();
    const slotFor = (field: string): number => {
      const mapped = hasOwn(canonical, field) ? canonical[field] : undefined;
      const kind: FieldKind = field === 'zip' || field === 'state' || field === 'country' ? field : 'text';
      // (an unmapped canonical field also reads its default headers: its own slot)
      const key = kind + ':' + (typeof mapped === 'string' ? mapped : '=' + field);
      let i = slotByKey.get(key);
      if (i === undefined) {
        i = this.slots.length;
        this.slots.push({path: fieldPath(canonical, field), kind, name: typeof mapped === 'string' ? mapped : field});
        slotByKey.set(key, i);
      }
      return i;
    };
    const n = config.territories.length;
    this.condStart = new Int32Array(n + 1);
    this.territories = config.territories.map((t, ti) => {
      for (const c of t.conditions) {
        this.conds.push(compileCondition(ti, this.conds.length, c, slotFor(c.field), this.slots, this.notes));
        if (this.conds[this.conds.length - 1].byContext !== null) this.contextual = true;
      }
      this.condStart[ti + 1] = this.conds.length;
      if (t.conditions.length === 0 && t.match === 'all') this.alwaysExact.push(ti);
      return {id: t.id, name: t.name ?? t.id, priority: t.priority, all: t.match === 'all', total: t.conditions.length};
    });
    const m = this.conds.length;
    this.ids = this.territories.map(info => info.id);
    this.names = this.territories.map(info => info.name);
    this.condT = Int32Array.from(this.conds, c => c.t);
    this.condW = Float64Array.from(this.conds, c => c.w);
    this.anchors = new IndexSet(this.slots);
    this.all = new IndexSet(this.slots);
    this.fullScore = new Float64Array(n);
    this.isAll = new Uint8Array(n);
    this.total = new Int32Array(n);
    this.priority = new Float64Array(n);
    this.territories.forEach((info, t) => {
      const conds = this.conds.slice(this.condStart[t], this.condStart[t + 1]);
      this.fullScore[t] = info.priority + conds.reduce((sum, c) => sum + c.w, 0);
      this.isAll[t] = info.all ? 1 : 0;
      this.total[t] = info.total;
      this.priority[t] = info.priority;
      for (const cond of conds) this.all.add(cond);
      if (!info.all) {
        for (const cond of conds) this.anchors.add(cond);
      } else if (conds.length > 0) {
        this.anchors.add(conds.reduce((best, c) => (c.share < best.share ? c : best)));
      }
    });
    this.soloScore = Float64Array.from(this.conds, c =>
      this.isAll[c.t] === 1 && this.total[c.t] === 1 ? this.fullScore[c.t] : NaN,
    );
    this.anchors.finish();
    this.all.finish();
    this.found = new Found(m);
    this.tStamp = new Int32Array(n);
    this.exactPass = {territories: [], score: new Float64Array(n), hits: new Int32Array(n)};
    this.partialPass = {territories: [], score: new Float64Array(n), hits: new Int32Array(n)};
    this.partialMin = config.partialMinScore;
    this.values = this.slots.map(() => null);
    this.countryPath = fieldPath(canonical, 'country');
    this.statePath = fieldPath(canonical, 'state');
  }

  /** Territory t's compiled conditions, in config order (for analyses; not the hot path). */
  conditionsOf(t: number): ConditionView[] {
    return this.conds.slice(this.condStart[t], this.condStart[t + 1]).map(c => ({
      slot: c.slot,
      kind: this.slots[c.slot].kind,
      field: this.slots[c.slot].name,
      op: c.op,
      values: c.values,
      lo: c.lo,
      hi: c.hi,
      weight: c.w,
      holds: c.holds,
    }));
  }

  /** Territory t's score when every condition holds: its priority plus all its weights. */
  fullScoreOf(t: number): number {
    return this.fullScore[t];
  }

  /** The config's `partialMinScore`. */
  get partialMinScore(): number {
    return this.partialMin;
  }

  private readValues(lead: unknown): void {
    if (this.notes.length !== 0) this.notes.length = 0;
    this.usContext = -1;
    this.lead = lead;
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s];
      const raw = readPath(lead, slot.path);
      this.values[s] = slot.kind === 'zip' ? this.zipValues(slot, raw) : normalizedValues(slot.kind, raw);
    }
    if (this.contextual && this.usContext < 0) this.readContext();
    this.lead = null;
  }

  /** A zip slot's values, read in the lead's country context (settled reading 6). */
  private zipValues(slot: Slot, raw: unknown): string | string[] | null {
    if (typeof raw === 'string' && raw.length === 5 && zipNumber(raw) === zipNumber(raw)) return raw; // fast path
    if (raw === null || raw === undefined) return null;
    if (!Array.isArray(raw)) return typeof raw === 'object' ? null : this.zipOf(slot, raw);
    const out: string[] = [];
    for (const el of raw) {
      if (el === null || el === undefined || typeof el === 'object') continue;
      const z = this.zipOf(slot, el);
      if (z !== null) out.push(z);
    }
    return out.length ? out : null;
  }

  /** Settles `usContext` for the lead being read (settled reading 6). */
  private readContext(): void {
    const country = normalizeValue('country', readPath(this.lead, this.countryPath));
    this.usContext = isUsContext(country, normalizeValue('state', readPath(this.lead, this.statePath))) ? 1 : 0;
  }

  private zipOf(slot: Slot, raw: unknown): string | null {
    if (this.usContext < 0) this.readContext();
    const us = this.usContext === 1;
    const zip = normalizeZip(raw, us);
    if (zip === '') return null;
    if (us && zipZerosRestored(raw, zip)) addWarning(this.notes, zipZeroRestored(slot.name, raw, zip));
    return zip;
  }

  private holds(c: number): boolean {
    const cond = this.conds[c];
    const v = this.values[cond.slot];
    if (v === null) return false;
    if (cond.byContext !== null) return this.holdsInContext(cond, v);
    if (typeof v === 'string') return cond.in !== null ? cond.in.has(v) : cond.holds(v);
    // A list satisfies notIn when none of its values is listed (the negation of in), the others when any value does.
    if (cond.op === 'notIn') {
      for (let i = 0; i < v.length; i++) if (!cond.holds(v[i])) return false;
      return true;
    }
    for (let i = 0; i < v.length; i++) if (cond.holds(v[i])) return true;
    return false;
  }

  /** A zip `in` / `notIn` whose values read differently per context, against the lead's own context. */
  private holdsInContext(cond: Condition, v: string | string[]): boolean {
    const set = this.usContext === 1 ? cond.byContext!.us : cond.byContext!.written;
    const listed = typeof v === 'string' ? set.has(v) : v.some(x => set.has(x));
    return cond.op === 'in' ? listed : !listed;
  }

  /** Whether every condition of territory t other than `c` holds. */
  private holdsOthers(t: number, c: number): boolean {
    for (let other = this.condStart[t]; other < this.condStart[t + 1]; other++) {
      if (other !== c && !this.holds(other)) return false;
    }
    return true;
  }

  /** Starts a pass: fills `found` with the conditions of `set` that hold. */
  private collect(set: IndexSet): void {
    if (++this.seq > 0x3fffffff) {
      this.seq = 1;
      this.tStamp.fill(0);
    }
    const {found} = this;
    found.begin(this.seq);
    for (let s = 0; s < this.slots.length; s++) {
      const v = this.values[s];
      if (v === null) continue;
      found.single = typeof v === 'string';
      if (typeof v === 'string') set.lookup(s, v, found);
      else for (let i = 0; i < v.length; i++) set.lookup(s, v[i], found);
    }
    found.single = true;
    const {linear} = set;
    for (let i = 0; i < linear.length; i++) if (this.holds(linear[i])) found.addOnce(linear[i]);
  }

  /**
   * Sums the found conditions per territory into `pass` (score from the priority up, hits from 0);
   * the pass lists the territories, in the order first found. `skipSolo`: leave out conditions
   * that are a whole territory (see `soloScore`).
   */
  private accumulate(pass: MatchPass, skipSolo: boolean): void {
    const {list, count} = this.found;
    const {territories} = pass;
    const seq = this.seq;
    let k = 0;
    for (let i = 0; i < count; i++) {
      const c = list[i];
      if (skipSolo && this.soloScore[c] === this.soloScore[c]) continue;
      k = this.addWeight(c, this.condT[c], pass, k, seq);
    }
    if (territories.length !== k) territories.length = k;
  }

  /** Exactly matching territories, in no particular order (see `levels`). Scratch: see `MatchPass`. */
  exact(lead: unknown): MatchPass {
    this.readValues(lead);
    this.collect(this.anchors);
    const {list, count} = this.found;
    const {score, hits, territories: out} = this.exactPass;
    let k = 0; // out is written by index: emptying it first would drop its storage
    for (let i = 0; i < this.alwaysExact.length; i++) {
      const t = this.alwaysExact[i];
      score[t] = this.priority[t];
      hits[t] = 0;
      out[k++] = t;
    }
    const seq = this.seq;
    for (let i = 0; i < count; i++) {
      const c = list[i];
      const t = this.condT[c];
      if (this.isAll[t] === 1) {
        // found through its anchor only, so once
        if (this.total[t] > 1 && !this.holdsOthers(t, c)) continue;
        score[t] = this.fullScore[t];
        hits[t] = this.total[t];
        out[k++] = t;
        continue;
      }
      k = this.addWeight(c, t, this.exactPass, k, seq);
    }
    if (out.length !== k) out.length = k;
    return this.exactPass;
  }

  /**
   * Adds condition c's weight to its territory t; a territory met first in this pass (`seq`) starts
   * from its priority and is listed at `pass.territories[k]`. Returns the new count of listed ones.
   */
  private addWeight(c: number, t: number, pass: MatchPass, k: number, seq: number): number {
    if (this.tStamp[t] !== seq) {
      this.tStamp[t] = seq;
      pass.hits[t] = 0;
      pass.score[t] = this.priority[t];
      pass.territories[k++] = t;
    }
    pass.hits[t]++;
    pass.score[t] += this.condW[c];
    return k;
  }

  /**
   * `match: "all"` territories where some but not all conditions hold, score >= partialMinScore, in
   * no particular order. `valuesRead`: the last `exact` call was for this same lead. Scratch: see
   * `MatchPass`.
   */
  partial(lead: unknown, valuesRead = false): MatchPass {
    if (!valuesRead) this.readValues(lead);
    this.collect(this.all);
    const pass = this.partialPass;
    this.accumulate(pass, false);
    const {territories, score, hits} = pass;
    let k = 0;
    for (let i = 0; i < territories.length; i++) {
      const t = territories[i];
      if (this.isAll[t] === 1 && hits[t] < this.total[t] && score[t] >= this.partialMin) territories[k++] = t;
    }
    if (territories.length !== k) territories.length = k;
    return pass;
  }

  /**
   * The best exact and best partial territory only (score desc, then config order): the cheap path.
   * One pass over every condition gives both: an "all" territory is exact when every condition holds.
   */
  best(lead: unknown): {exact: TerritoryScore | null; partial: TerritoryScore | null} {
    this.readValues(lead);
    this.collect(this.all);
    const exact = this.bestExact.reset();
    const partial = this.bestPartial.reset();
    for (let i = 0; i < this.alwaysExact.length; i++) {
      const t = this.alwaysExact[i];
      exact.offer(t, this.priority[t], 0);
    }
    // a territory of one condition is decided without summing (the common geographic case)
    const {list, count} = this.found;
    for (let i = 0; i < count; i++) {
      const solo = this.soloScore[list[i]];
      if (solo === solo) exact.offer(this.condT[list[i]], solo, 1);
    }
    const pass = this.partialPass;
    this.accumulate(pass, true);
    const {territories, score, hits} = pass;
    for (let i = 0; i < territories.length; i++) {
      const t = territories[i];
      if (this.isAll[t] === 0) exact.offer(t, score[t], hits[t]);
      // the full score as `exact` gives it, not summed in the order found
      else if (hits[t] === this.total[t]) exact.offer(t, this.fullScore[t], hits[t]);
      else if (score[t] >= this.partialMin) partial.offer(t, score[t], hits[t]);
    }
    return {
      exact: exact.t < 0 ? null : this.view(exact.t, exact.score, exact.hits),
      partial: partial.t < 0 ? null : this.view(partial.t, partial.score, partial.hits),
    };
  }

  private view(t: number, score: number, matched: number): TerritoryScore {
    return {
      territoryId: this.ids[t],
      territoryName: this.names[t],
      score,
      matched,
      total: this.total[t],
      match: this.isAll[t] === 1 ? 'all' : 'any',
    };
  }

  match(lead: unknown): TerritoryMatchResult {
    const view = (pass: MatchPass) => sortByScore(pass).map(t => this.view(t, pass.score[t], pass.hits[t]));
    const exact = view(this.exact(lead));
    const partial = view(this.partial(lead, true));
    return {exact, partial, winner: exact[0] ?? null};
  }
}

/** Territories of a pass, best first: score descending, then config order. */
export function sortByScore(pass: MatchPass): number[] {
  const {score} = pass;
  return [...pass.territories].sort((a, b) => score[b] - score[a] || a - b);
}

const SCANNED_LEVELS = 4;

/**
 * Score levels of a pass, best first, each in config order. The first few levels are found with
 * one linear scan each (the first usually decides); a long fall-through sorts the pass once.
 */
export class Levels {
  private pass: MatchPass | null = null;
  private sorted: number[] | null = null;
  private pos = 0;
  private last = Infinity;
  private scans = 0;

  /** Starts over on a pass (one Levels serves pass after pass without allocating). */
  reset(pass: MatchPass): this {
    this.pass = pass;
    this.sorted = null;
    this.pos = 0;
    this.last = Infinity;
    this.scans = 0;
    return this;
  }

  /** Fills `out` (emptied first) with the next level; returns its score, or -Infinity when none is left. */
  next(out: number[]): number {
    clear(out);
    const pass = this.pass!;
    if (this.last === -Infinity) return -Infinity;
    if (this.sorted === null && this.scans < SCANNED_LEVELS) {
      this.scans++;
      return (this.last = nextLevel(pass, this.last, out));
    }
    if (this.sorted === null) {
      this.sorted = sortByScore(pass);
      while (this.pos < this.sorted.length && pass.score[this.sorted[this.pos]] >= this.last) this.pos++;
    }
    const {sorted} = this;
    const {score} = pass;
    if (this.pos >= sorted.length) return (this.last = -Infinity);
    const s = score[sorted[this.pos]];
    while (this.pos < sorted.length && score[sorted[this.pos]] === s) out.push(sorted[this.pos++]);
    return (this.last = s);
  }
}

/**
 * The next score level of a pass below `above` (Infinity for the best): its territories in config
 * order, appended to `out`; returns the level's score, or -Infinity when none is left. A linear scan
 * per level: usually the first level decides, so no sort is needed.
 */
export function nextLevel(pass: MatchPass, above: number, out: number[]): number {
  const {territories, score} = pass;
  let best = -Infinity;
  for (let i = 0; i < territories.length; i++) {
    const s = score[territories[i]];
    if (s < above && s > best) best = s;
  }
  if (best === -Infinity) return best;
  for (let i = 0; i < territories.length; i++) if (score[territories[i]] === best) out.push(territories[i]);
  if (out.length > 1) out.sort((a, b) => a - b);
  return best;
}

function compileCondition(
  t: number,
  c: number,
  cond: ConditionConfig,
  slot: number,
  slots: Slot[],
  notes: RoutingWarning[],
): Condition {
  const kind = slots[slot].kind;
  const values = kind === 'zip' ? zipConditionValues(cond) : cond.values.map(v => normalizeValue(kind, v));
  const out: Condition = {
    t,
    c,
    w: cond.weight,
    slot,
    op: cond.op,
    values,
    lo: NaN,
    hi: NaN,
    holds: () => false,
    in: null,
    byContext: null,
    share: 1,
  };
  if (kind === 'zip' && (cond.op === 'in' || cond.op === 'notIn')) {
    const us = cond.values.map(v => normalizeZip(v, true));
    const written = cond.values.map(v => normalizeZip(v, false));
    if (us.some((v, i) => v !== written[i])) out.byContext = {us: new Set(us), written: new Set(written)};
  }
  switch (cond.op) {
    case 'in': {
      const set = new Set(values);
      if (out.byContext === null) out.in = set;
      out.holds = v => set.has(v);
      const universe = kind === 'zip' ? 40000 : kind === 'state' ? 60 : kind === 'country' ? 10 : 20;
      out.share = Math.min(1, values.length / universe);
      break;
    }
    case 'notIn': {
      const set = new Set(values);
      out.holds = v => !set.has(v);
      break;
    }
    case 'prefix':
      out.holds = v => values.some(p => v.startsWith(p));
      out.share = Math.min(
        1,
        values.reduce((sum, p) => sum + Math.pow(kind === 'zip' ? 10 : 20, -p.length), 0),
      );
      break;
    case 'between': {
      if (kind === 'zip') {
        const lo = (out.lo = zipNumber(values[0]));
        const hi = (out.hi = zipNumber(values[1]));
        // values[2..3]: the bounds as written when they are another country's digit codes
        const other = values.length > 2 ? otherRange(values[2], values[3]) : null;
        out.holds = v => {
          const z = zipNumber(v);
          return z === z ? z >= lo && z <= hi : other !== null && other(v);
        };
        out.share = hi >= lo ? (hi - lo + 1) / 100000 : 0.5;
        break;
      }
      const lo = toNumber(values[0]);
      const hi = toNumber(values[1]);
      const name = slots[slot].name;
      out.holds =
        !Number.isNaN(lo) && !Number.isNaN(hi)
          ? v => {
              const x = toNumber(v);
              if (x === x) {
                if (isAmbiguousThousands(v)) addWarning(notes, numberAmbiguous(name, v, x));
                return x >= lo && x <= hi;
              }
              return rangeHolds(v, lo, hi, notes, name, 'between', `${cond.values[0]} and ${cond.values[1]}`);
            }
          : v => v >= values[0] && v <= values[1];
      out.share = 0.5;
      break;
    }
    case 'contains':
      out.holds = v => values.some(x => v.includes(x));
      out.share = 0.5;
      break;
    case 'exists':
      out.holds = () => true;
      break;
    case 'gte':
    case 'lte': {
      const bound = toNumber(values[0]);
      const ge = cond.op === 'gte';
      const name = slots[slot].name;
      const op = cond.op;
      // A numeric bound compares numbers, or a range such as "1001-5000" (see rangeHolds; other
      // non-numeric values never hold); otherwise text, e.g. ISO dates.
      out.holds = Number.isNaN(bound)
        ? v => (ge ? v >= values[0] : v <= values[0])
        : v => {
            const x = toNumber(v);
            if (x === x) {
              if (isAmbiguousThousands(v)) addWarning(notes, numberAmbiguous(name, v, x));
              return ge ? x >= bound : x <= bound;
            }
            return ge
              ? rangeHolds(v, bound, Infinity, notes, name, op, String(cond.values[0]))
              : rangeHolds(v, -Infinity, bound, notes, name, op, String(cond.values[0]));
          };
      out.share = 0.5;
      break;
    }
  }
  return out;
}

/**
 * A zip condition's values in every context its lead may have (settled reading 6): `in` / `notIn`
 * values as US ZIPs and as written (a lead's code is compared in its own context, so a US lead
 * meets "2134" as 02134 and an Australian one as 2134); `prefix` / `contains` values as written,
 * never padded; `between` bounds as US ZIPs, then (as values[2..3]) as written when those are
 * digit codes of another length (Adelaide 5000-5999, PINs 110001-110099).
 */
function zipConditionValues(cond: ConditionConfig): string[] {
  const written = cond.values.map(v => normalizeZip(v, false));
  if (cond.op === 'prefix' || cond.op === 'contains') return written;
  const us = cond.values.map(v => normalizeZip(v, true));
  if (cond.op === 'between') {
    const digits = written.length === 2 && /^\d+$/.test(written[0]) && written[0].length === written[1].length;
    return digits && written[0].length !== 5 ? [...us, ...written] : us;
  }
  return [...new Set([...us, ...written])];
}

/** Digit codes of one length between lo and hi (both as written). */
function otherRange(lo: string, hi: string): (v: string) => boolean {
  return v => v.length === lo.length && /^\d+$/.test(v) && v >= lo && v <= hi;
}

/**
 * Whether a range value (a company-size bucket, see `toRange`) satisfies a numeric condition: the
 * whole range must lie within [lo, hi] (gte N: its low end is at least N; lte N: its high end is
 * at most N; between: both ends inside). A range that lies only partly inside is not a match and
 * says so (warning range_straddles_bound); a value that is not a range never holds.
 */
function rangeHolds(
  v: string,
  lo: number,
  hi: number,
  notes: RoutingWarning[],
  field: string,
  op: string,
  bound: string,
): boolean {
  const r = toRange(v);
  if (r === null) {
    addWarning(notes, numberUnreadable(field, v, op, bound));
    return false;
  }
  if (r[0] >= lo && r[1] <= hi) return true;
  if (r[1] >= lo && r[0] <= hi) addWarning(notes, rangeStraddlesBound(field, v, op, bound));
  return false;
}
