// Redis and Postgres from the Debian packages, each on a free loopback port, data in a temp dir.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startProcess, waitFor } from './procs.mjs';

export async function startRedis(dir) {
  const port = await freePort();
  const logFile = path.join(dir, 'redis.log');
  fs.mkdirSync(path.join(dir, 'redis'), { recursive: true });
  const child = startProcess('redis', 'redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--dir', path.join(dir, 'redis'), '--logfile', logFile,
  ]);
  const ping = () => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'PONG';
  await waitFor('redis-server', ping, { child, logFile, timeoutMs: 20000 });
  const cli = (...args) => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' }).trim();
  return { host: '127.0.0.1', port, child, cli };
}

function pgBin(name) {
  const dirs = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of dirs) {
    const p = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`PostgreSQL binary ${name} not found under /usr/lib/postgresql (apt-get install postgresql)`);
}

/** A private cluster owned by the `postgres` OS user (initdb refuses root), user n8n with a random password. */
export async function startPostgres(dir) {
  const port = await freePort();
  const pgDir = path.join(dir, 'pg');
  const data = path.join(pgDir, 'data');
  fs.mkdirSync(pgDir, { recursive: true });
  fs.chmodSync(dir, 0o711); // mkdtemp makes 0700; the postgres user must traverse it
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  const password = crypto.randomBytes(12).toString('hex');
  const pwfile = path.join(pgDir, 'pw');
  fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  fs.chownSync(pgDir, uid, gid);
  fs.chownSync(pwfile, uid, gid);
  const asPostgres = { uid, gid, cwd: pgDir, env: { ...process.env, HOME: pgDir, LC_ALL: 'C' } };
  execFileSync(pgBin('initdb'), ['-D', data, '-U', 'n8n', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { ...asPostgres, stdio: ['ignore', 'ignore', 'pipe'] });
  fs.unlinkSync(pwfile);
  const logFile = path.join(pgDir, 'postgres.log');
  fs.writeFileSync(logFile, '');
  fs.chownSync(logFile, uid, gid);
  const child = startProcess('postgres', pgBin('postgres'), [
    '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${pgDir}`,
    '-c', 'max_connections=200',
  ], { env: asPostgres.env, logFile, uid, gid, cwd: pgDir });
  child.stopSignal = 'SIGINT'; // fast shutdown
  const env = { ...process.env, PGPASSWORD: password };
  const psql = (db, sql) => execFileSync(pgBin('psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', db, '-Atc', sql],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  await waitFor('postgres', () => psql('postgres', 'select 1') === '1', { child, logFile, timeoutMs: 30000 });
  psql('postgres', 'create database n8n');
  return { host: '127.0.0.1', port, user: 'n8n', password, database: 'n8n', child, psql: sql => psql('n8n', sql) };
}
