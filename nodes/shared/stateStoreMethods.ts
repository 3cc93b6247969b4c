// Node `methods` of the stateful nodes: the Redis credential test (a PING), referenced by `testedBy`.
import {testRedisCredential} from './redisStoreForNode';

export const REDIS_CREDENTIAL_TEST = 'leadRoutingRedisApiTest';

export const stateStoreMethods = {
  credentialTest: {[REDIS_CREDENTIAL_TEST]: testRedisCredential},
};
