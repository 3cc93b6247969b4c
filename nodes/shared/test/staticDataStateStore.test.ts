import type {IDataObject} from 'n8n-workflow';
import {emptyState, type RotationState} from '../../../shared';
import {forgetInProcessCopies, StaticDataStateStore, STATE_KEY, VERSION_KEY} from '../staticDataStateStore';

const scope = {workflowId: 'wf', nodeName: 'Round Robin'};

/** A decide() that appends a counter: state.reps.x.n counts commits. */
const bump = (s: RotationState | undefined) => {
  const state = s ? (JSON.parse(JSON.stringify(s)) as RotationState) : emptyState();
  const n = (state.reps.x?.n ?? 0) + 1;
  state.reps.x = {n};
  return {state, result: n};
};

beforeEach(() => forgetInProcessCopies());

describe('StaticDataStateStore', () => {
  test('overlapping executions with stale static data snapshots still see each other (in-process copy)', async () => {
    // n8n hands every execution its own snapshot loaded at its start: all three start empty.
    const snapshots: IDataObject[] = [{}, {}, {}];
    const results = await Promise.all(snapshots.map(sd => new StaticDataStateStore(sd, scope).transact(bump)));
    expect(results.sort()).toEqual([1, 2, 3]);
    // Each snapshot holds the state as of its own commit, with its version.
    expect(snapshots.map(sd => sd[VERSION_KEY]).sort()).toEqual([1, 2, 3]);
  });

  test('after a restart, static data is the source of truth', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope).transact(bump);
    await new StaticDataStateStore(sd, scope).transact(bump);
    forgetInProcessCopies();
    const restored = JSON.parse(JSON.stringify(sd)) as IDataObject; // what n8n saved and reloads
    expect(await new StaticDataStateStore(restored, scope).transact(bump)).toBe(3);
  });

  test('a newer version in static data (another process wrote it) wins over the local copy', async () => {
    await new StaticDataStateStore({}, scope).transact(bump); // local copy at version 1
    const other = emptyState();
    other.reps.x = {n: 41};
    const sd: IDataObject = {[STATE_KEY]: other as unknown as IDataObject, [VERSION_KEY]: 7};
    expect(await new StaticDataStateStore(sd, scope).transact(bump)).toBe(42);
    expect(sd[VERSION_KEY]).toBe(8);
  });

  test('an older snapshot never rolls the local copy back', async () => {
    const sd1: IDataObject = {};
    for (let i = 0; i < 5; i++) await new StaticDataStateStore(sd1, scope).transact(bump);
    const stale: IDataObject = {[STATE_KEY]: emptyState() as unknown as IDataObject, [VERSION_KEY]: 2};
    expect(await new StaticDataStateStore(stale, scope).transact(bump)).toBe(6);
  });

  test('workflows and nodes do not share state', async () => {
    await new StaticDataStateStore({}, scope).transact(bump);
    expect(await new StaticDataStateStore({}, {...scope, nodeName: 'Other'}).transact(bump)).toBe(1);
    expect(await new StaticDataStateStore({}, {...scope, workflowId: 'wf2'}).transact(bump)).toBe(1);
  });

  test('reset forgets the state and wins over older copies', async () => {
    const sd: IDataObject = {};
    await new StaticDataStateStore(sd, scope).transact(bump);
    await new StaticDataStateStore(sd, scope).reset();
    expect(sd[STATE_KEY]).toBeUndefined();
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
