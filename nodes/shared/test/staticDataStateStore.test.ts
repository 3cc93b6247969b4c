import type {IDataObject} from 'n8n-workflow';
import {emptyState, StateError, type RotationState} from '../../../shared';
import {
  forgetInProcessCopies,
  LEDGERS_KEY,
  LEGACY_MIGRATED_KEY,
  LEGACY_STATE_KEY,
  LEGACY_VERSION_KEY,
  StaticDataStateStore,
  UNREADABLE_KEY,
} from '../staticDataStateStore';

const scope = {workflowId: 'wf', nodeName: 'Round Robin', ledger: 'workflow:wf'};

/** A decide() that appends a counter: state.reps.x.n counts commits. */
const bump = (s: RotationState | undefined) => {
  const state = s ? (JSON.parse(JSON.stringify(s)) as RotationState) : emptyState();
  const n = (state.reps.x?.n ?? 0) + 1;
  state.reps.x = {n};
  return {state, result: n};
};

function entry(sd: IDataObject, ledger = scope.ledger): IDataObject {
  return Object.getOwnPropertyDescriptor(sd[LEDGERS_KEY], ledger)?.value as IDataObject;
}

/** What n8n saves and loads back (a restart). */
const reload = (sd: IDataObject) => JSON.parse(JSON.stringify(sd)) as IDataObject;

function legacyNode(n: number): IDataObject {
  const state = emptyState();
  state.reps.x = {n};
  return {[LEGACY_STATE_KEY]: JSON.parse(JSON.stringify(state)) as IDataObject, [LEGACY_VERSION_KEY]: n};
}

beforeEach(() => forgetInProcessCopies());

describe('StaticDataStateStore', () => {
  test('overlapping executions with stale static data snapshots still see each other (in-process copy)', async () => {
    // n8n hands every execution its own snapshot loaded at its start: all three start empty.
    const snapshots: IDataObject[] = [{}, {}, {}];
    const results = await Promise.all(snapshots.map(sd => new StaticDataStateStore(sd, scope).transact(bump)));
    expect(results.sort()).toEqual([1, 2, 3]);
    // Each snapshot holds the ledger as of its own commit, with its version.
    expect(snapshots.map(sd => entry(sd).version).sort()).toEqual([1, 2, 3]);
  });

  test('the ledger is one entry of the workflow’s global static data', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope).transact(bump);
    expect(Object.keys(sd)).toEqual([LEDGERS_KEY]);
    expect(entry(sd)).toEqual({version: 1, state: {...emptyState(), reps: {x: {n: 1}}}});
  });

  test('after a restart, static data is the source of truth', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope).transact(bump);
    await new StaticDataStateStore(sd, scope).transact(bump);
    forgetInProcessCopies();
    expect(await new StaticDataStateStore(reload(sd), scope).transact(bump)).toBe(3);
  });

  test('a newer version in static data (another process wrote it) wins over the local copy', async () => {
    await new StaticDataStateStore({}, scope).transact(bump); // local copy at version 1
    const other = emptyState();
    other.reps.x = {n: 41};
    const sd: IDataObject = {[LEDGERS_KEY]: {[scope.ledger]: {version: 7, state: other as unknown as IDataObject}}};
    expect(await new StaticDataStateStore(sd, scope).transact(bump)).toBe(42);
    expect(entry(sd).version).toBe(8);
  });

  test('an older snapshot never rolls the local copy back', async () => {
    const sd1: IDataObject = {};
    for (let i = 0; i < 5; i++) await new StaticDataStateStore(sd1, scope).transact(bump);
    const stale: IDataObject = {[LEDGERS_KEY]: {[scope.ledger]: {version: 2, state: emptyState() as never}}};
    expect(await new StaticDataStateStore(stale, scope).transact(bump)).toBe(6);
  });

  test('two nodes of one workflow share its ledger; a named ledger and another workflow do not', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope).transact(bump);
    expect(await new StaticDataStateStore(sd, {...scope, nodeName: 'SLA re-route'}).transact(bump)).toBe(2);
    expect(await new StaticDataStateStore(sd, {...scope, ledger: 'sales'}).transact(bump)).toBe(1);
    expect(
      await new StaticDataStateStore({}, {...scope, workflowId: 'wf2', ledger: 'workflow:wf2'}).transact(bump),
    ).toBe(1);
    expect(Object.keys(sd[LEDGERS_KEY] as object).sort()).toEqual(['sales', 'workflow:wf']);
  });

  test('ledger names such as __proto__ and constructor are ordinary names, also after a reload', async () => {
    const sd: IDataObject = {};
    for (const ledger of ['__proto__', 'constructor', '__proto__']) {
      await new StaticDataStateStore(sd, {...scope, ledger}).transact(bump);
    }
    expect(entry(sd, '__proto__').version).toBe(2);
    expect(entry(sd, 'constructor').version).toBe(1);
    forgetInProcessCopies();
    const restored = reload(sd);
    expect(await new StaticDataStateStore(restored, {...scope, ledger: '__proto__'}).transact(bump)).toBe(3);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test('reset forgets the ledger and wins over older copies', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope).transact(bump);
    await new StaticDataStateStore(sd, scope).reset();
    expect(entry(sd).state).toBeUndefined();
    expect(await new StaticDataStateStore(sd, scope).read()).toBeUndefined();
    expect(await new StaticDataStateStore(sd, scope).transact(bump)).toBe(1);
  });

  test('a decide that throws commits nothing', async () => {
    const sd: IDataObject = {};
    const store = new StaticDataStateStore(sd, scope);
    await expect(
      store.transact(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(sd).toEqual({});
  });
});

describe('migration of pre-ledger node state (issue 14)', () => {
  test('the first node brings its state into the empty ledger; the old keys stay, marked', async () => {
    const sd: IDataObject = {};
    const node = legacyNode(5);
    expect((await new StaticDataStateStore(sd, scope, node).read())?.reps.x).toEqual({n: 5});
    expect(await new StaticDataStateStore(sd, scope, node).transact(bump)).toBe(6);
    expect(node[LEGACY_MIGRATED_KEY]).toBe(scope.ledger);
    expect((node[LEGACY_STATE_KEY] as IDataObject).reps).toEqual({x: {n: 5}});
    expect(entry(sd).migrated).toEqual([scope.nodeName]);
    expect(await new StaticDataStateStore(sd, scope, node).transact(bump)).toBe(7);
  });

  test('a second node’s state is merged later (counters summed), each node once', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope, legacyNode(5)).transact(bump); // 6
    const sla = {...scope, nodeName: 'SLA re-route'};
    expect(await new StaticDataStateStore(sd, sla, legacyNode(3)).transact(bump)).toBe(10);
    // Executions that started before the merge was saved still carry the unmarked node data.
    expect(await new StaticDataStateStore(sd, sla, legacyNode(3)).transact(bump)).toBe(11);
    expect(await new StaticDataStateStore(sd, scope, legacyNode(5)).transact(bump)).toBe(12);
    // After a restart, the ledger's record keeps them out.
    forgetInProcessCopies();
    expect(await new StaticDataStateStore(reload(sd), sla, legacyNode(3)).transact(bump)).toBe(13);
  });

  test('a dry-run read merges without writing anything', async () => {
    const sd: IDataObject = {};
    const node = legacyNode(2);
    await new StaticDataStateStore(sd, scope, node).read();
    expect(sd).toEqual({});
    expect(node[LEGACY_MIGRATED_KEY]).toBeUndefined();
  });

  test('reset also keeps the node’s old state from coming back', async () => {
    const sd: IDataObject = {};
    const node = legacyNode(9);
    await new StaticDataStateStore(sd, scope, node).reset();
    expect(await new StaticDataStateStore(sd, scope, node).transact(bump)).toBe(1);
  });

  test('reset keeps every node’s old state out, also a node that had not run yet, also after a restart', async () => {
    const sd: IDataObject = {};
    const sla = {...scope, nodeName: 'SLA re-route'};
    const slaNode = legacyNode(7);
    // Round Robin's Reset Rotation runs before the SLA node has used the ledger once.
    await new StaticDataStateStore(sd, scope, legacyNode(9)).reset();
    expect(await new StaticDataStateStore(sd, sla, slaNode).transact(bump)).toBe(1);
    expect(slaNode[LEGACY_MIGRATED_KEY]).toBe(scope.ledger);
    forgetInProcessCopies();
    expect(await new StaticDataStateStore(reload(sd), sla, legacyNode(7)).transact(bump)).toBe(2);
    expect(entry(sd).legacyClosed).toBe(true);
  });
});

describe('unreadable static data (issue 11 #2/#3): refused, never a silent reset', () => {
  const inputs: Array<[string, unknown, StateError['kind']]> = [
    ['a string', 'garbage{', 'not_state'],
    ['an empty array', [], 'not_state'],
    ['{"pools":"x"}', {pools: 'x'}, 'not_state'],
    ['a damaged v1 state', {v: 1, pools: 'x'}, 'corrupt'],
    ['a config', {version: 1, reps: [], territories: []}, 'not_state'],
  ];

  test.each(inputs)('ledger state holding %s: refused naming the key and Reset Rotation', async (_, bad, kind) => {
    const sd: IDataObject = {[LEDGERS_KEY]: {sales: {version: 3, state: bad as IDataObject}}};
    const before = JSON.stringify(sd);
    const store = new StaticDataStateStore(sd, {...scope, ledger: 'sales'});
    const error = await store.transact(bump).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).kind).toBe(kind);
    expect((error as Error).message).toContain(`"${LEDGERS_KEY}", ledger "sales"`);
    expect((error as Error).message).toContain('"Reset Rotation" and Ledger "sales"');
    expect((error as Error).message).not.toMatch(/Unexpected token|JSON at position/);
    await expect(store.read()).rejects.toBeInstanceOf(StateError);
    expect(JSON.stringify(sd)).toBe(before);
    // Reset Rotation keeps the unreadable value aside and starts the ledger over.
    await store.reset();
    expect(Object.getOwnPropertyDescriptor(sd[UNREADABLE_KEY], 'sales')?.value).toEqual({version: 3, state: bad});
    expect(await store.transact(bump)).toBe(1);
    expect(entry(sd, 'sales').version).toBe(5); // 3, reset 4, then this commit
  });

  test('a newer state format is refused as written by a newer version, and not written over', async () => {
    const newer = {v: 2, pools: {}, reps: {}, accounts: {}, dedupe: {}, routes: {}};
    const sd: IDataObject = {[LEDGERS_KEY]: {[scope.ledger]: {version: 1, state: newer}}};
    const error = await new StaticDataStateStore(sd, scope).transact(bump).catch((e: unknown) => e);
    expect((error as StateError).kind).toBe('newer_version');
    expect((error as Error).message).toMatch(/written by a newer version/);
    expect(entry(sd).state).toEqual(newer);
  });

  test('a ledgers entry that is not {version, state}, or ledgers that are not an object, are refused', async () => {
    for (const sd of [{[LEDGERS_KEY]: {[scope.ledger]: 'x'}}, {[LEDGERS_KEY]: 'x'}] as IDataObject[]) {
      const error = await new StaticDataStateStore(sd, scope).transact(bump).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      expect((error as Error).message).toContain(LEDGERS_KEY);
    }
  });

  test('pre-ledger node state holding a string is refused naming the node’s static data', async () => {
    const node: IDataObject = {[LEGACY_STATE_KEY]: 'garbage{'};
    const error = await new StaticDataStateStore({}, scope, node).transact(bump).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as Error).message).toContain(`node static data of "${scope.nodeName}"`);
    expect((error as Error).message).toContain('Reset Rotation');
  });
});
