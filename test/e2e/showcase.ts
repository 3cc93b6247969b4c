/** The workflow shown in the README screenshot: a new lead routed in one step, both outcomes handled. */
import {connect, ourNode, workflow, type Connections, type WfNode} from './lib/workflow';

export function showcaseWorkflow(): Record<string, unknown> {
  const at = (n: WfNode, x: number, y: number): WfNode => ({...n, position: [x, y]});
  const noOp = (name: string, x: number, y: number): WfNode => ({
    name,
    type: 'n8n-nodes-base.noOp',
    typeVersion: 1,
    position: [x, y],
    parameters: {},
  });
  const c: Connections = {};
  connect(c, 'New lead (webhook)', 'Route Lead');
  connect(c, 'Route Lead', 'Set CRM owner', 0);
  connect(c, 'Route Lead', 'Alert sales manager', 1);
  const wf = workflow(
    'Route every new lead to an owner',
    [
      {
        name: 'New lead (webhook)',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 300],
        webhookId: '5d1c1c39-6c1b-4a43-9a52-6f1f3c1d0a01',
        parameters: {httpMethod: 'POST', path: 'new-lead', options: {}},
      },
      at(
        ourNode('Route Lead', 'routeLead', {
          configSource: 'ui',
          reps: {
            rep: [
              {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'},
              {id: 'ben', name: 'Ben Ode', email: 'ben@example.com'},
              {id: 'manager', name: 'Sales Manager'},
            ],
          },
          territories: {
            territory: [
              {
                id: 'tx-solar',
                name: 'Texas solar',
                reps: 'ana, ben',
                conditions: {
                  condition: [
                    {field: 'state', op: 'in', values: 'TX', weight: 5},
                    {field: 'productLine', op: 'in', values: 'solar', weight: 7},
                  ],
                },
              },
            ],
          },
          defaultOwner: 'manager',
          dedupeFields: 'email',
        }),
        280,
        300,
      ),
      noOp('Set CRM owner', 620, 200),
      noOp('Alert sales manager', 620, 420),
    ],
    c,
  );
  return {...wf, id: 'routeLeadShowcase'};
}
