// Node `methods` of the stateful nodes: the Redis credential test (a PING), referenced by `testedBy`.
import {testRedisCredential} from './redisStoreForNode';
import {getReps, REP_OPTIONS_METHOD} from './repOptions';

export const REDIS_CREDENTIAL_TEST = 'leadRoutingRedisApiTest';

export const stateStoreMethods = {
  credentialTest: {[REDIS_CREDENTIAL_TEST]: testRedisCredential},
};

/** Route Lead's methods: the credential test and the rep options (repOptions.ts). */
export const routeLeadMethods = {
  ...stateStoreMethods,
  loadOptions: {[REP_OPTIONS_METHOD]: getReps},
};
