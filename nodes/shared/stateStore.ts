import type {RotationState} from '../../shared/types';

/**
 * Where a node keeps its rotation state (cursors, counters, hashed dedupe keys; never lead PII).
 * Implementations: static data (staticDataStateStore.ts), Redis (redisStateStore.ts, scale-out).
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
  reset(): Promise<void>;
}

/** Which state a store holds: one per workflow and node. */
export interface StoreScope {
  workflowId: string;
  nodeName: string;
}

export type StateStoreKind = 'staticData' | 'redis';
