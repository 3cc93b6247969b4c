import {route} from '../../../shared';
import type {RotationState} from '../../../shared/types';
import {NodeOperationError, type ICredentialTestFunctions, type IExecuteFunctions} from 'n8n-workflow';
import {
  NodeStateStore,
  REDIS_FALLBACK_PARAMETER,
  openRedisStore,
  testRedisCredential,
} from '../../../nodes/shared/redisStoreForNode';
import {StaticDataStateStore} from '../../../nodes/shared/staticDataStateStore';
import {
  closeRedisClients,
  pingRedis,
  RedisStateStore,
  RedisUnreachableError,
  redisLedgerKey,
  redisStateKey,
} from '../../../nodes/shared/redisStateStore';
import {freePort, startRedis, type RedisServer, REPS, NOW, poolConfig as config} from './redisServer';

// A real redis-server on a free loopback port (./redisServer.ts). The concurrency cases race 100
// commits: on a loaded machine that takes longer than jest's 5 s default.
jest.setTimeout(60000);

let redis: RedisServer;
let port: number;
const redisCli = (...args: string[]) => redis.cli(...args);

beforeAll(async () => {
  redis = await startRedis();
  port = redis.port;
});

afterAll(async () => {
  await closeRedisClients();
  redis.stop();
});

const conn = () => ({host: '127.0.0.1', port, keyPrefix: 'test:'});
let n = 0;
const freshScope = () => {
  const workflowId = `wf-${++n}`;
  return {workflowId, nodeName: 'Round Robin', ledger: `workflow:${workflowId}`};
};

function routeLead(store: RedisStateStore, lead: Record<string, unknown>) {
  return store.transact(state => {
    const {decision, state: next} = route(lead, config, state, NOW);
    return {state: next, result: decision};
  });
}

/** A counter decision: the smallest thing that loses updates if the commit is not atomic. */
function bump(store: RedisStateStore, calls: {n: number}) {
  return store.transact(state => {
    calls.n++;
    const s: RotationState = state ?? {v: 1, pools: {}, reps: {}, accounts: {}, dedupe: {}};
    const count = (s.reps.x?.n ?? 0) + 1;
    return {state: {...s, reps: {...s.reps, x: {n: count}}}, result: count};
  });
}

test('concurrent transactions never lose an update, and conflicts really happened', async () => {
  const stores = await Promise.all(
    [1, 2, 3].map(i => RedisStateStore.open(conn(), {workflowId: `race${i}`, nodeName: `n${i}`, ledger: 'race'})),
  );
  const calls = {n: 0};
  const results = await Promise.all(Array.from({length: 150}, (_, i) => bump(stores[i % 3], calls)));
  expect([...results].sort((a, b) => a - b)).toEqual(Array.from({length: 150}, (_, i) => i + 1));
  expect((await stores[0].read())?.reps.x?.n).toBe(150);
  expect(await stores[0].version()).toBe(150);
  expect(calls.n).toBeGreaterThan(150); // some decisions were re-run after losing a race
});

test('100 concurrent leads through the core: each of 4 reps gets exactly 25, every lead one owner', async () => {
  const store = await RedisStateStore.open(conn(), freshScope());
  const leads = Array.from({length: 100}, (_, i) => ({id: `L${i}`, email: `person${i}@corp${i}.example.com`}));
  const decisions = await Promise.all(leads.map(l => routeLead(store, l)));
  const perRep: Record<string, number> = {};
  for (const d of decisions) perRep[String(d.ownerId)] = (perRep[String(d.ownerId)] ?? 0) + 1;
  expect(perRep).toEqual({ana: 25, ben: 25, cara: 25, dev: 25});
  expect(new Set(decisions.map(d => d.leadId)).size).toBe(100);
  const state = await store.read();
  expect(REPS.map(r => state?.reps[r]?.n)).toEqual([25, 25, 25, 25]);
});

test('a duplicate gets the same owner and commits nothing', async () => {
  const store = await RedisStateStore.open(conn(), freshScope());
  const first = await Promise.all([0, 1, 2].map(i => routeLead(store, {id: `D${i}`, email: `d${i}@x.example.com`})));
  const version = await store.version();
  const before = JSON.stringify(await store.read());
  const again = await Promise.all([0, 1, 2].map(i => routeLead(store, {id: `D${i}`, email: `d${i}@x.example.com`})));
  expect(again.map(d => d.ownerId)).toEqual(first.map(d => d.ownerId));
  expect(again.every(d => d.stage === 'duplicate')).toBe(true);
  expect(await store.version()).toBe(version);
  expect(JSON.stringify(await store.read())).toBe(before);
});

test('one key per ledger: nodes and workflows naming it share it; state holds no lead e-mail', async () => {
  const a = await RedisStateStore.open(conn(), {workflowId: 'wf:1', nodeName: 'Route Lead', ledger: 'workflow:wf:1'});
  const b = await RedisStateStore.open(conn(), {workflowId: 'wf:1', nodeName: 'SLA re-route', ledger: 'workflow:wf:1'});
  const other = await RedisStateStore.open(conn(), {
    workflowId: 'wf:2',
    nodeName: 'Route Lead',
    ledger: 'workflow:wf:2',
  });
  const named = await RedisStateStore.open(conn(), {workflowId: 'wf:2', nodeName: 'Intake', ledger: 'inbound team'});
  const named2 = await RedisStateStore.open(conn(), {workflowId: 'wf:3', nodeName: 'Events', ledger: 'inbound team'});
  expect(a.key).toBe('test:ledger:workflow%3Awf%3A1');
  expect(b.key).toBe(a.key);
  expect(other.key).not.toBe(a.key);
  expect(named.key).toBe('test:ledger:inbound%20team');
  expect(named2.key).toBe(named.key);
  expect(a.legacyKey).toBe('test:state:wf%3A1:Route%20Lead');
  await routeLead(a, {id: 'P1', email: 'secret.person@customer.example.com'});
  expect((await b.read())?.reps.ana?.n).toBe(1);
  expect(await other.read()).toBeUndefined();
  await routeLead(named, {id: 'P2'});
  expect((await named2.read())?.reps.ana?.n).toBe(1);
  expect(JSON.stringify(await a.read())).not.toContain('secret.person');
  expect(JSON.stringify(await a.read())).not.toContain('customer.example.com');
  expect(redisLedgerKey(undefined, 'x')).toBe('lead-routing:ledger:x');
  expect(redisStateKey(undefined, {workflowId: '7', nodeName: 'x'})).toBe('lead-routing:state:7:x');
});

test('reset forgets the rotation and a stale decision cannot overwrite it', async () => {
  const store = await RedisStateStore.open(conn(), freshScope());
  await routeLead(store, {id: 'R1', email: 'r1@x.example.com'});
  const versionBefore = await store.version();
  await store.reset();
  expect(await store.read()).toBeUndefined();
  expect(await store.version()).toBeGreaterThan(versionBefore);
  const d = await routeLead(store, {id: 'R1', email: 'r1@x.example.com'});
  expect(d.stage).toBe('pool'); // dedupe memory is gone too
  expect(d.ownerId).toBe('ana');
});

test('unreachable Redis fails (no reconnect loop) with host and port in the message', async () => {
  const deadPort = await freePort();
  await expect(
    RedisStateStore.open({host: '127.0.0.1', port: deadPort}, freshScope(), {connectTimeoutMs: 1000}),
  ).rejects.toThrow(new RedisUnreachableError('127.0.0.1', deadPort, new Error('x')).message.replace(/x$/, '').trim());
  await expect(pingRedis({host: '127.0.0.1', port: deadPort})).rejects.toBeInstanceOf(RedisUnreachableError);
});

test('ping answers PONG for an ACL user and a wrong password is refused naming host and port', async () => {
  expect(await pingRedis(conn())).toBe('PONG');
  await redisCli('ACL', 'SETUSER', 'router', 'on', '>right-password', '~test:*', '+@all');
  expect(await pingRedis({...conn(), user: 'router', password: 'right-password'})).toBe('PONG');
  await expect(pingRedis({...conn(), user: 'router', password: 'wrong-password'})).rejects.toThrow(
    new RegExp(`^Cannot reach Redis at 127\\.0\\.0\\.1:${port}: WRONGPASS`),
  );
});

describe('the node side (redisStoreForNode)', () => {
  const node = {
    id: '1',
    name: 'Round Robin',
    type: 'n8n-nodes-lead-routing.roundRobin',
    typeVersion: 1,
    position: [0, 0],
  };
  function ctxStub(credential: Record<string, unknown>, fallback: boolean) {
    const staticData = {};
    return {
      getNode: () => node,
      getCredentials: async () => credential,
      getNodeParameter: (name: string, _i: number, dflt: unknown) =>
        name === REDIS_FALLBACK_PARAMETER ? fallback : dflt,
      getWorkflowStaticData: () => staticData,
    } as unknown as IExecuteFunctions;
  }

  test('unreachable Redis is a NodeOperationError naming host and port, unless the fallback is chosen', async () => {
    const deadPort = await freePort();
    const credential = {host: '127.0.0.1', port: deadPort, keyPrefix: 'test:'};
    const failing = openRedisStore(ctxStub(credential, false), freshScope(), 'leadRoutingRedisApi');
    await expect(failing).rejects.toBeInstanceOf(NodeOperationError);
    await expect(failing).rejects.toThrow(`Cannot reach Redis at 127.0.0.1:${deadPort}`);
    const local = await openRedisStore(ctxStub(credential, true), freshScope(), 'leadRoutingRedisApi');
    expect((local as NodeStateStore).inner).toBeInstanceOf(StaticDataStateStore);
  });

  test('a reachable Redis gives a store whose commits land in Redis', async () => {
    const scope = freshScope();
    const store = await openRedisStore(ctxStub({host: '127.0.0.1', port, keyPrefix: 'test:'}, true), scope, 'x');
    expect((store as NodeStateStore).inner).toBeInstanceOf(RedisStateStore);
    await store.transact(state => ({state: route({id: 'N1'}, config, state, NOW).state, result: null}));
    expect(await redisCli('HGET', redisLedgerKey('test:', scope.ledger), 'ver')).toBe('1');
  });

  test('credential test: OK on PING, Error with host and port otherwise', async () => {
    const ok = await testRedisCredential.call({} as ICredentialTestFunctions, {
      id: '1',
      name: 'r',
      type: 'leadRoutingRedisApi',
      data: {host: '127.0.0.1', port, database: 0},
    });
    expect(ok.status).toBe('OK');
    const deadPort = await freePort();
    const bad = await testRedisCredential.call({} as ICredentialTestFunctions, {
      id: '1',
      name: 'r',
      type: 'leadRoutingRedisApi',
      data: {host: '127.0.0.1', port: deadPort},
    });
    expect(bad).toEqual({
      status: 'Error',
      message: expect.stringContaining(`Cannot reach Redis at 127.0.0.1:${deadPort}`),
    });
  });
});
