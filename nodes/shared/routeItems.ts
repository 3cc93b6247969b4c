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
  const {results, failed} = await inLedger(ctx, items, prepare, {
    run: (prepared, state, secret) => decideAll(prepared, state, opts.trace, secret),
    readOnly: opts.dryRun,
  });
  return {decisions: results, failed};
}

/**
 * The node side of one ledger transaction: prepares every item (a config error fails that item:
 * under continueOnFail it goes to `failed` with the config path, else the node throws), then runs
 * `run` on the ledger's latest state and commits its new state (on a read-only snapshot when
 * `readOnly`). A store failure (e.g. Redis unreachable) decides nothing: under continueOnFail every
 * prepared item goes to `failed` with the store's message (naming host and port), else it throws.
 */
export async function inLedger<P extends {index: number}, R>(
  ctx: IExecuteFunctions,
  items: INodeExecutionData[],
  prepare: (i: number) => P,
  opts: {
    /** `secret`: the node's pseudonym key (nodeSecret.ts), for createRouter's RouteOptions.secret. */
    run: (
      prepared: P[],
      state: RotationState | undefined,
      secret: string | undefined,
    ) => {state: RotationState; result: R[]};
    readOnly: boolean;
  },
): Promise<{results: R[]; failed: INodeExecutionData[]}> {
  const prepared: P[] = [];
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
  if (!prepared.length) return {results: [], failed};
  try {
    const store = await createStateStore(ctx);
    const secret = await pseudonymSecret(ctx);
    const results = opts.readOnly
      ? opts.run(prepared, await store.read(), secret).result
      : await store.transact(state => opts.run(prepared, state, secret));
    return {results, failed};
  } catch (error) {
    if (!ctx.continueOnFail()) {
      throw error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
    }
    const message = (error as Error).message;
    for (const p of prepared) failed.push(withError(items[p.index], p.index, `${message} (item ${p.index})`));
    return {results: [], failed};
  }
}
