// One fixture (test/fixtures/parity), one answer: Route Lead gives each lead the owner the core gives
// (and the Apps Script add-on, see apps-script/test/parity.test.ts).
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {expectedDecisions, parityFixture} from '../../../test/fixtures/parity';
import {forgetInProcessCopies} from '../../shared/staticDataStateStore';
import {runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../RouteLead.node';

const node = new RouteLead().getNodeType(1);

test('Route Lead (JSON config) gives the shared fixture the same owners and stages as the core', async () => {
  forgetInProcessCopies();
  const fixture = parityFixture();
  const expected = expectedDecisions(fixture);
  // The node reads the clock; the fixture's instant comes in through the Lead Time Field option.
  const items = fixture.leads.map(l => ({...l, routedAt: fixture.now}));
  const {output} = await runNode(node, {
    parameters: {configSource: 'json', configJson: JSON.stringify(fixture.config), options: {timeField: 'routedAt'}},
    items,
    workflowId: 'parity',
  });
  const byIndex = new Map<number, IDataObject>();
  for (const item of [...output[0], ...output[1]] as INodeExecutionData[]) {
    byIndex.set((item.pairedItem as {item: number}).item, item.json.routing as IDataObject);
  }
  expect(byIndex.size).toBe(items.length);
  const got = items.map((_, i) => byIndex.get(i)!);
  expect(got.map(r => r.ownerId)).toEqual(expected.map(d => d.ownerId));
  expect(got.map(r => r.stage)).toEqual(expected.map(d => d.stage));
  expect(output[1].length).toBe(expected.filter(d => d.ownerId === null).length);
});
