// The benchmark runs and its matchers agree; no timing is asserted (speed lives in `npm run bench`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import * as core from '../../shared';
import {agreeAsync, agreeSync} from './lib/agree';
import {coreMatcher} from './lib/core';
import {indexedMatcher} from './lib/indexed';
import {jreMatcher} from './lib/jre';
import {linearMatcher} from './lib/linear';
import {runBench} from './lib/main';
import type {Matcher} from './lib/pick';
import {makeScenario} from './lib/synth';
import {zenMatcher} from './lib/zen';

const tiny = {runs: 1, runMs: 2, warmupMs: 1};

// Generous: the machine may be busy; nothing here asserts speed.
jest.setTimeout(180_000);

describe('synthetic scenarios', () => {
  test('are reproducible from the seed and shaped as asked', () => {
    const a = makeScenario({family: 'mixed', territories: 50, reps: 7, leads: 30});
    const b = makeScenario({family: 'mixed', territories: 50, reps: 7, leads: 30});
    expect(a).toEqual(b);
    expect(a.config.territories).toHaveLength(50);
    expect(a.config.reps).toHaveLength(7);
    expect(a.leads).toHaveLength(30);
    expect(() => core.compileConfig(a.config)).not.toThrow();
    const matchKinds = new Set(a.config.territories.map(t => t.match));
    expect(matchKinds).toEqual(new Set(['all', 'any']));
  });

  test('geographic maps use zip conditions only', () => {
    const s = makeScenario({family: 'geo', territories: 200, reps: 5, leads: 10});
    const fields = new Set(s.config.territories.flatMap(t => t.conditions.map(c => c.field)));
    expect(fields).toEqual(new Set(['zip']));
  });
});

describe.each([10, 100])('every matcher agrees on %i territories', territories => {
  const s = makeScenario({family: 'mixed', territories, reps: 20, leads: 400, seed: territories});
  const reference = s.leads.map(linearMatcher(s.config));

  test('the reference picks exact and partial territories (the data exercises both)', () => {
    expect(reference.some(p => p.exactId !== null)).toBe(true);
    expect(reference.some(p => p.partialId !== null)).toBe(true);
    expect(new Set(reference.map(p => p.exactId)).size).toBeGreaterThan(3);
  });

  test('core matchTerritories and the hand-indexed matcher', () => {
    const compiled = core.compileConfig(s.config);
    for (const [name, m] of [
      ['core', coreMatcher(core, compiled)],
      ['indexed', indexedMatcher(s.config)],
    ] as [string, Matcher][]) {
      const a = agreeSync(name, m, s.leads, reference);
      expect(a.examples).toEqual([]);
      expect(a.leads).toBe(400);
    }
  });

  test('json-rules-engine and zen-engine', async () => {
    const zen = zenMatcher(s.config);
    try {
      const z = await agreeAsync('zen', zen.match, s.leads, reference, 16);
      expect(z.examples).toEqual([]);
    } finally {
      zen.dispose();
    }
    const j = await agreeAsync('jre', jreMatcher(s.config), s.leads.slice(0, 100), reference);
    expect(j.examples).toEqual([]);
    expect(j.leads).toBe(100);
  });

  test('the agreement check catches a matcher that ignores priority', () => {
    const config = {...s.config, territories: s.config.territories.map(t => ({...t, priority: 0}))};
    const wrong = agreeSync('no-priority', linearMatcher(config), s.leads, reference);
    expect(wrong.mismatches).toBeGreaterThan(0);
    expect(wrong.examples[0]).toMatch(/^no-priority lead L\d+ .* expected exact=/);
  });
});

test('the whole benchmark runs on a tiny size and reports every section', async () => {
  const lines: string[] = [];
  const report = await runBench(
    core,
    ['--quick'],
    `${__dirname}/../..`,
    {},
    {
      timing: tiny,
      leads: 200,
      sizes: [10, 100],
      peerSizes: [10],
      stateLeads: 2000,
      cliLeads: 2000,
      log: line => lines.push(line),
    },
  );
  expect(report.peers!.agreed).toBe(true);
  expect(report.peers!.rows[0].perSec['json-rules-engine']).toBeGreaterThan(0);
  expect(report.core!.rows.find(r => r.label.startsWith('goal:'))?.perSec).toBeGreaterThan(0);
  expect(report.core!.scaling.filter(r => r.family === 'geo').map(r => r.territories)).toEqual([10, 100]);
  expect(report.memory!.state.map(r => r.leads)).toEqual([20, 200, 1000, 2000]);
  expect(report.cli!.leads).toBe(2000);
  expect(report.cli!.route.peakRssBytes).toBeGreaterThan(0);
  expect(report.goals.map(g => g.goal)).toContain('full decisions/s, 100 territories, 50 reps, trace off');
  const text = lines.join('\n');
  for (const heading of [
    '## Core throughput',
    '## Peers on identical rules',
    '## Memory',
    '## Sizes',
    '## Apps Script',
    '## Command line',
    '## n8n',
    '## Goals',
  ]) {
    expect(text).toContain(heading);
  }
});

test('--only=sizes reports every bundle with its gzip size and the add-on by source, and runs nothing else', async () => {
  const root = path.join(__dirname, '..', '..');
  const buildAddOn = async (readable: boolean) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gas-'));
    const script = `import * as esbuild from 'esbuild';
      import {build} from ${JSON.stringify(path.join(root, 'apps-script', 'build.mjs'))};
      const r = await build(esbuild, {outdir: ${JSON.stringify(outdir)}, readable: ${JSON.stringify(readable ? 'on' : 'off')}, metafile: true});
      process.stdout.write(JSON.stringify(r.bySource));`;
    const bySource = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'}),
    );
    const code = fs.readFileSync(path.join(outdir, 'Code.js'), 'utf8');
    fs.rmSync(outdir, {recursive: true, force: true});
    return {code, bySource};
  };
  const lines: string[] = [];
  const report = await runBench(core, ['--only=sizes'], root, {buildAddOn}, {log: line => lines.push(line)});
  expect(report.core).toBeNull();
  expect(report.memory).toBeNull();
  const sizes = report.sizes!;
  for (const b of sizes.bundles) expect(b.gzipBytes).toBeLessThan(b.bytes);
  const {shipped, readable} = sizes.addOn!;
  expect(shipped.bytes).toBeLessThan(readable.bytes);
  expect(shipped.gzipBytes).toBeLessThan(shipped.bytes);
  expect(shipped.bySource.map(s => s.source)).toEqual(expect.arrayContaining(['zod', 'apps-script/src', 'shared']));
  const text = lines.join('\n');
  expect(text).toContain('## Sizes');
  expect(text).toMatch(/^Code\.js gzip +\d/m);
  expect(text).toMatch(/^zod +[\d.]+ KB +[\d.]+ KB$/m);
  expect(report.goals.find(g => g.goal === 'Apps Script add-on: Code.js, KB')).toBeDefined();
});
