// Peers on identical rules: json-rules-engine, zen-engine (one at a time and 64 in flight), a
// linear scan and a hand-indexed matcher, checked to agree with the core lead by lead, then timed.
import {agreeAsync, agreeSync, Agreement} from '../agree';
import {Core, coreMatcher} from '../core';
import {indexedMatcher} from '../indexed';
import {jreMatcher} from '../jre';
import {linearMatcher} from '../linear';
import type {JobRunner} from '../jobs';
import {consume, timeAsync, timeSync, Timing, TimingOptions} from '../measure';
import type {BenchOptions} from '../options';
import {makeScenario} from '../synth';
import {zenMatcher} from '../zen';

export const PEER_NAMES = [
  'core: full decision',
  'core: bestTerritories',
  'hand-indexed JS',
  'linear scan JS',
  'zen-engine, 64 in flight',
  'zen-engine, one at a time',
  'json-rules-engine',
] as const;
export type PeerName = (typeof PEER_NAMES)[number];

export interface PeerRow {
  territories: number;
  reps: number;
  leads: number;
  perSec: Partial<Record<PeerName, number>>;
}

export interface PeersSection {
  rows: PeerRow[];
  agreement: (Agreement & {territories: number})[];
  agreed: boolean;
}

/** Slow peers get less time (their runs are long anyway) and fewer leads to agree on. */
function slowTiming(t: TimingOptions, quick: boolean): TimingOptions {
  return quick ? {runs: 3, runMs: 150, warmupMs: 50} : {runs: 3, runMs: Math.max(500, t.runMs), warmupMs: 200};
}

export async function runPeers(
  core: Core,
  opts: BenchOptions,
  run: JobRunner,
  sizes = [10, 100, 1000],
  reps = 50,
): Promise<PeersSection> {
  const rows: PeerRow[] = [];
  const agreement: (Agreement & {territories: number})[] = [];
  for (const territories of sizes) {
    const s = makeScenario({family: 'mixed', territories, reps, leads: opts.leads});
    const compiled = core.compileConfig(s.config);
    const leads = s.leads;
    const n = leads.length;
    const linear = linearMatcher(s.config);
    const indexed = indexedMatcher(s.config);
    const coreMatch = coreMatcher(core, compiled);
    const jre = jreMatcher(s.config);
    const zen = zenMatcher(s.config);
    try {
      // 1. Agreement, against the linear scan.
      const reference = leads.map(linear);
      const asyncLeads = leads.slice(
        0,
        opts.quick
          ? Math.max(20, Math.round(20_000 / territories))
          : Math.min(n, Math.max(200, Math.round(200_000 / territories))),
      );
      const checks: Agreement[] = [
        agreeSync('core: bestTerritories', coreMatch, leads, reference),
        agreeSync('hand-indexed JS', indexed, leads, reference),
        await agreeAsync('zen-engine', zen.match, leads.slice(0, Math.min(n, opts.quick ? 300 : 2000)), reference, 64),
        await agreeAsync(
          'json-rules-engine',
          jre,
          asyncLeads.slice(0, Math.min(asyncLeads.length, opts.quick ? 200 : 1000)),
          reference,
        ),
      ];
      for (const c of checks) agreement.push({...c, territories});
      const bad = checks.filter(c => c.mismatches > 0);
      opts.log(
        `  ${territories} territories: agreement ${bad.length ? 'FAILED: ' + bad.map(c => `${c.matcher} ${c.mismatches}/${c.leads}`).join(', ') : 'ok'} (` +
          checks.map(c => `${c.matcher} ${c.leads}`).join(', ') +
          ' leads)',
      );
      for (const c of bad) for (const e of c.examples) opts.log('    ' + e);

      // 2. Throughput.
      const t = opts.timing;
      const slow = slowTiming(t, opts.quick);
      const perSec: PeerRow['perSec'] = {};
      const put = (name: PeerName, timing: Timing) => (perSec[name] = timing.perSec);
      // (the same map and leads, rebuilt from the seed in the job's own isolate)
      const sync = await run({
        kind: 'compare',
        spec: {family: 'mixed', territories, reps, leads: opts.leads},
        timing: t,
      });
      put('core: full decision', sync.decision);
      put('core: bestTerritories', sync.match);
      put('hand-indexed JS', sync.indexed);
      put(
        'linear scan JS',
        timeSync(i => consume(linear(leads[i % n])), territories >= 1000 ? slow : t),
      );
      put('zen-engine, 64 in flight', await timeAsync(i => zen.match(leads[i % n]), 64, slow));
      put('zen-engine, one at a time', await timeAsync(i => zen.match(leads[i % n]), 1, slow));
      put('json-rules-engine', await timeAsync(i => jre(leads[i % n]), 1, slow));
      rows.push({territories, reps, leads: n, perSec});
      opts.log(`  ${territories} territories: timed`);
    } finally {
      zen.dispose();
    }
  }
  return {rows, agreement, agreed: agreement.every(a => a.mismatches === 0)};
}
