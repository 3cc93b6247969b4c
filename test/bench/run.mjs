// `npm run bench` entry: bundles the routing core exactly as build.mjs ships it (esbuild, cjs,
// node20) plus the benchmark code, then runs every section. Flags: --quick, --json, --n8n.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
// Inside node_modules so the bundles resolve the project's packages (zen-engine, json-rules-engine).
fs.mkdirSync(path.join(root, 'node_modules/.cache'), {recursive: true});
const out = fs.mkdtempSync(path.join(root, 'node_modules/.cache/lead-routing-bench-'));
const require = createRequire(import.meta.url);
const common = {bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', legalComments: 'none'};

function findExport(dir, name) {
  if (!fs.existsSync(dir)) return null;
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') {
      const found = findExport(p, name);
      if (found) return found;
    } else if (/\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts')) {
      if (new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b|export\\s+const\\s+${name}\\b`).test(fs.readFileSync(p, 'utf8'))) return p;
    }
  }
  return null;
}

async function bundle(entry, name, external = {}) {
  const outfile = path.join(out, name);
  await esbuild.build({...common, entryPoints: [entry], outfile, ...external});
  return require(outfile);
}

try {
  const core = await bundle(path.join(root, 'shared/index.ts'), 'core.cjs');
  const bench = await bundle(path.join(here, 'lib/main.ts'), 'bench.cjs', {packages: 'external'});
  await esbuild.build({...common, entryPoints: [path.join(here, 'lib/worker.ts')], outfile: path.join(out, 'worker.cjs'), packages: 'external'});
  const extras = {
    coreSource: 'shared/index.ts bundled with esbuild (as dist/shared/index.js)',
    isolate: {workerPath: path.join(out, 'worker.cjs'), corePath: path.join(out, 'core.cjs')},
  };
  const addOnBuild = path.join(root, 'apps-script/build.mjs');
  if (fs.existsSync(addOnBuild)) {
    const {build} = await import(addOnBuild);
    extras.buildAddOn = async readable => {
      const outdir = fs.mkdtempSync(path.join(out, 'gas-'));
      const r = await build(esbuild, {outdir, readable: readable ? 'on' : 'off', metafile: true});
      return {code: fs.readFileSync(path.join(outdir, 'Code.js'), 'utf8'), bySource: r.bySource};
    };
  }
  const counter = findExport(path.join(root, 'apps-script/test'), 'countServiceCalls');
  if (counter) {
    try {
      extras.countServiceCalls = (await bundle(counter, 'gas-count.cjs')).countServiceCalls;
    } catch (e) {
      process.stderr.write(`apps-script countServiceCalls could not be loaded: ${e.message}\n`);
    }
  }
  if (process.argv.some(a => a === '--n8n' || (a.startsWith('--only=') && a.includes('n8n')))) {
    const n8n = path.join(here, 'lib/n8n/run.ts');
    // The e2e harness finds the project from its own __dirname; keep that true inside the bundle.
    const define = {__dirname: JSON.stringify(path.join(root, 'test/e2e/lib'))};
    if (fs.existsSync(n8n)) extras.runN8n = (await bundle(n8n, 'n8n.cjs', {packages: 'external', define})).runN8n;
  }
  await bench.runBench(core, process.argv.slice(2), root, extras);
} finally {
  fs.rmSync(out, {recursive: true, force: true});
}
