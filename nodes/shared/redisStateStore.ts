// This module has no node context; redisStoreForNode.ts turns its errors into NodeOperationErrors.
/* eslint-disable @n8n/community-nodes/require-node-api-error */
import Redis from 'ioredis';
import {sleep} from 'n8n-workflow';
import type {RotationState} from '../../shared/types';
import type {StateStore, StoreScope} from './stateStore';

/**
 * Rotation state in Redis, exact across any number of n8n workers (queue mode).
 *
 * One Redis hash per workflow and node: `ver` (commit counter) and `state` (the core's small JSON,
 * no lead PII). transact() reads both, runs the pure decision in Node, and commits with a Lua
 * compare-and-set on `ver`: if another worker committed in between, nothing is written and the
 * decision is re-run on the newer state. Every round has a winner, so the retries are bounded by
 * the number of executions racing for the same key. A decision that leaves the state unchanged
 * (a duplicate lead) writes nothing and bumps nothing.
 */

/** The fields of the `leadRoutingRedisApi` credential. */
export interface RedisConnection {
  host: string;
  port: number;
  user?: string;
  password?: string;
  database?: number;
  tls?: boolean;
  keyPrefix?: string;
}

export interface RedisStoreOptions {
  /** Give up connecting after this long (default 3000 ms). */
  connectTimeoutMs?: number;
  /** Give up on a single command after this long (default 5000 ms). */
  commandTimeoutMs?: number;
  /** Compare-and-set rounds before giving up (default 200). */
  maxAttempts?: number;
}

/** Redis could not be reached or stopped answering; the message names host and port. */
export class RedisUnreachableError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    cause: unknown,
  ) {
    super(`Cannot reach Redis at ${host}:${port}: ${describe(cause)}`);
    this.name = 'RedisUnreachableError';
  }
}

/** Too many concurrent writers kept winning; the state is unchanged by this call. */
export class RedisContentionError extends Error {
  constructor(key: string, attempts: number) {
    super(`Redis state ${key} kept changing under ${attempts} attempts to commit; nothing was written`);
    this.name = 'RedisContentionError';
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}

export const DEFAULT_KEY_PREFIX = 'lead-routing:';

/** `<prefix>state:<workflow id>:<node name>`, both parts URI-encoded so a ':' in a name cannot collide. */
export function redisStateKey(keyPrefix: string | undefined, scope: StoreScope): string {
  const prefix = keyPrefix ?? DEFAULT_KEY_PREFIX;
  return `${prefix}state:${encodeURIComponent(scope.workflowId)}:${encodeURIComponent(scope.nodeName)}`;
}

// KEYS[1] = state hash; ARGV[1] = version the decision was based on; ARGV[2] = new state JSON.
const COMMIT_IF_UNCHANGED = `
local current = redis.call('HGET', KEYS[1], 'ver')
if (current or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'ver', tostring(tonumber(ARGV[1]) + 1), 'state', ARGV[2])
return 1
`;

// Reset keeps the commit counter growing (never back to a version a stale decision may have read).
const RESET = `
redis.call('HDEL', KEYS[1], 'state')
return redis.call('HINCRBY', KEYS[1], 'ver', 1)
`;

type CommitClient = Redis & {
  leadRoutingCommit(key: string, expectedVersion: string, state: string): Promise<number>;
  leadRoutingReset(key: string): Promise<number>;
};

// One client per connection setting per process: executions of every workflow in a worker share it.
const clients = new Map<string, Promise<CommitClient>>();

function clientKey(c: RedisConnection): string {
  return JSON.stringify([c.host, c.port, c.user ?? '', c.password ?? '', c.database ?? 0, !!c.tls]);
}

/** SNI must not carry an IP address (RFC 6066). */
function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

async function connect(c: RedisConnection, o: RedisStoreOptions): Promise<CommitClient> {
  const client = new Redis({
    host: c.host,
    port: c.port,
    username: c.user || undefined,
    password: c.password || undefined,
    db: c.database ?? 0,
    tls: c.tls ? {servername: isIpAddress(c.host) ? undefined : c.host} : undefined,
    lazyConnect: true,
    connectTimeout: o.connectTimeoutMs ?? 3000,
    commandTimeout: o.commandTimeoutMs ?? 5000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Fail fast: no reconnect loop. A client that dropped is replaced on the next execution.
    retryStrategy: () => null,
  }) as CommitClient;
  // Without a listener an 'error' event would crash the whole n8n worker. The first one is kept:
  // it says why (ECONNREFUSED, WRONGPASS...) where connect() only reports "Connection is closed".
  let firstError: unknown;
  client.on('error', (e: unknown) => {
    firstError ??= e;
  });
  client.defineCommand('leadRoutingCommit', {numberOfKeys: 1, lua: COMMIT_IF_UNCHANGED});
  client.defineCommand('leadRoutingReset', {numberOfKeys: 1, lua: RESET});
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw new RedisUnreachableError(c.host, c.port, firstError ?? e);
  }
  return client;
}

async function sharedClient(c: RedisConnection, o: RedisStoreOptions): Promise<CommitClient> {
  const key = clientKey(c);
  const cached = clients.get(key);
  if (cached) {
    const client = await cached.catch(() => undefined);
    if (client && client.status === 'ready') return client;
    clients.delete(key);
    client?.disconnect();
  }
  const fresh = connect(c, o);
  clients.set(key, fresh);
  fresh.catch(() => clients.delete(key));
  return fresh;
}

/** Close every shared client (tests, shutdown). */
export async function closeRedisClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map(p => p.then(c => c.quit()).catch(() => undefined)));
}

/** Ping with the credential's settings; the credential test and the node's inspect share it. */
export async function pingRedis(c: RedisConnection, o: RedisStoreOptions = {}): Promise<string> {
  const client = await sharedClient(c, o);
  try {
    return await client.ping();
  } catch (e) {
    throw new RedisUnreachableError(c.host, c.port, e);
  }
}

export class RedisStateStore implements StateStore {
  readonly key: string;

  private constructor(
    private readonly client: CommitClient,
    private readonly connection: RedisConnection,
    scope: StoreScope,
    private readonly maxAttempts: number,
  ) {
    this.key = redisStateKey(connection.keyPrefix, scope);
  }

  /** Connects (or reuses this process's client) first, so an unreachable server fails before any item. */
  static async open(
    connection: RedisConnection,
    scope: StoreScope,
    options: RedisStoreOptions = {},
  ): Promise<RedisStateStore> {
    const client = await sharedClient(connection, options);
    return new RedisStateStore(client, connection, scope, options.maxAttempts ?? 200);
  }

  private async run<R>(command: () => Promise<R>): Promise<R> {
    try {
      return await command();
    } catch (e) {
      if (this.client.status !== 'ready' || /timed? ?out|ECONN|EPIPE|writeable|closed/i.test(describe(e))) {
        throw new RedisUnreachableError(this.connection.host, this.connection.port, e);
      }
      throw e;
    }
  }

  private async snapshot(): Promise<{version: string; json: string | null}> {
    const [version, json] = await this.run(() => this.client.hmget(this.key, 'ver', 'state'));
    return {version: version ?? '0', json};
  }

  async transact<T>(
    decide: (state: RotationState | undefined) => {
      state: RotationState;
      result: T;
    },
  ): Promise<T> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const {version, json} = await this.snapshot();
      const {state, result} = decide(json === null ? undefined : (JSON.parse(json) as RotationState));
      const next = JSON.stringify(state);
      if (next === json) return result; // nothing changed (e.g. a duplicate): nothing to commit
      const committed = await this.run(() => this.client.leadRoutingCommit(this.key, version, next));
      if (committed === 1) return result;
      // Lost the race: someone else's commit is already in; a short, growing pause thins the herd.
      await sleep(Math.min(attempt, 20));
    }
    throw new RedisContentionError(this.key, this.maxAttempts);
  }

  async read(): Promise<RotationState | undefined> {
    const {json} = await this.snapshot();
    return json === null ? undefined : (JSON.parse(json) as RotationState);
  }

  /** Commit counter of this key (0 when never written): how many state changes were committed. */
  async version(): Promise<number> {
    return Number((await this.snapshot()).version);
  }

  /** Forget the rotation (cursors, counters, dedupe memory); the next lead starts from empty state. */
  async reset(): Promise<void> {
    await this.run(() => this.client.leadRoutingReset(this.key));
  }
}
