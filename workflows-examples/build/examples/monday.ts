import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, configNode, decision, ifExpr, mapLead, routeLead, tail} from '../parts';
import {rereadRecord} from '../intake';

const IDS = {ana: 48120001, ben: 48120002, cara: 48120003};
const p = PEOPLE.tx;
const ITEM_ID = 1837265530;
/** The item as monday stores it: what the Monday.com node's Board Item → Get returns (GraphQL items(ids:)). */
const ITEM = {
  id: String(ITEM_ID),
  name: `${p.company} – roof quote`,
  column_values: [
    {id: 'email', type: 'email', text: p.email, value: JSON.stringify({email: p.email, text: p.email})},
    {id: 'text_zip', type: 'text', text: p.zip, value: JSON.stringify(p.zip)},
    {id: 'text_state', type: 'text', text: p.state, value: JSON.stringify(p.state)},
    {id: 'person', type: 'people', text: '', value: null},
  ],
};
/** `{{ }}` text of one column of the re-read item, by the column id kept in Config. */
const column = (key: string) =>
  expr(`{{ $json.column_values.find(c => c.id === $('Config').first().json.${key})?.text }}`);

export const monday: Example = {
  slug: 'monday-item-created-people-column',
  platform: 'Monday.com',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (monday integration "When an item is created, send a webhook"; answers the challenge)',
  writeBack: 'Monday.com node: Board Item → Change Column Value, people column = rep',
  credentials: ['Monday.com API', 'Slack API'],
  change: 'Rep ids = monday user ids; Config: board id, people column id, zip/state/email column ids, channels',
  triggers: ['Item created (monday webhook)'],
  intake: {
    auth: 'mondayJwt',
    credential: 'monday signing secret',
    sender:
      "create the webhook from your monday app (API create_webhook with the app's token): monday then signs every request with a JWT in the Authorization header, HS256 with the app's Signing Secret; a board automation without an app sends no signature and is refused",
    reread:
      "Read item: Monday.com node Board Item → Get by the event's pulseId — zip, state and e-mail come from the item's columns in monday, not from the event.",
    test: {
      path: 'monday-new-item',
      forged: {
        event: {
          type: 'create_pulse',
          boardId: 1837261122,
          pulseId: ITEM_ID,
          pulseName: 'Forged',
          columnValues: {text_zip: {value: PEOPLE.ca.zip}, text_state: {value: PEOPLE.ca.state}},
        },
      },
      expect: [
        {
          call: 'node:Set person column',
          body: {itemId: String(ITEM_ID), value: JSON.stringify({personsAndTeams: [{id: IDS.ana, kind: 'person'}]})},
          count: 1,
        },
      ],
      never: [
        {
          call: 'node:Set person column',
          body: {value: JSON.stringify({personsAndTeams: [{id: IDS.cara, kind: 'person'}]})},
        },
      ],
    },
  },
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
          pulseId: ITEM_ID,
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
    // monday signs its requests with a JWT that is not a Bearer header, so n8n's Webhook JWT option cannot check
    // it: the trigger takes every POST, answers the URL challenge (an echo, no side effect) and the JWT node
    // verifies the signature before anything else happens; a request that fails gets 401 and stops there.
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
    // https://developer.monday.com/apps/docs/authorization-header (JWT signed with the app's Signing Secret)
    const verify = rereadRecord(
      b,
      'Verify monday signature',
      [2, 0.4],
      'jwt',
      1,
      {
        operation: 'verify',
        token: expr("{{ ($json.headers.authorization || '').replace(/^Bearer\\s+/i, '') }}"),
        options: {},
      },
      {payload: {accountId: 1825529, userId: 48120000, aud: 'https://your-n8n.example.com/webhook/monday-new-item'}},
      {
        credentials: {jwtAuth: this.intake!.credential},
        onError: 'continueErrorOutput',
        notes: 'Refuses any request not signed by your monday app',
      },
    );
    const refuse = b.add('Refuse (401)', 'respondToWebhook', 1.4, [3, 1.2], {
      respondWith: 'json',
      responseBody: '{"error": "invalid or missing monday signature"}',
      options: {responseCode: 401},
    });
    const ok = b.add('Acknowledge', 'respondToWebhook', 1.4, [3, 0.4], {respondWith: 'noData', options: {}});
    const conf = configNode(b, [4, 0.4], {
      ...CHANNELS,
      boardId: '1837261122',
      peopleColumn: 'person',
      zipColumn: 'text_zip',
      stateColumn: 'text_state',
      emailColumn: 'email',
    });
    const read = rereadRecord(
      b,
      'Read item (monday)',
      [5, 0.4],
      'mondayCom',
      1,
      {
        authentication: 'accessToken',
        resource: 'boardItem',
        operation: 'get',
        itemId: expr("{{ $('Item created (monday webhook)').item.json.body.event.pulseId }}"),
      },
      ITEM,
      {credentials: {mondayComApi: 'monday.com account'}},
    );
    const lead = mapLead(b, 'Lead', [6, 0.4], {
      id: expr('{{ $json.id }}'),
      name: expr('{{ $json.name }}'),
      email: column('emailColumn'),
      zip: column('zipColumn'),
      state: column('stateColumn'),
    });
    const route = routeLead(b, 'Route Lead', [7, 0.4], demoConfig(IDS));
    b.connect(trigger, challenge).connect(challenge, answer, 0).connect(challenge, verify, 1);
    b.connect(verify, ok, 0).connect(verify, refuse, 1).chain(ok, conf, read, lead, route);
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
    tail(b, route, {col: 8, row: 0.4, notify: 'slack', writeBack: write});
    return b.build(['monday']);
  },
  test: {
    doubles: {'Read item (monday)': [ITEM], 'Verify monday signature': {payload: {accountId: 1825529}}},
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
