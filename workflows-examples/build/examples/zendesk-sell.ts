import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {availabilityRows, CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, pollTrunk, tail} from '../parts';

const IDS = {ana: 2201001, ben: 2201002, cara: 2201003};
const CRED = {zendeskSellApi: 'Zendesk Sell account'};
const sellLead = (id: number, q: (typeof PEOPLE)['tx']) => ({
  data: {
    id,
    first_name: q.first,
    last_name: q.last,
    organization_name: q.company,
    email: q.email,
    mobile: q.phone,
    status: 'New',
    source_id: 10,
    owner_id: 2201000,
    address: {line1: q.street, city: q.city, state: q.state, postal_code: q.zip, country: 'US'},
    created_at: '2026-11-23T15:10:00Z',
  },
  meta: {type: 'lead'},
});

/**
 * Sell's Users API documents no busy / presence flag; a user's `status` (active | inactive) is the closest
 * documented signal. GET /v2/users: https://developer.zendesk.com/api-reference/sales-crm/resources/users/
 * Response: {items: [{data: {id, name, email, status, role, confirmed, …}, meta: {type: 'user'}}], meta}.
 */
const sellUser = (id: number, name: string, status: string) => ({
  data: {
    id,
    name,
    email: `${name.split(' ')[0].toLowerCase()}@example.com`,
    status,
    role: 'user',
    confirmed: true,
    invited: false,
    timezone: 'US/Central',
    created_at: '2025-02-01T09:00:00Z',
    updated_at: '2026-11-23T08:00:00Z',
  },
  meta: {type: 'user'},
});

/** The leads query's answer (`{items: [{data, meta}], meta}`), pinned and served by the e2e stub. */
const NEW_LEADS = {
  body: {
    items: [sellLead(61001, PEOPLE.tx), sellLead(61002, PEOPLE.ny)],
    meta: {type: 'collection', count: 2, links: {}},
  },
};

export const zendeskSell: Example = {
  slug: 'zendesk-sell-poll-new-leads',
  platform: 'Zendesk Sell',
  source: 'CRM record (new/unassigned)',
  trigger: 'Schedule (every 5 min) + HTTP GET /v2/leads?status=New&owner_id=<intake user>',
  writeBack: 'HTTP PUT /v2/leads/:id {data: {owner_id}}',
  credentials: ['Zendesk Sell API (this package)', 'Slack API'],
  change: 'Rep ids = Sell user ids; Config: intakeUserId (owner of fresh leads), channels',
  availability: {
    signal: 'user status (Sell documents no busy flag for users: status active / inactive is the closest signal)',
    api: 'GET /v2/users?per_page=100 (Zendesk Sell API token)',
    maps: 'items[].data.id = rep id; data.status active = available, inactive = away',
  },
  triggers: ['Every 5 minutes'],
  sample: [{}],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Zendesk Sell: new leads (poll) → owner');
    const trigger = b.add('Every 5 minutes', 'scheduleTrigger', 1.2, [0, 0], {
      rule: {interval: [{field: 'minutes', minutesInterval: 5}]},
    });
    const lead = {
      ...leadFrom({
        id: 'data.id',
        email: 'data.email',
        phone: 'data.mobile',
        company: 'data.organization_name',
        zip: 'data.address.postal_code',
        state: 'data.address.state',
        country: 'data.address.country',
      }),
      name: expr('{{ [$json.data.first_name, $json.data.last_name].filter(Boolean).join(" ") }}'),
    };
    const poll = (c: number): [string, string, number] => {
      const list = http(b, 'Get new leads', [c, 0], {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/v2/leads`),
        auth: {predefined: 'zendeskSellApi', credential: CRED},
        query: {status: 'New', owner_id: expr(`{{ ${cfg('intakeUserId')} }}`), per_page: '100', sort_by: 'created_at'},
        pinned: NEW_LEADS,
      });
      const split = b.add('One item per lead', 'splitOut', 1, [c + 1, 0], {fieldToSplitOut: 'items', options: {}});
      b.connect(list, split);
      return [list, split, 2];
    };
    const {route, col} = pollTrunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://api.getbase.com', intakeUserId: '2201000'},
      poll,
      lead,
      demoConfig(IDS),
      {
        live: {
          source: availabilityRows('items'),
          repField: 'data.id',
          availableField: 'data.status',
          availableValues: 'active',
        },
      },
      at =>
        http(b, GET_AVAILABILITY, at, {
          method: 'GET',
          url: expr(`{{ ${cfg('baseUrl')} }}/v2/users`),
          auth: {predefined: 'zendeskSellApi', credential: CRED},
          query: {per_page: '100'},
          readOnce: true,
          notes: 'User status (continues on error: reps are then routed on their flags)',
        }),
    );
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/v2/leads/{{ ${decision(route)}.leadId }}`),
        auth: {predefined: 'zendeskSellApi', credential: CRED},
        jsonBody: expr(`{{ JSON.stringify({ data: { owner_id: Number(${decision(route)}.ownerId) } }) }}`),
      });
    tail(b, route, {col, notify: 'slack', writeBack: write});
    return b.build(['zendesk-sell']);
  },
  test: {
    stub: {'GET /v2/leads': NEW_LEADS},
    expect: [
      {call: 'GET /v2/leads', query: 'status=New'},
      {call: 'PUT /v2/leads/61001', body: {data: {owner_id: IDS.ana}}, count: 1},
      {call: 'node:Notify rep', count: 1},
      {call: 'node:Alert managers', count: 1},
    ],
    never: ['PUT /v2/leads/61002'],
    availability: {
      call: 'GET /v2/users',
      reply: {
        items: [
          sellUser(IDS.ana, 'Ana Diaz', 'inactive'),
          sellUser(IDS.ben, 'Ben Ode', 'active'),
          sellUser(IDS.cara, 'Cara Lin', 'active'),
        ],
        meta: {type: 'collection', count: 3, links: {self: 'https://api.getbase.com/v2/users?page=1&per_page=100'}},
      },
      awayRep: String(IDS.ana),
    },
  },
};
