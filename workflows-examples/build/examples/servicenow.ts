import {Example} from '../example';
import {demoConfig, PEOPLE, TEAM_FALLBACK} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  CHANNELS,
  cfg,
  configNode,
  decision,
  GET_AVAILABILITY,
  http,
  joinAvailability,
  leadFrom,
  mapLead,
  routeLead,
  slackMessage,
  tail,
  TERRITORY_MATCH,
} from '../parts';
import {rereadRecord, securedWebhook} from '../intake';

const IDS = {
  ana: '62826bf03710200044e0bfc8bcbe5d1a',
  ben: '62826bf03710200044e0bfc8bcbe5d2b',
  cara: '62826bf03710200044e0bfc8bcbe5d3c',
};
const p = PEOPLE.ca;
const SYS_ID = '9d385017c611228701d22104cc95c371';
/** The lead as ServiceNow stores it (Table API GET /api/now/table/{table}/{sys_id} answers {result: {...}}). */
const RECORD = {
  sys_id: SYS_ID,
  number: 'LEAD0010042',
  first_name: p.first,
  last_name: p.last,
  email: p.email,
  company: p.company,
  city: p.city,
  state: p.state,
  zip: p.zip,
  country: 'US',
  lead_source: 'web',
  status: 'new',
  assigned_to: '',
};
/** One Agent Presence [awa_agent_presence] row as the Table API returns it with sysparm_display_value=all. */
const presence = (agent: string, name: string, state: string) => ({
  agent: {
    value: agent,
    display_value: name,
    link: `https://yourinstance.service-now.com/api/now/table/sys_user/${agent}`,
  },
  current_presence_state: {
    value: state === 'Available' ? '0b10223c57a313005baaaa65ef94f9ed' : '5e1c1dfc57a313005baaaa65ef94f9a3',
    display_value: state,
  },
});
const GROUPS = {'south-central': 'a715cd759f2002002920bde8132e7018', west: 'b815cd759f2002002920bde8132e7029'};

export const servicenow: Example = {
  slug: 'servicenow-lead-business-rule',
  platform: 'ServiceNow',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (a Business Rule on sn_lead_mgmt_core_lead insert posts the record with RESTMessageV2)',
  writeBack:
    'ServiceNow node: Table Record → Update sn_lead_mgmt_core_lead, assignment_group = the territory’s group (Territory Match), assigned_to = rep sys_id',
  credentials: ['ServiceNow Basic Auth (or OAuth2) API', 'Slack API'],
  change:
    'Rep ids = ServiceNow user sys_ids; the Business Rule posts to this Webhook URL; Config: baseUrl (https://<instance>.service-now.com), table name, channels',
  availability: {
    signal: 'agent presence of Advanced Work Assignment (Agent Presence [awa_agent_presence], current state)',
    api: 'GET /api/now/table/awa_agent_presence?sysparm_fields=agent,current_presence_state&sysparm_display_value=all (Table API, ServiceNow credential)',
    maps: 'result[].agent.value = rep sys_id; current_presence_state.display_value "Available" = available, Away / Offline / any other state = away',
  },
  triggers: ['New lead (ServiceNow business rule)'],
  intake: {
    auth: 'headerAuth',
    credential: 'ServiceNow webhook secret',
    header: 'X-Lead-Routing-Token',
    sender:
      "the Business Rule sets the header on its RESTMessageV2 (request.setRequestHeader('X-Lead-Routing-Token', gs.getProperty('x_lead_routing.token'))), the secret kept in a system property",
    reread:
      'Read lead: GET /api/now/table/<leadTable>/{sys_id} (Table API) — the zip, state and e-mail routed are the record in ServiceNow, the rule only names the sys_id.',
    test: {
      path: 'servicenow-new-lead',
      forged: {sys_id: SYS_ID, zip: '78701', state: 'TX'},
      expect: [
        {
          call: 'node:Set assigned to',
          body: {
            id: SYS_ID,
            fieldsToSend: {field: [{column: 'assignment_group', value: GROUPS.west}, {value: IDS.cara}]},
          },
          count: 1,
        },
      ],
    },
  },
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'ServiceNow/1.0'},
      params: {},
      query: {},
      // The Business Rule posts the record as stored.
      body: {...RECORD},
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · ServiceNow: new lead → assigned to');
    const trigger = securedWebhook(b, 'New lead (ServiceNow business rule)', [0, 0], {
      path: 'servicenow-new-lead',
      auth: 'headerAuth',
      credential: this.intake!.credential,
      sample: this.sample,
    });
    const lead = {
      ...leadFrom({
        id: 'result.sys_id',
        email: 'result.email',
        company: 'result.company',
        zip: 'result.zip',
        state: 'result.state',
        country: 'result.country',
        source: 'result.lead_source',
      }),
      name: expr('{{ [$json.result.first_name, $json.result.last_name].filter(Boolean).join(" ") }}'),
    };
    const conf = configNode(b, [1, 0], {
      ...CHANNELS,
      baseUrl: 'https://yourinstance.service-now.com',
      leadTable: 'sn_lead_mgmt_core_lead',
      groups: GROUPS,
    });
    // https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html (GET a record: {result: {...}})
    const read = rereadRecord(
      b,
      'Read lead (ServiceNow)',
      [2, 0],
      'httpRequest',
      4.2,
      {
        method: 'GET',
        url: expr(
          `{{ ${cfg('baseUrl')} }}/api/now/table/{{ ${cfg('leadTable')} }}/{{ $('New lead (ServiceNow business rule)').item.json.body.sys_id }}`,
        ),
        authentication: 'predefinedCredentialType',
        nodeCredentialType: 'serviceNowBasicApi',
        sendQuery: true,
        queryParameters: {parameters: [{name: 'sysparm_exclude_reference_link', value: 'true'}]},
        options: {},
      },
      {result: RECORD},
      {credentials: {serviceNowBasicApi: 'ServiceNow account'}},
    );
    const map = mapLead(b, 'Lead', [3, 0], lead);
    const tm = b.add('Territory Match', TERRITORY_MATCH, 1, [4, 0], {
      configSource: 'json',
      configJson: JSON.stringify(demoConfig(IDS), null, 2),
      options: {},
    });
    // https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html on the AWA table Agent Presence
    // (https://www.servicenow.com/docs/r/api-reference/rest-apis/agent-api.html describes the same presence per agent)
    const agents = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/api/now/table/awa_agent_presence`),
        auth: {predefined: 'serviceNowBasicApi', credential: {serviceNowBasicApi: 'ServiceNow account'}},
        query: {sysparm_fields: 'agent,current_presence_state', sysparm_display_value: 'all'},
        readOnce: true,
        notes: 'Agent presence (continues on error: reps are then routed on their flags)',
      });
    const join = joinAvailability(b, conf, tm, agents, [5, -0.3]);
    const route = routeLead(b, 'Route Lead', [6, -0.3], demoConfig(IDS, TEAM_FALLBACK), {
      live: {
        source: expr(`{{ $('${GET_AVAILABILITY}').first().json.result ?? [] }}`),
        repField: 'agent.value',
        availableField: 'current_presence_state.display_value',
        availableValues: 'Available',
      },
    });
    b.connect(join, route);
    const noTerritory = slackMessage(
      b,
      'Alert managers (no territory)',
      [5, 0.8],
      'managerChannel',
      'Lead {{ $json.name || $json.email }} ({{ $json.zip || $json.state }}) matches no territory: please assign it by hand.',
    );
    b.chain(trigger, conf, read, map, tm).connect(tm, noTerritory, 1);
    const write = (at: [number, number]) =>
      b.add(
        'Set assigned to',
        'serviceNow',
        1,
        at,
        {
          authentication: 'basicAuth',
          resource: 'tableRecord',
          operation: 'update',
          tableName: expr("{{ $('Config').first().json.leadTable }}"),
          id: expr(`{{ ${decision(route)}.leadId }}`),
          dataToSend: 'columns',
          fieldsToSend: {
            field: [
              {
                column: 'assignment_group',
                value: expr(`{{ ${cfg('groups')}[$('Territory Match').item.json.territoryMatch.territoryId] }}`),
              },
              {column: 'assigned_to', value: expr(`{{ ${decision(route)}.ownerId }}`)},
            ],
          },
        },
        {credentials: {serviceNowBasicApi: 'ServiceNow account'}},
      );
    tail(b, route, {col: 7, row: -0.3, notify: 'slack', writeBack: write});
    return b.build(['servicenow']);
  },
  test: {
    availability: {
      call: 'GET /api/now/table/awa_agent_presence',
      reply: {
        result: [
          presence(IDS.ana, 'Ana Diaz', 'Available'),
          presence(IDS.ben, 'Ben Ode', 'Available'),
          presence(IDS.cara, 'Cara Lin', 'Away'),
        ],
      },
      awayRep: IDS.cara,
    },
    stub: {[`GET /api/now/table/sn_lead_mgmt_core_lead/${SYS_ID}`]: {body: {result: RECORD}}},
    expect: [
      {
        call: 'node:Set assigned to',
        body: {
          id: SYS_ID,
          fieldsToSend: {
            field: [
              {column: 'assignment_group', value: GROUPS.west},
              {column: 'assigned_to', value: IDS.cara},
            ],
          },
        },
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers', 'node:Alert managers (no territory)'],
  },
};
