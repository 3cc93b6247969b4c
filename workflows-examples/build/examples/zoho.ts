import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {availabilityRows, GET_AVAILABILITY, CHANNELS, cfg, decision, http, leadFrom, tail, trunk} from '../parts';

const IDS = {ana: '4876876000000225013', ben: '4876876000000225014', cara: '4876876000000225015'};
const p = PEOPLE.tx;

/**
 * Users API: GET /crm/v2/users?type=AllUsers gives every user with `status` (active, disabled, deleted) and
 * `Isonline`: https://www.zoho.com/crm/developer/docs/api/v2/get-users.html
 * Response: {users: [{id, full_name, email, status, Isonline, role, profile, …}], info: {per_page, count, page, more_records}}.
 */
const zohoUser = (id: string, name: string, status: string) => ({
  id,
  full_name: name,
  email: `${name.split(' ')[0].toLowerCase()}@example.com`,
  status,
  Isonline: status === 'active',
  confirm: true,
  role: {name: 'Sales Rep', id: '4876876000000026011'},
  profile: {name: 'Standard', id: '4876876000000026014'},
});

export const zoho: Example = {
  slug: 'zoho-crm-lead-webhook',
  platform: 'Zoho CRM',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Zoho workflow rule on Lead create → Webhook action, JSON body)',
  writeBack: 'HTTP PUT /crm/v2/Leads/:id {data: [{Owner: {id}}]} (the Zoho CRM node has no Owner field)',
  credentials: ['Zoho OAuth2 API', 'Slack API'],
  change:
    'Rep ids = Zoho user ids; Config: baseUrl (your data centre, e.g. https://www.zohoapis.eu), channels; the OAuth client needs scope ZohoCRM.users.READ',
  availability: {
    signal: 'rep status from the Users API (active reps take leads; deactivated ones do not)',
    api: 'GET /crm/v2/users?type=AllUsers (Zoho OAuth2 credential)',
    maps: 'users[].id = rep id; status active = available, disabled / deleted = away',
  },
  triggers: ['New lead (Zoho webhook)'],
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'ZohoCRM-Webhook'},
      params: {},
      query: {},
      body: {
        id: '4876876000000624001',
        First_Name: p.first,
        Last_Name: p.last,
        Email: p.email,
        Company: p.company,
        Phone: p.phone,
        City: p.city,
        State: p.state,
        Zip_Code: p.zip,
        Country: p.country,
        Lead_Source: 'Web Download',
        Lead_Status: 'Not Contacted',
        Industry: 'Construction',
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Zoho CRM: new lead → owner');
    const trigger = b.add(
      'New lead (Zoho webhook)',
      'webhook',
      2.1,
      [0, 0],
      {httpMethod: 'POST', path: 'zoho-new-lead', options: {}},
      {webhook: true},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'body.id',
        email: 'body.Email',
        phone: 'body.Phone',
        company: 'body.Company',
        zip: 'body.Zip_Code',
        state: 'body.State',
        country: 'body.Country',
        industry: 'body.Industry',
        source: 'body.Lead_Source',
      }),
      name: expr('{{ [$json.body.First_Name, $json.body.Last_Name].filter(Boolean).join(" ") }}'),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/users`),
        auth: {predefined: 'zohoOAuth2Api', credential: {zohoOAuth2Api: 'Zoho account'}},
        query: {type: 'AllUsers'},
        readOnce: true,
        notes: 'Rep status (continues on error: reps are then routed on their flags)',
      });
    const live = {
      source: availabilityRows('users'),
      repField: 'id',
      availableField: 'status',
      availableValues: 'active',
    };
    const route = trunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://www.zohoapis.com'},
      lead,
      demoConfig(IDS),
      1,
      {live},
      read,
    );
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/Leads/{{ ${decision(route)}.leadId }}`),
        auth: {predefined: 'zohoOAuth2Api', credential: {zohoOAuth2Api: 'Zoho account'}},
        jsonBody: expr(`{{ JSON.stringify({ data: [ { Owner: { id: ${decision(route)}.ownerId } } ] }) }}`),
      });
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['zoho-crm']);
  },
  test: {
    expect: [
      {call: 'PUT /crm/v2/Leads/4876876000000624001', body: {data: [{Owner: {id: IDS.ana}}]}, count: 1},
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /crm/v2/users',
      reply: {
        users: [
          zohoUser(IDS.ana, 'Ana Diaz', 'disabled'),
          zohoUser(IDS.ben, 'Ben Ode', 'active'),
          zohoUser(IDS.cara, 'Cara Lin', 'active'),
        ],
        info: {per_page: 200, count: 3, page: 1, more_records: false},
      },
      awayRep: IDS.ana,
    },
  },
};
