import {
  NodeOperationError,
  type ICredentialsDecrypted,
  type ICredentialTestFunctions,
  type IDataObject,
  type IExecuteFunctions,
  type INodeCredentialTestResult,
  type INodeProperties,
} from 'n8n-workflow';
import {pingRedis, RedisStateStore, RedisUnreachableError, type RedisConnection} from './redisStateStore';
import type {RotationState} from '../../shared/types';
import type {StateStore, StoreScope} from './stateStore';
import {StaticDataStateStore} from './staticDataStateStore';

/** The n8n side of the Redis store: credential -> connection, errors -> node errors, the opt-in fallback. */

export const REDIS_FALLBACK_PARAMETER = 'fallbackToLocal';

/** Shown with State Store = Redis. Off by default: an unreachable Redis is an error, never a silent local rotation. */
export const redisFallbackProperty: INodeProperties = {
  displayName: 'If Redis Is Unreachable',
  name: REDIS_FALLBACK_PARAMETER,
  type: 'options',
  noDataExpression: true,
  displayOptions: {show: {stateStore: ['redis']}},
  options: [
    {name: 'Stop With an Error', value: false, description: 'The execution fails and names the Redis host and port'},
    {
      name: 'Use This Worker’s Static Data',
      value: true,
      description: 'Keep routing with a local rotation: fair within this worker only, not across workers',
    },
  ],
  default: false,
};

export function redisConnection(credential: IDataObject): RedisConnection {
  const port = Number(credential.port ?? 6379);
  return {
    host: String(credential.host ?? 'localhost'),
    port: Number.isFinite(port) ? port : 6379,
    user: credential.user ? String(credential.user) : undefined,
    password: credential.password ? String(credential.password) : undefined,
    database: Number(credential.database ?? 0) || 0,
    tls: credential.tls === true,
    keyPrefix: typeof credential.keyPrefix === 'string' ? credential.keyPrefix : undefined,
  };
}

const UNREACHABLE_HINT =
  'Check the Lead Routing Redis credential (host, port, TLS, password) and that Redis is running. ' +
  'To keep routing with a per-worker rotation while Redis is down, set "If Redis Is Unreachable" to "Use This Worker’s Static Data".';

/** Every store error becomes a NodeOperationError; an unreachable Redis names host and port and says what to check. */
export function toNodeError(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
  if (error instanceof NodeOperationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const nodeError = new NodeOperationError(ctx.getNode(), message, {
    description: error instanceof RedisUnreachableError ? UNREACHABLE_HINT : undefined,
  });
  // n8n swaps any message containing ECONNREFUSED, ETIMEDOUT... for a generic sentence without host or port.
  nodeError.message = message;
  return nodeError;
}

/** A store as the nodes see it: the same operations, node errors only. */
export class NodeStateStore implements StateStore {
  constructor(
    readonly inner: StateStore,
    private readonly ctx: IExecuteFunctions,
  ) {}

  async transact<T>(decide: (state: RotationState | undefined) => {state: RotationState; result: T}): Promise<T> {
    try {
      return await this.inner.transact(decide);
    } catch (error) {
      throw toNodeError(this.ctx, error);
    }
  }

  async read(): Promise<RotationState | undefined> {
    try {
      return await this.inner.read();
    } catch (error) {
      throw toNodeError(this.ctx, error);
    }
  }

  async reset(): Promise<void> {
    try {
      await this.inner.reset();
    } catch (error) {
      throw toNodeError(this.ctx, error);
    }
  }
}

export async function openRedisStore(
  ctx: IExecuteFunctions,
  scope: StoreScope,
  credentialName: string,
): Promise<StateStore> {
  let connection: RedisConnection;
  let store: RedisStateStore;
  try {
    connection = redisConnection((await ctx.getCredentials(credentialName)) as IDataObject);
    store = await RedisStateStore.open(connection, scope);
  } catch (error) {
    if (error instanceof RedisUnreachableError && ctx.getNodeParameter(REDIS_FALLBACK_PARAMETER, 0, false) === true) {
      return new NodeStateStore(
        new StaticDataStateStore(ctx.getWorkflowStaticData('global'), scope, ctx.getWorkflowStaticData('node')),
        ctx,
      );
    }
    throw toNodeError(ctx, error);
  }
  return new NodeStateStore(store, ctx);
}

/** Credential test (wired with `testedBy`): a PING with the credential's settings. */
export async function testRedisCredential(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  try {
    await pingRedis(redisConnection((credential.data ?? {}) as IDataObject));
    return {status: 'OK', message: 'Connection successful'};
  } catch (error) {
    return {status: 'Error', message: error instanceof Error ? error.message : String(error)};
  }
}
