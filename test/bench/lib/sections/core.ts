// Core throughput: full decisions per second on the sample config and on synthetic maps, trace
// on/off, with capacity/hours checks, and how the cost grows with territories and reps. Each row
// is one job (see jobs.ts), run in its own isolate by `npm run bench`.
import type {Core} from '../core';
import {JobRunner, loadSample} from '../jobs';
import type {Timing} from '../measure';
import type {BenchOptions} from '../options';
import type {Family, ScenarioSpec} from '../synth';

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

export async function runCore(core: Core, opts: BenchOptions, run: JobRunner): Promise<CoreSection> {
  const rows: CoreRow[] = [];
  const scaling: ScalingRow[] = [];
  const add = (label: string, spec: ScenarioSpec, trace: boolean, limits: boolean, t: Timing) => {
    rows.push({
      label,
      family: spec.family,
      territories: spec.territories,
      reps: spec.reps,
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
      const t = (await run({kind: 'sample', root: opts.root, trace, timing: opts.timing})).decision;
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
  const decisions = async (spec: ScenarioSpec, trace: boolean, limits: boolean) =>
    (await run({kind: 'decisions', spec, trace, limits, timing: opts.timing})).decision;

  const sizes = opts.sizes;
  const [smallest, largest] = [sizes[0], sizes[sizes.length - 1]];
  const repCounts = opts.quick ? [100] : [10, 100, 1000];
  for (const territories of sizes) {
    for (const reps of repCounts) {
      const spec: ScenarioSpec = {family: 'mixed', territories, reps, leads: opts.leads};
      for (const trace of opts.quick ? [false] : [false, true]) {
        add('mixed map', spec, trace, false, await decisions(spec, trace, false));
      }
    }
    opts.log(`  mixed map, ${territories} territories: done`);
  }

  // The goal's configuration: 100 territories, 50 reps.
  {
    const spec: ScenarioSpec = {family: 'mixed', territories: 100, reps: 50, leads: opts.leads};
    for (const trace of [false, true])
      add('goal: 100 territories, 50 reps', spec, trace, false, await decisions(spec, trace, false));
  }

  for (const territories of opts.quick ? [100] : sizes) {
    const spec: ScenarioSpec = {family: 'mixed', territories, reps: 100, leads: opts.leads, limits: true};
    for (const trace of opts.quick ? [false] : [false, true]) {
      add('capacity + hours on', spec, trace, true, await decisions(spec, trace, true));
    }
  }
  opts.log('  capacity/hours: done');

  for (const family of ['geo', 'mixed'] as Family[]) {
    // (--quick leaves the mixed rows to the peers section, which times the same pair.)
    for (const territories of opts.quick && family === 'mixed' ? [] : sizes) {
      const spec: ScenarioSpec = {family, territories, reps: 100, leads: opts.leads};
      const t = await run({kind: 'compare', spec, timing: opts.timing});
      if (family === 'geo') add('geographic (zip ranges only)', spec, false, false, t.decision);
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
