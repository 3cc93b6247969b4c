// Issue 15 #2: rep references are options loaded from the node's own reps; old comma-separated
// workflows keep working; errors name territories by their name.
import type {IDataObject, ILoadOptionsFunctions, INodeExecutionData, INodeProperties} from 'n8n-workflow';
import {forgetInProcessCopies} from '../staticDataStateStore';
import {runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../../RouteLead/RouteLead.node';
import {getReps, REP_OPTIONS_METHOD} from '../repOptions';

const node = new RouteLead().getNodeType(1);
const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;

function loadOptionsCtx(reps: unknown): ILoadOptionsFunctions {
  return {getCurrentNodeParameter: (name: string) => (name === 'reps' ? reps : undefined)} as ILoadOptionsFunctions;
}

const reps = {
  rep: [
    {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'},
    {id: 'ben', name: '', email: ''},
    {id: ' ana ', name: 'Duplicate'},
    {id: '', name: 'No ID yet'},
    {id: '={{ $json.owner }}', name: 'By expression'},
    {id: 'manager', name: 'Sales Manager'},
  ],
};

const validReps = {rep: [reps.rep[0], reps.rep[1], reps.rep[5]]};

beforeEach(() => forgetInProcessCopies());

describe('rep options', () => {
  test('getReps lists the node’s current reps: name (id), each ID once, no blanks or expressions', async () => {
    const options = await getReps.call(loadOptionsCtx(reps));
    expect(options).toEqual([
      {name: 'Ana Diaz (ana)', value: 'ana', description: 'ana@example.com'},
      {name: 'ben', value: 'ben', description: undefined},
      {name: 'Sales Manager (manager)', value: 'manager', description: undefined},
    ]);
    expect(await getReps.call(loadOptionsCtx(undefined))).toEqual([]);
  });

  test('the node offers the method, and every rep reference uses it', () => {
    expect(Object.keys(node.methods?.loadOptions ?? {})).toEqual([REP_OPTIONS_METHOD]);
    const uses: string[] = [];
    const walk = (props: INodeProperties[], at: string) => {
      for (const p of props) {
        if (p.typeOptions?.loadOptionsMethod === REP_OPTIONS_METHOD) uses.push(`${at}${p.name}:${p.type}`);
        for (const o of (p.options ?? []) as Array<{values?: INodeProperties[]; name: string}>) {
          if (o.values) walk(o.values, `${at}${p.name}.${o.name}.`);
        }
      }
    };
    walk(node.description.properties, '');
    expect(uses.sort()).toEqual([
      'accounts.account.repId:options',
      'defaultOwner:options',
      'poolReps:multiOptions',
      'territories.territory.reps:multiOptions',
    ]);
  });

  const territory = (reps: unknown, name = 'West') => ({
    territory: [{id: 'west', name, conditions: {condition: [{field: 'state', op: 'in', values: 'CA'}]}, reps}],
  });
  const run = (parameters: IDataObject) =>
    runNode(node, {
      parameters: {configSource: 'ui', reps: validReps, cascade: ['exact', 'pool', 'default'], ...parameters},
      items: [
        {id: 'L1', state: 'CA'},
        {id: 'L2', state: 'CA'},
        {id: 'L3', state: 'NY'},
      ],
    });

  test('picked options (arrays) and old comma-separated text route the same', async () => {
    const picked = await run({territories: territory(['ben', 'manager']), poolReps: ['ana'], defaultOwner: 'manager'});
    forgetInProcessCopies();
    const typed = await run({territories: territory('ben, manager'), poolReps: 'ana', defaultOwner: 'manager'});
    const owners = (o: INodeExecutionData[][]) => o.flat().map(i => [routing(i).leadId, routing(i).ownerId]);
    expect(owners(picked.output)).toEqual([
      ['L1', 'ben'],
      ['L2', 'manager'],
      ['L3', 'ana'],
    ]);
    expect(owners(typed.output)).toEqual(owners(picked.output));
  });

  test('an account owner picked from the list', async () => {
    const {output} = await run({
      territories: {territory: []},
      accountOwner: 'emailDomain',
      accounts: {account: [{domain: 'acme.com', repId: 'ben'}]},
      cascade: ['pool'],
    });
    expect(output[0].length).toBe(3);
    const {output: again} = await runNode(node, {
      parameters: {
        configSource: 'ui',
        reps: validReps,
        accountOwner: 'emailDomain',
        accounts: {account: [{domain: 'acme.com', repId: 'ben'}]},
        cascade: ['pool'],
      },
      items: [{id: 'A', email: 'x@acme.com'}],
    });
    expect(routing(again[0][0])).toMatchObject({ownerId: 'ben', stage: 'account'});
  });

  test('an unknown rep is reported with the territory’s name', async () => {
    await expect(run({territories: territory(['ghost'], 'West Coast')})).rejects.toThrow(
      'Invalid routing config: territory "West Coast" (config.territories[0].reps[0]) unknown rep "ghost"',
    );
  });
});
