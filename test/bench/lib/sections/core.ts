// Core throughput: full decisions per second on the sample config and on synthetic maps, trace
// on/off, with capacity/hours checks, and how the cost grows with territories and reps.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import type {Compiled, Core} from '../core';
import {coreMatcher} from '../core';
import {indexedMatcher} from '../indexed';
import {consume, timeSync, timeSyncGroup, Timing} from '../measure';
import type {BenchOptions} from '../options';
import {Family, makeScenario, Scenario} from '../synth';

export interface CoreRow {
  label: string;
  family: Family | 'sample';
  territories: number;
  reps: number;
  trace: boolean;
  limits: boolean;
  perSec: number;
  nsPerOp: number;
}

export interface ScalingRow {
  family: Family;
  territories: number;
  reps: number;
  decisionNs: number;
  matchNs: number;
  indexedNs: number;
}

export interface CoreSection {
  rows: CoreRow[];
  scaling: ScalingRow[];
  /** ns per decision, largest map over smallest (10,000 over 10 territories; geo map, trace off). */
  geoGrowth: number | null;
  geoMatchGrowth: number | null;
  mixedGrowth: number | null;
  /** ns per decision, 1,000 reps over 10 (100 territories, trace off). */
  repGrowth: number | null;
}

const BASE_MS = Date.UTC(2026, 2, 2, 14, 0, 0); // a Monday, 14:00 UTC

/** One full decision per call, on a router kept across calls (as a surface would). */
export function decisionOp(
  core: Core,
  compiled: Compiled,
  leads: unknown[],
  trace: boolean,
  limits: boolean,
): (i: number) => void {
  const router = core.createRouter(compiled, undefined, {trace});
  const n = leads.length;
  // With limits, the clock moves 2 s per lead so hours and daily caps come into play.
  return limits
    ? (i: number) => consume(router.route(leads[i % n], BASE_MS + i * 2000, i))
    : (i: number) => consume(router.route(leads[i % n], BASE_MS, i));
}

/** The sample leads routed at their own `createdAt`; each pass over the file runs 35 days later. */
function sampleOp(
  core: Core,
  compiled: Compiled,
  leads: Record<string, string>[],
  trace: boolean,
): (i: number) => void {
  const router = core.createRouter(compiled, undefined, {trace});
  const n = leads.length;
  const times = leads.map(l => Date.parse(l.createdAt) || BASE_MS);
  const pass = 35 * 86_400_000;
  return (i: number) => consume(router.route(leads[i % n], times[i % n] + Math.floor(i / n) * pass, i));
}

export function timeDecisions(
  core: Core,
  compiled: Compiled,
  leads: unknown[],
  trace: boolean,
  limits: boolean,
  opts: BenchOptions,
): Timing {
  return timeSync(decisionOp(core, compiled, leads, trace, limits), opts.timing);
}

function loadSample(root: string): {config: unknown; leads: Record<string, string>[]} | null {
  const configPath = path.join(root, 'shared/samples/config.json');
  const leadsPath = path.join(root, 'shared/samples/leads.csv');
  if (!fs.existsSync(configPath) || !fs.existsSync(leadsPath)) return null;
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  const leads = parse(fs.readFileSync(leadsPath, 'utf8'), {columns: true, skip_empty_lines: true}) as Record<
    string,
    string
  >[];
  return {config, leads};
}

export function runCore(core: Core, opts: BenchOptions): CoreSection {
  const rows: CoreRow[] = [];
  const scaling: ScalingRow[] = [];
  const add = (label: string, s: Scenario, trace: boolean, limits: boolean, t: Timing) => {
    rows.push({
      label,
      family: s.spec.family,
      territories: s.spec.territories,
      reps: s.spec.reps,
      trace,
      limits,
      perSec: t.perSec,
      nsPerOp: t.nsPerOp,
    });
  };

  const sample = loadSample(opts.root);
  if (sample) {
    const compiled = core.compileConfig(sample.config);
    for (const trace of [false, true]) {
      const t = timeSync(sampleOp(core, compiled, sample.leads, trace), opts.timing);
      rows.push({
        label: 'sample config',
        family: 'sample',
        territories: compiled.matcher.territories.length,
        reps: compiled.reps.length,
        trace,
        limits: false,
        perSec: t.perSec,
        nsPerOp: t.nsPerOp,
      });
    }
    opts.log(`  sample config: ${sample.leads.length} leads, each routed at its createdAt`);
  } else {
    opts.log('  sample config: shared/samples/config.json or leads.csv missing, skipped');
  }

  const sizes = opts.sizes;
  const [smallest, largest] = [sizes[0], sizes[sizes.length - 1]];
  const repCounts = opts.quick ? [100] : [10, 100, 1000];
  for (const territories of sizes) {
    for (const reps of repCounts) {
      const s = makeScenario({family: 'mixed', territories, reps, leads: opts.leads});
      const compiled = core.compileConfig(s.config);
      for (const trace of opts.quick ? [false] : [false, true]) {
        add('mixed map', s, trace, false, timeDecisions(core, compiled, s.leads, trace, false, opts));
      }
    }
    opts.log(`  mixed map, ${territories} territories: done`);
  }

  // The goal's configuration: 100 territories, 50 reps.
  {
    const s = makeScenario({family: 'mixed', territories: 100, reps: 50, leads: opts.leads});
    const compiled = core.compileConfig(s.config);
    for (const trace of [false, true])
      add(
        'goal: 100 territories, 50 reps',
        s,
        trace,
        false,
        timeDecisions(core, compiled, s.leads, trace, false, opts),
      );
  }

  for (const territories of opts.quick ? [100] : sizes) {
    const s = makeScenario({family: 'mixed', territories, reps: 100, leads: opts.leads, limits: true});
    const compiled = core.compileConfig(s.config);
    for (const trace of opts.quick ? [false] : [false, true]) {
      add('capacity + hours on', s, trace, true, timeDecisions(core, compiled, s.leads, trace, true, opts));
    }
  }
  opts.log('  capacity/hours: done');

  for (const family of ['geo', 'mixed'] as Family[]) {
    // (--quick leaves the mixed rows to the peers section, which times the same pair.)
    for (const territories of opts.quick && family === 'mixed' ? [] : sizes) {
      const s = makeScenario({family, territories, reps: 100, leads: opts.leads});
      const compiled = core.compileConfig(s.config);
      const cm = coreMatcher(core, compiled);
      const im = indexedMatcher(s.config);
      const n = s.leads.length;
      const t = timeSyncGroup(
        {
          decision: decisionOp(core, compiled, s.leads, false, false),
          match: (i: number) => consume(cm(s.leads[i % n])),
          indexed: (i: number) => consume(im(s.leads[i % n])),
        },
        opts.timing,
      );
      if (family === 'geo') add('geographic (zip ranges only)', s, false, false, t.decision);
      scaling.push({
        family,
        territories,
        reps: 100,
        decisionNs: t.decision.nsPerOp,
        matchNs: t.match.nsPerOp,
        indexedNs: t.indexed.nsPerOp,
      });
    }
  }
  opts.log('  scaling: done');

  const ns = (pred: (r: CoreRow) => boolean) => rows.find(pred)?.nsPerOp ?? NaN;
  const growth = (a: number, b: number) => (isFinite(a) && isFinite(b) ? b / a : null);
  const geo = (t: number) => scaling.find(r => r.family === 'geo' && r.territories === t);
  const mixedNs = (t: number) =>
    ns(r => r.family === 'mixed' && r.label === 'mixed map' && r.territories === t && r.reps === 100 && !r.trace);
  const repNs = (reps: number) =>
    ns(r => r.label === 'mixed map' && r.territories === 100 && r.reps === reps && !r.trace);
  return {
    rows,
    scaling,
    geoGrowth: growth(geo(smallest)?.decisionNs ?? NaN, geo(largest)?.decisionNs ?? NaN),
    geoMatchGrowth: growth(geo(smallest)?.matchNs ?? NaN, geo(largest)?.matchNs ?? NaN),
    mixedGrowth: growth(mixedNs(smallest), mixedNs(largest)),
    repGrowth: growth(repNs(10), repNs(1000)),
  };
}
