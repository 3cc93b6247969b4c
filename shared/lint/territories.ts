// Territory checks: territories that can never match or never win, equal-score ties between
// different teams, and priorities that let a partial match outrank exact ones. Scores are the
// matcher's own (TerritoryMatcher.fullScoreOf); conditions are compared by ./conditions.
import type {CompiledConfig} from '../compile';
import type {ConditionView} from '../territories';
import {apart, exclusive, implies, zipSpans} from './conditions';
import type {LintFinding} from './types';

/** A territory as these checks read it, built once per lint run (see `lintTerritories`). */
export interface LintTerritory {
  i: number;
  id: string;
  name: string;
  all: boolean;
  priority: number;
  full: number;
  /** The most it scores when it matches exactly. */
  best: number;
  conds: ConditionView[];
  slots: Set<number>;
  reps: Set<string>;
  /** Two of its conditions that exclude each other (see `clash`), or null. */
  clash: [ConditionView, ConditionView] | null;
  /** Whether only a lead listing several values in one field can match it (two conditions `apart`). */
  multiOnly: boolean;
}
type T = LintTerritory;

const cache = new WeakMap<CompiledConfig, LintTerritory[]>();

/** The territories of a compiled config with their compiled conditions and scores (memoised per config). */
export function lintTerritories(c: CompiledConfig): LintTerritory[] {
  let ts = cache.get(c);
  if (ts) return ts;
  ts = c.config.territories.map((t, i) => {
    const conds = c.matcher.conditionsOf(i);
    const x: T = {
      i,
      id: t.id,
      name: t.name ?? t.id,
      all: t.match === 'all',
      priority: t.priority,
      full: c.matcher.fullScoreOf(i),
      best: 0,
      conds,
      slots: new Set(conds.map(k => k.slot)),
      reps: new Set(t.reps),
      clash: null,
      multiOnly: false,
    };
    x.best = x.all ? x.full : conds.reduce((sum, k) => sum + Math.max(0, k.weight), x.priority);
    x.clash = clash(x);
    x.multiOnly = x.all && x.conds.some((k, a) => x.conds.some((l, b) => b > a && apart(k, l)));
    return x;
  });
  cache.set(c, ts);
  return ts;
}

/**
 * Territories of one score compared pair by pair up to this many; a larger group (maps of thousands
 * of territories) is searched through leads built to meet each territory, which finds only ties on
 * such a lead (sample leads can show more).
 */
export const EXHAUSTIVE_TIES = 600;

const place = (t: T) => ({path: `territories[${t.i}]`, subject: t.name});
const label = (t: T) => `territories[${t.i}] "${t.name}"`;
const num = (x: number) => String(Math.round(x * 1000) / 1000);

const NOTHING: ConditionView = {
  slot: -1,
  kind: 'text',
  field: '',
  op: 'exists',
  values: [],
  lo: NaN,
  hi: NaN,
  weight: 0,
  holds: () => false,
};
const NO_CONDITIONS: [ConditionView, ConditionView] = [NOTHING, NOTHING];

/**
 * Can territory t ever match? An "all" territory with two conditions that exclude each other cannot,
 * also for a lead listing several values in a field (`exclusive`, settled reading 9).
 */
function clash(t: T): [ConditionView, ConditionView] | null {
  if (!t.all) return t.conds.length === 0 ? NO_CONDITIONS : null;
  for (let a = 0; a < t.conds.length; a++) {
    for (let b = a + 1; b < t.conds.length; b++) if (exclusive(t.conds[a], t.conds[b])) return [t.conds[a], t.conds[b]];
  }
  return null;
}

/**
 * The least score u is sure to have whenever t matches exactly, or null when t can match without u
 * matching (or that is not provable).
 */
function scoreWhenMatched(u: T, t: T): number | null {
  if (!t.all) {
    // t matches through any one of its conditions: u must match through each of them alone
    if (!u.all || t.conds.length === 0) return null;
    return t.conds.every(tc => u.conds.every(uc => implies(tc, uc))) ? u.full : null;
  }
  const implied = u.conds.map(uc => t.conds.some(tc => implies(tc, uc)));
  if (u.all) return implied.every(Boolean) ? u.full : null;
  if (!implied.some(Boolean)) return null;
  // an "any" territory scores its priority plus the weights that hold; unsure ones only count if negative
  return u.conds.reduce((s, uc, k) => s + (implied[k] ? uc.weight : Math.min(0, uc.weight)), u.priority);
}

/** What sample leads showed of each territory (SampleTally): both arrays by territory index. */
export interface TerritoriesSeen {
  /** Sample leads it matched exactly. */
  exact: readonly number[];
  /** Sample leads on which it matched exactly with the top score. */
  top: readonly number[];
}

/**
 * `territory_never_exact`: an "all" territory two of whose conditions exclude each other (or an
 * "any" territory without conditions). `territory_shadowed`: whenever it matches exactly another
 * territory matches too with a higher score, so it never wins while that one has an eligible rep.
 * With `seen` (sample leads), neither is reported for a territory a sample lead showed otherwise.
 */
export function unreachableTerritories(c: CompiledConfig, seen?: TerritoriesSeen): LintFinding[] {
  const ts = lintTerritories(c);
  const out: LintFinding[] = [];
  for (const t of ts) {
    if (seen && seen.top[t.i] > 0) continue;
    const bad = t.clash;
    if (bad) {
      if (seen && seen.exact[t.i] > 0) continue;
      out.push({
        code: 'territory_never_exact',
        ...place(t),
        message: t.conds.length
          ? `Can never match exactly: its conditions on "${bad[0].field}" (${bad[0].op} and ${bad[1].op}) exclude each other, so it only gets leads as a partial match; ` +
            'remove or correct one of them, or split the territory in two.'
          : 'Can never match: it has match "any" and no conditions; add the conditions it should match on, or remove it.',
      });
      continue;
    }
    let by: {u: T; score: number} | null = null;
    const best = t.best;
    for (const u of candidates(c, ts, t)) {
      // (cheap tests first: u must be able to score more, and read only fields t reads)
      if (u === t || u.best <= best || u.clash) continue;
      if (u.all && t.all ? !subset(u.slots, t.slots) : !overlaps(u.slots, t.slots) && u.conds.length) continue;
      const s = scoreWhenMatched(u, t);
      if (s !== null && s > best && (by === null || s > by.score)) by = {u, score: s};
    }
    if (by) {
      out.push({
        code: 'territory_shadowed',
        ...place(t),
        message:
          `Can never win: whenever it matches, ${label(by.u)} matches too with a higher score ` +
          `(${num(by.score)} > ${num(best)}), so it only gets leads when that territory has no eligible rep; ` +
          `raise its priority by more than ${num(by.score - best)}, or narrow ${label(by.u)} so it excludes these leads.`,
      });
    }
  }
  return out;
}

/** Territories a tie finding names in its message; `related` lists them all. */
export const TIES_NAMED = 5;

/**
 * `territory_tie`: two "all" territories with the same score and no rep in common that one lead can
 * match together (not provably apart for a lead with one value per field): such a lead goes to their
 * reps pooled in one rotation (spec: tied territories pool their reps), mixing two teams. One
 * finding per territory, at the first of each pair, naming up to TIES_NAMED of the later ones it
 * ties (`related`: all of their paths). `seen`: pairs of territory indexes that tied on sample
 * leads, with how many (reported also when not provable from the config, e.g. "any" territories).
 */
export function ties(c: CompiledConfig, seen: Map<string, number> = new Map()): LintFinding[] {
  const ts = lintTerritories(c);
  const reported = new Set<string>();
  const byFirst = new Map<number, Array<{u: T; n: number | undefined}>>();
  const report = (t: T, u: T, n: number | undefined) => {
    const key = `${t.i},${u.i}`;
    if (reported.has(key)) return;
    reported.add(key);
    const list = byFirst.get(t.i);
    if (list) list.push({u, n});
    else byFirst.set(t.i, [{u, n}]);
  };
  const byScore = new Map<number, T[]>();
  for (const t of ts) {
    if (!t.all || t.clash || t.multiOnly) continue;
    const group = byScore.get(t.full);
    if (group) group.push(t);
    else byScore.set(t.full, [t]);
  }
  const tie = (t: T, u: T) => {
    if (shareRep(t, u) || t.conds.some(x => u.conds.some(y => apart(x, y)))) return;
    report(t, u, seen.get(`${t.i},${u.i}`));
  };
  for (const group of byScore.values()) {
    if (group.length <= EXHAUSTIVE_TIES) {
      for (let a = 0; a < group.length; a++) for (let b = a + 1; b < group.length; b++) tie(group[a], group[b]);
      continue;
    }
    // a large map: the territories that match a lead built to meet t (a real lead both match)
    for (const t of group) {
      for (const u of candidates(c, ts, t))
        if (u.i > t.i && u.full === t.full && u.all && !u.clash && !u.multiOnly) tie(t, u);
    }
  }
  for (const [key, n] of seen) {
    const [a, b] = key.split(',').map(Number);
    if (!shareRep(ts[a], ts[b])) report(ts[a], ts[b], n);
  }
  return [...byFirst.keys()].sort((a, b) => a - b).map(i => tieFinding(ts[i], byFirst.get(i)!));
}

function tieFinding(t: T, others: Array<{u: T; n: number | undefined}>): LintFinding {
  others.sort((x, y) => x.u.i - y.u.i);
  const named = others
    .slice(0, TIES_NAMED)
    .map(({u, n}) => label(u) + (n ? ` (${n} sample lead${n === 1 ? '' : 's'} did)` : ''));
  const more = others.length > TIES_NAMED ? ` and ${others.length - TIES_NAMED} more` : '';
  const which = others.length === 1 ? named[0] : `${others.length} territories, ${named.join(', ')}${more},`;
  return {
    code: 'territory_tie',
    ...place(t),
    related: others.map(({u}) => `territories[${u.i}]`),
    message:
      `Scores the same (${num(t.full)}) as ${which} with no rep in common and conditions not provably apart: ` +
      `a lead matching ${others.length === 1 ? 'both' : 'it and one of them'} goes to their reps pooled in one rotation; ` +
      `give ${others.length === 1 ? 'one' : 'one of each pair'} a higher priority or weight, or make their conditions exclude each other.`,
  };
}

/**
 * The territories that can shadow t: those the matcher finds for a lead built to meet t (one value
 * per field that meets t's conditions there; for an "any" territory, its first condition's field
 * only). A territory implied by t must match that lead, so nothing is lost; when no such lead can
 * be built, every territory.
 */
function candidates(c: CompiledConfig, ts: T[], t: T): T[] {
  const conds = t.all ? t.conds : t.conds.slice(0, 1);
  const lead: Record<string, string> = {};
  for (const slot of new Set(conds.map(k => k.slot))) {
    const here = conds.filter(k => k.slot === slot);
    const value = here.map(probe).find(v => v !== null && here.every(k => k.holds(v)));
    if (value === undefined || value === null) return ts;
    lead[here[0].field] = value;
  }
  const pass = c.matcher.exact(lead);
  if (!pass.territories.includes(t.i)) return ts;
  return pass.territories.map(i => ts[i]);
}

/** A value meeting condition k, or null when none is at hand. */
function probe(k: ConditionView): string | null {
  const spans = zipSpans(k);
  if (spans !== null) return String(spans[0][0]).padStart(5, '0');
  if (k.op === 'exists') return 'x';
  if (k.op === 'notIn') return k.holds('zz-probe') ? 'zz-probe' : null;
  return k.values.length ? k.values[0] : null;
}

function subset(a: Set<number>, b: Set<number>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function overlaps(a: Set<number>, b: Set<number>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function shareRep(t: T, u: T): boolean {
  for (const r of t.reps) if (u.reps.has(r)) return true;
  return false;
}

/**
 * `partial_outranks_exact`: an "all" territory whose priority is so high that, with one condition
 * false, it still scores above other territories' exact matches (and passes partialMinScore): at the
 * partial stage it takes leads that miss one of its conditions ahead of territories whose every
 * condition holds.
 */
export function partialOutranksExact(c: CompiledConfig): LintFinding[] {
  const ts = lintTerritories(c);
  const out: LintFinding[] = [];
  const min = c.matcher.partialMinScore;
  for (const t of ts) {
    if (!t.all || t.conds.length < 2 || t.priority <= 0) continue;
    // the lowest score it has with exactly one condition false
    const missOne = t.full - Math.max(...t.conds.map(x => x.weight));
    if (missOne < min) continue;
    const below = ts.filter(u => u !== t && !u.clash && u.best < missOne);
    if (!below.length) continue;
    const top = below.reduce((a, b) => (b.best > a.best ? b : a));
    out.push({
      code: 'partial_outranks_exact',
      ...place(t),
      message:
        `Priority ${num(t.priority)}: with one of its ${t.conds.length} conditions false it still scores ` +
        `${num(missOne)} (partialMinScore ${num(min)}), above exact matches of ${below.length} territor${below.length === 1 ? 'y' : 'ies'} ` +
        `such as ${label(top)} (${num(top.best)}); lower the priority or raise partialMinScore.`,
    });
  }
  return out;
}
