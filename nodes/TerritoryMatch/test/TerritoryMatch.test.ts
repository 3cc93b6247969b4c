import type {IDataObject} from 'n8n-workflow';
import {runNode} from '../../test/fakeExecuteFunctions';
import {TerritoryMatch} from '../TerritoryMatch.node';

const node = new TerritoryMatch().getNodeType(1);

const territories = {
  territory: [
    {
      id: 'tx-solar',
      name: 'Texas solar',
      conditions: {
        condition: [
          {field: 'zip', op: 'between', values: '75000, 79999', weight: 10},
          {field: 'state', op: 'in', values: 'TX', weight: 5},
          {field: 'productLine', op: 'in', values: 'solar', weight: 7},
        ],
      },
    },
    {id: 'texas', name: 'Texas', conditions: {condition: [{field: 'state', op: 'in', values: 'TX', weight: 5}]}},
    {
      id: 'national',
      priority: 50,
      match: 'any',
      conditions: {condition: [{field: 'companySize', op: 'gte', values: '5000'}]},
    },
  ],
};

describe('Territory Match', () => {
  test('scores every territory, picks the highest, and branches matched / unmatched', async () => {
    const leads = [
      {id: 1, zip: '75201', state: 'TX', productLine: 'solar'},
      {id: 2, zip: '10001', state: 'NY'},
      {id: 3, state: 'TX', companySize: '12,000'},
      {id: 4, zip: '75201', state: 'OK', productLine: 'solar'},
    ];
    const {output} = await runNode(node, {parameters: {territories}, items: leads});
    const [matched, unmatched] = output;
    expect(matched.map(i => i.json.id)).toEqual([1, 3]);
    expect(unmatched.map(i => i.json.id)).toEqual([2, 4]);
    const m1 = matched[0].json.territoryMatch as IDataObject;
    expect(m1).toMatchObject({matched: true, territoryId: 'tx-solar', score: 22});
    expect((m1.exact as IDataObject[]).map(t => t.territoryId)).toEqual(['tx-solar', 'texas']);
    expect(matched[1].json.territoryMatch).toMatchObject({territoryId: 'national', score: 51}); // priority 50 + weight 1
    // Lead 4: zip and product hold, state does not: a partial match of 17, no winner.
    const m4 = unmatched[1].json.territoryMatch as IDataObject;
    expect(m4).toMatchObject({matched: false, territoryId: null});
    expect((m4.partial as IDataObject[])[0]).toMatchObject({territoryId: 'tx-solar', score: 17, matched: 2, total: 3});
  });

  test('works from a JSON config without reps, and maps fields', async () => {
    const configJson = {territories: [{id: 'ca', conditions: [{field: 'state', op: 'in', values: ['CA']}]}]};
    const {output} = await runNode(node, {
      parameters: {configSource: 'json', configJson, fieldMapping: {state: 'address.region'}},
      items: [{address: {region: 'California'}}],
    });
    expect(output[0][0].json.territoryMatch).toMatchObject({territoryId: 'ca'});
    expect(JSON.stringify(output)).not.toContain('__territory_match__');
  });
});
