// Loads the built bundle (apps-script/dist/Code.js) into a Node vm context whose only globals are
// the Apps Script fakes, like one Apps Script execution. No require, process or module in there.
// Date is replaced by one reading the world's clock, so tests can move time without waiting.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import {
  fakeCalendar,
  fakeHtmlService,
  fakeLockService,
  fakeMailApp,
  fakePropertiesService,
  fakeScriptApp,
  fakeSession,
  fakeSpreadsheetApp,
  fakeUrlFetchApp,
  fakeUtilities,
  tick,
  type World,
} from './fakes';

/** The repository root: from this file, or from the working directory when this file was bundled elsewhere. */
function findRoot(): string {
  for (const dir of [path.join(__dirname, '..', '..'), process.cwd()]) {
    if (fs.existsSync(path.join(dir, 'apps-script', 'build.mjs'))) return dir;
  }
  throw new Error('cannot find the repository root (apps-script/build.mjs): run from the repository root');
}

const ROOT = findRoot();
export const DIST = path.join(ROOT, 'apps-script', 'dist');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'test' && e.name !== 'dist' && e.name !== 'node_modules')
        newest = Math.max(newest, newestSource(p));
    } else if (/\.(ts|mjs|html|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

let cachedCode: string | null = null;
/** The built Code.js; rebuilt first (npm run gas:build) when missing or older than its sources. */
export function bundleCode(): string {
  if (cachedCode === null) {
    const file = path.join(DIST, 'Code.js');
    const sources = Math.max(newestSource(path.join(ROOT, 'apps-script')), newestSource(path.join(ROOT, 'shared')));
    if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < sources) {
      execFileSync(process.execPath, [path.join(ROOT, 'build.mjs'), '--only=apps-script'], {cwd: ROOT, stdio: 'pipe'});
    }
    cachedCode = fs.readFileSync(file, 'utf8');
  }
  return cachedCode;
}

const variants = new Map<string, {code: string; manifest: Record<string, unknown>}>();
/**
 * A build variant (build.mjs options such as {calendar: 'on'} or {mail: 'off'}) written to a
 * temporary directory: its Code.js and manifest. Built once per test process.
 */
export function variantBuild(options: Record<string, string>): {code: string; manifest: Record<string, unknown>} {
  const key = JSON.stringify(options);
  let v = variants.get(key);
  if (!v) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-variant-'));
    const script = `import * as esbuild from 'esbuild'; import {build} from ${JSON.stringify(path.join(ROOT, 'apps-script', 'build.mjs'))};
      await build(esbuild, {...${key}, outdir: ${JSON.stringify(outdir)}});`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: ROOT, stdio: 'pipe'});
    v = {
      code: fs.readFileSync(path.join(outdir, 'Code.js'), 'utf8'),
      manifest: JSON.parse(fs.readFileSync(path.join(outdir, 'appsscript.json'), 'utf8')),
    };
    fs.rmSync(outdir, {recursive: true, force: true});
    variants.set(key, v);
  }
  return v;
}

/** The global functions an execution can call, as Apps Script would call them. */
export interface Execution {
  call(name: string, ...args: unknown[]): unknown;
  globals(): string[];
  logs: string[];
}

const FAKE_DATE = `
(function (clock) {
  var RealDate = Date;
  function FakeDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!(this instanceof FakeDate)) return new RealDate(clock()).toString();
    var d = args.length === 0 ? new RealDate(clock()) : new (Function.prototype.bind.apply(RealDate, [null].concat(args)))();
    Object.setPrototypeOf(d, FakeDate.prototype);
    return d;
  }
  FakeDate.prototype = Object.create(RealDate.prototype, {constructor: {value: FakeDate}});
  FakeDate.now = function () { return clock(); };
  FakeDate.UTC = RealDate.UTC;
  FakeDate.parse = RealDate.parse;
  globalThis.Date = FakeDate;
})(globalThis.__clock);
delete globalThis.__clock;
`;

let executionSeq = 0;

/** `brokenLock`: a LockService that always grants, to show the overlap test would catch a missing lock. */
export function newExecution(world: World, opts: {code?: string; brokenLock?: boolean} = {}): Execution {
  const id = `exec-${++executionSeq}`;
  const logs: string[] = [];
  const fakeConsole = {
    log: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
    info: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
    warn: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
    error: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
  };
  const sandbox: Record<string, unknown> = {
    SpreadsheetApp: fakeSpreadsheetApp(world),
    PropertiesService: fakePropertiesService(world),
    LockService: opts.brokenLock ? fakeLockService(world, `${id}-${Math.random()}`, true) : fakeLockService(world, id),
    UrlFetchApp: fakeUrlFetchApp(world),
    ScriptApp: fakeScriptApp(world),
    HtmlService: fakeHtmlService(world),
    MailApp: fakeMailApp(world),
    Utilities: fakeUtilities(world),
    Session: fakeSession(world),
    Calendar: fakeCalendar(world),
    Logger: {log: (...a: unknown[]) => logs.push(a.map(String).join(' '))},
    console: fakeConsole,
    __clock: () => tick(world),
  };
  const ctx = vm.createContext(sandbox, {name: id});
  vm.runInContext(FAKE_DATE, ctx);
  vm.runInContext(opts.code ?? bundleCode(), ctx, {filename: 'Code.js'});
  return {
    logs,
    globals: () => Object.keys(ctx).filter(k => typeof (ctx as Record<string, unknown>)[k] === 'function'),
    call(name, ...args) {
      const fn = (ctx as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`no global function ${name} in the bundle`);
      // Release a lock the execution may still hold, as Apps Script does when an execution ends.
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } finally {
        if (world.lockHolder === id) world.lockHolder = null;
      }
    },
  };
}

/** Runs one global function in a fresh execution (a new vm context: nothing kept in memory). */
export function run(world: World, name: string, ...args: unknown[]): unknown {
  return newExecution(world).call(name, ...args);
}
