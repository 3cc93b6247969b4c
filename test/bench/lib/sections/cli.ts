// The command line over a large CSV: the built `lead-routing route` against the floor for reading
// the same file (a plain csv-parse stream, nothing else), both as child processes in the same run,
// with wall time and peak RSS (getrusage maxrss, reported by a preload at exit).
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {BenchOptions} from '../options';

export interface CliRun {
  seconds: number;
  peakRssBytes: number;
}

export interface CliSection {
  leads: number;
  fileBytes: number;
  /** Reading the file with a csv-parse stream (records as objects, counted). */
  floor: CliRun;
  /** `lead-routing route --config shared/samples/config.json --leads FILE --out /dev/null` (trace on, JSON Lines). */
  route: CliRun;
  /** route.seconds / floor.seconds. */
  ratio: number;
}

const STATES = ['TX', 'CA', 'NY', 'MA', 'WA', 'FL', 'IL', 'NC', 'GA', 'CO', 'OH', 'PA'];
const INDUSTRIES = ['software', 'healthcare', 'biotech', 'construction', 'retail', 'finance'];
const LINES = ['solar', 'batteries', 'hvac', 'storage'];

/** Writes `n` leads shaped like shared/samples/leads.csv (deterministic, no randomness). */
export function writeLeadsCsv(file: string, n: number): number {
  const fd = fs.openSync(file, 'w');
  let chunk =
    'id,createdAt,firstName,lastName,email,company,zip,state,country,industry,productLine,source,companySize,message\n';
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const zip = String(1000 + ((i * 7919) % 98000)).padStart(5, '0');
    chunk +=
      `L${i},2026-11-${String(day).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,` +
      `First${i % 500},Last${i % 700},lead${i}@company${i % 5000}.com,Company ${i % 5000},${zip},` +
      `${STATES[i % STATES.length]},US,${INDUSTRIES[i % INDUSTRIES.length]},${LINES[i % LINES.length]},web,` +
      `${10 + ((i * 31) % 9000)},"We want a quote, please"\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

function timed(args: string[], rssFile: string, preload: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', preload, ...args], {
      env: {...process.env, BENCH_RSS_FILE: rssFile},
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', b => (err += b));
    child.on('error', reject);
    child.on('close', code => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`exit ${code}: ${err.slice(0, 500)}`));
      // maxRSS is in kilobytes (getrusage).
      resolve({seconds, peakRssBytes: Number(fs.readFileSync(rssFile, 'utf8')) * 1024});
    });
  });
}

/** Builds the CLI, writes the leads, then times the floor and the CLI over the same file. */
export async function runCli(opts: BenchOptions, leads: number): Promise<CliSection> {
  execFileSync(process.execPath, [path.join(opts.root, 'build.mjs'), '--only=cli'], {stdio: 'inherit'});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-routing-bench-cli-'));
  try {
    const file = path.join(dir, 'leads.csv');
    const fileBytes = writeLeadsCsv(file, leads);
    const rssFile = path.join(dir, 'rss');
    const preload = path.join(dir, 'rss.js');
    fs.writeFileSync(
      preload,
      "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
    );
    const floorScript = path.join(dir, 'floor.js');
    const csvParse = require.resolve('csv-parse', {paths: [opts.root]});
    fs.writeFileSync(
      floorScript,
      `const {parse} = require(${JSON.stringify(csvParse)});\n` +
        'let n = 0;\n' +
        "require('fs').createReadStream(process.argv[2]).pipe(parse({columns: true, bom: true}))" +
        `.on('data', () => n++).on('end', () => { if (n !== ${leads}) { console.error('read ' + n); process.exit(1); } });\n`,
    );
    const floor = await timed([floorScript, file], rssFile, preload);
    const bin = path.join(opts.root, 'dist/cli/lead-routing.js');
    const config = path.join(opts.root, 'shared/samples/config.json');
    const route = await timed(
      [
        bin,
        'route',
        '--config',
        config,
        '--leads',
        file,
        '--now',
        '2026-11-23T16:00:00Z',
        '--out',
        '/dev/null',
        '--quiet',
      ],
      rssFile,
      preload,
    );
    return {leads, fileBytes, floor, route, ratio: route.seconds / floor.seconds};
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}
