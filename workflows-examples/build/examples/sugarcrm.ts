import {Example} from '../example';
import {demoConfig, PEOPLE, TEAM_FALLBACK} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  availabilityRows,
  CHANNELS,
  cfg,
  configNode,
  decision,
  GET_AVAILABILITY,
  http,
  ifExpr,
  joinAvailability,
  leadFrom,
  mapLead,
  routeLead,
  tail,
} from '../parts';
import {rereadRecord, securedWebhook} from '../intake';

const IDS = {ana: 'seed_sally_id', ben: 'seed_max_id', cara: 'seed_chris_id'};
const p = PEOPLE.ca;
const LEAD_ID = 'f3c9a3b2-6c51-11ef-9a2e-02a1b2c3d4e5';
/** The lead as Sugar stores it (GET /rest/v11_1/Leads/{id} answers the record's fields). */
const RECORD = {
  id: LEAD_ID,
  _module: 'Leads',
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
};

export const sugarcrm: Example = {
  slug: 'sugarcrm-lead-web-logic-hook',
  platform: 'SugarCRM',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Sugar Web Logic Hook: Leads, after_save); only new, unassigned leads go on',
  writeBack: 'HTTP PUT /rest/v11_1/Leads/:id {assigned_user_id}',
  credentials: ['OAuth2 API (Sugar password grant, client id "sugar")', 'Slack API'],
  change: 'Rep ids = Sugar user ids; Config: baseUrl (https://<instance>.sugarondemand.com), channels',
  availability: {
    signal:
      "users' employee status (Sugar documents no online/offline presence in its REST API; the closest documented signal is the Users module's employee_status: Active, Leave of Absence, Terminated)",
    api: 'GET /rest/v11_1/Users?filter[0][status]=Active&fields=id,user_name,full_name,status,employee_status (Sugar REST API, list records; OAuth2 credential)',
    maps: 'records[].id = rep id; employee_status "Active" = available, "Leave of Absence" (or any other) = away',
  },
  triggers: ['Lead saved (Sugar web logic hook)'],
  intake: {
    auth: 'basicAuth',
    credential: 'SugarCRM hook user',
    sender:
      "a Web Logic Hook has no header settings, so put the user and password in its URL (https://<user>:<password>@<your n8n>/webhook/sugarcrm-lead-saved): Sugar's HTTP client sends them as a Basic Authorization header",
    reread:
      'Read lead: GET /rest/v11_1/Leads/{id} (Sugar REST API, retrieve a record) — "New and unassigned?" and the routing use the record in Sugar, the hook only names the id.',
    test: {
      path: 'sugarcrm-lead-saved',
      forged: {
        isUpdate: false,
        data: {id: LEAD_ID, primary_address_postalcode: '78701', primary_address_state: 'TX', assigned_user_id: ''},
      },
      expect: [{call: `PUT /rest/v11_1/Leads/${LEAD_ID}`, body: {assigned_user_id: IDS.cara}, count: 1}],
      never: [{call: `PUT /rest/v11_1/Leads/${LEAD_ID}`, body: {assigned_user_id: IDS.ana}}],
    },
  },
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'SugarCRM'},
      params: {},
      query: {},
      body: {
        isUpdate: false,
        dataChanges: {},
        data: {
          id: LEAD_ID,
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
    const trigger = securedWebhook(b, 'Lead saved (Sugar web logic hook)', [0, 0], {
      path: 'sugarcrm-lead-saved',
      auth: 'basicAuth',
      credential: this.intake!.credential,
      sample: this.sample,
    });
    const conf = configNode(b, [1, 0], {...CHANNELS, baseUrl: 'https://yourinstance.sugarondemand.com'});
    // https://support.sugarcrm.com/Documentation/Sugar_Developer/Sugar_Developer_Guide_11.1/Integration/Web_Services/REST_API/Endpoints/module_record_GET/
    const read = rereadRecord(
      b,
      'Read lead (Sugar)',
      [2, 0],
      'httpRequest',
      4.2,
      {
        method: 'GET',
        url: expr(
          `{{ ${cfg('baseUrl')} }}/rest/v11_1/Leads/{{ $('Lead saved (Sugar web logic hook)').item.json.body.data.id }}`,
        ),
        authentication: 'genericCredentialType',
        genericAuthType: 'oAuth2Api',
        options: {},
      },
      RECORD,
      {credentials: {oAuth2Api: 'SugarCRM OAuth2'}},
    );
    // The record in Sugar decides, not the hook's isUpdate / assigned_user_id claims.
    const isNew = ifExpr(b, 'New and unassigned?', [3, 0], expr('{{ !$json.assigned_user_id }}'), {
      type: 'boolean',
      operation: 'true',
    });
    const map = mapLead(b, 'Lead', [4, 0], {
      ...leadFrom({
        id: 'id',
        email: 'email1',
        phone: 'phone_work',
        company: 'account_name',
        zip: 'primary_address_postalcode',
        state: 'primary_address_state',
        country: 'primary_address_country',
        source: 'lead_source',
      }),
      name: expr('{{ [$json.first_name, $json.last_name].filter(Boolean).join(" ") }}'),
    });
    // https://support.sugarcrm.com/Documentation/Sugar_Developer/Sugar_Developer_Guide_11.1/Integration/Web_Services/REST_API/Endpoints/module_GET/
    // ({next_offset, records: [{id, user_name, full_name, status, employee_status, _module: 'Users'}]})
    const users = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/rest/v11_1/Users`),
        auth: {generic: 'oAuth2Api', credential: {oAuth2Api: 'SugarCRM OAuth2'}},
        query: {
          'filter[0][status]': 'Active',
          fields: 'id,user_name,full_name,status,employee_status',
          max_num: '200',
        },
        readOnce: true,
        notes: 'Users and their employee status (continues on error: reps are then routed on their flags)',
      });
    b.chain(trigger, conf, read, isNew, map);
    const join = joinAvailability(b, conf, map, users, [5, 0]);
    const route = routeLead(b, 'Route Lead', [6, 0], demoConfig(IDS, TEAM_FALLBACK), {
      live: {
        source: availabilityRows('records'),
        repField: 'id',
        availableField: 'employee_status',
        availableValues: 'Active',
      },
    });
    b.connect(join, route);
    const write = (at: [number, number]) =>
      http(b, 'Set assigned user', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/rest/v11_1/Leads/{{ ${decision(route)}.leadId }}`),
        auth: {generic: 'oAuth2Api', credential: {oAuth2Api: 'SugarCRM OAuth2'}},
        jsonBody: expr(`{{ JSON.stringify({ assigned_user_id: ${decision(route)}.ownerId }) }}`),
      });
    tail(b, route, {col: 7, notify: 'slack', writeBack: write});
    return b.build(['sugarcrm']);
  },
  test: {
    availability: {
      call: 'GET /rest/v11_1/Users',
      reply: {
        next_offset: -1,
        records: [
          {
            id: IDS.ana,
            user_name: 'sally',
            full_name: 'Ana Diaz',
            status: 'Active',
            employee_status: 'Active',
            _module: 'Users',
          },
          {
            id: IDS.ben,
            user_name: 'max',
            full_name: 'Ben Ode',
            status: 'Active',
            employee_status: 'Active',
            _module: 'Users',
          },
          {
            id: IDS.cara,
            user_name: 'chris',
            full_name: 'Cara Lin',
            status: 'Active',
            employee_status: 'Leave of Absence',
            _module: 'Users',
          },
        ],
      },
      awayRep: IDS.cara,
    },
    stub: {[`GET /rest/v11_1/Leads/${LEAD_ID}`]: {body: RECORD}},
    expect: [
      {
        call: `PUT /rest/v11_1/Leads/${LEAD_ID}`,
        body: {assigned_user_id: IDS.cara},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
