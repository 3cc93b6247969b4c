import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, http, ifExpr, leadFrom, tail, trunk} from '../parts';

const IDS = {ana: 'seed_sally_id', ben: 'seed_max_id', cara: 'seed_chris_id'};
const p = PEOPLE.ca;

export const sugarcrm: Example = {
  slug: 'sugarcrm-lead-web-logic-hook',
  platform: 'SugarCRM',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Sugar Web Logic Hook: Leads, after_save); only new, unassigned leads go on',
  writeBack: 'HTTP PUT /rest/v11_1/Leads/:id {assigned_user_id}',
  credentials: ['OAuth2 API (Sugar password grant, client id "sugar")', 'Slack API'],
  change: 'Rep ids = Sugar user ids; Config: baseUrl (https://<instance>.sugarondemand.com), channels',
  triggers: ['Lead saved (Sugar web logic hook)'],
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'SugarCRM'},
      params: {},
      query: {},
      body: {
        isUpdate: false,
        dataChanges: {},
        data: {
          id: 'f3c9a3b2-6c51-11ef-9a2e-02a1b2c3d4e5',
          first_name: p.first,
          last_name: p.last,
          email1: p.email,
          account_name: p.company,
          phone_work: p.phone,
          primary_address_city: p.city,
          primary_address_state: p.state,
          primary_address_postalcode: p.zip,
          primary_address_country: 'USA',
          status: 'New',
          lead_source: 'Web Site',
          assigned_user_id: '',
        },
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · SugarCRM: new lead → assigned user');
    const trigger = b.add(
      'Lead saved (Sugar web logic hook)',
      'webhook',
      2.1,
      [0, 0],
      {httpMethod: 'POST', path: 'sugarcrm-lead-saved', options: {}},
      {webhook: true},
    );
    b.pin(trigger, this.sample);
    const isNew = ifExpr(
      b,
      'New and unassigned?',
      [1, 0],
      expr('{{ !$json.body.isUpdate && !$json.body.data.assigned_user_id }}'),
      {type: 'boolean', operation: 'true'},
    );
    b.connect(trigger, isNew);
    const lead = {
      ...leadFrom({
        id: 'body.data.id',
        email: 'body.data.email1',
        phone: 'body.data.phone_work',
        company: 'body.data.account_name',
        zip: 'body.data.primary_address_postalcode',
        state: 'body.data.primary_address_state',
        country: 'body.data.primary_address_country',
        source: 'body.data.lead_source',
      }),
      name: expr('{{ [$json.body.data.first_name, $json.body.data.last_name].filter(Boolean).join(" ") }}'),
    };
    const route = trunk(
      b,
      isNew,
      {...CHANNELS, baseUrl: 'https://yourinstance.sugarondemand.com'},
      lead,
      demoConfig(IDS),
      2,
    );
    const write = (at: [number, number]) =>
      http(b, 'Set assigned user', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/rest/v11_1/Leads/{{ ${decision(route)}.leadId }}`),
        auth: {generic: 'oAuth2Api', credential: {oAuth2Api: 'SugarCRM OAuth2'}},
        jsonBody: expr(`{{ JSON.stringify({ assigned_user_id: ${decision(route)}.ownerId }) }}`),
      });
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['sugarcrm']);
  },
  test: {
    expect: [
      {
        call: 'PUT /rest/v11_1/Leads/f3c9a3b2-6c51-11ef-9a2e-02a1b2c3d4e5',
        body: {assigned_user_id: IDS.cara},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
