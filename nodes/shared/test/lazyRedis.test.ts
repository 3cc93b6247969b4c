// The Redis client is loaded only when a node opens a Redis store: loading the nodes (Territory Match
// never uses Redis; the others only with State Store = Redis) must not load it.
jest.setTimeout(60000); // ts-jest compiles the three nodes on first import

let redisLoaded = false;
jest.mock('ioredis', () => {
  redisLoaded = true;
  return jest.requireActual('ioredis');
});

test('loading the nodes does not load ioredis; opening a Redis store does', async () => {
  await import('../../TerritoryMatch/TerritoryMatch.node');
  await import('../../RouteLead/RouteLead.node');
  await import('../../RoundRobin/RoundRobin.node');
  expect(redisLoaded).toBe(false);
  const {RedisStateStore, RedisUnreachableError} = await import('../redisStateStore');
  // Port 9 (discard) on loopback: nothing listens there, the connection is refused.
  await expect(
    RedisStateStore.open({host: '127.0.0.1', port: 9}, {workflowId: 'w', nodeName: 'n', ledger: 'l'}),
  ).rejects.toBeInstanceOf(RedisUnreachableError);
  expect(redisLoaded).toBe(true);
});
