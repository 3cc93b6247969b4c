import {NodeOperationError, type IExecuteFunctions} from 'n8n-workflow';
import type {StateStore, StateStoreKind, StoreScope} from './stateStore';
import {StaticDataStateStore} from './staticDataStateStore';
import {NodeStateStore, openRedisStore} from './redisStoreForNode';

/** The parameter every stateful node reads (see stateStoreProperties in descriptions.ts). */
export const STATE_STORE_PARAMETER = 'stateStore';
export const REDIS_CREDENTIAL = 'leadRoutingRedisApi';
/** The node parameter naming the ledger (issue 14); empty or absent = the workflow's ledger. */
export const LEDGER_PARAMETER = 'ledger';

function workflowIdOf(ctx: IExecuteFunctions): string {
  const workflow = ctx.getWorkflow();
  return String(workflow.id ?? workflow.name ?? 'unsaved');
}

/** The ledger of the workflow `workflowId`: shared by all its Route Lead and Round Robin nodes. */
export function workflowLedger(workflowId: string): string {
  return `workflow:${workflowId}`;
}

/**
 * The ledger this node reads and writes: its Ledger parameter (trimmed), or `workflow:<workflow id>`
 * when that is empty or absent (nodes saved before ledgers existed).
 */
export function ledgerName(ctx: IExecuteFunctions): string {
  const raw = ctx.getNodeParameter(LEDGER_PARAMETER, 0, '');
  const name = typeof raw === 'string' ? raw.trim() : '';
  return name || workflowLedger(workflowIdOf(ctx));
}

export function storeScope(ctx: IExecuteFunctions): StoreScope {
  return {workflowId: workflowIdOf(ctx), nodeName: ctx.getNode().name, ledger: ledgerName(ctx)};
}

/** The static data store of this node's ledger (also the Redis store's opt-in fallback). */
export function staticDataStore(ctx: IExecuteFunctions, scope: StoreScope): StaticDataStateStore {
  return new StaticDataStateStore(ctx.getWorkflowStaticData('global'), scope, ctx.getWorkflowStaticData('node'));
}

/**
 * The one place nodes get their state store: the node's ledger in workflow static data, or in
 * Redis (credential `leadRoutingRedisApi`). Store errors come out as NodeOperationErrors.
 */
export async function createStateStore(ctx: IExecuteFunctions): Promise<StateStore> {
  const kind = ctx.getNodeParameter(STATE_STORE_PARAMETER, 0, 'staticData') as StateStoreKind;
  const scope = storeScope(ctx);
  switch (kind) {
    case 'staticData':
      return new NodeStateStore(staticDataStore(ctx, scope), ctx);
    case 'redis': // scale-out (issue 6): nodes/shared/redisStoreForNode.ts
      return openRedisStore(ctx, scope, REDIS_CREDENTIAL);
    default:
      throw new NodeOperationError(ctx.getNode(), `Unknown state store "${String(kind)}"`, {
        description: 'Parameter "State Store" must be "staticData" or "redis".',
      });
  }
}
