// One build for every surface. Conventions (so new surfaces need no edits here):
//   shared/index.ts                      -> dist/shared/index.js (+ routing-config.schema.json)
//   cli/main.ts                          -> dist/cli/lead-routing.js
//   nodes/<Name>/**/<Name>.node.ts       -> dist/nodes/<Name>/<Name>.node.js (+ *.node.json, *.svg copied),
//                                           sharing dist/nodes/lib/core.js and dist/nodes/lib/redis.js
//   credentials/<Name>.credentials.ts    -> dist/credentials/<Name>.credentials.js
//   apps-script/build.mjs (if present)   -> exports build(esbuild) for apps-script/dist
// `--only=<part>` builds one part: shared, cli, nodes, credentials, apps-script.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';

const root = path.dirname(new URL(import.meta.url).pathname);
const only = (process.argv.find(a => a.startsWith('--only=')) || '').slice(7);
const want = part => !only || only === part;
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', legalComments: 'none' };

function walk(dir, test, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'test' && e.name !== '__tests__') walk(p, test, out); }
    else if (test(p)) out.push(p);
  }
  return out;
}

async function buildShared() {
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'shared/index.ts')], outfile: path.join(root, 'dist/shared/index.js') });
  const { configJsonSchema } = await import(path.join(root, 'dist/shared/index.js'));
  const schema = JSON.stringify(configJsonSchema(), null, 2) + '\n';
  fs.writeFileSync(path.join(root, 'dist/shared/routing-config.schema.json'), schema);
  fs.writeFileSync(path.join(root, 'shared/routing-config.schema.json'), schema);
  // Type declarations for code that uses the core as a library (package.json "types").
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.decl.json')], {stdio: 'inherit'});
}

async function buildCli() {
  const entry = path.join(root, 'cli/main.ts');
  if (!fs.existsSync(entry)) return;
  const outfile = path.join(root, 'dist/cli/lead-routing.js');
  await esbuild.build({ ...common, entryPoints: [entry], outfile, banner: { js: '#!/usr/bin/env node' } });
  fs.chmodSync(outfile, 0o755);
}

// Node files share one copy of the core (dist/nodes/lib/core.js) and of the Redis client (dist/nodes/lib/redis.js):
// each node bundle keeps only its own code and requires those two, so the package ships each once.
const NODE_LIBS = { core: path.join(root, 'shared/index.ts'), redis: 'ioredis' };

function sharedLibs(outdir) {
  const rel = f => './' + path.relative(outdir, path.join(root, 'dist/nodes/lib', f)).split(path.sep).join('/');
  return {
    name: 'node-libs',
    setup(build) {
      build.onResolve({ filter: /^ioredis$/ }, () => ({ path: rel('redis.js'), external: true }));
      build.onResolve({ filter: /(^|\/)shared$/ }, args => {
        const abs = path.resolve(args.resolveDir, args.path);
        return abs === path.join(root, 'shared') ? { path: rel('core.js'), external: true } : undefined;
      });
    },
  };
}

async function buildNodes() {
  const lib = path.join(root, 'dist/nodes/lib');
  await esbuild.build({ ...common, entryPoints: [NODE_LIBS.core], outfile: path.join(lib, 'core.js') });
  await esbuild.build({ ...common, stdin: { contents: "module.exports = require('ioredis');", resolveDir: root }, outfile: path.join(lib, 'redis.js') });
  const entries = walk(path.join(root, 'nodes'), p => p.endsWith('.node.ts'));
  for (const entry of entries) {
    const rel = path.relative(path.join(root, 'nodes'), entry);
    const outfile = path.join(root, 'dist/nodes', rel.replace(/\.ts$/, '.js'));
    await esbuild.build({ ...common, entryPoints: [entry], outfile, external: ['n8n-workflow'], plugins: [sharedLibs(path.dirname(outfile))] });
    const dir = path.dirname(entry);
    for (const f of fs.readdirSync(dir)) {
      if (f.endsWith('.svg') || f.endsWith('.node.json')) fs.copyFileSync(path.join(dir, f), path.join(path.dirname(outfile), f));
    }
  }
}

async function buildCredentials() {
  const entries = walk(path.join(root, 'credentials'), p => p.endsWith('.credentials.ts'));
  for (const entry of entries) {
    const rel = path.relative(path.join(root, 'credentials'), entry);
    const outfile = path.join(root, 'dist/credentials', rel.replace(/\.ts$/, '.js'));
    await esbuild.build({ ...common, entryPoints: [entry], outfile, external: ['n8n-workflow'] });
    for (const f of fs.readdirSync(path.dirname(entry))) {
      if (f.endsWith('.svg')) fs.copyFileSync(path.join(path.dirname(entry), f), path.join(path.dirname(outfile), f));
    }
  }
}

// packages/lead-routing: the CLI and the core as their own npm package (the n8n package ships nodes and credentials
// only, as n8n's community-package scanner expects). Its dist/ is a copy of dist/cli and dist/shared.
function copyLibraryPackage() {
  const pkg = path.join(root, 'packages/lead-routing');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) return;
  for (const part of ['cli', 'shared']) {
    const from = path.join(root, 'dist', part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(pkg, 'dist', part), { recursive: true });
  }
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(pkg, 'LICENSE'));
}

async function buildAppsScript() {
  const script = path.join(root, 'apps-script/build.mjs');
  if (!fs.existsSync(script)) return;
  const mod = await import(script);
  await mod.build(esbuild);
}

// Normalisation tables generated from their libraries (npm "us", "i18n-iso-countries").
async function generateTables() {
  const {generate, OUT} = await import(path.join(root, 'shared/normalize/generate-tables.mjs'));
  const text = generate();
  if (!fs.existsSync(OUT) || fs.readFileSync(OUT, 'utf8') !== text) fs.writeFileSync(OUT, text);
}

try {
  await generateTables();
  if (want('shared')) await buildShared();
  if (want('cli')) await buildCli();
  if (want('nodes')) await buildNodes();
  if (want('credentials')) await buildCredentials();
  if (want('apps-script')) await buildAppsScript();
  if (want('shared') || want('cli')) copyLibraryPackage();
} catch (e) {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
}
