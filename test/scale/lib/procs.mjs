// Process bookkeeping for the scale test: every child runs in its own process group, its pid is
// appended to $SCALE_PIDFILE (run.sh kills whatever is left there on exit, even if Node crashes).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const children = new Set();
let stopping = false;

export function startProcess(name, cmd, args, { env = process.env, logFile, cwd, uid, gid } = {}) {
  if (stopping) throw new Error(`not starting ${name}: the test is stopping`);
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, args, { env, cwd, uid, gid, detached: true, stdio: ['ignore', out, out] });
  child.label = name;
  child.exited = new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('exit', () => children.delete(child));
  children.add(child);
  if (process.env.SCALE_PIDFILE) fs.appendFileSync(process.env.SCALE_PIDFILE, `${child.pid}\n`);
  return child;
}

/** Signal a child's whole process group (task runners and the like die with it). */
export function signalGroup(child, signal = 'SIGTERM') {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

export async function stopProcess(child, { signal = 'SIGTERM', graceMs = 15000 } = {}) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, signal);
  const timer = new Promise(resolve => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await child.exited;
  }
}

export async function stopAll() {
  stopping = true;
  await Promise.all([...children].reverse().map(c => stopProcess(c, { signal: c.stopSignal || 'SIGTERM' })));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Poll check() until it returns a truthy value; fail with the log tail if the process dies or time runs out. */
export async function waitFor(what, check, { timeoutMs = 120000, intervalMs = 250, child, logFile } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch { /* not ready yet */ }
    const dead = child && (child.exitCode !== null || child.signalCode !== null);
    if (dead || Date.now() > deadline) {
      const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
      throw new Error(`${what}: ${dead ? 'process exited' : 'timed out'}\n${tail}`);
    }
    await sleep(intervalMs);
  }
}
