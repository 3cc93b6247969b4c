/**
 * What the editor asks a real `n8n start` (127.0.0.1) while a user fills Route Lead's panel (issue 15 #2): the
 * rep pickers of territories, pools, default owner and account owners load their options from the node's own
 * Reps, through the REST call the editor makes (POST /rest/dynamic-node-parameters/options, as n8n's frontend
 * sends it: the node type and version, the parameter's path, the method name and the panel's current values).
 */
import {cleanupAll, createUserFolder, setupOwner, startN8n, type N8nServer, type Session} from './lib/n8n';

let server: N8nServer;
let session: Session;

beforeAll(async () => {
  server = await startN8n(await createUserFolder());
  session = await setupOwner(server);
}, 10 * 60_000);

afterAll(async () => {
  await server?.stop();
  await cleanupAll();
});

/** The options the editor would show for `path`, given the panel's current parameters. */
async function loadOptions(path: string, currentNodeParameters: Record<string, unknown>): Promise<unknown> {
  const r = await session.rest('POST', '/rest/dynamic-node-parameters/options', {
    nodeTypeAndVersion: {name: 'n8n-nodes-lead-routing.routeLead', version: 1},
    path,
    methodName: 'getReps',
    currentNodeParameters,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`options for ${path}: HTTP ${r.status} ${text.slice(0, 1000)}`);
  return (JSON.parse(text) as {data: unknown}).data;
}

const panel = (reps: unknown[]) => ({configSource: 'ui', reps: {rep: reps}});

test('every rep picker offers the reps typed in the panel, in roster order, each id once, names shown', async () => {
  const current = panel([
    {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'},
    {id: 'ben', name: 'ben'},
    {id: '={{ $json.ownerId }}', name: 'From the item'},
    {id: 'ana', name: 'Ana again'},
    {id: '  ', name: 'No id yet'},
    {id: 'cara', name: '={{ $json.name }}'},
  ]);
  const expected = [
    {name: 'Ana Diaz (ana)', value: 'ana', description: 'ana@example.com'},
    {name: 'ben', value: 'ben'},
    {name: 'cara', value: 'cara'},
  ];
  for (const path of [
    'parameters.territories.territory[0].reps',
    'parameters.poolReps',
    'parameters.defaultOwner',
    'parameters.accounts.account[0].repId',
  ])
    expect(await loadOptions(path, current)).toEqual(expected);
});

test('a rep added to the panel is offered at once; a panel without reps offers none', async () => {
  const before = (await loadOptions('parameters.defaultOwner', panel([{id: 'ana', name: 'Ana'}]))) as Array<{
    value: string;
  }>;
  const after = (await loadOptions(
    'parameters.defaultOwner',
    panel([
      {id: 'ana', name: 'Ana'},
      {id: 'zoe', name: 'Zoe'},
    ]),
  )) as Array<{value: string}>;
  expect(before.map(o => o.value)).toEqual(['ana']);
  expect(after.map(o => o.value)).toEqual(['ana', 'zoe']);
  expect(await loadOptions('parameters.defaultOwner', {configSource: 'ui'})).toEqual([]);
});
