// Memory: heap held by one compiled config, state size as leads stream through (must stay
// bounded), and the size of every shipped bundle.
import fs from 'node:fs';
import path from 'node:path';
import type {Core} from '../core';
import type {BenchOptions} from '../options';
import {makeScenario} from '../synth';

export interface MemorySection {
  compiled: {territories: number; reps: number; heapBytes: number | null; compileMs: number}[];
  state: {leads: number; jsonBytes: number}[];
  bundles: {file: string; bytes: number}[];
  gcExposed: boolean;
}

const gc = (globalThis as {gc?: () => void}).gc;

function heapUsed(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

function listFiles(dir: string, test: (f: string) => boolean, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, test, out);
    else if (test(p)) out.push(p);
  }
  return out;
}

export function bundleSizes(root: string): {file: string; bytes: number}[] {
  const files = [
    ...listFiles(path.join(root, 'dist/nodes'), f => f.endsWith('.js')),
    ...listFiles(path.join(root, 'dist/credentials'), f => f.endsWith('.js')),
    ...listFiles(path.join(root, 'dist/shared'), f => f.endsWith('.js')),
    ...listFiles(path.join(root, 'dist/cli'), f => f.endsWith('.js')),
    ...listFiles(path.join(root, 'apps-script/dist'), f => f.endsWith('.js') || f.endsWith('.gs')),
  ];
  return files.map(f => ({file: path.relative(root, f), bytes: fs.statSync(f).size}));
}

/**
 * Heap held by one compiled config (inputs excluded). Small configs are compiled several times and
 * averaged: one is below the heap's noise. Runs in its own frame so nothing from a previous
 * measurement is still on the stack.
 */
function measureCompile(core: Core, config: object): {heapBytes: number | null; compileMs: number} {
  const territories = (config as {territories: unknown[]}).territories.length;
  const copies = Math.max(1, Math.min(50, Math.round(2000 / territories)));
  const inputs = Array.from({length: copies}, () => structuredClone(config));
  const before = heapUsed();
  const t0 = process.hrtime.bigint();
  const kept = inputs.map(input => core.compileConfig(input));
  const compileMs = Number(process.hrtime.bigint() - t0) / 1e6 / copies;
  const after = heapUsed();
  // Touch both after measuring so neither the inputs nor the results die early.
  if (kept.length !== copies || inputs.length !== copies) throw new Error('compileConfig returned nothing');
  return {heapBytes: gc ? (after - before) / copies : null, compileMs};
}

export function runMemory(core: Core, opts: BenchOptions): MemorySection {
  const compiled: MemorySection['compiled'] = [];
  // Pay one-time costs (lazy tables, JIT) outside the measurement.
  core.compileConfig(structuredClone(makeScenario({family: 'mixed', territories: 10, reps: 10, leads: 0}).config));
  for (const territories of opts.sizes) {
    const s = makeScenario({family: 'mixed', territories, reps: 100, leads: 0});
    compiled.push({territories, reps: 100, ...measureCompile(core, s.config)});
  }

  const total = opts.stateLeads;
  const s = makeScenario({family: 'mixed', territories: 100, reps: 50, leads: total, dedupe: true});
  const router = core.createRouter(core.compileConfig(s.config), undefined, {trace: false});
  const state: MemorySection['state'] = [];
  const checkpoints = new Set([total / 100, total / 10, total / 2, total].map(Math.round));
  const base = Date.UTC(2026, 2, 2, 14, 0, 0);
  for (let i = 0; i < total; i++) {
    router.route(s.leads[i], base + i * 1000, i);
    if (checkpoints.has(i + 1))
      state.push({leads: i + 1, jsonBytes: Buffer.byteLength(JSON.stringify(router.state()))});
  }
  opts.log('  memory: done');
  return {compiled, state, bundles: bundleSizes(opts.root), gcExposed: !!gc};
}
