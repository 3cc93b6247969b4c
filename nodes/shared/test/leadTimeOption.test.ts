// Issue 12 #6 / issue 11 #10 on the nodes: Lead Time Field values in export shapes, read with the
// node's Time Zone and Date Order (else the config's), and one unreadable value does not fail the
// other items: that item is routed at the execution's time with a warning on its routing object.
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {forgetInProcessCopies} from '../staticDataStateStore';
import {runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../../RouteLead/RouteLead.node';
import {RoundRobin} from '../../RoundRobin/RoundRobin.node';

const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;
const all = (output: INodeExecutionData[][]) =>
  output.flat().sort((a, b) => (a.pairedItem as {item: number}).item - (b.pairedItem as {item: number}).item);

beforeEach(() => forgetInProcessCopies());

const items = [
  {id: 1, createdAt: '3/10/2026 10:00:00'},
  {id: 2, createdAt: 1e20},
  {id: 3, createdAt: 46091.625},
  {id: 4, createdAt: '1773154800'},
  {id: 5, createdAt: 'soon'},
];

describe('Route Lead: Lead Time Field, Time Zone, Date Order', () => {
  const run = async (options: IDataObject, configExtra: IDataObject = {}) => {
    const config = {reps: [{id: 'ana'}], cascade: ['pool'], ...configExtra};
    const {output} = await runNode(new RouteLead().getNodeType(1), {
      parameters: {
        configSource: 'json',
        configJson: JSON.stringify(config),
        options: {timeField: 'createdAt', ...options},
      },
      items,
    });
    return all(output).map(routing);
  };

  test('one unreadable time does not fail the others; it is routed now with a warning naming field and value', async () => {
    const before = Date.now();
    const out = await run({timeZone: 'America/Chicago', dateOrder: 'MDY'});
    expect(out).toHaveLength(5);
    expect(out.map(r => r.ownerId)).toEqual(['ana', 'ana', 'ana', 'ana', 'ana']);
    expect(out[0].decidedAt).toBe('2026-03-10T15:00:00.000Z'); // 10:00 in Chicago
    expect(out[2].decidedAt).toBe('2026-03-10T20:00:00.000Z'); // Excel 46091.625 = 15:00 in Chicago
    expect(out[3].decidedAt).toBe('2026-03-10T15:00:00.000Z'); // epoch seconds as text
    for (const k of [1, 4]) {
      expect(Date.parse(String(out[k].decidedAt))).toBeGreaterThanOrEqual(before);
      expect(out[k].warnings).toEqual([
        expect.objectContaining({code: 'time_unreadable', field: 'createdAt', value: String(items[k].createdAt)}),
      ]);
    }
    expect(out[0].warnings).toBeUndefined();
  });

  test('Date Order DMY reads 3/10/2026 as 3 October; with no order declared an ambiguous date warns', async () => {
    expect((await run({dateOrder: 'DMY'}))[0].decidedAt).toBe('2026-10-03T10:00:00.000Z');
    const undeclared = await run({});
    expect(undeclared[0].decidedAt).toBe('2026-03-10T10:00:00.000Z');
    expect(undeclared[0].warnings).toEqual([expect.objectContaining({code: 'date_order_assumed'})]);
  });

  test("empty options take the config's timezone and dateOrder", async () => {
    const out = await run({}, {timezone: 'Asia/Tokyo', dateOrder: 'DMY'});
    expect(out[0].decidedAt).toBe('2026-10-03T01:00:00.000Z'); // 3 Oct 10:00 in Tokyo
    expect(out[0].warnings).toBeUndefined();
  });

  test('a Time Zone that is not an IANA zone is a clear node error naming it', async () => {
    await expect(run({timeZone: 'Mars/Olympus'})).rejects.toThrow(/Time Zone "Mars\/Olympus"/);
  });

  test('the options sit beside Lead Time Field', () => {
    const options = new RouteLead().getNodeType(1).description.properties.find(p => p.name === 'options')!;
    const names = (options.options as Array<{name: string}>).map(o => o.name);
    expect(names.slice(names.indexOf('timeField'), names.indexOf('timeField') + 3)).toEqual([
      'timeField',
      'timeZone',
      'dateOrder',
    ]);
  });
});

describe('Round Robin: Lead Time Field', () => {
  test('per-item readings with the Time Zone option and per-item warnings', async () => {
    const {output} = await runNode(new RoundRobin().getNodeType(1), {
      parameters: {
        operation: 'assign',
        assignees: {assignee: [{id: 'ana'}, {id: 'ben'}]},
        options: {timeField: 'createdAt', timeZone: 'America/New_York', dateOrder: 'MDY'},
      },
      items,
    });
    const out = all(output).map(routing);
    expect(out).toHaveLength(5);
    expect(out[0].decidedAt).toBe('2026-03-10T14:00:00.000Z');
    expect(out[1].warnings).toEqual([expect.objectContaining({code: 'time_unreadable'})]);
    expect(out[4].warnings).toEqual([expect.objectContaining({code: 'time_unreadable', value: 'soon'})]);
    const names = (
      new RoundRobin().getNodeType(1).description.properties.find(p => p.name === 'options')!.options as Array<{
        name: string;
      }>
    ).map(o => o.name);
    expect(names).toEqual(expect.arrayContaining(['timeZone', 'dateOrder']));
  });
});
