import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, configNode, decision, ifExpr, mapLead, leadFrom, routeLead, tail} from '../parts';

const IDS = {ana: 48120001, ben: 48120002, cara: 48120003};
const p = PEOPLE.tx;

export const monday: Example = {
  slug: 'monday-item-created-people-column',
  platform: 'Monday.com',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (monday integration "When an item is created, send a webhook"; answers the challenge)',
  writeBack: 'Monday.com node: Board Item → Change Column Value, people column = rep',
  credentials: ['Monday.com API', 'Slack API'],
  change: 'Rep ids = monday user ids; Config: board id, people column id, zip/state/email column ids, channels',
  triggers: ['Item created (monday webhook)'],
  sample: [
    {
      headers: {'content-type': 'application/json'},
      params: {},
      query: {},
      body: {
        event: {
          app: 'monday',
          type: 'create_pulse',
          triggerTime: '2026-11-23T15:09:30.112Z',
          subscriptionId: 318877,
          userId: 48120000,
          originalTriggerUuid: null,
          boardId: 1837261122,
          pulseId: 1837265530,
          pulseName: `${p.company} – roof quote`,
          groupId: 'topics',
          groupName: 'New leads',
          columnValues: {
            email: {email: p.email, text: p.email},
            text_zip: {value: p.zip},
            text_state: {value: p.state},
          },
          triggerUuid: '2b3c1c2e5f3c4f0f9b7f2a1d9e8c7b6a',
        },
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · monday.com: new item → people column');
    const trigger = b.add(
      'Item created (monday webhook)',
      'webhook',
      2.1,
      [0, 0],
      {httpMethod: 'POST', path: 'monday-new-item', responseMode: 'responseNode', options: {}},
      {webhook: true},
    );
    b.pin(trigger, this.sample);
    const challenge = ifExpr(b, 'Challenge?', [1, 0], expr('{{ $json.body.challenge }}'), {
      type: 'string',
      operation: 'notEmpty',
    });
    const answer = b.add('Answer challenge', 'respondToWebhook', 1.4, [2, -0.6], {
      respondWith: 'json',
      responseBody: expr('{{ { challenge: $json.body.challenge } }}'),
      options: {},
    });
    const ok = b.add('Acknowledge', 'respondToWebhook', 1.4, [2, 0.4], {respondWith: 'noData', options: {}});
    const conf = configNode(b, [3, 0.4], {
      ...CHANNELS,
      boardId: '1837261122',
      peopleColumn: 'person',
      zipColumn: 'text_zip',
      stateColumn: 'text_state',
      emailColumn: 'email',
    });
    const lead = mapLead(b, 'Lead', [4, 0.4], {
      ...leadFrom({id: 'body.event.pulseId', name: 'body.event.pulseName'}),
      email: expr("{{ $json.body.event.columnValues[$('Config').first().json.emailColumn]?.email }}"),
      zip: expr("{{ $json.body.event.columnValues[$('Config').first().json.zipColumn]?.value }}"),
      state: expr("{{ $json.body.event.columnValues[$('Config').first().json.stateColumn]?.value }}"),
    });
    const route = routeLead(b, 'Route Lead', [5, 0.4], demoConfig(IDS));
    b.connect(trigger, challenge).connect(challenge, answer, 0).connect(challenge, ok, 1).chain(ok, conf, lead, route);
    const write = (at: [number, number]) =>
      b.add(
        'Set person column',
        'mondayCom',
        1,
        at,
        {
          authentication: 'accessToken',
          resource: 'boardItem',
          operation: 'changeColumnValue',
          boardId: expr("{{ $('Config').first().json.boardId }}"),
          itemId: expr(`{{ ${decision(route)}.leadId }}`),
          columnId: expr("{{ $('Config').first().json.peopleColumn }}"),
          value: expr(
            `{{ JSON.stringify({ personsAndTeams: [ { id: Number(${decision(route)}.ownerId), kind: 'person' } ] }) }}`,
          ),
        },
        {credentials: {mondayComApi: 'monday.com account'}},
      );
    tail(b, route, {col: 6, row: 0.4, notify: 'slack', writeBack: write});
    return b.build(['monday']);
  },
  test: {
    expect: [
      {
        call: 'node:Set person column',
        body: {itemId: '1837265530', columnId: 'person', boardId: '1837261122'},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
