// Issue 12 #9: "Daily cap 0" means the same on every surface: 0 takes no leads, blank is no cap.
// One roster, four surfaces (core JSON config, Route Lead's UI reps, Route Lead's roster rows,
// Round Robin's assignee list, the add-on bundle reading its Reps sheet): the same owners.
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {createRouter, type RoutingConfigInput} from '../../shared';
import {forgetInProcessCopies} from '../../nodes/shared/staticDataStateStore';
import {runNode} from '../../nodes/test/fakeExecuteFunctions';
import {RouteLead} from '../../nodes/RouteLead/RouteLead.node';
import {RoundRobin} from '../../nodes/RoundRobin/RoundRobin.node';
import {run} from '../../apps-script/test/loadBundle';
import {ownerIds, worldFor} from '../../apps-script/test/harness';

const NOW = '2026-11-23T16:00:00Z';
// ana: cap 0 (takes no leads); ben: blank (no cap); cy: cap 1
const config: RoutingConfigInput = {
  version: 1,
  fields: {state: 'State'},
  reps: [
    {id: 'ana', name: 'Ana', capacity: {daily: 0}},
    {id: 'ben', name: 'Ben'},
    {id: 'cy', name: 'Cy', capacity: {daily: 1}},
  ],
  territories: [],
  cascade: ['pool'],
  pool: {reps: 'all', strategy: 'round_robin'},
};
const leads = [1, 2, 3, 4, 5].map(n => ({Name: `Lead ${n}`, State: 'TX'}));
const owner = (i: INodeExecutionData) => (i.json.routing as IDataObject).ownerId;
const uiCap = (v: number | undefined) => (v === undefined ? '' : String(v));

beforeEach(() => forgetInProcessCopies());

const core = (() => {
  const router = createRouter(config);
  return leads.map((l, i) => router.route(l, NOW, i).ownerId);
})();

it('the core: ana (cap 0) never, cy (cap 1) once, ben (no cap) the rest', () => {
  expect(core).toEqual(['ben', 'cy', 'ben', 'ben', 'ben']);
});

it('Route Lead, reps typed in the UI ("0" and empty)', async () => {
  const parameters = {
    configSource: 'ui',
    reps: {rep: config.reps.map(r => ({id: r.id, name: r.name, available: true, dailyCap: uiCap(r.capacity?.daily)}))},
    cascade: ['pool'],
  };
  const {output} = await runNode(new RouteLead().getNodeType(1), {parameters, items: leads});
  expect(
    [...output[0], ...output[1]]
      .sort((a, b) => (a.pairedItem as {item: number}).item - (b.pairedItem as {item: number}).item)
      .map(owner),
  ).toEqual(core);
});

it('Route Lead, a workflow saved when caps were numbers keeps 0 = no cap', async () => {
  const parameters = {
    configSource: 'ui',
    reps: {
      rep: [
        {id: 'ben', dailyCap: 0},
        {id: 'cy', dailyCap: 1},
      ],
    },
    cascade: ['pool'],
  };
  const {output} = await runNode(new RouteLead().getNodeType(1), {parameters, items: leads.slice(0, 3)});
  expect(output[0].map(owner)).toEqual(['ben', 'cy', 'ben']);
});

it('Route Lead, roster rows as a Google Sheets node gives them (0 and blank cells)', async () => {
  const roster = config.reps.map(r => ({
    Name: r.name,
    'Rep ID': r.id,
    Available: true,
    'Daily cap': r.capacity?.daily ?? '',
  }));
  const parameters = {configSource: 'ui', reps: {rep: [{id: 'x'}]}, cascade: ['pool'], options: {roster}};
  const {output} = await runNode(new RouteLead().getNodeType(1), {parameters, items: leads});
  expect(output[0].map(owner)).toEqual(core.filter(o => o !== null));
});

it('Round Robin, assignees typed in the list', async () => {
  const parameters = {
    operation: 'assign',
    assigneesSource: 'list',
    assignees: {
      assignee: config.reps.map(r => ({id: r.id, name: r.name, available: true, dailyCap: uiCap(r.capacity?.daily)})),
    },
  };
  const {output} = await runNode(new RoundRobin().getNodeType(1), {parameters, items: leads});
  expect(output[0].map(owner)).toEqual(core);
});

it('the add-on bundle reading its Reps sheet (0 and blank cells)', () => {
  const world = worldFor(config, leads, {now: NOW});
  run(world, 'assignNewLeads');
  expect(ownerIds(world, config).map(o => o || null)).toEqual(core);
});
