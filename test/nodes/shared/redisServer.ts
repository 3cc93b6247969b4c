import {compileConfig} from '../../../shared';
// A real redis-server on a free loopback port for store tests: no persistence, DEBUG allowed from
// loopback (fault tests use DEBUG SLEEP), stopped by stop().
import {execFile, execFileSync, spawn, type ChildProcess} from 'node:child_process';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port: p} = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
  });
}

async function waitForPort(p: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>(resolve => {
      const s = net.connect(p, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on ${p}`);
}

export interface RedisServer {
  port: number;
  /** redis-cli against this server; resolves with its trimmed output. */
  cli(...args: string[]): Promise<string>;
  /**
   * Starts `DEBUG SLEEP <seconds>` and returns (synchronously) once the server has stopped
   * answering: a command sent after this call waits for the sleep to end.
   */
  sleepNow(seconds: number): void;
  stop(): void;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const server: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'local',
    ],
    {stdio: 'ignore'},
  );
  await waitForPort(port);
  const base = ['-h', '127.0.0.1', '-p', String(port)];
  return {
    port,
    cli: (...args) =>
      new Promise((resolve, reject) =>
        execFile('redis-cli', [...base, ...args], (err, out) => (err ? reject(err) : resolve(out.trim()))),
      ),
    sleepNow(seconds) {
      spawn('redis-cli', [...base, 'DEBUG', 'SLEEP', String(seconds)], {stdio: 'ignore'});
      for (let i = 0; i < 200; i++) {
        try {
          execFileSync('redis-cli', [...base, 'PING'], {timeout: 500, stdio: 'pipe'});
        } catch {
          return; // PING did not answer in time: the server is asleep
        }
      }
      throw new Error('redis-server never went to sleep');
    },
    stop: () => server.kill('SIGTERM'),
  };
}

/** The four-rep round-robin pool with e-mail dedupe that the Redis store tests route through. */
export const REPS = ['ana', 'ben', 'cara', 'dev'];
export const poolConfig = compileConfig({
  version: 1,
  reps: REPS.map(id => ({id, name: id, email: `${id}@example.com`, available: true})),
  territories: [],
  cascade: ['pool'],
  pool: {reps: 'all', strategy: 'round_robin'},
  dedupe: {fields: ['email'], windowHours: 720},
});
export const NOW = '2026-11-23T10:00:00Z';
