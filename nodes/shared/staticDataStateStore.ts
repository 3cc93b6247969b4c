// This module has no node context; createStateStore.ts wraps it in NodeStateStore (errors become NodeOperationErrors).
/* eslint-disable @n8n/community-nodes/require-node-api-error */
import type {IDataObject} from 'n8n-workflow';
import {mergeStates, parseState, StateError, type RotationState} from '../../shared';
import type {StateStore, StoreScope} from './stateStore';

/**
 * Ledger state in n8n workflow static data, with an in-process authoritative copy.
 *
 * Layout (what a workflow export shows): the workflow's global static data holds
 * `leadRoutingLedgers: {<ledger name>: {version, state, migrated?}}`; one entry per ledger, so every
 * Route Lead / Round Robin node of the workflow naming a ledger (or none: `workflow:<id>`) shares it.
 * Static data belongs to one workflow: ledgers shared across workflows need the Redis store.
 *
 * Why the copy: n8n loads static data when an execution starts and saves the whole object when it
 * ends, so concurrent executions each start from the same stale snapshot and the last to finish
 * overwrites the others. Inside one n8n process every execution of this workflow's ledger shares
 * the copy below instead; `decide` runs synchronously between read and commit, so executions (and
 * nodes) that overlap still see each other's assignments. The copy and static data carry a version
 * counter: static data wins only when it is newer (another process wrote it, or a restart).
 *
 * Migration (issue 14): a node's pre-ledger state (node static data `leadRoutingState`) is merged
 * into the ledger the first time that node uses it (mergeStates); the ledger records the node in
 * `migrated` and the node's static data gets `leadRoutingMigratedTo`, so it is merged once. The old
 * keys are left in place (nothing is deleted). After a reset the entry carries `legacyClosed: true`: no
 * node's pre-ledger state is merged any more, not even that of a node that has not run since, so Reset
 * Rotation means a clean rotation for every node of the ledger.
 *
 * Unreadable values (issue 11 #2/#3) are refused with a StateError naming the key and the recovery;
 * reset() keeps an unreadable ledger entry aside under `leadRoutingUnreadable`.
 */
interface Committed {
  version: number;
  state: RotationState | undefined;
  /** Nodes whose pre-ledger state is in this ledger. */
  migrated: string[];
  /** Set by reset(): pre-ledger state of any node is never merged into this ledger again. */
  legacyClosed?: boolean;
}

const copies = new Map<string, Committed>();

/** Global static data key holding every ledger of the workflow. */
export const LEDGERS_KEY = 'leadRoutingLedgers';
/** Global static data key where reset() keeps an unreadable ledger entry, by ledger name. */
export const UNREADABLE_KEY = 'leadRoutingUnreadable';
/** Pre-ledger node static data keys (written by versions before ledgers; read once, never deleted). */
export const LEGACY_STATE_KEY = 'leadRoutingState';
export const LEGACY_VERSION_KEY = 'leadRoutingVersion';
/** Node static data key set when the node's pre-ledger state was merged: the ledger's name. */
export const LEGACY_MIGRATED_KEY = 'leadRoutingMigratedTo';

/** parseState for static data: it holds objects, so a string there is not JSON text to parse. */
function parseStored(raw: unknown, where: string): RotationState {
  if (typeof raw === 'string') {
    throw new StateError('not_state', `${where} is not a lead-routing state (it holds a string).`);
  }
  return parseState(raw, where);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** A fresh prototype-free copy of `from` (ledger names are user-chosen keys such as `__proto__`). */
function ownCopy(from: unknown): Record<string, unknown> {
  const out = dict<unknown>();
  if (isRecord(from)) for (const k of Object.keys(from)) out[k] = from[k];
  return out;
}

function ownGet(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export class StaticDataStateStore implements StateStore {
  private readonly key: string;
  /** Names the ledger entry in messages. */
  readonly where: string;

  /**
   * `globalData`: `ctx.getWorkflowStaticData('global')`; `nodeData`: the node's own static data
   * (`getWorkflowStaticData('node')`), where its pre-ledger state may be; absent = no migration.
   */
  constructor(
    private readonly globalData: IDataObject,
    private readonly scope: StoreScope,
    private readonly nodeData?: IDataObject,
  ) {
    this.key = JSON.stringify([scope.workflowId, scope.ledger]);
    this.where = `n8n workflow static data "${LEDGERS_KEY}", ledger "${scope.ledger}"`;
  }

  private recovery(): string {
    return (
      `To start this ledger over, run a Round Robin node with Operation "Reset Rotation" and Ledger "${this.scope.ledger}" ` +
      `(it forgets this ledger's rotation, counters and dedupe memory, and keeps the unreadable value under "${UNREADABLE_KEY}").`
    );
  }

  /** The raw entry of this ledger in static data (undefined when absent). */
  private rawEntry(): unknown {
    const ledgers = this.globalData[LEDGERS_KEY];
    if (ledgers !== undefined && !isRecord(ledgers)) {
      throw new StateError(
        'corrupt',
        `n8n workflow static data "${LEDGERS_KEY}" holds something other than ledgers. ${this.recovery()}`,
      );
    }
    return ownGet(ledgers, this.scope.ledger);
  }

  /** This ledger as saved in static data, validated (StateError when unreadable). */
  private saved(): Committed {
    const entry = this.rawEntry();
    if (entry === undefined) return {version: 0, state: undefined, migrated: []};
    const version = ownGet(entry, 'version');
    if (!isRecord(entry) || typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
      throw new StateError('corrupt', `${this.where} is not a ledger entry ({version, state}). ${this.recovery()}`);
    }
    const raw = ownGet(entry, 'state');
    let state: RotationState | undefined;
    try {
      state = raw === undefined ? undefined : parseStored(raw, this.where);
    } catch (e) {
      if (!(e instanceof StateError) || e.kind === 'newer_version') throw e;
      throw new StateError(e.kind, `${e.message} ${this.recovery()}`);
    }
    const migrated = ownGet(entry, 'migrated');
    return {
      version,
      state,
      migrated: Array.isArray(migrated) ? migrated.filter((m): m is string => typeof m === 'string') : [],
      ...(ownGet(entry, 'legacyClosed') === true ? {legacyClosed: true} : {}),
    };
  }

  /** The newest of the in-process copy and this execution's static data. */
  private latest(): Committed {
    const copy = copies.get(this.key);
    const entry = this.rawEntry();
    const savedVersion = ownGet(entry, 'version');
    if (copy && entry !== undefined && typeof savedVersion === 'number' && savedVersion <= copy.version) return copy;
    const saved = this.saved();
    if (!copy || saved.version > copy.version) {
      copies.set(this.key, saved);
      return saved;
    }
    return copy;
  }

  /** This node's pre-ledger state when it has not been merged into the ledger yet. */
  private pendingLegacy(current: Committed): RotationState | undefined {
    const node = this.nodeData;
    if (!node || node[LEGACY_MIGRATED_KEY] !== undefined) return undefined;
    if (current.legacyClosed || current.migrated.includes(this.scope.nodeName)) return undefined;
    const raw = node[LEGACY_STATE_KEY];
    if (raw === undefined) return undefined;
    const where = `n8n node static data of "${this.scope.nodeName}" ("${LEGACY_STATE_KEY}", from before ledgers)`;
    try {
      return parseStored(raw, where);
    } catch (e) {
      if (!(e instanceof StateError) || e.kind === 'newer_version') throw e;
      throw new StateError(
        e.kind,
        `${e.message} It cannot be merged into ledger "${this.scope.ledger}". To go on without it, run a Round Robin ` +
          `node named "${this.scope.nodeName}" with Operation "Reset Rotation", or delete the node's static data.`,
      );
    }
  }

  private commit(next: Committed): void {
    copies.set(this.key, next);
    const entry: IDataObject = {version: next.version};
    // A fresh object each time: the core never mutates its input state, and n8n serialises this later.
    if (next.state !== undefined) entry.state = JSON.parse(JSON.stringify(next.state)) as IDataObject;
    if (next.migrated.length) entry.migrated = [...next.migrated];
    if (next.legacyClosed) entry.legacyClosed = true;
    const ledgers = ownCopy(this.globalData[LEDGERS_KEY]);
    ledgers[this.scope.ledger] = entry;
    // Assigned at the top level: n8n's static data proxy notices the change and saves it.
    this.globalData[LEDGERS_KEY] = ledgers as IDataObject;
  }

  private markMigrated(): void {
    if (this.nodeData && this.nodeData[LEGACY_STATE_KEY] !== undefined) {
      this.nodeData[LEGACY_MIGRATED_KEY] = this.scope.ledger;
    }
  }

  async transact<T>(
    decide: (state: RotationState | undefined) => {
      state: RotationState;
      result: T;
    },
  ): Promise<T> {
    // No await between reading and committing: in one process this is atomic.
    const current = this.latest();
    const legacy = this.pendingLegacy(current);
    const base = legacy ? mergeStates(current.state, legacy) : current.state;
    const {state, result} = decide(base);
    const migrated = legacy ? [...current.migrated, this.scope.nodeName] : current.migrated;
    this.commit({version: current.version + 1, state, migrated, legacyClosed: current.legacyClosed});
    if (legacy || current.legacyClosed) this.markMigrated();
    return result;
  }

  /** The ledger as the next transaction would see it (this node's pre-ledger state merged in, nothing written). */
  async read(): Promise<RotationState | undefined> {
    const current = this.latest();
    const legacy = this.pendingLegacy(current);
    return legacy ? mergeStates(current.state, legacy) : current.state;
  }

  /**
   * Forgets the ledger; an unreadable entry is kept aside under `leadRoutingUnreadable`; no node's
   * pre-ledger state is merged into it later (`legacyClosed`).
   */
  async reset(): Promise<void> {
    let current: Committed;
    try {
      current = this.latest();
    } catch (e) {
      if (!(e instanceof StateError)) throw e;
      let raw: unknown;
      try {
        raw = this.rawEntry();
      } catch {
        raw = this.globalData[LEDGERS_KEY];
      }
      const aside = ownCopy(this.globalData[UNREADABLE_KEY]);
      aside[this.scope.ledger] = JSON.parse(JSON.stringify(raw ?? null)) as unknown;
      this.globalData[UNREADABLE_KEY] = aside as IDataObject;
      if (!isRecord(this.globalData[LEDGERS_KEY])) this.globalData[LEDGERS_KEY] = dict() as IDataObject;
      const version = ownGet(raw, 'version');
      const copy = copies.get(this.key);
      current = {
        version: Math.max(typeof version === 'number' && Number.isFinite(version) ? version : 0, copy?.version ?? 0),
        state: undefined,
        migrated: [],
      };
    }
    const migrated = current.migrated.includes(this.scope.nodeName)
      ? current.migrated
      : [...current.migrated, this.scope.nodeName];
    this.commit({version: current.version + 1, state: undefined, migrated, legacyClosed: true});
    this.markMigrated();
  }
}

/** Test helper: forget every in-process copy (as a restart would). */
export function forgetInProcessCopies(): void {
  copies.clear();
}
