// Territory scoring with compiled indexes. Exact matching looks each "all" territory up by its most
// selective condition (its anchor: a zip range, a state, a prefix…) and only then checks the rest, so
// the cost per lead follows the number of plausible territories, not the size of the map. "any"
// territories are found through every condition (each hit is a real match). Partial matching, needed
// only when no exact territory has an eligible rep, accumulates hits over all conditions.
import type {ConditionConfig, RoutingConfig} from './config/schema';
import {compilePath, normalizedValues, normalizeValue, readPath, type FieldKind} from './lead';
import {toNumber} from './normalize/text';
import {zipNumber} from './normalize/geo';
import type {TerritoryMatchResult, TerritoryScore} from './types';

interface Condition {
  t: number;
  c: number;
  w: number;
  slot: number;
  op: ConditionConfig['op'];
  values: string[];
  set: Set<string> | null;
  lo: number;
  hi: number;
  holds: (v: string) => boolean;
  /** Estimated share of leads for which the condition holds (smaller = better anchor). */
  share: number;
  /** The only condition of a `match: "all"` territory: holding it is an exact match worth `full`. */
  solo: boolean;
  full: number;
}

interface RangeHit {
  cond: Condition;
  lo: number;
  hi: number;
}

interface Slot {
  path: string[];
  kind: FieldKind;
}

/** Where conditions are looked up: equality and prefix maps and zip-range buckets per slot; the rest linear. */
class IndexSet {
  eq: Array<Map<string, Condition[]> | null>;
  prefix: Array<Map<string, Condition[]> | null>;
  prefixLengths: number[][];
  zipBuckets: Array<Array<RangeHit[] | null> | null>;
  linear: Condition[] = [];

  constructor(slots: number) {
    this.eq = new Array(slots).fill(null);
    this.prefix = new Array(slots).fill(null);
    this.prefixLengths = Array.from({length: slots}, () => []);
    this.zipBuckets = new Array(slots).fill(null);
  }

  add(cond: Condition, kind: FieldKind): void {
    const s = cond.slot;
    const push = (map: Map<string, Condition[]>, key: string) => {
      const list = map.get(key);
      if (!list) map.set(key, [cond]);
      else if (list[list.length - 1] !== cond) list.push(cond);
    };
    if (cond.op === 'in') {
      const map = (this.eq[s] ??= new Map());
      for (const v of cond.values) push(map, v);
    } else if (cond.op === 'prefix') {
      const map = (this.prefix[s] ??= new Map());
      for (const v of cond.values) {
        push(map, v);
        if (!this.prefixLengths[s].includes(v.length)) this.prefixLengths[s].push(v.length);
      }
      this.prefixLengths[s].sort((a, b) => a - b);
    } else if (cond.op === 'between' && kind === 'zip') {
      const buckets = (this.zipBuckets[s] ??= new Array<RangeHit[] | null>(100000 / ZIP_BUCKET).fill(null));
      const hit = {cond, lo: cond.lo, hi: cond.hi};
      for (let b = Math.floor(cond.lo / ZIP_BUCKET); b <= Math.floor(cond.hi / ZIP_BUCKET); b++) {
        (buckets[b] ??= []).push(hit);
      }
    } else {
      this.linear.push(cond);
    }
  }

  /** Calls `hit` for every condition of this set that holds for slot value `v`. */
  lookup(s: number, v: string, hit: (cond: Condition) => void): void {
    const eq = this.eq[s];
    if (eq !== null) {
      const list = eq.get(v);
      if (list !== undefined) for (let i = 0; i < list.length; i++) hit(list[i]);
    }
    const prefix = this.prefix[s];
    if (prefix !== null) {
      const lengths = this.prefixLengths[s];
      for (let i = 0; i < lengths.length && lengths[i] <= v.length; i++) {
        const list = prefix.get(v.slice(0, lengths[i]));
        if (list !== undefined) for (let j = 0; j < list.length; j++) hit(list[j]);
      }
    }
    const buckets = this.zipBuckets[s];
    if (buckets !== null) {
      const z = zipNumber(v);
      if (z === z) {
        const bucket = buckets[Math.floor(z / ZIP_BUCKET)];
        if (bucket !== null)
          for (let i = 0; i < bucket.length; i++) {
            const r = bucket[i];
            if (z >= r.lo && z <= r.hi) hit(r.cond);
          }
      }
    }
  }
}

export interface TerritoryInfo {
  id: string;
  name: string;
  priority: number;
  all: boolean;
  total: number;
}

/** One matching pass: territory indexes, best first, and their scores (scratch, valid until the next pass). */
export interface MatchPass {
  territories: number[];
  score: Float64Array;
  hits: Int32Array;
}

const ZIP_BUCKET = 10; // 10,000 buckets of 10 zip codes, allocated when used

export class TerritoryMatcher {
  readonly territories: TerritoryInfo[];
  private readonly slots: Slot[] = [];
  private readonly conditions: Condition[][] = [];
  private readonly fullScore: Float64Array;
  private readonly isAll: Uint8Array;
  private readonly priority: Float64Array;
  private readonly anchors: IndexSet;
  private readonly all: IndexSet;
  private readonly alwaysExact: number[] = [];
  private readonly partialMin: number;
  private readonly score: Float64Array;
  private readonly hits: Int32Array;
  private readonly partialScore: Float64Array;
  private readonly partialHits: Int32Array;
  private readonly tStamp: Int32Array;
  private readonly cStamp: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private values: Array<string | string[] | null> = [];
  private seq = 0;

  constructor(config: RoutingConfig) {
    const canonical = config.fields as Record<string, string | undefined>;
    const slotByKey = new Map<string, number>();
    const slotFor = (field: string): number => {
      const path = canonical[field] ?? field;
      const kind: FieldKind = field === 'zip' || field === 'state' || field === 'country' ? field : 'text';
      const key = kind + ':' + path;
      let i = slotByKey.get(key);
      if (i === undefined) {
        i = this.slots.length;
        this.slots.push({path: compilePath(path), kind});
        slotByKey.set(key, i);
      }
      return i;
    };
    let conditionCount = 0;
    this.territories = config.territories.map((t, ti) => {
      this.conditions.push(
        t.conditions.map(c => compileCondition(ti, conditionCount++, c, slotFor(c.field), this.slots)),
      );
      if (t.conditions.length === 0 && t.match === 'all') this.alwaysExact.push(ti);
      return {id: t.id, name: t.name ?? t.id, priority: t.priority, all: t.match === 'all', total: t.conditions.length};
    });
    const n = this.territories.length;
    this.anchors = new IndexSet(this.slots.length);
    this.all = new IndexSet(this.slots.length);
    this.fullScore = new Float64Array(n);
    this.isAll = new Uint8Array(n);
    this.priority = new Float64Array(n);
    this.territories.forEach((info, t) => {
      const conds = this.conditions[t];
      this.fullScore[t] = info.priority + conds.reduce((sum, c) => sum + c.w, 0);
      this.isAll[t] = info.all ? 1 : 0;
      this.priority[t] = info.priority;
      if (info.all && conds.length === 1) {
        conds[0].solo = true;
        conds[0].full = this.fullScore[t];
      }
      for (const cond of conds) this.all.add(cond, this.slots[cond.slot].kind);
      if (!info.all) {
        for (const cond of conds) this.anchors.add(cond, this.slots[cond.slot].kind);
      } else if (conds.length > 0) {
        const anchor = conds.reduce((best, c) => (c.share < best.share ? c : best));
        this.anchors.add(anchor, this.slots[anchor.slot].kind);
      }
    });
    this.score = new Float64Array(n);
    this.hits = new Int32Array(n);
    this.partialScore = new Float64Array(n);
    this.partialHits = new Int32Array(n);
    this.tStamp = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.cStamp = new Int32Array(conditionCount);
    this.partialMin = config.partialMinScore;
  }

  private readValues(lead: unknown): void {
    if (this.values.length !== this.slots.length) this.values = new Array(this.slots.length).fill(null);
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s];
      this.values[s] = normalizedValues(slot.kind, readPath(lead, slot.path));
    }
  }

  private holds(cond: Condition): boolean {
    const v = this.values[cond.slot];
    if (v === null) return false;
    return typeof v === 'string' ? cond.holds(v) : v.some(cond.holds);
  }

  private nextSeq(): number {
    if (++this.seq > 0x3fffffff) {
      this.seq = 1;
      this.tStamp.fill(0);
      this.cStamp.fill(0);
    }
    this.touchedCount = 0;
    return this.seq;
  }

  private walk(set: IndexSet, hit: (cond: Condition) => void): void {
    for (let s = 0; s < this.slots.length; s++) {
      const v = this.values[s];
      if (v === null) continue;
      if (typeof v === 'string') set.lookup(s, v, hit);
      else for (const el of v) set.lookup(s, el, hit);
    }
    for (let i = 0; i < set.linear.length; i++) if (this.holds(set.linear[i])) hit(set.linear[i]);
  }

  private readonly exactHit = (cond: Condition): void => {
    const t = cond.t;
    const seq = this.seq;
    if (cond.solo) {
      // the common geographic case, kept to a few memory reads
      if (this.tStamp[t] === seq) return;
      this.tStamp[t] = seq;
      this.score[t] = cond.full;
      this.hits[t] = 1;
      this.touched[this.touchedCount++] = t;
      return;
    }
    if (this.isAll[t] === 1) {
      if (this.tStamp[t] === seq) return;
      this.tStamp[t] = seq;
      const conds = this.conditions[t];
      for (let i = 0; i < conds.length; i++) if (conds[i] !== cond && !this.holds(conds[i])) return;
      this.score[t] = this.fullScore[t];
      this.hits[t] = conds.length;
      this.touched[this.touchedCount++] = t;
      return;
    }
    this.accumulate(cond, this.score, this.hits);
  };

  private readonly partialHit = (cond: Condition): void => this.accumulate(cond, this.partialScore, this.partialHits);

  private accumulate(cond: Condition, score: Float64Array, hits: Int32Array): void {
    const seq = this.seq;
    if (this.cStamp[cond.c] === seq) return;
    this.cStamp[cond.c] = seq;
    const t = cond.t;
    if (this.tStamp[t] !== seq) {
      this.tStamp[t] = seq;
      hits[t] = 0;
      score[t] = this.priority[t];
      this.touched[this.touchedCount++] = t;
    }
    hits[t]++;
    score[t] += cond.w;
  }

  /** Exactly matching territories, in no particular order (see `levels`). */
  exact(lead: unknown): MatchPass {
    this.nextSeq();
    this.readValues(lead);
    this.walk(this.anchors, this.exactHit);
    const out: number[] = [];
    for (let i = 0; i < this.alwaysExact.length; i++) {
      const t = this.alwaysExact[i];
      this.score[t] = this.territories[t].priority;
      this.hits[t] = 0;
      out.push(t);
    }
    for (let i = 0; i < this.touchedCount; i++) out.push(this.touched[i]);
    return {territories: out, score: this.score, hits: this.hits};
  }

  /**
   * `match: "all"` territories where some but not all conditions hold, score >= partialMinScore, in
   * no particular order. `valuesRead`: the last `exact` call was for this same lead.
   */
  partial(lead: unknown, valuesRead = false): MatchPass {
    this.nextSeq();
    if (!valuesRead) this.readValues(lead);
    this.walk(this.all, this.partialHit);
    const out: number[] = [];
    for (let i = 0; i < this.touchedCount; i++) {
      const t = this.touched[i];
      const info = this.territories[t];
      if (info.all && this.partialHits[t] < info.total && this.partialScore[t] >= this.partialMin) out.push(t);
    }
    return {territories: out, score: this.partialScore, hits: this.partialHits};
  }

  /** The best exact and best partial territory only (score desc, then config order): the cheap path. */
  best(lead: unknown): {exact: TerritoryScore | null; partial: TerritoryScore | null} {
    const top = (pass: MatchPass): TerritoryScore | null => {
      let best = -1;
      for (const t of pass.territories) {
        if (best < 0 || pass.score[t] > pass.score[best] || (pass.score[t] === pass.score[best] && t < best)) best = t;
      }
      return best < 0 ? null : this.view(pass, best);
    };
    const exact = top(this.exact(lead));
    return {exact, partial: top(this.partial(lead, true))};
  }

  private view(pass: MatchPass, t: number): TerritoryScore {
    const info = this.territories[t];
    return {
      territoryId: info.id,
      territoryName: info.name,
      score: pass.score[t],
      matched: pass.hits[t],
      total: info.total,
      match: info.all ? 'all' : 'any',
    };
  }

  match(lead: unknown): TerritoryMatchResult {
    const view = (pass: MatchPass) => sortByScore(pass).map(t => this.view(pass, t));
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

/**
 * Score levels of a pass, best first, each in config order. The first level is found with one
 * linear scan (it usually decides); asking for more sorts the pass once.
 */
export class Levels {
  private sorted: number[] | null = null;
  private pos = 0;
  private last = Infinity;

  constructor(private readonly pass: MatchPass) {}

  /** Fills `out` (emptied first) with the next level; returns its score, or -Infinity when none is left. */
  next(out: number[]): number {
    out.length = 0;
    if (this.last === Infinity) return (this.last = nextLevel(this.pass, Infinity, out));
    if (this.last === -Infinity) return -Infinity;
    if (this.sorted === null) {
      this.sorted = sortByScore(this.pass);
      while (this.pos < this.sorted.length && this.pass.score[this.sorted[this.pos]] >= this.last) this.pos++;
    }
    const {sorted} = this;
    const {score} = this.pass;
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

function compileCondition(t: number, c: number, cond: ConditionConfig, slot: number, slots: Slot[]): Condition {
  const kind = slots[slot].kind;
  const values = cond.values.map(v => normalizeValue(kind, v));
  const out: Condition = {
    t,
    c,
    w: cond.weight,
    slot,
    op: cond.op,
    values,
    set: null,
    lo: NaN,
    hi: NaN,
    holds: () => false,
    share: 1,
    solo: false,
    full: 0,
  };
  switch (cond.op) {
    case 'in': {
      const set = (out.set = new Set(values));
      out.holds = v => set.has(v);
      const universe = kind === 'zip' ? 40000 : kind === 'state' ? 60 : kind === 'country' ? 10 : 20;
      out.share = Math.min(1, values.length / universe);
      break;
    }
    case 'notIn': {
      const set = (out.set = new Set(values));
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
        out.holds = v => {
          const z = zipNumber(v);
          return z >= lo && z <= hi;
        };
        out.share = (hi - lo + 1) / 100000;
        break;
      }
      const lo = toNumber(values[0]);
      const hi = toNumber(values[1]);
      out.holds =
        !Number.isNaN(lo) && !Number.isNaN(hi)
          ? v => {
              const x = toNumber(v);
              return x >= lo && x <= hi;
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
      // A numeric bound compares numbers (a non-numeric value never holds); otherwise text, e.g. ISO dates.
      out.holds = Number.isNaN(bound)
        ? v => (ge ? v >= values[0] : v <= values[0])
        : v => {
            const x = toNumber(v);
            return ge ? x >= bound : x <= bound;
          };
      out.share = 0.5;
      break;
    }
  }
  return out;
}
