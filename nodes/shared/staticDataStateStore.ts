import type {IDataObject} from 'n8n-workflow';
import type {RotationState} from '../../shared/types';
import type {StateStore, StoreScope} from './stateStore';

/**
 * Rotation state in n8n workflow static data, with an in-process authoritative copy.
 *
 * Why the copy: n8n loads static data when an execution starts and saves the whole object when it
 * ends, so concurrent executions each start from the same stale snapshot and the last to finish
 * overwrites the others. Inside one n8n process every execution of this workflow+node shares the
 * copy below instead; `decide` runs synchronously between read and commit, so executions that
 * overlap still see each other's assignments. The copy and static data carry a version counter:
 * static data wins only when it is newer (another process or worker wrote it, or the process
 * restarted and the copy is empty).
 */
interface Committed {
  version: number;
  state: RotationState | undefined;
}

const copies = new Map<string, Committed>();

/** Static data keys (documented: a workflow export shows exactly these). */
export const STATE_KEY = 'leadRoutingState';
export const VERSION_KEY = 'leadRoutingVersion';

function keyOf(scope: StoreScope): string {
  return JSON.stringify([scope.workflowId, scope.nodeName]);
}

function fromStaticData(data: IDataObject): Committed {
  const version = typeof data[VERSION_KEY] === 'number' ? (data[VERSION_KEY] as number) : 0;
  const raw = data[STATE_KEY];
  const state = raw && typeof raw === 'object' ? (raw as unknown as RotationState) : undefined;
  return {version, state};
}

export class StaticDataStateStore implements StateStore {
  private readonly key: string;

  constructor(
    private readonly staticData: IDataObject,
    scope: StoreScope,
  ) {
    this.key = keyOf(scope);
  }

  /** The newest of the in-process copy and this execution's static data. */
  private latest(): Committed {
    const saved = fromStaticData(this.staticData);
    const copy = copies.get(this.key);
    if (!copy || saved.version > copy.version) {
      copies.set(this.key, saved);
      return saved;
    }
    return copy;
  }

  private commit(next: Committed): void {
    copies.set(this.key, next);
    // A fresh object each time: the core never mutates its input state, and n8n serialises this later.
    if (next.state === undefined) delete this.staticData[STATE_KEY];
    else this.staticData[STATE_KEY] = JSON.parse(JSON.stringify(next.state)) as IDataObject;
    this.staticData[VERSION_KEY] = next.version;
  }

  async transact<T>(
    decide: (state: RotationState | undefined) => {
      state: RotationState;
      result: T;
    },
  ): Promise<T> {
    // No await between reading and committing: in one process this is atomic.
    const current = this.latest();
    const {state, result} = decide(current.state);
    this.commit({version: current.version + 1, state});
    return result;
  }

  async read(): Promise<RotationState | undefined> {
    return this.latest().state;
  }

  async reset(): Promise<void> {
    const current = this.latest();
    this.commit({version: current.version + 1, state: undefined});
  }
}

/** Test helper: forget every in-process copy (as a restart would). */
export function forgetInProcessCopies(): void {
  copies.clear();
}
