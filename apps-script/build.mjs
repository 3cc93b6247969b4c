// Builds apps-script/dist/ for clasp: Code.js (one esbuild IIFE for Apps Script's V8, plus a
// top-level function per export of src/main.ts so Apps Script sees the menu, trigger and sidebar
// functions), appsscript.json and Sidebar.html. Called by /work/main/build.mjs (--only=apps-script).
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

/**
 * zod re-exports every message locale (z.locales); the add-on only needs English, which zod
 * installs by default. Resolving zod's locales index to English alone saves ~250 KB.
 */
const englishOnlyZodLocales = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({filter: /\/locales\/index\.js$/}, args => {
      if (!args.importer.includes(`${path.sep}zod${path.sep}`)) return undefined;
      return {path: path.join(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales'};
    });
    b.onLoad({filter: /.*/, namespace: 'zod-locales'}, args => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

export async function build(esbuild, options = {}) {
  const mail = (options.mail ?? process.env.LEAD_ROUTING_MAIL) !== 'off';
  const calendar = (options.calendar ?? process.env.LEAD_ROUTING_CALENDAR) === 'on';
  const outdir = options.outdir ?? path.join(here, 'dist');
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'src/main.ts')],
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
    plugins: [englishOnlyZodLocales],
    // Whitespace and syntax only: names stay readable in Apps Script's error messages.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  const bundle = result.outputFiles[0].text;
  const names = exportNames(bundle);
  const stubs = names
    .map(n => `function ${n}() {\n  return ${GLOBAL_NAME}.${n}.apply(this, arguments);\n}`)
    .join('\n');
  const code = `// Lead Routing add-on, built by apps-script/build.mjs. Do not edit: edit apps-script/src.\n${bundle}\n// Global functions Apps Script can call (menu items, triggers, google.script.run).\n${stubs}\n`;
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
  return {outdir, globals: names, bytes: Buffer.byteLength(code)};
}
