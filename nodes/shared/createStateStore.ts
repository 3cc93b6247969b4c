import {NodeOperationError, type IExecuteFunctions} from 'n8n-workflow';
import type {StateStore, StateStoreKind, StoreScope} from './stateStore';
import {StaticDataStateStore} from './staticDataStateStore';
import {openRedisStore} from './redisStoreForNode';

/** The parameter every stateful node reads (see stateStoreProperties in descriptions.ts). */
export const STATE_STORE_PARAMETER = 'stateStore';
export const REDIS_CREDENTIAL = 'leadRoutingRedisApi';

export function storeScope(ctx: IExecuteFunctions): StoreScope {
  const workflow = ctx.getWorkflow();
  return {workflowId: String(workflow.id ?? workflow.name ?? 'unsaved'), nodeName: ctx.getNode().name};
}

/**
 * The one place nodes get their state store. Scale-out wires the `redis` kind here
 * (nodes/shared/redisStateStore.ts, credential `leadRoutingRedisApi`).
 */
export async function createStateStore(ctx: IExecuteFunctions): Promise<StateStore> {
  const kind = ctx.getNodeParameter(STATE_STORE_PARAMETER, 0, 'staticData') as StateStoreKind;
  const scope = storeScope(ctx);
  switch (kind) {
    case 'staticData':
      return new StaticDataStateStore(ctx.getWorkflowStaticData('node'), scope);
    case 'redis': // scale-out (issue 6): nodes/shared/redisStoreForNode.ts
      return openRedisStore(ctx, scope, REDIS_CREDENTIAL);
    default:
      throw new NodeOperationError(ctx.getNode(), `Unknown state store "${String(kind)}"`, {
        description: 'Parameter "State Store" must be "staticData" or "redis".',
      });
  }
}
