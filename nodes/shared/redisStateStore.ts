// This module has no node context; redisStoreForNode.ts turns its errors into NodeOperationErrors.
/* eslint-disable @n8n/community-nodes/require-node-api-error */
import type Redis from 'ioredis';
import {sleep} from 'n8n-workflow';
import {mergeStates, parseState, StateError, type RotationState} from '../../shared';
import type {StateStore, StoreScope} from './stateStore';

/**
 * Ledger state in Redis, exact across any number of n8n workers (queue mode) and workflows.
 *
 * One Redis hash per ledger, `<prefix>ledger:<ledger name>`: `ver` (commit counter), `state` (the
 * core's small JSON, no lead PII) and `commit` (the id of the last commit). transact() reads `ver`
 * and `state`, runs the pure decision in Node, and commits with a Lua compare-and-set on `ver`: if
 * another writer committed in between, nothing is written and the decision is re-run on the newer
 * state. Every round has a winner, so the retries are bounded by the number of executions racing
 * for the same key. A decision that leaves the state unchanged (a duplicate lead) writes nothing.
 *
 * Commit ids (issue 11 #6): every commit attempt carries a fresh id; the commit script also writes
 * `<ledger key>:commit:<id>` = the new `ver` (expiring after COMMIT_ID_TTL_MS). When the commit command
 * times out, the store asks Redis for that key; if it is absent, it fences the id (writes "fenced"
 * under it, so the queued commit, should it still arrive, is refused) and re-runs the decision. So
 * the outcome reported is the one Redis holds, and no item is counted twice.
 *
 * Migration (issue 14): the pre-ledger key `<prefix>state:<workflow id>:<node name>` of the node
 * using the ledger is merged into it (mergeStates) by the same Lua commit that marks the old hash
 * `migrated` = the ledger key; the old `state` is kept.
 *
 * What it reads is validated with parseState: a value that is not a state, is damaged, or was
 * written by a newer version is refused (StateError, message names the key and the recovery).
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
  /** Tries to learn a timed-out commit's outcome, each up to the command timeout (default 3). */
  resolveAttempts?: number;
}

/** Redis could not be reached or stopped answering; the message names host and port. */
export class RedisUnreachableError extends Error {
  /**
   * `timeoutMs`: set when the connection was up but a command got no answer within that many ms (Redis busy,
   * blocked or paused), which the message then says instead of "cannot reach".
   */
  constructor(
    readonly host: string,
    readonly port: number,
    cause: unknown,
    readonly timeoutMs?: number,
  ) {
    super(
      timeoutMs === undefined
        ? `Cannot reach Redis at ${host}:${port}: ${describe(cause)}`
        : `Redis at ${host}:${port} is connected but did not answer within ${timeoutMs} ms (${describe(cause)}): it is busy, blocked or paused`,
    );
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

/** A commit was sent, then Redis stopped answering before its outcome could be learned. */
export class RedisOutcomeUnknownError extends RedisUnreachableError {
  /** Holds the ledger version the commit made once it is in, or "fenced"/nothing when it is not. */
  readonly commitKey: string;

  constructor(host: string, port: number, key: string, commitId: string, cause: unknown) {
    super(host, port, cause);
    this.commitKey = commitKeyPrefix(key) + commitId;
    this.message =
      `Redis at ${host}:${port} stopped answering while committing to ${key} (commit ${commitId}): ` +
      'whether these assignments were saved is unknown. Once Redis answers, ' +
      `"redis-cli GET ${commitKeyPrefix(key)}${commitId}" prints the ledger version it made (or nothing).`;
    this.name = 'RedisOutcomeUnknownError';
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}

function isTimeout(e: unknown): boolean {
  return /timed? ?out/i.test(describe(e));
}

export const DEFAULT_KEY_PREFIX = 'lead-routing:';
/** Command timeout (ms) unless RedisStoreOptions.commandTimeoutMs says otherwise. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5000;
/** How long a commit id is kept (ms): far longer than any command timeout. */
export const COMMIT_ID_TTL_MS = 10 * 60 * 1000;

/** `<prefix>ledger:<ledger name>`, the name URI-encoded (a ':' in a name cannot collide with another key). */
export function redisLedgerKey(keyPrefix: string | undefined, ledger: string): string {
  return `${keyPrefix ?? DEFAULT_KEY_PREFIX}ledger:${encodeURIComponent(ledger)}`;
}

/** The pre-ledger key of a node: `<prefix>state:<workflow id>:<node name>`, both parts URI-encoded. */
export function redisStateKey(
  keyPrefix: string | undefined,
  scope: Pick<StoreScope, 'workflowId' | 'nodeName'>,
): string {
  const prefix = keyPrefix ?? DEFAULT_KEY_PREFIX;
  return `${prefix}state:${encodeURIComponent(scope.workflowId)}:${encodeURIComponent(scope.nodeName)}`;
}

/** Commit ids of a ledger key live under `<ledger key>:commit:`. */
function commitKeyPrefix(ledgerKey: string): string {
  return `${ledgerKey}:commit:`;
}

// KEYS[1] ledger hash, KEYS[2] this attempt's commit-id key, KEYS[3] pre-ledger hash of the node.
// ARGV[1] version the decision read, ARGV[2] new state JSON, ARGV[3] commit id, ARGV[4] commit-id TTL
// (ms), ARGV[5] '1' when the pre-ledger state was merged into this commit.
// Returns 1 committed, 0 the version moved (re-run), -1 this id was fenced, -2 migrated (or the ledger was
// reset, which closes it to pre-ledger state) meanwhile.
const COMMIT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
if (redis.call('HGET', KEYS[1], 'ver') or '0') ~= ARGV[1] then return 0 end
if ARGV[5] == '1' and (redis.call('HEXISTS', KEYS[3], 'migrated') == 1 or redis.call('HEXISTS', KEYS[1], 'legacyClosed') == 1) then return -2 end
local ver = tostring(tonumber(ARGV[1]) + 1)
redis.call('HSET', KEYS[1], 'ver', ver, 'state', ARGV[2], 'commit', ARGV[3])
redis.call('SET', KEYS[2], ver, 'PX', ARGV[4])
if ARGV[5] == '1' then redis.call('HSET', KEYS[3], 'migrated', KEYS[1]) end
return 1
`;

// KEYS[1] a commit-id key; ARGV[1] TTL (ms). The ledger version the commit made, else 'fenced'
// (and from now on that commit is refused).
const RESOLVE = `
local ver = redis.call('GET', KEYS[1])
if ver then return ver end
redis.call('SET', KEYS[1], 'fenced', 'PX', ARGV[1])
return 'fenced'
`;

// KEYS[1] ledger hash, KEYS[2] pre-ledger hash, KEYS[3] where to keep an unreadable state.
// ARGV[1] '1' to keep the current state aside. Reset keeps the commit counter growing (never back
// to a version a stale decision may have read), and no node's pre-ledger state is merged later
// (`legacyClosed`: also a node of the ledger that has not run since).
const RESET = `
if ARGV[1] == '1' then
  local raw = redis.call('HGET', KEYS[1], 'state')
  if raw then redis.call('SET', KEYS[3], raw) end
end
redis.call('HDEL', KEYS[1], 'state')
redis.call('HSET', KEYS[1], 'legacyClosed', '1')
if redis.call('HEXISTS', KEYS[2], 'state') == 1 then redis.call('HSET', KEYS[2], 'migrated', KEYS[1]) end
return redis.call('HINCRBY', KEYS[1], 'ver', 1)
`;

type CommitClient = Redis & {
  leadRoutingCommit(
    key: string,
    commitKey: string,
    legacyKey: string,
    expectedVersion: string,
    state: string,
    commitId: string,
    ttlMs: string,
    migrating: string,
  ): Promise<number>;
  leadRoutingResolve(commitKey: string, ttlMs: string): Promise<string>;
  leadRoutingReset(key: string, legacyKey: string, asideKey: string, keepAside: string): Promise<number>;
};

// One client per connection setting per process: executions of every workflow in a worker share it.
const clients = new Map<string, Promise<CommitClient>>();
/** Pre-ledger keys known to be merged or empty, per connection: no need to look again. */
const settledLegacy = new Set<string>();
/**
 * The last state text validated per ledger key and connection, with its parsed state: racing
 * executions re-read the same text many times; the core never mutates a state it is given.
 */
const validated = new Map<string, {json: string; state: RotationState}>();

function clientKey(c: RedisConnection, o: RedisStoreOptions = {}): string {
  return JSON.stringify([
    c.host,
    c.port,
    c.user ?? '',
    c.password ?? '',
    c.database ?? 0,
    !!c.tls,
    o.connectTimeoutMs ?? 3000,
    o.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
  ]);
}

/** SNI must not carry an IP address (RFC 6066). */
function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

async function connect(c: RedisConnection, o: RedisStoreOptions): Promise<CommitClient> {
  // Loaded on first use: nodes that never use Redis (Territory Match, static data) never load the client.
  const {default: RedisClient} = await import('ioredis');
  const client = new RedisClient({
    host: c.host,
    port: c.port,
    username: c.user || undefined,
    password: c.password || undefined,
    db: c.database ?? 0,
    tls: c.tls ? {servername: isIpAddress(c.host) ? undefined : c.host} : undefined,
    lazyConnect: true,
    connectTimeout: o.connectTimeoutMs ?? 3000,
    commandTimeout: o.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
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
  client.defineCommand('leadRoutingCommit', {numberOfKeys: 3, lua: COMMIT});
  client.defineCommand('leadRoutingResolve', {numberOfKeys: 1, lua: RESOLVE});
  client.defineCommand('leadRoutingReset', {numberOfKeys: 3, lua: RESET});
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
  const key = clientKey(c, o);
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
  settledLegacy.clear();
  validated.clear();
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

interface Snapshot {
  version: string;
  state: RotationState | undefined;
  /** The node's pre-ledger state, when it is still to be merged. */
  legacy: RotationState | undefined;
}

export class RedisStateStore implements StateStore {
  /** The ledger's hash. */
  readonly key: string;
  /** The node's pre-ledger hash (read once, marked `migrated`). */
  readonly legacyKey: string;
  private readonly settledKey: string;
  private readonly validatedKey: string;

  private constructor(
    private client: CommitClient,
    private readonly connection: RedisConnection,
    private readonly scope: StoreScope,
    private readonly options: RedisStoreOptions,
  ) {
    this.key = redisLedgerKey(connection.keyPrefix, scope.ledger);
    this.legacyKey = redisStateKey(connection.keyPrefix, scope);
    this.settledKey = JSON.stringify([clientKey(connection), this.legacyKey]);
    this.validatedKey = JSON.stringify([clientKey(connection), this.key]);
  }

  /** Connects (or reuses this process's client) first, so an unreachable server fails before any item. */
  static async open(
    connection: RedisConnection,
    scope: StoreScope,
    options: RedisStoreOptions = {},
  ): Promise<RedisStateStore> {
    const client = await sharedClient(connection, options);
    return new RedisStateStore(client, connection, scope, options);
  }

  private unreachable(e: unknown): RedisUnreachableError {
    return new RedisUnreachableError(this.connection.host, this.connection.port, e);
  }

  private async run<R>(command: () => Promise<R>): Promise<R> {
    try {
      return await command();
    } catch (e) {
      if (this.client.status === 'ready' && isTimeout(e)) {
        const {host, port} = this.connection;
        throw new RedisUnreachableError(host, port, e, this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
      }
      if (this.client.status !== 'ready' || /timed? ?out|ECONN|EPIPE|writeable|closed/i.test(describe(e))) {
        throw this.unreachable(e);
      }
      throw e;
    }
  }

  private recovery(): string {
    return (
      `To start this ledger over, run a Round Robin node with Operation "Reset Rotation" and Ledger "${this.scope.ledger}" ` +
      `(it forgets this ledger's rotation, counters and dedupe memory, and keeps the unreadable value under "${this.key}:unreadable:<ver>"), ` +
      `or with redis-cli: RENAME "${this.key}" "${this.key}:unreadable".`
    );
  }

  private parse(json: string, where: string): RotationState {
    try {
      return parseState(json, where);
    } catch (e) {
      if (!(e instanceof StateError) || e.kind === 'newer_version') throw e;
      throw new StateError(e.kind, `${e.message} ${this.recovery()}`);
    }
  }

  private parseCached(json: string): RotationState {
    const cached = validated.get(this.validatedKey);
    if (cached?.json === json) return cached.state;
    const state = this.parse(json, `Redis key "${this.key}" (field "state")`);
    validated.set(this.validatedKey, {json, state});
    return state;
  }

  private async snapshot(): Promise<Snapshot> {
    const legacyOpen = !settledLegacy.has(this.settledKey);
    const [[version, json, legacyClosed], legacyFields] = await this.run(() =>
      Promise.all([
        this.client.hmget(this.key, 'ver', 'state', 'legacyClosed'),
        legacyOpen ? this.client.hmget(this.legacyKey, 'state', 'migrated') : Promise.resolve([null, null]),
      ]),
    );
    const state = json === null ? undefined : this.parseCached(json);
    const [legacyJson, migrated] = legacyFields;
    if (legacyOpen && (legacyJson === null || migrated !== null || legacyClosed !== null))
      settledLegacy.add(this.settledKey);
    let legacy: RotationState | undefined;
    if (legacyJson !== null && migrated === null && legacyClosed === null) {
      try {
        legacy = parseState(legacyJson, `Redis key "${this.legacyKey}" (field "state", from before ledgers)`);
      } catch (e) {
        if (!(e instanceof StateError) || e.kind === 'newer_version') throw e;
        throw new StateError(
          e.kind,
          `${e.message} It cannot be merged into ledger "${this.scope.ledger}". To go on without it: redis-cli HSET "${this.legacyKey}" migrated skipped`,
        );
      }
    }
    return {version: version ?? '0', state, legacy};
  }

  /** A client that is ready: this one, or a fresh one when it dropped. */
  private async ready(): Promise<CommitClient> {
    if (this.client.status !== 'ready') this.client = await sharedClient(this.connection, this.options);
    return this.client;
  }

  /**
   * After a commit timed out: whether commit `id` is in (true), or fenced so it never will be
   * (false). Throws RedisOutcomeUnknownError when Redis does not answer.
   */
  private async resolve(id: string, cause: unknown): Promise<boolean> {
    const tries = this.options.resolveAttempts ?? 3;
    let last = cause;
    for (let i = 0; i < tries; i++) {
      try {
        const client = await this.ready();
        const ver = await client.leadRoutingResolve(commitKeyPrefix(this.key) + id, String(COMMIT_ID_TTL_MS));
        return ver !== 'fenced';
      } catch (e) {
        last = e;
        if (!isTimeout(e) && !(e instanceof RedisUnreachableError)) break;
      }
    }
    throw new RedisOutcomeUnknownError(this.connection.host, this.connection.port, this.key, id, last);
  }

  /** Commits `next` if `ver` is still `version`: 1 in, 0 / -2 re-run (see COMMIT), or the resolved outcome after a timeout. */
  private async commit(version: string, next: string, migrating: boolean): Promise<number> {
    const id = crypto.randomUUID();
    try {
      return await this.client.leadRoutingCommit(
        this.key,
        commitKeyPrefix(this.key) + id,
        this.legacyKey,
        version,
        next,
        id,
        String(COMMIT_ID_TTL_MS),
        migrating ? '1' : '0',
      );
    } catch (e) {
      if (!isTimeout(e) && this.client.status === 'ready') throw e;
      // The command may have reached Redis: learn the outcome before reporting anything.
      return (await this.resolve(id, e)) ? 1 : 0;
    }
  }

  async transact<T>(
    decide: (state: RotationState | undefined) => {
      state: RotationState;
      result: T;
    },
  ): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 200;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const {version, state: current, legacy} = await this.snapshot();
      const base = legacy ? mergeStates(current, legacy) : current;
      const {state, result} = decide(base);
      const next = JSON.stringify(state);
      // Nothing changed (e.g. a duplicate) and nothing to migrate: nothing to commit.
      if (!legacy && base !== undefined && next === JSON.stringify(base)) return result;
      const committed = await this.commit(version, next, legacy !== undefined);
      if (committed === 1) {
        if (legacy) settledLegacy.add(this.settledKey);
        return result;
      }
      if (committed === -2) settledLegacy.add(this.settledKey);
      // Lost the race: someone else's commit is already in; a short, growing pause thins the herd.
      await sleep(Math.min(attempt, 20));
    }
    throw new RedisContentionError(this.key, maxAttempts);
  }

  /** The ledger as the next transaction would see it (this node's pre-ledger state merged in, nothing written). */
  async read(): Promise<RotationState | undefined> {
    const {state, legacy} = await this.snapshot();
    return legacy ? mergeStates(state, legacy) : state;
  }

  /** Commit counter of this ledger (0 when never written): how many state changes were committed. */
  async version(): Promise<number> {
    const ver = await this.run(() => this.client.hget(this.key, 'ver'));
    return Number(ver ?? 0);
  }

  /**
   * Forget the rotation (cursors, counters, dedupe memory); the next lead starts from empty state.
   * An unreadable state is kept aside under `<key>:unreadable:<ver>`.
   */
  async reset(): Promise<void> {
    const [ver, json] = await this.run(() => this.client.hmget(this.key, 'ver', 'state'));
    let unreadable = false;
    if (json !== null) {
      try {
        parseState(json, this.key);
      } catch {
        unreadable = true;
      }
    }
    const aside = `${this.key}:unreadable:${ver ?? '0'}`;
    await this.run(() => this.client.leadRoutingReset(this.key, this.legacyKey, aside, unreadable ? '1' : '0'));
    settledLegacy.add(this.settledKey);
  }
}
