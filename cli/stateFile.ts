// The --state file: read only what is a lead-routing state, hold a lock for the whole run, write it
// back atomically through symlinks with its mode kept, and keep the keyed-pseudonym secret beside it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseState, StateError} from '../shared/state';
import type {RotationState} from '../shared/types';
import {decodeText} from './decode';
import {CliError} from './verb';

/** The advice ending a "not a state file" message (a case.state reader replaces it with its own). */
export const STATE_PATH_HINT = 'Check the --state path; to start from empty state, move the file away';

/** The file a --state path stands for: a symlink's target (followed to its end), else the path. */
export function stateTarget(file: string): string {
  let p = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return p;
    }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  throw new CliError(`state ${file}: too many symbolic links`);
}

/**
 * `json` as a rotation state (the core's parseState), or CliError "<file> is not a lead-routing
 * state file" (anything else, or a state with parts of the wrong type) or "was written by a newer
 * version" (a newer format is never downgraded).
 */
export function toState(json: unknown, file: string): RotationState {
  const v = (json as {v?: unknown} | null)?.v;
  if (typeof v === 'number' && v > 1) {
    throw new CliError(
      `${file} was written by a newer version of lead-routing (state format v${v}); left untouched, upgrade to use it`,
    );
  }
  try {
    return parseState(json, file);
  } catch (e) {
    if (!(e instanceof StateError)) throw e;
    if (e.kind === 'newer_version') throw new CliError(`${e.message} Left untouched; upgrade to use it.`);
    const detail = e.message
      .slice(file.length)
      .replace(/^\s*(is )?/, '')
      .replace(/\.$/, '');
    throw new CliError(`${file} is not a lead-routing state file (${detail}; left untouched). ` + STATE_PATH_HINT);
  }
}

/** Reads the state at `target` (undefined when the file does not exist yet). */
export function readStateFile(target: string, shown: string): RotationState | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CliError(`cannot read state ${shown}: ${code ?? (e as Error).message}`);
  }
  let text: string;
  try {
    // A byte-order mark (an editor's "UTF-8 with BOM", or UTF-16) is not part of the JSON.
    text = decodeText(bytes);
  } catch (e) {
    throw new CliError(
      `${shown} is not a lead-routing state file (${(e as Error).message}; left untouched). ` + STATE_PATH_HINT,
    );
  }
  if (!text.trim()) {
    throw new CliError(`${shown} is not a lead-routing state file (it is empty; left untouched). ` + STATE_PATH_HINT);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(
      `${shown} is not a lead-routing state file (not valid JSON: ${(e as Error).message}; left untouched). ` +
        STATE_PATH_HINT,
    );
  }
  return toState(json, shown);
}

/**
 * Writes `state` to `target` atomically: a temp file beside it (one fixed name, safe because the
 * run holds the lock; a killed run's temp is reused), the target's mode kept, then a rename.
 * Temp files of older versions (`<state>.<pid>.tmp`) are removed.
 */
export function writeStateFile(target: string, shown: string, state: RotationState): void {
  const tmp = `${target}.tmp`;
  try {
    let mode = 0o644;
    try {
      mode = fs.statSync(target).mode & 0o777;
    } catch {
      /* a new file */
    }
    fs.writeFileSync(tmp, JSON.stringify(state) + '\n', {mode});
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, target);
  } catch (e) {
    throw new CliError(`cannot write state ${shown}: ${(e as Error).message}`);
  }
  const dir = path.dirname(target);
  const base = path.basename(target);
  for (const f of fs.readdirSync(dir)) {
    if (f.startsWith(base + '.') && /^\.\d+\.tmp$/.test(f.slice(base.length))) {
      fs.rmSync(path.join(dir, f), {force: true});
    }
  }
}

/** A held lock on a state file; release() is idempotent. */
export interface StateLock {
  file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<target>.lock` (created with O_EXCL, holding "pid host"). A lock left by a process that is
 * gone (same host, pid not running) is stale and taken over. Otherwise waits up to `waitMs`, then
 * throws CliError naming the lock and its holder. The lock is released at process exit.
 */
export async function lockState(target: string, shown: string, waitMs: number): Promise<StateLock> {
  const file = `${target}.lock`;
  const host = os.hostname();
  const deadline = Date.now() + waitMs;
  let delay = 10;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      fs.writeSync(fd, `${process.pid} ${host}\n`);
      fs.closeSync(fd);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off('exit', release);
        fs.rmSync(file, {force: true});
      };
      process.on('exit', release);
      return {file, release};
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CliError(`cannot lock state ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    let holder = '';
    try {
      holder = fs.readFileSync(file, 'utf8').trim();
    } catch {
      continue; // released meanwhile
    }
    const [pidText, holderHost] = holder.split(' ');
    const pid = Number(pidText);
    if (holder && holderHost === host && Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      // Stale: its process is gone. Remove it only if it is still the same lock.
      try {
        if (fs.readFileSync(file, 'utf8').trim() === holder) fs.rmSync(file, {force: true});
      } catch {
        /* taken or released meanwhile */
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CliError(
        `state ${shown} is in use by another run (lock ${file}, held by ${holder || 'an unknown process'}); ` +
          'try again when it ends, or delete the lock file if no run is active',
      );
    }
    await new Promise(r => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
}

/**
 * The keyed-pseudonym secret for a state file: env LEAD_ROUTING_SECRET, else the key file
 * `<state>.key` (created on first use with 32 random bytes as hex, mode 0600). Losing the key file
 * only means old dedupe keys and learned domains are no longer recognised.
 */
export function stateSecret(target: string, env: Record<string, string | undefined>): string {
  const fromEnv = env.LEAD_ROUTING_SECRET;
  if (fromEnv) return fromEnv;
  const keyFile = `${target}.key`;
  try {
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    if (key) return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CliError(`cannot read key file ${keyFile}: ${(e as NodeJS.ErrnoException).code}`);
    }
  }
  const key = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(keyFile, key + '\n', {mode: 0o600, flag: 'wx'});
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(keyFile, 'utf8').trim();
    throw new CliError(`cannot create key file ${keyFile}: ${(e as NodeJS.ErrnoException).code}`);
  }
  return key;
}
