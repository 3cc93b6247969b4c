import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {forgetInProcessCopies} from '../../shared/staticDataStateStore';
import {runNode} from '../../test/fakeExecuteFunctions';
import {RoundRobin} from '../RoundRobin.node';

const node = new RoundRobin().getNodeType(1);
const owner = (i: INodeExecutionData) => (i.json.routing as IDataObject).ownerId;
const items = (n: number) => Array.from({length: n}, (_, i) => ({id: `L${i}`, email: `p${i % 3}@acme.com`}));
const assignees = {assignee: [{id: 'ana'}, {id: 'ben'}, {id: 'cy'}]};
const count = (xs: unknown[]) =>
  xs.reduce<Record<string, number>>((m, x) => ((m[String(x)] = (m[String(x)] ?? 0) + 1), m), {});

beforeEach(() => forgetInProcessCopies());

describe('Round Robin', () => {
  test('rotates in list order, one output item per input item, paired', async () => {
    const {output} = await runNode(node, {parameters: {assignees}, items: items(7)});
    expect(output).toHaveLength(1);
    expect(output[0].map(owner)).toEqual(['ana', 'ben', 'cy', 'ana', 'ben', 'cy', 'ana']);
    expect(output[0].map(i => (i.pairedItem as {item: number}).item)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(output[0][3].json.id).toBe('L3');
  });

  test('weighted shares follow the weights over a whole cycle', async () => {
    const weighted = {
      assignee: [
        {id: 'ana', weight: 3},
        {id: 'ben', weight: 1},
      ],
    };
    const {output} = await runNode(node, {parameters: {assignees: weighted, strategy: 'weighted'}, items: items(8)});
    expect(count(output[0].map(owner))).toEqual({ana: 6, ben: 2});
  });

  test('least loaded evens out counts that started uneven', async () => {
    const staticData: IDataObject = {};
    const two = {assignee: [{id: 'ana'}, {id: 'ben'}]};
    await runNode(node, {parameters: {assignees: {assignee: [{id: 'ana'}]}}, items: items(3), staticData}); // ana: 3
    const {output} = await runNode(node, {
      parameters: {assignees: two, strategy: 'least_loaded'},
      // New leads (the same ids again would be re-routes: ana's counts would be credited back).
      items: items(3).map(x => ({...x, id: `new-${x.id}`})),
      staticData,
    });
    expect(output[0].map(owner)).toEqual(['ben', 'ben', 'ben']);
  });

  test('unavailable assignees are skipped; when nobody is eligible the item still comes out, unassigned', async () => {
    const some = {assignee: [{id: 'ana', available: false}, {id: 'ben'}]};
    const r1 = await runNode(node, {parameters: {assignees: some}, items: items(3)});
    expect(r1.output[0].map(owner)).toEqual(['ben', 'ben', 'ben']);
    const none = {assignee: [{id: 'ana', available: false}]};
    const r2 = await runNode(node, {parameters: {assignees: none}, items: items(2)});
    expect(r2.output[0].map(owner)).toEqual([null, null]);
    expect((r2.output[0][0].json.routing as IDataObject).stage).toBe('unassigned');
  });

  test('a daily cap stops an assignee for the day', async () => {
    const capped = {assignee: [{id: 'ana', dailyCap: 1}, {id: 'ben'}]};
    const {output} = await runNode(node, {parameters: {assignees: capped}, items: items(4)});
    expect(count(output[0].map(owner))).toEqual({ana: 1, ben: 3});
  });

  test('the dedupe key sends a repeat to the same assignee without moving the rotation', async () => {
    const leads = ['a@x.com', 'b@x.com', 'a@x.com', 'c@x.com'].map(email => ({email}));
    const {output} = await runNode(node, {
      parameters: {assignees},
      perItem: leads.map(l => ({dedupeKey: l.email})),
      items: leads,
    });
    expect(output[0].map(owner)).toEqual(['ana', 'ben', 'ana', 'cy']);
    expect((output[0][2].json.routing as IDataObject).stage).toBe('duplicate');
    expect(JSON.stringify(output[0][0].json)).not.toContain('__roundRobin');
  });

  test('assignees from a field of the item (a roster read from a sheet)', async () => {
    const roster = [
      {Name: 'Ana', Email: 'ana@x.com', Available: true},
      {Name: 'Ben', Email: 'ben@x.com', Available: false},
      {Name: 'Cy', Email: 'cy@x.com', Available: 'yes'},
    ];
    const leads = [1, 2, 3].map(id => ({id, roster}));
    const {output} = await runNode(node, {
      parameters: {assigneesSource: 'field', assigneesField: 'roster'},
      items: leads,
    });
    expect(output[0].map(owner)).toEqual(['ana@x.com', 'cy@x.com', 'ana@x.com']);
    expect((output[0][0].json.routing as IDataObject).ownerName).toBe('Ana');
  });

  test('assignees as JSON: plain names', async () => {
    const {output} = await runNode(node, {
      parameters: {assigneesSource: 'json', assigneesJson: '["Ann", "Bo"]'},
      items: items(3),
    });
    expect(output[0].map(owner)).toEqual(['Ann', 'Bo', 'Ann']);
  });

  test('show reports the counters; reset restarts the rotation', async () => {
    const staticData: IDataObject = {};
    await runNode(node, {parameters: {assignees}, items: items(4), staticData});
    const shown = await runNode(node, {parameters: {operation: 'show'}, items: [{}], staticData});
    const rotation = shown.output[0][0].json.rotation as {reps: Record<string, {n: number}>};
    expect(Object.fromEntries(Object.entries(rotation.reps).map(([k, v]) => [k, v.n]))).toEqual({
      ana: 2,
      ben: 1,
      cy: 1,
    });
    await runNode(node, {parameters: {operation: 'reset'}, items: [{}], staticData});
    forgetInProcessCopies();
    const after = await runNode(node, {parameters: {assignees}, items: items(1), staticData});
    expect(after.output[0].map(owner)).toEqual(['ana']);
  });

  test('no assignees is a clear error naming the path', async () => {
    await expect(runNode(node, {parameters: {assignees: {}}, items: items(1)})).rejects.toThrow(/reps/);
  });
});

describe('Round Robin: re-route credit and Release Assignment (issue 14)', () => {
  const capped = {
    assignee: [
      {id: 'ana', name: 'Ana', dailyCap: 1},
      {id: 'ben', name: 'Ben', dailyCap: 1},
    ],
  };
  const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;
  const release = (i: INodeExecutionData) => i.json.release as IDataObject;
  const dailyCounts = async (staticData: IDataObject) => {
    const shown = await runNode(node, {parameters: {operation: 'show'}, items: [{}], staticData});
    const reps = (shown.output[0][0].json.rotation as {reps: Record<string, {dn?: number}>}).reps;
    return Object.fromEntries(Object.entries(reps).map(([k, v]) => [k, v.dn ?? 0]));
  };

  test('a lead routed again to another assignee (SLA re-route) credits the previous one and says so', async () => {
    const staticData: IDataObject = {};
    const first = await runNode(node, {parameters: {assignees: capped}, items: [{id: 'L1'}], staticData});
    expect(first.output[0].map(owner)).toEqual(['ana']);
    const again = await runNode(node, {
      parameters: {assignees: capped},
      items: [{id: 'L1', excludeReps: 'ana'}],
      staticData,
    });
    expect(again.output[0].map(owner)).toEqual(['ben']);
    expect(routing(again.output[0][0]).reroutedFrom).toBe('ana');
    expect(String(routing(again.output[0][0]).reason)).toContain(
      'Re-routed from Ana: that assignment was credited back.',
    );
    // Ana holds nothing now: her daily cap of 1 takes a new lead; Ben holds L1 and is full.
    expect(await dailyCounts(staticData)).toEqual({ana: 0, ben: 1});
    const next = await runNode(node, {parameters: {assignees: capped}, items: [{id: 'L2'}, {id: 'L3'}], staticData});
    expect(next.output[0].map(owner)).toEqual(['ana', null]);
    expect(String(routing(next.output[0][1]).reason)).toMatch(/capacity/i);
  });

  test('Release Assignment credits the holder back, so a capped assignee takes the next lead', async () => {
    const staticData: IDataObject = {};
    const routed = await runNode(node, {parameters: {assignees: capped}, items: items(3), staticData});
    expect(routed.output[0].map(owner)).toEqual(['ana', 'ben', null]);

    const released = await runNode(node, {
      parameters: {operation: 'release', assignees: capped},
      items: [{id: 'L0'}, {id: 'nobody-has-this'}],
      staticData,
    });
    expect(released.output[0]).toHaveLength(2);
    expect(released.output[0].map(i => i.pairedItem)).toEqual([{item: 0}, {item: 1}]);
    expect(release(released.output[0][0])).toMatchObject({released: true, ownerId: 'ana', ownerName: 'Ana'});
    expect(String(release(released.output[0][0]).reason)).toMatch(
      /^Released from Ana: the assignment of .* was credited back\.$/,
    );
    expect(release(released.output[0][1])).toEqual({
      released: false,
      ownerId: null,
      reason: 'The ledger holds no assignment of this lead (by its id or dedupe key); nothing changed.',
    });
    expect(await dailyCounts(staticData)).toEqual({ana: 0, ben: 1});

    // Released once: a second release finds nothing; the waiting lead now goes to Ana.
    const twice = await runNode(node, {
      parameters: {operation: 'release', assignees: capped},
      items: [{id: 'L0'}],
      staticData,
    });
    expect(release(twice.output[0][0]).released).toBe(false);
    const after = await runNode(node, {parameters: {assignees: capped}, items: [{id: 'L2'}], staticData});
    expect(after.output[0].map(owner)).toEqual(['ana']);
    expect(routing(after.output[0][0]).reroutedFrom).toBeUndefined();
  });

  test('Release Assignment finds a lead without an id by its dedupe key, and forgets the dedupe entry', async () => {
    const staticData: IDataObject = {};
    const dedupe = {assignees: capped, dedupeKey: '={{ $json.email }}'};
    const routed = await runNode(node, {parameters: dedupe, items: [{email: 'a@x.com'}], staticData});
    expect(routed.output[0].map(owner)).toEqual(['ana']);
    const released = await runNode(node, {
      parameters: {...dedupe, operation: 'release'},
      items: [{email: 'a@x.com'}],
      staticData,
    });
    expect(release(released.output[0][0])).toMatchObject({released: true, ownerId: 'ana'});
    expect(await dailyCounts(staticData)).toEqual({ana: 0});
    // Forgotten: the same person again is a new lead (not a duplicate, not a re-route); the rotation goes on.
    const again = await runNode(node, {parameters: dedupe, items: [{email: 'a@x.com'}], staticData});
    expect(routing(again.output[0][0]).stage).toBe('pool');
    expect(routing(again.output[0][0]).reroutedFrom).toBeUndefined();
    expect(again.output[0].map(owner)).toEqual(['ben']);
  });

  test('a holder who is not among the assignees is not released (their counts could not be credited)', async () => {
    const staticData: IDataObject = {};
    await runNode(node, {parameters: {assignees: capped}, items: [{id: 'L1'}], staticData});
    const onlyBen = {assignee: [{id: 'ben', name: 'Ben'}]};
    const released = await runNode(node, {
      parameters: {operation: 'release', assignees: onlyBen},
      items: [{id: 'L1'}],
      staticData,
    });
    expect(release(released.output[0][0])).toMatchObject({released: false, ownerId: 'ana'});
    expect(String(release(released.output[0][0]).reason)).toContain('"ana", who is not among');
    expect(await dailyCounts(staticData)).toEqual({ana: 1});
  });
});
