// npm 11 refuses `npm ci` when a lock file lacks entries for optional platform packages of other
// platforms ("Missing: @scope/pkg-darwin-arm64@ from lock file"). Lock files written on a machine
// whose registry mirror serves only its own platform never get those entries. This adds them
// (version, optional, os/cpu read from the package name) so `npm ci` skips them as it should.
// Usage: node test/tools/lock-platform-stubs.mjs  (after `npm install`)
import fs from 'node:fs';

const file = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const platform = name => {
  const n = name.split('/').pop();
  const os = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'].find(o => n.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'mips64el'].find(c => n.includes(c));
  return {os, cpu};
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (lock.packages[at] || lock.packages[`node_modules/${dep}`]) continue;
    const {os, cpu} = platform(dep);
    if (!os && !cpu) continue;
    const stub = {version, dev: entry.dev || undefined, optional: true};
    if (cpu) stub.cpu = [cpu];
    if (os) stub.os = [os];
    lock.packages[`node_modules/${dep}`] = stub;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform stub entr${added === 1 ? 'y' : 'ies'}`);
