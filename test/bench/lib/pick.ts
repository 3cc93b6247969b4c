// What every matcher must agree on for a lead: the best exact territory and the best partial one
// (score desc, then config order), with their scores. Partial = `match: "all"` territory where some
// but not all conditions hold and score >= partialMinScore (routing.md, "Semantics").
import type {SynthConfig, SynthLead, SynthTerritory} from './synth';

export interface Pick {
  exactId: string | null;
  exactScore: number | null;
  partialId: string | null;
  partialScore: number | null;
}

export type Matcher = (lead: SynthLead) => Pick;
export type AsyncMatcher = (lead: SynthLead) => Promise<Pick>;

export const FIELD_ZIP = 0;
export const FIELD_STATE = 1;
export const FIELD_PRODUCT = 2;
export const OP_BETWEEN = 0;
export const OP_IN = 1;
export const OP_PREFIX = 2;

/** One condition, precompiled for the plain-JS baselines. */
export interface PlainCondition {
  field: number;
  op: number;
  lo: number;
  hi: number;
  set: Set<string>;
  prefix: string;
  weight: number;
}

export interface PlainTerritory {
  idx: number;
  id: string;
  priority: number;
  all: boolean;
  conditions: PlainCondition[];
}

const FIELDS: Record<string, number> = {zip: FIELD_ZIP, state: FIELD_STATE, productLine: FIELD_PRODUCT};
const OPS: Record<string, number> = {between: OP_BETWEEN, in: OP_IN, prefix: OP_PREFIX};

export function plainTerritories(config: SynthConfig): PlainTerritory[] {
  return config.territories.map((t: SynthTerritory, idx) => ({
    idx,
    id: t.id,
    priority: t.priority,
    all: t.match === 'all',
    conditions: t.conditions.map(c => ({
      field: FIELDS[c.field],
      op: OPS[c.op],
      lo: c.op === 'between' ? Number(c.values[0]) : 0,
      hi: c.op === 'between' ? Number(c.values[1]) : 0,
      set: new Set(c.op === 'in' ? c.values : []),
      prefix: c.op === 'prefix' ? c.values[0] : '',
      weight: c.weight,
    })),
  }));
}

export function holds(c: PlainCondition, zip: string, zipNum: number, state: string, product: string): boolean {
  if (c.op === OP_BETWEEN) return zipNum >= c.lo && zipNum <= c.hi;
  if (c.op === OP_IN) return c.set.has(c.field === FIELD_ZIP ? zip : c.field === FIELD_STATE ? state : product);
  return zip.startsWith(c.prefix);
}

/** Keeps the best exact and best partial territory seen so far; visiting order does not matter. */
export class Best {
  exact = -1;
  exactScore = 0;
  partial = -1;
  partialScore = 0;
  constructor(
    private readonly territories: readonly {id: string}[],
    private readonly partialMin: number,
  ) {}

  /** Record territory `idx` whose conditions held `held` of `total` times with score `score`. */
  add(idx: number, all: boolean, held: number, total: number, score: number): void {
    if (held === 0) return;
    if (!all || held === total) {
      if (this.exact < 0 || score > this.exactScore || (score === this.exactScore && idx < this.exact)) {
        this.exact = idx;
        this.exactScore = score;
      }
    } else if (score >= this.partialMin) {
      if (this.partial < 0 || score > this.partialScore || (score === this.partialScore && idx < this.partial)) {
        this.partial = idx;
        this.partialScore = score;
      }
    }
  }

  result(): Pick {
    return {
      exactId: this.exact < 0 ? null : this.territories[this.exact].id,
      exactScore: this.exact < 0 ? null : this.exactScore,
      partialId: this.partial < 0 ? null : this.territories[this.partial].id,
      partialScore: this.partial < 0 ? null : this.partialScore,
    };
  }
}

export function samePick(a: Pick, b: Pick): boolean {
  return (
    a.exactId === b.exactId &&
    a.exactScore === b.exactScore &&
    a.partialId === b.partialId &&
    a.partialScore === b.partialScore
  );
}

export function describePick(p: Pick): string {
  return `exact=${p.exactId}:${p.exactScore} partial=${p.partialId}:${p.partialScore}`;
}
