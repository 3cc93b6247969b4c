// Territory checks: territories that can never match or never win, equal-score ties between
// different teams, and priorities that let a partial match outrank exact ones. Scores are the
// matcher's own (TerritoryMatcher.fullScoreOf); conditions are compared by ./conditions.
import type {CompiledConfig} from '../compile';
import type {ConditionView} from '../territories';
import {disjoint, implies} from './conditions';
import type {LintFinding} from './types';

interface T {
  i: number;
  id: string;
  name: string;
  all: boolean;
  priority: number;
  full: number;
  conds: ConditionView[];
  reps: Set<string>;
}

function territoriesOf(c: CompiledConfig): T[] {
  return c.config.territories.map((t, i) => ({
    i,
    id: t.id,
    name: t.name ?? t.id,
    all: t.match === 'all',
    priority: t.priority,
    full: c.matcher.fullScoreOf(i),
    conds: c.matcher.conditionsOf(i),
    reps: new Set(t.reps),
  }));
}

const place = (t: T) => ({path: `territories[${t.i}]`, subject: t.name});
const label = (t: T) => `territories[${t.i}] "${t.name}"`;
const num = (x: number) => String(Math.round(x * 1000) / 1000);

/** Can territory t ever match? (An "all" territory with two conditions that exclude each other cannot.) */
function clash(t: T): [ConditionView, ConditionView] | null {
  if (!t.all) return t.conds.length === 0 ? [t.conds[0], t.conds[0]] : null;
  for (let a = 0; a < t.conds.length; a++) {
    for (let b = a + 1; b < t.conds.length; b++) if (disjoint(t.conds[a], t.conds[b])) return [t.conds[a], t.conds[b]];
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

/** The most t can score when it matches exactly. */
function bestScore(t: T): number {
  return t.all ? t.full : t.conds.reduce((s, c) => s + Math.max(0, c.weight), t.priority);
}

/**
 * `territory_never_exact`: an "all" territory two of whose conditions exclude each other (or an
 * "any" territory without conditions). `territory_shadowed`: whenever it matches exactly another
 * territory matches too with a higher score, so it never wins while that one has an eligible rep.
 */
export function unreachableTerritories(c: CompiledConfig): LintFinding[] {
  const ts = territoriesOf(c);
  const out: LintFinding[] = [];
  for (const t of ts) {
    const bad = clash(t);
    if (bad) {
      out.push({
        code: 'territory_never_exact',
        ...place(t),
        message: t.conds.length
          ? `${label(t)} can never match exactly: its conditions on "${bad[0].field}" (${bad[0].op} and ${bad[1].op}) exclude each other, so it only gets leads as a partial match.`
          : `${label(t)} can never match: it has match "any" and no conditions.`,
      });
      continue;
    }
    let by: {u: T; score: number} | null = null;
    const best = bestScore(t);
    for (const u of ts) {
      if (u === t || clash(u)) continue;
      const s = scoreWhenMatched(u, t);
      if (s !== null && s > best && (by === null || s > by.score)) by = {u, score: s};
    }
    if (by) {
      out.push({
        code: 'territory_shadowed',
        ...place(t),
        message:
          `${label(t)} can never win: whenever it matches, ${label(by.u)} matches too with a higher score ` +
          `(${num(by.score)} > ${num(best)}), so it only gets leads when that territory has no eligible rep.`,
      });
    }
  }
  return out;
}

/**
 * `territory_tie`: two "all" territories with the same score and no rep in common that one lead can
 * match together: such a lead goes to their reps pooled in one rotation (spec: tied territories pool
 * their reps), mixing two teams. `seen`: pairs of territory indexes that tied on sample leads, with
 * how many (reported also when not provable from the config, e.g. "any" territories).
 */
export function ties(c: CompiledConfig, seen: Map<string, number> = new Map()): LintFinding[] {
  const ts = territoriesOf(c);
  const out: LintFinding[] = [];
  const reported = new Set<string>();
  const report = (t: T, u: T, n: number | undefined) => {
    const key = `${t.i},${u.i}`;
    if (reported.has(key)) return;
    reported.add(key);
    const sample = n ? ` (${n} sample lead${n === 1 ? '' : 's'} did)` : '';
    out.push({
      code: 'territory_tie',
      ...place(t),
      message:
        `${label(t)} and ${label(u)} score the same (${num(t.full)}) with no rep in common: a lead matching both` +
        `${sample} goes to their reps pooled in one rotation; give one a higher priority or weight.`,
    });
  };
  for (const t of ts) {
    for (const u of ts) {
      if (u.i <= t.i || !t.all || !u.all || t.full !== u.full || shareRep(t, u)) continue;
      if (clash(t) || clash(u)) continue;
      if (t.conds.some(a => u.conds.some(b => disjoint(a, b)))) continue;
      report(t, u, seen.get(`${t.i},${u.i}`));
    }
  }
  for (const [key, n] of seen) {
    const [a, b] = key.split(',').map(Number);
    if (!shareRep(ts[a], ts[b])) report(ts[a], ts[b], n);
  }
  return out;
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
  const ts = territoriesOf(c);
  const out: LintFinding[] = [];
  const min = c.matcher.partialMinScore;
  for (const t of ts) {
    if (!t.all || t.conds.length < 2 || t.priority <= 0) continue;
    // the lowest score it has with exactly one condition false
    const missOne = t.full - Math.max(...t.conds.map(x => x.weight));
    if (missOne < min) continue;
    const below = ts.filter(u => u !== t && !clash(u) && bestScore(u) < missOne);
    if (!below.length) continue;
    const top = below.reduce((a, b) => (bestScore(b) > bestScore(a) ? b : a));
    out.push({
      code: 'partial_outranks_exact',
      ...place(t),
      message:
        `${label(t)} has priority ${num(t.priority)}: with one of its ${t.conds.length} conditions false it still scores ` +
        `${num(missOne)} (partialMinScore ${num(min)}), above exact matches of ${below.length} territor${below.length === 1 ? 'y' : 'ies'} ` +
        `such as ${label(top)} (${num(bestScore(top))}); lower the priority or raise partialMinScore.`,
    });
  }
  return out;
}
