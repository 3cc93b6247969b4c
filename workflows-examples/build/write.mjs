// npm run examples:build — bundles the TypeScript generator with esbuild and writes the JSON files + README.
import * as esbuild from 'esbuild';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import {createRequire} from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wf-examples-')), 'generate.cjs');
await esbuild.build({entryPoints: [path.join(here, 'generate.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning'});
const require = createRequire(import.meta.url);
const gen = require(out);
const written = gen.writeAll(path.resolve(here, '..'));
console.log(`wrote ${written.length} files to workflows-examples/`);
