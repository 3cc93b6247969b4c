import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  CHANNELS,
  cfg,
  configNode,
  decision,
  GET_AVAILABILITY,
  http,
  ifExpr,
  joinAvailability,
  mapLead,
  routeLead,
  tail,
} from '../parts';
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
const TEAM_BOARD = 1837260001;
/**
 * The team board: one item per rep, a people column naming the rep and a status column saying whether they take
 * leads now (GraphQL API: https://developer.monday.com/api-reference/reference/items-page; column values:
 * https://developer.monday.com/api-reference/reference/column-values-v2).
 */
const TEAM_QUERY =
  'query ($board: [ID!]) { boards(ids: $board) { items_page(limit: 100) { items { id name column_values(ids: ["person", "status"]) { id text value } } } } }';
const teamItem = (id: number, name: string, personId: number, status: string) => ({
  id: String(id),
  name,
  column_values: [
    {id: 'person', text: name, value: JSON.stringify({personsAndTeams: [{id: personId, kind: 'person'}]})},
    {id: 'status', text: status, value: JSON.stringify({index: status === 'Available' ? 1 : 2})},
  ],
});
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
  availability: {
    signal: 'the status column of the team board (one item per rep: a people column and a status column)',
    api: 'POST https://api.monday.com/v2 GraphQL: boards(ids: teamBoardId) { items_page { items { column_values(ids: ["person", "status"]) } } } (monday.com API credential)',
    maps: 'people column text = rep name; status "Available" = available, any other label (Away, In a meeting, Off) = away',
  },
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
      apiUrl: 'https://api.monday.com',
      teamBoardId: String(TEAM_BOARD),
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
    const team = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'POST',
        url: expr(`{{ ${cfg('apiUrl')} }}/v2`),
        auth: {predefined: 'mondayComApi', credential: {mondayComApi: 'monday.com account'}},
        jsonBody: expr(
          `{{ JSON.stringify({ query: ${JSON.stringify(TEAM_QUERY)}, variables: { board: [${cfg('teamBoardId')}] } }) }}`,
        ),
        readOnce: true,
        notes: 'Team board status (continues on error: reps are then routed on their flags)',
      });
    const rows = expr(
      `{{ ($('${GET_AVAILABILITY}').first().json.data?.boards?.[0]?.items_page?.items ?? []).map(i => ({ rep: i.column_values.find(c => c.id === 'person')?.text, status: i.column_values.find(c => c.id === 'status')?.text })) }}`,
    );
    const route = routeLead(b, 'Route Lead', [8, 0.4], demoConfig(IDS), {
      live: {source: rows, repField: 'rep', availableField: 'status', availableValues: 'Available'},
    });
    b.connect(trigger, challenge).connect(challenge, answer, 0).connect(challenge, verify, 1);
    b.connect(verify, ok, 0).connect(verify, refuse, 1).chain(ok, conf, read, lead);
    b.connect(joinAvailability(b, conf, lead, team, [7, 0.4]), route);
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
    tail(b, route, {col: 9, row: 0.4, notify: 'slack', writeBack: write});
    return b.build(['monday']);
  },
  test: {
    availability: {
      call: 'POST /v2',
      reply: {
        data: {
          boards: [
            {
              items_page: {
                items: [
                  teamItem(1837260101, 'Ana Diaz', IDS.ana, 'Away'),
                  teamItem(1837260102, 'Ben Ode', IDS.ben, 'Available'),
                  teamItem(1837260103, 'Cara Lin', IDS.cara, 'Available'),
                ],
              },
            },
          ],
        },
        account_id: 1825529,
      },
      awayRep: String(IDS.ana),
    },
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
