// Issue 12 #7 (roster rows as n8n's Google Sheets node returns them) and issue 11 #8 (special names) on Route Lead.
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {forgetInProcessCopies} from '../../shared/staticDataStateStore';
import {runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../RouteLead.node';

const node = new RouteLead().getNodeType(1);
const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;
const all = (output: INodeExecutionData[][]) =>
  [...output[0], ...output[1]].sort(
    (a, b) => (a.pairedItem as {item: number}).item - (b.pairedItem as {item: number}).item,
  );

beforeEach(() => forgetInProcessCopies());

// Today in UTC as the Sheets node formats a date cell (M/D/YYYY), and as ISO with a time.
const today = new Date();
const mdy = `${today.getUTCMonth() + 1}/${today.getUTCDate()}/${today.getUTCFullYear()}`;
const iso = `${today.toISOString().slice(0, 10)}T00:00:00.000Z`;

const parameters = (roster: unknown[]) => ({
  configSource: 'ui',
  reps: {rep: [{id: 'placeholder'}]},
  cascade: ['pool', 'default'],
  defaultOwner: '',
  options: {roster},
});

describe('roster rows from a spreadsheet node', () => {
  // Today's date read month first is a guess when no Date Order is set (both parts <= 12), and says so.
  const guessed = (s: string) => {
    const m = /^(\d+)\/(\d+)\//.exec(s);
    return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2];
  };
  it.each([
    ['formatted text', mdy],
    ['ISO with a time', iso],
    ['a range of formatted dates', `${mdy} - ${mdy}`],
  ])('an out-of-office date as %s is read: that rep takes no lead today', async (_, cell) => {
    const roster = [
      {Name: 'Ana', 'Rep ID': 'ana', Available: true, 'Out of office': cell},
      {Name: 'Ben', 'Rep ID': 'ben', Available: true, 'Out of office': ''},
    ];
    const {output} = await runNode(node, {parameters: parameters(roster), items: [{id: 1}, {id: 2}, {id: 3}]});
    expect(all(output).map(i => routing(i).ownerId)).toEqual(['ben', 'ben', 'ben']);
    const codes = ((routing(output[0][0]).warnings ?? []) as Array<{code: string}>).map(w => w.code);
    expect(codes).toEqual(guessed(cell) ? ['date_order_assumed'] : []);
  });

  it('a cell that cannot be read does not stop routing: every decision names the rep and the cell', async () => {
    const roster = [
      {Name: 'Ana', 'Rep ID': 'ana', Available: true, 'Out of office': 'next tuesday', 'Daily cap': 'ten'},
      {Name: 'Ben', 'Rep ID': 'ben', Available: true, Hours: 'whenever'},
    ];
    const {output} = await runNode(node, {parameters: parameters(roster), items: [{id: 1}, {id: 2}]});
    const items = all(output);
    expect(items.map(i => routing(i).ownerId)).toEqual(['ana', 'ben']);
    for (const item of items) {
      const warnings = routing(item).warnings as Array<{code: string; field: string; message: string}>;
      expect(warnings.map(w => [w.code, w.field])).toEqual([
        ['roster_cell_unreadable', 'Daily cap'],
        ['roster_cell_unreadable', 'Out of office'],
        ['roster_cell_unreadable', 'Hours'],
      ]);
      expect(warnings[0].message).toMatch(/Rep "ana".*Daily cap.*"ten"/);
      expect(warnings[2].message).toMatch(/Rep "ben".*Hours.*"whenever"/);
    }
  });

  it('a rep id "__proto__" keeps its daily cap across executions', async () => {
    const roster = [
      {Name: 'P', 'Rep ID': '__proto__', Available: true, 'Daily cap': 1},
      {Name: 'Ben', 'Rep ID': 'ben', Available: true, 'Daily cap': ''},
    ];
    const staticData: IDataObject = {};
    const owners: unknown[] = [];
    for (let run = 0; run < 4; run++) {
      forgetInProcessCopies();
      const {output} = await runNode(node, {parameters: parameters(roster), items: [{id: run}], staticData});
      owners.push(routing(output[0][0]).ownerId);
    }
    expect(owners.filter(o => o === '__proto__')).toHaveLength(1);
  });
});

describe.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])('a field named %s', name => {
  it('is an ordinary condition and dedupe field in a JSON config', async () => {
    const config = {
      reps: [{id: 'ana'}, {id: 'ben'}],
      territories: [{id: 't', conditions: [{field: name, op: 'in', values: ['x']}], reps: ['ana']}],
      cascade: ['exact', 'pool'],
      pool: {reps: ['ben']},
      dedupe: {fields: [name]},
    };
    const items = [JSON.parse(`{"id": 1, "${name}": "x"}`), {id: 2}, JSON.parse(`{"id": 3, "${name}": "x"}`)];
    const {output} = await runNode(node, {
      parameters: {configSource: 'json', configJson: JSON.stringify(config)},
      items,
    });
    expect(all(output).map(i => [routing(i).ownerId, routing(i).stage])).toEqual([
      ['ana', 'exact'],
      ['ben', 'pool'],
      ['ana', 'duplicate'],
    ]);
  });
});
