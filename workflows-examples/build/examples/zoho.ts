import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, http, leadFrom, tail, trunk} from '../parts';

const IDS = {ana: '4876876000000225013', ben: '4876876000000225014', cara: '4876876000000225015'};
const p = PEOPLE.tx;

export const zoho: Example = {
  slug: 'zoho-crm-lead-webhook',
  platform: 'Zoho CRM',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Zoho workflow rule on Lead create → Webhook action, JSON body)',
  writeBack: 'HTTP PUT /crm/v2/Leads/:id {data: [{Owner: {id}}]} (the Zoho CRM node has no Owner field)',
  credentials: ['Zoho OAuth2 API', 'Slack API'],
  change: 'Rep ids = Zoho user ids; Config: baseUrl (your data centre, e.g. https://www.zohoapis.eu), channels',
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
    const route = trunk(b, trigger, {...CHANNELS, baseUrl: 'https://www.zohoapis.com'}, lead, demoConfig(IDS));
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/Leads/{{ ${decision(route)}.leadId }}`),
        auth: {predefined: 'zohoOAuth2Api', credential: {zohoOAuth2Api: 'Zoho account'}},
        jsonBody: expr(`{{ JSON.stringify({ data: [ { Owner: { id: ${decision(route)}.ownerId } } ] }) }}`),
      });
    tail(b, route, {col: 4, notify: 'slack', writeBack: write});
    return b.build(['zoho-crm']);
  },
  test: {
    expect: [
      {call: 'PUT /crm/v2/Leads/4876876000000624001', body: {data: [{Owner: {id: IDS.ana}}]}, count: 1},
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
