// Builds apps-script/dist/ for clasp: Code.js (one esbuild IIFE for Apps Script's V8, plus a
// top-level function per export of src/main.ts so Apps Script sees the menu, trigger and sidebar
// functions), appsscript.json and Sidebar.html. Called by the root build.mjs (--only=apps-script).
// Code.js is minified (users paste it by hand: issue 17 #7; docs/performance.md has the sizes);
// LEAD_ROUTING_READABLE=on builds it with whitespace and syntax minified only, names kept.
// LEAD_ROUTING_MAIL=off builds without the send_mail scope (and without the e-mail option).
// LEAD_ROUTING_CALENDAR=on adds the calendar.freebusy scope and the Calendar advanced service
// (the "Use Google Calendar availability" option); off by default so nobody is asked for it.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

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

/**
 * Bytes of a bundle by where they come from: an npm package (by name), or a folder of this
 * repository (apps-script/src, shared, ...). `metafile` is esbuild's, from build(esbuild, {metafile: true}).
 */
export function bytesBySource(metafile) {
  const out = Object.values(metafile.outputs)[0];
  const by = {};
  for (const [file, {bytesInOutput}] of Object.entries(out.inputs)) {
    const nm = file.lastIndexOf('node_modules/');
    let key;
    if (nm >= 0) {
      const parts = file.slice(nm + 'node_modules/'.length).split('/');
      key = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    } else {
      const parts = file.split('/');
      key = parts[0] === 'shared' && parts[1] === 'normalize' ? 'shared/normalize' : parts.slice(0, parts[0] === 'shared' ? 1 : 2).join('/');
    }
    by[key] = (by[key] ?? 0) + bytesInOutput;
  }
  return Object.entries(by)
    .map(([source, bytes]) => ({source, bytes}))
    .sort((a, b) => b.bytes - a.bytes);
}

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
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'browser',
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    define: {MAIL_SCOPE: mail ? 'true' : 'false', CALENDAR_SCOPE: calendar ? 'true' : 'false'},
    minifyWhitespace: true,
    minifySyntax: true,
    // Local names shortened too; exported names (the global functions below) are kept.
    minifyIdentifiers: !readable,
    metafile: !!options.metafile,
  });
  const bundle = result.outputFiles[0].text;
  const names = exportNames(bundle);
  const stubs = names
    .map(n => `function ${n}() {\n  return ${GLOBAL_NAME}.${n}.apply(this, arguments);\n}`)
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
  return {outdir, globals: names, bytes: Buffer.byteLength(code), metafile: result.metafile};
}
