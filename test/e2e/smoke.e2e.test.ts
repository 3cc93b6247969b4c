import {cleanupAll, createUserFolder, executeWorkflow, importWorkflow, nodeOutput} from './lib/n8n';
import {codeNode, connect, manualTrigger, noOp, ourNode, workflow, type Connections} from './lib/workflow';

afterAll(cleanupAll);

test('the packed tarball loads into a stock n8n and Round Robin runs there', async () => {
  const folder = await createUserFolder();
  const c: Connections = {};
  connect(c, 'Start', 'Leads');
  connect(c, 'Leads', 'Round Robin');
  connect(c, 'Round Robin', 'Done');
  const id = await importWorkflow(
    folder,
    workflow(
      'smoke',
      [
        manualTrigger(),
        codeNode('Leads', [{id: 'a'}, {id: 'b'}, {id: 'c'}]),
        ourNode('Round Robin', 'roundRobin', {assignees: {assignee: [{id: 'x'}, {id: 'y'}]}}),
        noOp('Done'),
      ],
      c
    )
  );
  const result = await executeWorkflow(folder, id);
  if (!result.ok) console.log(result.cli.code, result.cli.stdout.slice(-3000), result.cli.stderr.slice(-3000));
  expect(result.error).toBeUndefined();
  const out = nodeOutput(result, 'Done');
  expect(out.map(j => (j.routing as {ownerId: string}).ownerId)).toEqual(['x', 'y', 'x']);
});
