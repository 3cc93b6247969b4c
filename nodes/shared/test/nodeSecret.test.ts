// Issue 11 #14 on the nodes: pseudonyms in static data are keyed with a secret kept outside the
// workflow (the instance id, or the Redis credential's Pseudonym Key), never the public hash.
import type {IDataObject, IExecuteFunctions} from 'n8n-workflow';
import {RoundRobin} from '../../RoundRobin/RoundRobin.node';
import {runNode, FakeExecuteFunctions} from '../../test/fakeExecuteFunctions';
import {forgetInProcessCopies, LEDGERS_KEY} from '../staticDataStateStore';
import {pseudonymSecret} from '../nodeSecret';

const node = new RoundRobin().getNodeType(1);
const assignees = {assignee: [{id: 'ana'}, {id: 'ben'}]};
const leads = ['pat.doe@customer.example.com', 'lee@other.example.org'].map(email => ({email}));

beforeEach(() => forgetInProcessCopies());

/** The dedupe keys the node left in static data when run as n8n instance `instanceId`. */
async function dedupeKeys(instanceId: string): Promise<string[]> {
  const staticData: IDataObject = {};
  await runNode(node, {
    parameters: {assignees},
    perItem: leads.map(l => ({dedupeKey: l.email})),
    items: leads,
    staticData,
    instanceId,
    workflowId: `wf-${instanceId || 'none'}`,
  });
  const ledger = Object.values(staticData[LEDGERS_KEY] as IDataObject)[0] as IDataObject;
  expect(JSON.stringify(staticData)).not.toContain('customer.example.com');
  return Object.keys((ledger.state as IDataObject).dedupe as IDataObject);
}

describe('node pseudonym secret', () => {
  test('with an instance id, static data holds no unkeyed hash of a lead e-mail; another instance keys differently', async () => {
    const unkeyed = await dedupeKeys(''); // no secret at all: the public hash (as before)
    const keyed = await dedupeKeys('instance-a');
    const other = await dedupeKeys('instance-b');
    expect(unkeyed).toHaveLength(2);
    expect(keyed).toHaveLength(2);
    expect(keyed.filter(k => unkeyed.includes(k))).toEqual([]);
    expect(keyed.filter(k => other.includes(k))).toEqual([]);
    // Keyed entries are marked by an upper-case prefix (shared/memory.ts).
    expect(keyed.every(k => /^[A-Z]/.test(k))).toBe(true);
    expect(unkeyed.every(k => /^[a-z]/.test(k))).toBe(true);
  });

  test('the Redis credential’s Pseudonym Key wins; without it, the instance id', async () => {
    const ctx = (credentials: IDataObject) =>
      new FakeExecuteFunctions(node, {
        parameters: {assignees, stateStore: 'redis'},
        items: [{}],
        credentials,
        instanceId: 'inst-1',
      }) as unknown as IExecuteFunctions;
    expect(await pseudonymSecret(ctx({host: '127.0.0.1', pseudonymSecret: 'team secret'}))).toBe('team secret');
    expect(await pseudonymSecret(ctx({host: '127.0.0.1'}))).toBe('n8n-instance:inst-1');
    const local = new FakeExecuteFunctions(node, {parameters: {assignees}, items: [{}], instanceId: 'inst-2'});
    expect(await pseudonymSecret(local as unknown as IExecuteFunctions)).toBe('n8n-instance:inst-2');
  });
});
