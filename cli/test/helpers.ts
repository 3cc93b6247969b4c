// Test helpers: run the CLI in-process (memory streams) or as the built binary (spawned).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawn, spawnSync, type SpawnSyncOptions} from 'node:child_process';
import {main, memoryIO} from '../main';

export const root = path.join(__dirname, '..', '..');
export const bin = path.join(root, 'dist/cli/lead-routing.js');
export const NOW = '2026-11-23T16:00:00Z';

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lead-routing-cli-'));
}

export function writer(dir: string) {
  return (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
}

/** The CLI in-process; stdin text optional. */
export async function run(argv: string[], stdin = '', env: Record<string, string | undefined> = {}) {
  const m = memoryIO(stdin, () => Date.parse(NOW), env);
  const code = await main(argv, m.io);
  return {code, out: m.out(), err: m.err()};
}

/** The built binary, synchronously. */
export function spawnCli(argv: string[], opts: SpawnSyncOptions & {nodeArgs?: string[]} = {}) {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), bin, ...argv], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...opts,
  });
  return {code: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? ''), signal: r.signal};
}

/** The built binary, asynchronously (for concurrent runs). */
export function spawnCliAsync(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{code: number | null; out: string; err: string}>(resolve => {
    const p = spawn(process.execPath, [bin, ...argv], {env});
    let out = '';
    let err = '';
    p.stdout.on('data', b => (out += b));
    p.stderr.on('data', b => (err += b));
    p.on('close', code => resolve({code, out, err}));
  });
}

export const lines = (s: string) =>
  s
    .split('\n')
    .filter(l => l.trim())
    .map(l => JSON.parse(l));

/** A two-rep Texas config with dedupe on email. */
export const TX_CONFIG = {
  reps: [{id: 'ana'}, {id: 'ben'}],
  territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana', 'ben']}],
  dedupe: {fields: ['email']},
};
