// The shared execute loop of Route Lead and Round Robin: build each item's config, route all items
// in one state transaction (or on a read-only snapshot in a dry run), and split the items.
import {NodeOperationError, type IExecuteFunctions, type INodeExecutionData} from 'n8n-workflow';
import {createRouter, type CompiledConfig, type Decision, type RotationState, type RoutingWarning} from '../../shared';
import {configErrorToNodeError} from './configFromParameters';
import {createStateStore} from './createStateStore';
import {pseudonymSecret} from './nodeSecret';
import {withError} from './output';

export interface Prepared {
  index: number;
  compiled: CompiledConfig;
  lead: unknown;
  now: Date | string | number;
  /** Warnings found while preparing this item (roster cells, its time); first in the decision's. */
  warnings?: RoutingWarning[];
}

export interface RoutedItems {
  decisions: Array<{index: number; decision: Decision}>;
  failed: INodeExecutionData[];
}

/** Routes prepared items in input order through consecutive routers sharing one state. */
export function decideAll(prepared: Prepared[], state: RotationState | undefined, trace: boolean, secret?: string) {
  let current = state;
  const decisions: Array<{index: number; decision: Decision}> = [];
  let k = 0;
  while (k < prepared.length) {
    const router = createRouter(prepared[k].compiled, current, {trace, secret});
    while (k < prepared.length && prepared[k].compiled === router.compiled) {
      const p = prepared[k];
      decisions.push({index: p.index, decision: router.route(p.lead, p.now, p.index, p.warnings)});
      k++;
    }
    current = router.state();
  }
  return {state: current as RotationState, result: decisions};
}

/**
 * Prepares every item with `prepare` (config errors go to `failed` under continueOnFail, else throw
 * a NodeOperationError naming the config path), then routes them.
 */
export async function routeItems(
  ctx: IExecuteFunctions,
  items: INodeExecutionData[],
  prepare: (i: number) => Prepared,
  opts: {dryRun: boolean; trace: boolean},
): Promise<RoutedItems> {
  const prepared: Prepared[] = [];
  const failed: INodeExecutionData[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      prepared.push(prepare(i));
    } catch (error) {
      const nodeError = configErrorToNodeError(ctx, error, i);
      if (!ctx.continueOnFail()) throw nodeError;
      failed.push(
        withError(
          items[i],
          i,
          nodeError.description ? `${nodeError.message}\n${nodeError.description}` : nodeError.message,
        ),
      );
    }
  }
  if (!prepared.length) return {decisions: [], failed};
  try {
    const store = await createStateStore(ctx);
    const secret = await pseudonymSecret(ctx);
    const decisions = opts.dryRun
      ? decideAll(prepared, await store.read(), opts.trace, secret).result
      : await store.transact(state => decideAll(prepared, state, opts.trace, secret));
    return {decisions, failed};
  } catch (error) {
    // The state store failed (e.g. Redis unreachable): nothing was decided. Under continueOnFail
    // every prepared item goes out unrouted with the store's message (naming host and port).
    if (!ctx.continueOnFail()) {
      throw error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
    }
    const message = (error as Error).message;
    for (const p of prepared) failed.push(withError(items[p.index], p.index, `${message} (item ${p.index})`));
    return {decisions: [], failed};
  }
}
