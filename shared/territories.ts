// Territory scoring with compiled indexes: equality and prefix maps and a zip-range bucket index
// make the cost per lead independent of the number of geographic territories; other operators
// are checked one by one.
import type {ConditionConfig, RoutingConfig} from './config/schema';
import {compilePath, normalizedValues, normalizeValue, readPath, type FieldKind} from './lead';
import {toNumber} from './normalize/text';
import {zipNumber} from './normalize/geo';
import type {TerritoryMatchResult, TerritoryScore} from './types';

interface Hit {
  t: number;
  c: number;
  w: number;
}
interface RangeHit extends Hit {
  lo: number;
  hi: number;
}
interface LinearCondition extends Hit {
  slot: number;
  test: (value: string) => boolean;
}

interface Slot {
  path: string[];
  kind: FieldKind;
  eq: Map<string, Hit[]> | null;
  prefix: Map<string, Hit[]> | null;
  prefixLengths: number[];
  zipBuckets: RangeHit[][] | null;
}

export interface TerritoryInfo {
  id: string;
  name: string;
  priority: number;
  all: boolean;
  total: number;
}

/** Per-lead scratch result: territory indexes, best first, and their scores. */
export interface MatchIndexes {
  exact: number[];
  partial: number[];
  score: Float64Array;
  hits: Int32Array;
}

const ZIP_BUCKET = 100; // 1,000 buckets of 100 zip codes

export class TerritoryMatcher {
  readonly territories: TerritoryInfo[];
  private readonly slots: Slot[] = [];
  private readonly linear: LinearCondition[] = [];
  private readonly alwaysExact: number[] = [];
  private readonly partialMin: number;
  private readonly score: Float64Array;
  private readonly hits: Int32Array;
  private readonly tStamp: Int32Array;
  private readonly cStamp: Int32Array;
  private readonly touched: number[] = [];
  private readonly slotValues: Array<string | string[] | null>;
  private seq = 0;
  private readonly byScore = (a: number, b: number) => this.score[b] - this.score[a] || a - b;

  constructor(config: RoutingConfig) {
    const canonical = config.fields as Record<string, string | undefined>;
    const slotByPath = new Map<string, number>();
    const slotFor = (field: string): number => {
      const path = canonical[field] ?? field;
      const kind: FieldKind = field === 'zip' || field === 'state' || field === 'country' ? field : 'text';
      const key = kind + ':' + path;
      let i = slotByPath.get(key);
      if (i === undefined) {
        i = this.slots.length;
        this.slots.push({path: compilePath(path), kind, eq: null, prefix: null, prefixLengths: [], zipBuckets: null});
        slotByPath.set(key, i);
      }
      return i;
    };

    let conditionCount = 0;
    this.territories = config.territories.map((t, ti) => {
      for (const c of t.conditions) this.addCondition(ti, conditionCount++, c, slotFor(c.field));
      if (t.conditions.length === 0 && t.match === 'all') this.alwaysExact.push(ti);
      return {id: t.id, name: t.name ?? t.id, priority: t.priority, all: t.match === 'all', total: t.conditions.length};
    });
    const n = this.territories.length;
    this.score = new Float64Array(n);
    this.hits = new Int32Array(n);
    this.tStamp = new Int32Array(n);
    this.cStamp = new Int32Array(conditionCount);
    this.slotValues = new Array(this.slots.length).fill(null);
    this.partialMin = config.partialMinScore;
    for (const s of this.slots) s.prefixLengths.sort((a, b) => a - b);
  }

  private addCondition(t: number, c: number, cond: ConditionConfig, slotIdx: number): void {
    const slot = this.slots[slotIdx];
    const w = cond.weight;
    const values = cond.values.map(v => normalizeValue(slot.kind, v));
    const hit = {t, c, w};
    const push = (map: Map<string, Hit[]>, key: string) => {
      const list = map.get(key);
      if (!list) map.set(key, [hit]);
      else if (list[list.length - 1] !== hit) list.push(hit);
    };
    const linear = (test: (v: string) => boolean) => this.linear.push({t, c, w, slot: slotIdx, test});
    switch (cond.op) {
      case 'in':
        slot.eq ??= new Map();
        for (const v of values) push(slot.eq, v);
        return;
      case 'prefix':
        slot.prefix ??= new Map();
        for (const v of values) {
          push(slot.prefix, v);
          if (!slot.prefixLengths.includes(v.length)) slot.prefixLengths.push(v.length);
        }
        return;
      case 'between': {
        if (slot.kind === 'zip') {
          const lo = zipNumber(values[0]);
          const hi = zipNumber(values[1]);
          slot.zipBuckets ??= Array.from({length: 100000 / ZIP_BUCKET}, () => [] as RangeHit[]);
          const range = {t, c, w, lo, hi};
          for (let b = Math.floor(lo / ZIP_BUCKET); b <= Math.floor(hi / ZIP_BUCKET); b++)
            slot.zipBuckets[b].push(range);
          return;
        }
        const lo = toNumber(values[0]);
        const hi = toNumber(values[1]);
        if (!Number.isNaN(lo) && !Number.isNaN(hi)) {
          linear(v => {
            const x = toNumber(v);
            return x >= lo && x <= hi;
          });
        } else {
          linear(v => v >= values[0] && v <= values[1]);
        }
        return;
      }
      case 'notIn': {
        const set = new Set(values);
        linear(v => !set.has(v));
        return;
      }
      case 'contains':
        linear(v => values.some(x => v.includes(x)));
        return;
      case 'exists':
        linear(() => true);
        return;
      case 'gte':
      case 'lte': {
        const bound = toNumber(values[0]);
        const ge = cond.op === 'gte';
        linear(v => {
          const x = toNumber(v);
          if (!Number.isNaN(x) && !Number.isNaN(bound)) return ge ? x >= bound : x <= bound;
          return ge ? v >= values[0] : v <= values[0];
        });
        return;
      }
    }
  }

  private add(t: number, c: number, w: number): void {
    const seq = this.seq;
    if (this.cStamp[c] === seq) return;
    this.cStamp[c] = seq;
    if (this.tStamp[t] !== seq) {
      this.tStamp[t] = seq;
      this.hits[t] = 0;
      this.score[t] = this.territories[t].priority;
      this.touched.push(t);
    }
    this.hits[t]++;
    this.score[t] += w;
  }

  private lookup(slot: Slot, v: string): void {
    if (slot.eq) {
      const list = slot.eq.get(v);
      if (list) for (let i = 0; i < list.length; i++) this.add(list[i].t, list[i].c, list[i].w);
    }
    if (slot.prefix) {
      const lengths = slot.prefixLengths;
      for (let i = 0; i < lengths.length && lengths[i] <= v.length; i++) {
        const list = slot.prefix.get(v.slice(0, lengths[i]));
        if (list) for (let j = 0; j < list.length; j++) this.add(list[j].t, list[j].c, list[j].w);
      }
    }
    if (slot.zipBuckets) {
      const z = zipNumber(v);
      if (z === z) {
        const bucket = slot.zipBuckets[Math.floor(z / ZIP_BUCKET)];
        for (let i = 0; i < bucket.length; i++) {
          const r = bucket[i];
          if (z >= r.lo && z <= r.hi) this.add(r.t, r.c, r.w);
        }
      }
    }
  }

  /** Scores one lead. The returned arrays are fresh; `score`/`hits` are scratch, valid until the next call. */
  matchIndexes(lead: unknown): MatchIndexes {
    if (++this.seq > 0x3fffffff) this.resetStamps();
    this.touched.length = 0;
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s];
      const v = normalizedValues(slot.kind, readPath(lead, slot.path));
      this.slotValues[s] = v;
      if (v === null) continue;
      if (typeof v === 'string') this.lookup(slot, v);
      else for (const el of v) this.lookup(slot, el);
    }
    for (let i = 0; i < this.linear.length; i++) {
      const cond = this.linear[i];
      const v = this.slotValues[cond.slot];
      if (v === null) continue;
      if (typeof v === 'string' ? cond.test(v) : v.some(cond.test)) this.add(cond.t, cond.c, cond.w);
    }
    const exact: number[] = [];
    const partial: number[] = [];
    for (let i = 0; i < this.alwaysExact.length; i++) {
      const t = this.alwaysExact[i];
      this.tStamp[t] = this.seq;
      this.hits[t] = 0;
      this.score[t] = this.territories[t].priority;
      exact.push(t);
    }
    for (let i = 0; i < this.touched.length; i++) {
      const t = this.touched[i];
      const info = this.territories[t];
      const h = this.hits[t];
      if (info.all ? h === info.total : h > 0) exact.push(t);
      else if (info.all && this.score[t] >= this.partialMin) partial.push(t);
    }
    if (exact.length > 1) exact.sort(this.byScore);
    if (partial.length > 1) partial.sort(this.byScore);
    return {exact, partial, score: this.score, hits: this.hits};
  }

  match(lead: unknown): TerritoryMatchResult {
    const m = this.matchIndexes(lead);
    const view = (t: number): TerritoryScore => {
      const info = this.territories[t];
      return {
        territoryId: info.id,
        territoryName: info.name,
        score: m.score[t],
        matched: m.hits[t],
        total: info.total,
        match: info.all ? 'all' : 'any',
      };
    };
    const exact = m.exact.map(view);
    return {exact, partial: m.partial.map(view), winner: exact[0] ?? null};
  }

  private resetStamps(): void {
    this.seq = 1;
    this.tStamp.fill(0);
    this.cStamp.fill(0);
  }
}
