import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {NodeOperationError, type IDataObject, type INodeExecutionData} from 'n8n-workflow';
import {routeBatch} from '../../../shared';
import {forgetInProcessCopies} from '../../../nodes/shared/staticDataStateStore';
import {runNode} from '../../../nodes/test/fakeExecuteFunctions';
import {RouteLead} from '../../../nodes/RouteLead/RouteLead.node';

const node = new RouteLead().getNodeType(1);
const root = path.resolve(__dirname, '../../..');
const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;

// A config built in the node's UI: Texas solar (zip 10 + state 5 + product 7), Texas (state 5), default owner.
const uiParameters: IDataObject = {
  configSource: 'ui',
  reps: {
    rep: [
      {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com', available: true},
      {id: 'ben', name: 'Ben Ode', email: 'ben@example.com', available: true},
      {id: 'cara', name: 'Cara Off', available: false},
      {id: 'manager', name: 'Sales Manager', available: true},
    ],
  },
  territories: {
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
        reps: 'ana, ben',
      },
      {
        id: 'texas',
        name: 'Texas',
        conditions: {condition: [{field: 'state', op: 'in', values: 'TX', weight: 5}]},
        reps: 'cara',
      },
    ],
  },
  cascade: ['exact', 'default'],
  defaultOwner: 'manager',
};

const leads = [
  {id: 'L1', zip: '75201', state: 'Texas', productLine: 'solar', message: 'need a quote'},
  {id: 'L2', zip: '75202', state: 'TX', productLine: 'solar', message: 'pricing please'},
  {id: 'L3', zip: '10001', state: 'NY', productLine: 'hvac', message: 'newsletter'},
  {id: 'L4', state: 'TX', productLine: 'wind', message: 'demo?'},
];

beforeEach(() => forgetInProcessCopies());

describe('Route Lead', () => {
  test('routes each item, keeps its data and pairing, and adds the decision with the seed aliases', async () => {
    const {output} = await runNode(node, {parameters: uiParameters, items: leads});
    const [assigned, unassigned] = output;
    expect(assigned.length + unassigned.length).toBe(leads.length);
    const byId = Object.fromEntries([...assigned, ...unassigned].map(i => [i.json.id, i]));
    // L1, L2: exact Texas solar, alternating between its reps.
    expect([routing(byId.L1).ownerId, routing(byId.L2).ownerId]).toEqual(['ana', 'ben']);
    expect(routing(byId.L1)).toMatchObject({
      stage: 'exact',
      territoryId: 'tx-solar',
      score: 22,
      matched_territory_id: 'tx-solar',
      priority_score: 22,
    });
    expect(routing(byId.L1).assignment_reason).toBe(routing(byId.L1).reason);
    // L4 matches only "texas", whose single rep is unavailable: the default owner takes it.
    expect(routing(byId.L4)).toMatchObject({ownerId: 'manager', stage: 'default'});
    // Every item keeps its fields and points at its input.
    for (const item of [...assigned, ...unassigned]) {
      const index = (item.pairedItem as {item: number}).item;
      expect(item.json).toMatchObject(leads[index]);
    }
    expect(routing(byId.L1).candidates).toBeUndefined();
  });

  test('a lead nobody can take goes to Unassigned with a reason (never dropped)', async () => {
    const parameters = {...uiParameters, cascade: ['exact'], defaultOwner: ''};
    const {output} = await runNode(node, {parameters, items: leads});
    const [assigned, unassigned] = output;
    expect(assigned.map(i => i.json.id).sort()).toEqual(['L1', 'L2']);
    expect(unassigned.map(i => i.json.id)).toEqual(['L3', 'L4']);
    for (const i of unassigned) {
      expect(routing(i)).toMatchObject({ownerId: null, stage: 'unassigned'});
      expect(String(routing(i).reason).length).toBeGreaterThan(10);
    }
  });

  test('require sales intent sends leads without a keyword to Unassigned', async () => {
    const parameters = {...uiParameters, options: {requireIntent: true, intentKeywords: 'quote, pricing, demo'}};
    const {output} = await runNode(node, {parameters, items: leads});
    expect(output[1].map(i => i.json.id)).toEqual(['L3']);
    expect(routing(output[1][0]).reason).toMatch(/intent|keyword/i);
    expect(routing(output[0][0]).intentKeywords).toEqual(['quote']);
  });

  test('the rotation continues from one execution to the next through static data', async () => {
    const staticData: IDataObject = {};
    const lead = [{zip: '75201', state: 'TX', productLine: 'solar'}];
    const owners: unknown[] = [];
    for (let run = 0; run < 4; run++) {
      forgetInProcessCopies(); // as if every execution ran in a new process: only static data carries state
      const {output} = await runNode(node, {parameters: uiParameters, items: lead, staticData});
      owners.push(routing(output[0][0]).ownerId);
    }
    expect(owners).toEqual(['ana', 'ben', 'ana', 'ben']);
    expect(JSON.stringify(staticData)).not.toContain('75201');
  });

  test('dry run decides without advancing the state', async () => {
    const staticData: IDataObject = {};
    const lead = [{zip: '75201', state: 'TX', productLine: 'solar'}];
    await runNode(node, {parameters: uiParameters, items: lead, staticData});
    const before = JSON.stringify(staticData);
    const dry1 = await runNode(node, {parameters: {...uiParameters, options: {dryRun: true}}, items: lead, staticData});
    const dry2 = await runNode(node, {parameters: {...uiParameters, options: {dryRun: true}}, items: lead, staticData});
    expect(JSON.stringify(staticData)).toBe(before);
    expect(routing(dry1.output[0][0])).toMatchObject({ownerId: 'ben', dryRun: true});
    expect(routing(dry2.output[0][0]).ownerId).toBe('ben');
  });

  test('include candidate trace lists the reps considered', async () => {
    const {output} = await runNode(node, {
      parameters: {...uiParameters, options: {includeCandidates: true}},
      items: [leads[3]],
    });
    const candidates = routing(output[0][0]).candidates as IDataObject[];
    expect(candidates.length).toBeGreaterThan(0);
  });

  test('a bad config fails with the config path; with continueOnFail every item goes to Unassigned', async () => {
    const parameters = {
      configSource: 'json',
      configJson: {reps: [{id: 'ana'}], territories: [{id: 't', reps: ['ghost']}]},
    };
    const error = await runNode(node, {parameters, items: leads}).catch(e => e as NodeOperationError);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).message).toContain('territories[0].reps[0]');
    const {output} = await runNode(node, {parameters, items: leads, continueOnFail: true});
    expect(output[0]).toHaveLength(0);
    expect(output[1]).toHaveLength(leads.length);
    expect(String(output[1][0].json.error)).toContain('ghost');
    expect(output[1].map(i => (i.pairedItem as {item: number}).item)).toEqual([0, 1, 2, 3]);
  });

  test('invalid JSON text in the config parameter names the parameter', async () => {
    const error = await runNode(node, {
      parameters: {configSource: 'json', configJson: '{"reps": ['},
      items: leads,
    }).catch(e => e as Error);
    expect((error as Error).message).toContain('configJson');
  });

  test('a roster (e.g. Google Sheets rows) replaces the reps; an unchecked Available is respected', async () => {
    const roster = [
      {Name: 'Ana Diaz', Email: 'ana@example.com', Available: true, Id: 'ana'},
      {Name: 'Ben Ode', Email: 'ben@example.com', Available: false, Id: 'ben'},
      {Name: 'Sales Manager', Email: 'manager@example.com', Available: 'TRUE', Id: 'manager'},
    ];
    const parameters = {
      ...uiParameters,
      territories: {territory: [(uiParameters.territories as IDataObject[] & {territory: IDataObject[]}).territory[0]]},
      options: {roster},
    };
    const lead = {zip: '75201', state: 'TX', productLine: 'solar'};
    const {output} = await runNode(node, {parameters, items: [lead, lead, lead]});
    expect(output[0].map(i => routing(i).ownerId)).toEqual(['ana', 'ana', 'ana']);
  });

  test('with a JSON config, the node decides exactly as the core does for the sample leads', async () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'shared/samples/config.json'), 'utf8'));
    const rows = (
      parse(fs.readFileSync(path.join(root, 'shared/samples/leads.csv'), 'utf8'), {columns: true}) as IDataObject[]
    )
      .filter(r => !Number.isNaN(Date.parse(String(r.createdAt))))
      .slice(0, 300);
    const {output} = await runNode(node, {
      parameters: {configSource: 'json', configJson: JSON.stringify(config), options: {timeField: 'createdAt'}},
      items: rows,
    });
    const byIndex = new Map<number, IDataObject>();
    for (const item of [...output[0], ...output[1]])
      byIndex.set((item.pairedItem as {item: number}).item, routing(item));
    expect(byIndex.size).toBe(rows.length);
    // Core reference: the same leads one by one at their own createdAt, one state through all of them.
    let state;
    for (let i = 0; i < rows.length; i++) {
      const r = routeBatch([rows[i]], config, state, String(rows[i].createdAt), {trace: false});
      state = r.state;
      expect({i, owner: byIndex.get(i)!.ownerId, stage: byIndex.get(i)!.stage}).toEqual({
        i,
        owner: r.decisions[0].ownerId,
        stage: r.decisions[0].stage,
      });
    }
    expect(new Set([...byIndex.values()].map(d => d.stage)).size).toBeGreaterThan(2);
  });
});

describe('state store failures', () => {
  const deadPort = () =>
    new Promise<number>(resolve => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });

  test('Redis unreachable: a node error naming host and port; under continueOnFail every item is kept, unrouted, with that message', async () => {
    const port = await deadPort();
    const parameters = {...uiParameters, stateStore: 'redis'};
    const credentials = {host: '127.0.0.1', port, keyPrefix: 'test:'};
    const leads = [
      {id: 'a', state: 'TX'},
      {id: 'b', state: 'NY'},
    ];
    await expect(runNode(node, {parameters, items: leads, credentials})).rejects.toThrow(
      `Cannot reach Redis at 127.0.0.1:${port}`,
    );
    const {output} = await runNode(node, {parameters, items: leads, credentials, continueOnFail: true});
    expect(output[0]).toHaveLength(0);
    expect(output[1].map(i => i.json.id)).toEqual(['a', 'b']);
    expect(output[1].map(i => i.pairedItem)).toEqual([{item: 0}, {item: 1}]);
    for (const item of output[1]) expect(String(item.json.error)).toContain(`Cannot reach Redis at 127.0.0.1:${port}`);
  });
});
