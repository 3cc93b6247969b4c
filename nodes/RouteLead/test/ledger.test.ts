// Issue 14: one ledger per workflow by default. Two Route Lead nodes of one workflow (the SLA re-route
// pattern) share caps, rotation and dedupe; a Ledger name keeps a node's state apart.
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {forgetInProcessCopies} from '../../shared/staticDataStateStore';
import {runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../RouteLead.node';

const node = new RouteLead().getNodeType(1);
const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;
const owners = (out: INodeExecutionData[][]) => [...out[0], ...out[1]].map(i => [i.json.id, routing(i).ownerId]);

// Two reps with a daily cap of 1, a round-robin pool: the reproduction of issue 14.
const parameters: IDataObject = {
  configSource: 'ui',
  reps: {
    rep: [
      {id: 'ana', name: 'Ana', dailyCap: 1},
      {id: 'ben', name: 'Ben', dailyCap: 1},
    ],
  },
  cascade: ['pool'],
  poolStrategy: 'round_robin',
};

beforeEach(() => forgetInProcessCopies());

describe('Route Lead: the workflow ledger (issue 14)', () => {
  test('an SLA node of the same workflow sees the first node’s assignments: the re-routes end at_capacity', async () => {
    // One workflow (one static data object), two nodes with different names and no Ledger set.
    const staticData: IDataObject = {};
    const first = await runNode(node, {
      parameters,
      items: [{id: 'L1'}, {id: 'L2'}],
      staticData,
      nodeName: 'Route Lead',
    });
    expect(owners(first.output)).toEqual([
      ['L1', 'ana'],
      ['L2', 'ben'],
    ]);
    const sla = await runNode(node, {
      parameters,
      items: [
        {id: 'L1', excludeReps: 'ana'},
        {id: 'L3', excludeReps: ''},
      ],
      staticData,
      nodeName: 'SLA re-route',
    });
    expect(sla.output[0]).toHaveLength(0);
    expect(sla.output[1].map(i => i.json.id)).toEqual(['L1', 'L3']);
    for (const item of sla.output[1]) {
      expect(routing(item).stage).toBe('unassigned');
      expect(String(routing(item).reason)).toMatch(/capacity/i);
    }
  });

  test('a re-route by the SLA node credits the first owner back and charges the new one', async () => {
    const staticData: IDataObject = {};
    const roomy: IDataObject = {
      ...parameters,
      reps: {
        rep: [
          {id: 'ana', name: 'Ana', dailyCap: 1},
          {id: 'ben', name: 'Ben', dailyCap: 2},
        ],
      },
    };
    await runNode(node, {parameters: roomy, items: [{id: 'L1'}, {id: 'L2'}], staticData, nodeName: 'Route Lead'});
    // L1 (Ana's) was not touched in time: the SLA node gives it to Ben.
    const sla = await runNode(node, {
      parameters: roomy,
      items: [{id: 'L1', excludeReps: 'ana'}],
      staticData,
      nodeName: 'SLA re-route',
    });
    expect(owners(sla.output)).toEqual([['L1', 'ben']]);
    expect(routing(sla.output[0][0]).reroutedFrom).toBe('ana');
    expect(String(routing(sla.output[0][0]).reason)).toContain(
      'Re-routed from Ana: that assignment was credited back.',
    );
    // Ana holds nothing (cap 1 free again), Ben holds L1 and L2 (cap 2 full): the next lead goes to Ana
    // through the first node, the one after that waits.
    const next = await runNode(node, {
      parameters: roomy,
      items: [{id: 'L4'}, {id: 'L5'}],
      staticData,
      nodeName: 'Route Lead',
    });
    expect(owners(next.output)).toEqual([
      ['L4', 'ana'],
      ['L5', null],
    ]);
  });

  test('a node naming another ledger keeps its own caps and rotation', async () => {
    const staticData: IDataObject = {};
    await runNode(node, {parameters, items: [{id: 'L1'}, {id: 'L2'}], staticData, nodeName: 'Route Lead'});
    const other = await runNode(node, {
      parameters: {...parameters, ledger: 'events team'},
      items: [{id: 'L3'}, {id: 'L4'}],
      staticData,
      nodeName: 'Events',
    });
    expect(owners(other.output)).toEqual([
      ['L3', 'ana'],
      ['L4', 'ben'],
    ]);
  });
});
