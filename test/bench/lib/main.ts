// The benchmark: every section in one run, a table per section, and with --json one JSON object
// as the last line of stdout.
import os from 'node:os';
import {Core} from './core';
import {fmtBytes, fmtNs, fmtRate, fmtRatio, table} from './format';
import {evaluateGoals, Goal} from './goals';
import {BenchOptions, parseArgs} from './options';
import {AppsScriptSection, CountServiceCalls, runAppsScript} from './sections/appsScript';
import {CoreSection, runCore} from './sections/core';
import {inProcess, inWorkers} from './jobs';
import {CliSection, runCli} from './sections/cli';
import {bundleSizes, MemorySection, runMemory} from './sections/memory';
import {N8nSection, n8nNotRun} from './sections/n8n';
import {PEER_NAMES, PeerName, PeersSection, runPeers} from './sections/peers';
import {BuildAddOn, runSizes, SizesSection} from './sections/sizes';

export interface BenchReport {
  machine: Record<string, string | number>;
  seconds: number;
  core: CoreSection | null;
  peers: PeersSection | null;
  memory: MemorySection | null;
  sizes: SizesSection | null;
  appsScript: AppsScriptSection | null;
  cli: CliSection | null;
  n8n: N8nSection;
  goals: Goal[];
}

export interface BenchExtras {
  countServiceCalls?: CountServiceCalls | null;
  runN8n?: ((opts: BenchOptions) => Promise<N8nSection>) | null;
  coreSource?: string;
  /** Bundled worker entry and core: run each timed job in a fresh isolate (see jobs.ts). */
  isolate?: {workerPath: string; corePath: string} | null;
  /** Builds the add-on's Code.js into a temporary folder (minified or readable) for the sizes section. */
  buildAddOn?: BuildAddOn | null;
}

function printCore(c: CoreSection, log: (s: string) => void): void {
  log('\n## Core throughput (median of runs after warm-up, one core)');
  log(
    table(
      ['map', 'territories', 'reps', 'trace', 'limits', 'decisions/s', 'per decision'],
      c.rows.map(r => [
        r.label,
        r.territories,
        r.reps,
        r.trace ? 'on' : 'off',
        r.limits ? 'on' : 'off',
        fmtRate(r.perSec),
        fmtNs(r.nsPerOp),
      ]),
    ),
  );
  log('\n## Cost as the map grows (100 reps, trace off)');
  log(
    table(
      ['map', 'territories', 'full decision', 'bestTerritories', 'hand-indexed JS', 'match / indexed'],
      c.scaling.map(r => [
        r.family,
        r.territories,
        fmtNs(r.decisionNs),
        fmtNs(r.matchNs),
        fmtNs(r.indexedNs),
        fmtRatio(r.matchNs / r.indexedNs),
      ]),
    ),
  );
  log(
    `growth 10 -> 10,000 territories: geographic ${fmtRatio(c.geoGrowth)} (full decision), ${fmtRatio(c.geoMatchGrowth)} (matching); ` +
      `mixed ${fmtRatio(c.mixedGrowth)}; reps 10 -> 1,000 (100 territories): ${fmtRatio(c.repGrowth)}`,
  );
}

function printPeers(p: PeersSection, log: (s: string) => void): void {
  log('\n## Peers on identical rules (leads/s)');
  log(
    `agreement: ${p.agreed ? 'all matchers pick the same exact/partial territory and score for every lead checked' : 'DISAGREEMENT (see above)'}`,
  );
  log(
    table(
      ['matcher', ...p.rows.map(r => `${r.territories} terr.`)],
      PEER_NAMES.map(name => [name, ...p.rows.map(r => fmtRate(r.perSec[name]))]),
    ),
  );
  // Like for like, the peers do what bestTerritories does (match and score); a full decision also
  // rotates, checks eligibility and writes the audit record. The hand-indexed row is the ceiling
  // for plain JS on this machine.
  const over = (r: PeersSection['rows'][number], ours: PeerName, name: PeerName) =>
    fmtRatio((r.perSec[ours] ?? NaN) / (r.perSec[name] ?? NaN));
  const ratioRows = PEER_NAMES.filter(n => !n.startsWith('core:')).map(name => [
    name,
    ...p.rows.map(r => over(r, 'core: bestTerritories', name)),
    ...p.rows.map(r => over(r, 'core: full decision', name)),
    ...p.rows.map(r => (name === 'hand-indexed JS' ? '' : over(r, 'hand-indexed JS', name))),
  ]);
  log('ratios over each peer: matching (core bestTerritories), full decision, and the hand-indexed JS baseline');
  log(
    table(
      [
        'peer',
        ...p.rows.map(r => `match @${r.territories}`),
        ...p.rows.map(r => `full @${r.territories}`),
        ...p.rows.map(r => `hand-idx @${r.territories}`),
      ],
      ratioRows,
    ),
  );
}

function printCli(c: CliSection, log: (s: string) => void): void {
  log(`\n## Command line (${c.leads.toLocaleString('en-US')}-lead CSV, ${fmtBytes(c.fileBytes)}; child processes)`);
  log(
    table(
      ['run', 'wall', 'leads/s', 'peak RSS', 'ratio to floor'],
      [
        [
          'floor: csv-parse stream only',
          `${c.floor.seconds.toFixed(1)} s`,
          fmtRate(c.leads / c.floor.seconds),
          fmtBytes(c.floor.peakRssBytes),
          '1.00',
        ],
        [
          'lead-routing route (JSON Lines, trace on)',
          `${c.route.seconds.toFixed(1)} s`,
          fmtRate(c.leads / c.route.seconds),
          fmtBytes(c.route.peakRssBytes),
          fmtRatio(c.ratio),
        ],
      ],
    ),
  );
}

/** The command-line goals of issue 16 #2: peak RSS ≤ 256 MB, wall ≤ 3× the read floor. */
function cliGoals(c: CliSection): Goal[] {
  const mb = c.route.peakRssBytes / (1024 * 1024);
  return [
    {
      goal: `CLI route peak RSS, ${c.leads.toLocaleString('en-US')} leads`,
      measured: `${mb.toFixed(0)} MB`,
      value: mb,
      target: '≤ 256 MB',
      met: mb <= 256,
    },
    {
      goal: `CLI route wall / csv-parse floor, ${c.leads.toLocaleString('en-US')} leads`,
      measured: fmtRatio(c.ratio),
      value: c.ratio,
      target: '≤ 3×',
      met: c.ratio <= 3,
    },
  ];
}

function printMemory(m: MemorySection, log: (s: string) => void): void {
  log('\n## Memory');
  log(
    table(
      ['compiled config', 'reps', 'heap', 'compile time'],
      m.compiled.map(r => [
        `${r.territories} territories`,
        r.reps,
        m.gcExposed ? fmtBytes(r.heapBytes) : 'n/a (run with --expose-gc)',
        r.compileMs.toFixed(1) + ' ms',
      ]),
    ),
  );
  log(
    table(
      ['state after', 'JSON size'],
      m.state.map(r => [`${r.leads.toLocaleString('en-US')} leads`, fmtBytes(r.jsonBytes)]),
    ),
  );
}

function printSizes(z: SizesSection, log: (s: string) => void): void {
  log('\n## Sizes');
  log(
    z.bundles.length
      ? table(
          ['bundle', 'size', 'gzip'],
          z.bundles.map(b => [b.file, fmtBytes(b.bytes), fmtBytes(b.gzipBytes)]),
        )
      : 'bundles: none built yet (npm run build)',
  );
  if (!z.addOn) return log('add-on Code.js by source: n/a (apps-script/build.mjs not available)');
  const {shipped, readable} = z.addOn;
  log(
    '\nAdd-on Code.js (pasted by hand; goal <= 120 KB), by source (shipped: from its source map; readable: esbuild metafile)',
  );
  const sources = [...new Set([...shipped.bySource, ...readable.bySource].map(s => s.source))];
  const of = (b: typeof shipped, source: string) => b.bySource.find(s => s.source === source)?.bytes ?? 0;
  log(
    table(
      ['source', 'shipped (minified)', 'readable (LEAD_ROUTING_READABLE=on)'],
      [
        ...sources.map(source => [source, fmtBytes(of(shipped, source)), fmtBytes(of(readable, source))]),
        ['Code.js', fmtBytes(shipped.bytes), fmtBytes(readable.bytes)],
        ['Code.js gzip', fmtBytes(shipped.gzipBytes), fmtBytes(readable.gzipBytes)],
      ],
    ),
  );
}

function printAppsScript(g: AppsScriptSection, log: (s: string) => void): void {
  log('\n## Apps Script: Spreadsheet service calls per run');
  if (!g.rows.length) return log(g.note);
  log(
    table(
      ['new rows', 'add-on calls', 'per-row script calls', 'per-row / add-on'],
      g.rows.map(r => [r.newRows, r.ours, Number.isFinite(r.perRow) ? r.perRow : 'n/a', fmtRatio(r.perRow / r.ours)]),
    ),
  );
  log(g.note);
  if (g.bundleBytes !== null) {
    log(
      `Add-on bundle (apps-script/dist/Code.js, pasted by hand): ${(g.bundleBytes / 1024).toFixed(1)} KB (goal ≤ 120 KB)`,
    );
  }
}

function printN8n(n: N8nSection, log: (s: string) => void): void {
  log(`\n## n8n: ${n.items.toLocaleString('en-US')} items through one node`);
  if (n.ms.routeLead === null) return log(n.note);
  log(
    table(
      ['node', 'node time', 'over No Operation', 'whole execution', 'over No Operation'],
      ['No Operation', 'Route Lead', 'Code: round robin'].map((label, i) => {
        const key = (['noOp', 'routeLead', 'codeRoundRobin'] as const)[i];
        const node = n.ms[key];
        const exec = n.executionMs[key] ?? null;
        return [
          label,
          `${node} ms`,
          fmtRatio((node ?? NaN) / (n.ms.noOp ?? NaN)),
          exec === null ? 'n/a' : `${exec} ms`,
          fmtRatio((exec ?? NaN) / (n.executionMs.noOp ?? NaN)),
        ];
      }),
    ),
  );
  log(n.note);
}

export async function runBench(
  core: Core,
  argv: string[],
  root: string,
  extras: BenchExtras = {},
  override: Partial<BenchOptions> = {},
): Promise<BenchReport> {
  const opts = {...parseArgs(argv, root), ...override};
  const log = opts.log;
  const started = Date.now();
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.arch()}`,
    mode: opts.quick ? 'quick' : 'full',
    core: extras.coreSource ?? 'shared/index.ts',
    // Other work on the machine skews absolute numbers; ratios within the run hold up better.
    loadAverage: os.loadavg()[0].toFixed(2),
  };
  log(
    `# lead-routing benchmark (${machine.mode}) — Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average ${machine.loadAverage}`,
  );
  log(`core: ${machine.core}; ${opts.leads.toLocaleString('en-US')} synthetic leads per map`);

  const want = (section: string) => !opts.only || opts.only.has(section);
  log('');
  const forks = opts.quick ? 1 : 3;
  const run = extras.isolate ? inWorkers(extras.isolate.workerPath, extras.isolate.corePath, forks) : inProcess(core);
  log(
    extras.isolate
      ? `each timed job runs in ${forks === 1 ? 'a fresh worker thread' : `${forks} fresh worker threads, runs pooled`} (own isolate and JIT)`
      : 'timed jobs run in this process',
  );
  const core_ = want('core') ? (log('core throughput…'), await runCore(core, opts, run)) : null;
  const peers = want('peers') ? (log('peers…'), await runPeers(core, opts, run, opts.peerSizes)) : null;
  const memory = want('memory') ? (log('memory…'), runMemory(core, opts)) : null;
  const sizes = want('sizes') ? await runSizes(opts.root, extras.buildAddOn ?? null) : null;
  const appsScript = want('apps-script') ? await runAppsScript(extras.countServiceCalls ?? null) : null;
  const cli = want('cli')
    ? (log(`command line (${opts.cliLeads.toLocaleString('en-US')} leads)…`), await runCli(opts, opts.cliLeads))
    : null;
  const n8n =
    opts.n8n && want('n8n')
      ? extras.runN8n
        ? (log('n8n (a minute or more)…'), await extras.runN8n(opts))
        : n8nNotRun('n/a: the real-n8n harness (test/e2e/lib) is not available')
      : n8nNotRun('not run (add --n8n; takes a minute or more)');
  const goals = [
    ...evaluateGoals(core_, peers, appsScript, n8n, sizes?.bundles ?? memory?.bundles ?? bundleSizes(opts.root)),
    ...(cli ? cliGoals(cli) : []),
  ];

  if (core_) printCore(core_, log);
  if (peers) printPeers(peers, log);
  if (memory) printMemory(memory, log);
  if (sizes) printSizes(sizes, log);
  if (appsScript) printAppsScript(appsScript, log);
  if (cli) printCli(cli, log);
  printN8n(n8n, log);
  log('\n## Goals (ratios measured in this run)');
  log(
    table(
      ['goal', 'measured', 'target', 'met'],
      goals.map(g => [g.goal, g.measured, g.target, g.met === null ? 'n/a' : g.met ? 'yes' : 'NO']),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  log(`\nfinished in ${seconds.toFixed(1)} s (load average at the end ${os.loadavg()[0].toFixed(2)})`);

  const report: BenchReport = {machine, seconds, core: core_, peers, memory, sizes, appsScript, cli, n8n, goals};
  if (opts.json) process.stdout.write(JSON.stringify(report) + '\n');
  if (peers && !peers.agreed) process.exitCode = 1;
  return report;
}
