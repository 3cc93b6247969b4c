// Timed jobs, described as plain data so each can run in a fresh V8 isolate (a worker thread), as
// JMH forks a fresh JVM per benchmark: what one scenario taught the JIT (other maps, rep counts,
// the trace, lead shapes) must not speed up or slow down the next. Each job builds its own
// scenario from the seeded generator, so a worker rebuilds exactly what the main thread would.
import fs from 'node:fs';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {parse} from 'csv-parse/sync';
import type {Compiled, Core} from './core';
import {coreMatcher} from './core';
import {indexedMatcher} from './indexed';
import {consume, mergeTimings, timeSync, timeSyncGroup, Timing, TimingOptions} from './measure';
import {makeScenario, ScenarioSpec} from './synth';

export type Job =
  /** Full decisions on a synthetic map. */
  | {kind: 'decisions'; spec: ScenarioSpec; trace: boolean; limits: boolean; timing: TimingOptions}
  /** Full decisions on the sample config and leads, each lead at its own `createdAt`. */
  | {kind: 'sample'; root: string; trace: boolean; timing: TimingOptions}
  /** Full decision, bestTerritories and the hand-indexed matcher, timed in alternation on one map. */
  | {kind: 'compare'; spec: ScenarioSpec; timing: TimingOptions};

export type JobResult = Record<string, Timing>;
export type JobRunner = (job: Job) => Promise<JobResult>;

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

export function loadSample(root: string): {config: unknown; leads: Record<string, string>[]} | null {
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

export function runJob(core: Core, job: Job): JobResult {
  switch (job.kind) {
    case 'decisions': {
      const s = makeScenario(job.spec);
      const compiled = core.compileConfig(s.config);
      return {decision: timeSync(decisionOp(core, compiled, s.leads, job.trace, job.limits), job.timing)};
    }
    case 'sample': {
      const sample = loadSample(job.root);
      if (!sample) return {};
      const compiled = core.compileConfig(sample.config);
      const router = core.createRouter(compiled, undefined, {trace: job.trace});
      const {leads} = sample;
      const n = leads.length;
      const times = leads.map(l => Date.parse(l.createdAt) || BASE_MS);
      const pass = 35 * 86_400_000; // each pass over the file runs 35 days later
      const op = (i: number) => consume(router.route(leads[i % n], times[i % n] + Math.floor(i / n) * pass, i));
      return {decision: timeSync(op, job.timing)};
    }
    case 'compare': {
      const s = makeScenario(job.spec);
      const compiled = core.compileConfig(s.config);
      const cm = coreMatcher(core, compiled);
      const im = indexedMatcher(s.config);
      const n = s.leads.length;
      return timeSyncGroup(
        {
          decision: decisionOp(core, compiled, s.leads, false, false),
          match: (i: number) => consume(cm(s.leads[i % n])),
          indexed: (i: number) => consume(im(s.leads[i % n])),
        },
        job.timing,
      );
    }
  }
}

/** Runs jobs in this isolate (under jest, or when no worker bundle is available). */
export function inProcess(core: Core): JobRunner {
  return job => Promise.resolve(runJob(core, job));
}

/**
 * Runs each job in fresh worker threads (each its own isolate, heap and JIT), one at a time:
 * `forks` of them, whose runs are pooled (a process's heap layout and JIT choices vary from one
 * isolate to the next; several forks average that out, as JMH does).
 */
export function inWorkers(workerPath: string, corePath: string, forks: number): JobRunner {
  const once = (job: Job) =>
    new Promise<JobResult>((resolve, reject) => {
      const worker = new Worker(workerPath, {workerData: {corePath, job}});
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', code => {
        if (code !== 0) reject(new Error(`bench worker exited with code ${code}`));
      });
    });
  return async job => {
    const results: JobResult[] = [];
    for (let f = 0; f < forks; f++) results.push(await once(job));
    const out: JobResult = {};
    for (const key of Object.keys(results[0])) out[key] = mergeTimings(results.map(r => r[key]));
    return out;
  };
}
