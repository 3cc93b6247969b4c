// The build output: manifest (V8, narrow scopes), clasp config, and the mail-less variant.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {DIST, bundleCode, newExecution} from './loadBundle';
import {simpleConfig, simpleLeads, worldFor} from './harness';

const S = 'https://www.googleapis.com/auth/';

it('dist has Code.js, a V8 manifest with only the needed scopes, and the sidebar', () => {
  bundleCode();
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.oauthScopes.sort()).toEqual(
    [
      'spreadsheets.currentonly',
      'script.container.ui',
      'script.scriptapp',
      'script.external_request',
      'script.send_mail',
    ]
      .map(s => S + s)
      .sort(),
  );
  expect(fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8')).toContain('google.script.run');
  const clasp = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.clasp.json'), 'utf8'));
  expect(clasp.rootDir).toBe('dist');
});

it('LEAD_ROUTING_MAIL=off drops the send_mail scope and the bundle then sends no mail', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-nomail-'));
  const root = path.join(__dirname, '..', '..');
  const script = `import * as esbuild from 'esbuild'; import {build} from ${JSON.stringify(path.join(root, 'apps-script', 'build.mjs'))};
    await build(esbuild, {outdir: ${JSON.stringify(outdir)}, mail: 'off'});`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, stdio: 'pipe'});
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'appsscript.json'), 'utf8'));
  expect(manifest.oauthScopes).not.toContain(S + 'script.send_mail');
  const world = worldFor(simpleConfig(), simpleLeads(3), {settings: {notify: true}});
  newExecution(world, {code: fs.readFileSync(path.join(outdir, 'Code.js'), 'utf8')}).call('assignNewLeads');
  expect(world.mail).toHaveLength(0);
  expect(world.calls['MailApp.getRemainingDailyQuota']).toBeUndefined();
  fs.rmSync(outdir, {recursive: true, force: true});
});
