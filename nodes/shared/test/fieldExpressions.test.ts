// Issue 15 #1: a lead-field parameter given as an expression (the editor's drag gesture writes
// `{{ $json.body.state }}`) is read as the item's value, and the config is still compiled once.
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {forgetInProcessCopies} from '../staticDataStateStore';
import {FakeExecuteFunctions, runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../../RouteLead/RouteLead.node';
import {RoundRobin} from '../../RoundRobin/RoundRobin.node';
import {TerritoryMatch} from '../../TerritoryMatch/TerritoryMatch.node';
import {leadFieldExpressionPaths} from '../fieldExpressions';

const routeLead = new RouteLead().getNodeType(1);
const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;
const all = (output: INodeExecutionData[][]) =>
  output.flat().sort((a, b) => (a.pairedItem as {item: number}).item - (b.pairedItem as {item: number}).item);

const reps = {rep: [{id: 'ana', name: 'Ana Diaz'}, {id: 'ben', name: 'Ben Ode'}, {id: 'manager'}]};
const webhookItems = [
  {body: {id: 'W1', state: 'CA', email: 'a@x.example', msg: 'need a quote', at: '2026-11-20T10:00:00Z'}},
  {body: {id: 'W2', state: 'NY', email: 'b@x.example', msg: 'newsletter', at: '2026-11-21T10:00:00Z'}},
  {body: {id: 'W3', state: 'CA', email: 'a@x.example', msg: 'pricing', at: '2026-11-22T10:00:00Z'}},
];
const caTerritory = (field: string) => ({
  territory: [{id: 'west', name: 'West', conditions: {condition: [{field, op: 'in', values: 'CA'}]}, reps: 'ana'}],
});

beforeEach(() => forgetInProcessCopies());

async function run(parameters: IDataObject, items: IDataObject[] = webhookItems) {
  const spy = jest.spyOn(FakeExecuteFunctions.prototype, 'getNodeParameter');
  try {
    const {output} = await runNode(routeLead, {
      parameters: {configSource: 'ui', reps, cascade: ['exact', 'default'], defaultOwner: 'manager', ...parameters},
      items,
    });
    const names = spy.mock.calls.map(c => c[0]);
    const reads = (name: string) => names.filter(n => n === name).length;
    return {items: all(output), reads};
  } finally {
    spy.mockRestore();
  }
}

describe('expression-valued lead fields (the drag gesture)', () => {
  test('a condition Field dragged in ({{ $json.body.state }}) matches on each item’s value', async () => {
    const {items, reads} = await run({territories: caTerritory('={{ $json.body.state }}')});
    expect(items.map(i => [routing(i).ownerId, routing(i).stage])).toEqual([
      ['ana', 'exact'],
      ['manager', 'default'],
      ['ana', 'exact'],
    ]);
    expect(reads('territories')).toBe(1); // the config was built (and compiled) once
  });

  test('the same condition as a dot path still works', async () => {
    const {items} = await run({territories: caTerritory('body.state')});
    expect(items.map(i => routing(i).ownerId)).toEqual(['ana', 'manager', 'ana']);
  });

  test('Field Mapping by expression: id and state come from the item', async () => {
    const {items} = await run({
      territories: caTerritory('state'),
      fieldMapping: {state: '={{ $json.body.state }}', id: '={{ $json.body.id }}'},
    });
    expect(items.map(i => [routing(i).leadId, routing(i).ownerId])).toEqual([
      ['W1', 'ana'],
      ['W2', 'manager'],
      ['W3', 'ana'],
    ]);
  });

  test('Dedupe Fields by expression: the same e-mail again is a duplicate', async () => {
    const {items} = await run({
      territories: {territory: []},
      cascade: ['pool'],
      dedupeFields: '={{ $json.body.email }}',
    });
    expect(items.map(i => [routing(i).ownerId, routing(i).stage])).toEqual([
      ['ana', 'pool'],
      ['ben', 'pool'],
      ['ana', 'duplicate'],
    ]);
  });

  test('Intent Field and Lead Time Field by expression', async () => {
    const {items} = await run({
      territories: {territory: []},
      cascade: ['pool'],
      options: {
        requireIntent: true,
        intentField: '={{ $json.body.msg }}',
        timeField: '={{ $json.body.at }}',
      },
    });
    expect(items.map(i => routing(i).ownerId)).toEqual(['ana', null, 'ben']);
    expect(items.map(i => routing(i).decidedAt)).toEqual(webhookItems.map(i => i.body.at.replace('Z', '.000Z')));
  });

  test('Territory Match reads a dragged condition field per item', async () => {
    const {output} = await runNode(new TerritoryMatch().getNodeType(1), {
      parameters: {configSource: 'ui', reps, territories: caTerritory('={{ $json.body.state }}')},
      items: webhookItems,
    });
    const [matched, unmatched] = output;
    expect(matched.map(i => (i.json.body as IDataObject).id)).toEqual(['W1', 'W3']);
    expect(unmatched.map(i => (i.json.body as IDataObject).id)).toEqual(['W2']);
  });

  test('Round Robin reads a dragged Lead Time Field', async () => {
    const {output} = await runNode(new RoundRobin().getNodeType(1), {
      parameters: {
        operation: 'assign',
        assignees: {assignee: [{id: 'ana'}]},
        options: {timeField: '={{ $json.body.at }}'},
      },
      items: webhookItems,
    });
    expect(output[0].map(i => routing(i).decidedAt)).toEqual(webhookItems.map(i => i.body.at.replace('Z', '.000Z')));
  });

  test('finds every lead-field expression among the raw parameters, and only those', () => {
    expect(
      leadFieldExpressionPaths({
        territories: {
          territory: [
            {conditions: {condition: [{field: 'state'}, {field: '={{ $json.zip }}'}]}},
            {conditions: {condition: [{field: '={{ $json.a.b }}'}]}},
          ],
        },
        fieldMapping: {email: '={{ $json.mail }}', zip: 'address.zip'},
        dedupeFields: 'email',
        options: {intentField: '={{ $json.m }}', outputField: '={{ "x" }}'},
      }),
    ).toEqual([
      'territories.territory[0].conditions.condition[1].field',
      'territories.territory[1].conditions.condition[0].field',
      'fieldMapping.email',
      'options.intentField',
    ]);
  });
});
