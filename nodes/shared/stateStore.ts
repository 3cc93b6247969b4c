import type {RotationState} from '../../shared/types';

/**
 * Where a ledger's state lives (cursors, counters, hashed dedupe keys; never lead PII).
 * Implementations: static data (staticDataStateStore.ts), Redis (redisStateStore.ts, scale-out).
 * Every implementation validates what it reads with parseState (shared/state.ts) and refuses, with
 * a message naming the store, the key and how to recover, anything that is not a state this version
 * can use (docs/troubleshooting.md).
 */
export interface StateStore {
  /** Run decide() on the latest committed state and commit its new state atomically (retry on conflict). decide must be pure. */
  transact<T>(
    decide: (state: RotationState | undefined) => {
      state: RotationState;
      result: T;
    },
  ): Promise<T>;
  read(): Promise<RotationState | undefined>;
  /** Forget the ledger's state (an unreadable stored value is kept aside, see each store). */
  reset(): Promise<void>;
}

/**
 * Which state a store holds: the ledger `ledger` (issue 14), as used by the node `nodeName` of the
 * workflow `workflowId`. `ledger` is the resolved name: the node's Ledger parameter, or
 * `workflow:<workflowId>` when that is empty (one ledger shared by every Route Lead and Round Robin
 * node of the workflow). `workflowId` and `nodeName` locate the node's pre-ledger state, which is
 * merged into the ledger on first use.
 */
export interface StoreScope {
  workflowId: string;
  nodeName: string;
  ledger: string;
}

export type StateStoreKind = 'staticData' | 'redis';
