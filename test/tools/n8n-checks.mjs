// n8n's own tooling on this package: `n8n-node lint` (the n8n-nodes-starter lint, @n8n/node-cli's eslint config)
// on the source, and @n8n/scan-community-package's analysis on the packed tarball and on the source it would fetch.
// Both are installed into the cache outside the clone by test/e2e/setup-n8n.sh (they pin their own eslint).
// Every finding must be listed in test/tools/n8n-checks-allowed.json with its reason; anything else fails.
// Usage: node test/tools/n8n-checks.mjs [--print]   (exit 1 on an unlisted finding)
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const CACHE = process.env.LEAD_ROUTING_CACHE ?? path.join(os.homedir(), '.cache/n8n-nodes-lead-routing');
const TOOLS = path.join(CACHE, 'node-cli');
const req = createRequire(path.join(TOOLS, 'package.json'));
const allowed = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/tools/n8n-checks-allowed.json'), 'utf8'));

const {ESLint} = req('eslint');

/** [{check, file, rule}] from ESLint results, file relative to `base`. */
function findings(check, results, base) {
  const out = [];
  for (const r of results)
    for (const m of r.messages)
      if (m.severity === 2)
        out.push({check, file: path.relative(base, r.filePath), rule: m.ruleId ?? 'parse', line: m.line, message: m.message});
  return out;
}

async function nodeCliLint() {
  const {config} = await import(pathToFileURL(req.resolve('@n8n/node-cli/eslint')).href);
  const eslint = new ESLint({cwd: ROOT, overrideConfigFile: true, overrideConfig: config});
  const files = ['package.json', 'nodes', 'credentials'];
  return findings('n8n-node lint', await eslint.lintFiles(files), ROOT);
}

async function scan() {
  const scanner = await import(pathToFileURL(req.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href);
  const lint = async (dir, patterns) => {
    const eslint = new ESLint({cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig()});
    const fg = req('fast-glob');
    const files = fg.sync(patterns, {cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json']});
    return eslint.lintFiles(files);
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-routing-scan-'));
  try {
    execFileSync('npm', ['pack', '--pack-destination', tmp, '--silent'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit']});
    const tgz = fs.readdirSync(tmp).find(f => f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', tgz], {cwd: tmp});
    const pkg = path.join(tmp, 'package');
    return [
      ...findings('scan: tarball', await lint(pkg, ['**/*.js', '**/*.ts', '**/*.json']), pkg),
      ...findings('scan: source', await lint(ROOT, scanner.SOURCE_FILE_PATTERNS), ROOT),
    ];
  } finally {
    fs.rmSync(tmp, {recursive: true, force: true});
  }
}

const all = [...(await nodeCliLint()), ...(await scan())];
const isAllowed = f => allowed.some(a => a.check === f.check && a.rule === f.rule && new RegExp(a.file).test(f.file));
const unlisted = all.filter(f => !isAllowed(f));
const grouped = new Map();
for (const f of all) {
  const k = `${f.check} | ${f.rule} | ${f.file}`;
  grouped.set(k, (grouped.get(k) ?? 0) + 1);
}
if (process.argv.includes('--print')) for (const [k, n] of grouped) console.log(`${n}\t${k}`);
console.log(`n8n checks: ${all.length} findings, ${all.length - unlisted.length} listed with a reason, ${unlisted.length} not listed`);
for (const f of unlisted) console.log(`  ${f.check}: ${f.file}:${f.line} ${f.rule} — ${f.message}`);
process.exitCode = unlisted.length ? 1 : 0;
