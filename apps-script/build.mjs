// Builds apps-script/dist/ for clasp: Code.js (one esbuild IIFE for Apps Script's V8, plus a
// top-level function per export of src/main.ts so Apps Script sees the menu, trigger and sidebar
// functions), appsscript.json and Sidebar.html. Called by the root build.mjs (--only=apps-script).
// Code.js is minified by esbuild, then once more by terser's compressor (users paste it by hand:
// issue 17 #7; docs/performance.md has the sizes), and carries Apps Script's own HMAC-SHA-256
// (apps-script/src/hmacSha256.ts) in place of the core's @noble/hashes one.
// LEAD_ROUTING_READABLE=on builds it with whitespace and syntax minified only, names kept.
// LEAD_ROUTING_MAIL=off builds without the send_mail scope (and without the e-mail option).
// LEAD_ROUTING_CALENDAR=on adds the calendar.freebusy scope and the Calendar advanced service
// (the "Use Google Calendar availability" option); off by default so nobody is asked for it.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {decode} from '@jridgewell/sourcemap-codec';
import {minify} from 'terser';

const here = path.dirname(new URL(import.meta.url).pathname);
const GLOBAL_NAME = 'LeadRouting';

/** Export names of the bundle, read by evaluating it with no Apps Script globals (modules touch none at load). */
function exportNames(code) {
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx, {filename: 'Code.js'});
  const api = ctx[GLOBAL_NAME];
  return Object.keys(api).filter(k => typeof api[k] === 'function').sort();
}

const HEADER = `// Lead Routing add-on for Google Sheets. A built file: do not edit it. Its readable source is
// apps-script/src and shared/ of https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing
// (npm run gas:build writes this file; LEAD_ROUTING_READABLE=on npm run gas:build keeps the names).`;

/** Where an input file of the bundle comes from: an npm package (by name), or a folder of this repository. */
function sourceOf(file) {
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const parts = file.split('/');
  if (parts[0] === 'shared' && parts[1] === 'normalize') return 'shared/normalize';
  return parts.slice(0, parts[0] === 'shared' ? 1 : 2).join('/');
}

const bySourceList = by =>
  Object.entries(by)
    .map(([source, bytes]) => ({source, bytes}))
    .sort((a, b) => b.bytes - a.bytes);

/**
 * Bytes of a bundle by where they come from: an npm package (by name), or a folder of this
 * repository (apps-script/src, shared, ...). `metafile` is esbuild's, from build(esbuild, {metafile: true}):
 * the bytes esbuild wrote, so before the second (terser) pass of the shipped file; build() returns
 * `bySource` measured on the file it wrote.
 */
export function bytesBySource(metafile) {
  const [, out] = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.js'));
  const by = {};
  for (const [file, {bytesInOutput}] of Object.entries(out.inputs)) {
    const key = sourceOf(file);
    by[key] = (by[key] ?? 0) + bytesInOutput;
  }
  return bySourceList(by);
}

/**
 * Bytes of `code` by source, read from its source map (`map`: version 3, `sources` relative to
 * apps-script/dist): each mapped segment, up to the next one on its line, counts for its source's
 * package or folder. Unmapped text (the IIFE wrapper) counts for none.
 */
function bytesBySourceMap(code, map) {
  const lines = code.split('\n');
  const by = {};
  decode(map.mappings).forEach((segments, i) => {
    const line = lines[i] ?? '';
    segments.forEach((seg, j) => {
      if (seg.length < 4) return;
      const end = j + 1 < segments.length ? segments[j + 1][0] : line.length;
      const key = sourceOf(path.relative(path.join(here, '..'), path.resolve(here, 'dist', map.sources[seg[1]])));
      by[key] = (by[key] ?? 0) + Buffer.byteLength(line.slice(seg[0], end));
    });
  });
  return bySourceList(by);
}

/**
 * The second minification pass of the shipped file (issue 17 #7): terser's compressor over esbuild's
 * minified IIFE, semantics-preserving options only (no `unsafe*`, getters may have side effects, no
 * top-level names touched, no property mangling). Names are not re-mangled: esbuild's short names
 * come out smaller than terser's (measured in docs/performance.md). `map` is esbuild's source map.
 */
async function secondPass(code, map) {
  const r = await minify(code, {
    ecma: 2019,
    module: false,
    toplevel: false,
    compress: {ecma: 2019, passes: 3, pure_getters: false, unsafe: false},
    mangle: false,
    format: {comments: false},
    sourceMap: {content: map, asObject: true},
  });
  return {code: r.code, map: r.map};
}

/**
 * esbuild plugin: the add-on's HMAC-SHA-256 (Apps Script's Utilities) in place of the core's
 * @noble/hashes one: shared/hmacSha256.ts becomes apps-script/src/hmacSha256.ts (same exports).
 */
const platformHmac = {
  name: 'apps-script-hmac',
  setup(b) {
    const core = path.join(here, '..', 'shared', 'hmacSha256.ts');
    b.onResolve({filter: /\/hmacSha256$/}, args =>
      path.resolve(args.resolveDir, `${args.path}.ts`) === core
        ? {path: path.join(here, 'src', 'hmacSha256.ts')}
        : undefined,
    );
  },
};

export async function build(esbuild, options = {}) {
  const mail = (options.mail ?? process.env.LEAD_ROUTING_MAIL) !== 'off';
  const calendar = (options.calendar ?? process.env.LEAD_ROUTING_CALENDAR) === 'on';
  const readable = (options.readable ?? process.env.LEAD_ROUTING_READABLE) === 'on';
  const outdir = options.outdir ?? path.join(here, 'dist');
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'src/main.ts')],
    // metafile paths relative to the repository root
    absWorkingDir: path.join(here, '..'),
    bundle: true,
    write: false,
    // A file name only for the source map's paths; nothing is written by esbuild.
    outfile: path.join(here, 'dist', 'Code.js'),
    sourcemap: readable ? false : 'external',
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'browser',
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [platformHmac],
    define: {MAIL_SCOPE: mail ? 'true' : 'false', CALENDAR_SCOPE: calendar ? 'true' : 'false'},
    minifyWhitespace: true,
    minifySyntax: true,
    // Local names shortened too; exported names (the global functions below) are kept.
    minifyIdentifiers: !readable,
    metafile: true,
  });
  const js = result.outputFiles.find(f => f.path.endsWith('.js')).text;
  let bundle = js;
  let bySource = bytesBySource(result.metafile);
  if (!readable) {
    const esbuildMap = JSON.parse(result.outputFiles.find(f => f.path.endsWith('.map')).text);
    const second = await secondPass(js, esbuildMap);
    bundle = second.code;
    bySource = bytesBySourceMap(bundle, second.map);
  }
  const names = exportNames(bundle);
  const stubs = names
    .map(n =>
      readable
        ? `function ${n}() {\n  return ${GLOBAL_NAME}.${n}.apply(this, arguments);\n}`
        : `function ${n}(){return ${GLOBAL_NAME}.${n}.apply(this,arguments)}`,
    )
    .join('\n');
  const code = `${HEADER}\n${bundle}\n// Global functions Apps Script can call (menu items, triggers, google.script.run).\n${stubs}\n`;
  const manifest = JSON.parse(fs.readFileSync(path.join(here, 'appsscript.json'), 'utf8'));
  if (!mail) manifest.oauthScopes = manifest.oauthScopes.filter(s => !s.endsWith('/script.send_mail'));
  if (calendar) {
    manifest.oauthScopes.push('https://www.googleapis.com/auth/calendar.freebusy');
    manifest.dependencies = {
      ...manifest.dependencies,
      enabledAdvancedServices: [{userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3'}],
    };
  }
  // Atomic writes: tests running in parallel may read dist/ while it is rebuilt.
  fs.mkdirSync(outdir, {recursive: true});
  const write = (name, text) => {
    const tmp = path.join(outdir, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(outdir, name));
  };
  write('Code.js', code);
  write('appsscript.json', JSON.stringify(manifest, null, 2) + '\n');
  write('Sidebar.html', fs.readFileSync(path.join(here, 'src/Sidebar.html'), 'utf8'));
  return {outdir, globals: names, bytes: Buffer.byteLength(code), metafile: result.metafile, bySource};
}
