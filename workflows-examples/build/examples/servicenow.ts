import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  CHANNELS,
  cfg,
  configNode,
  decision,
  leadFrom,
  mapLead,
  routeLead,
  slackMessage,
  tail,
  TERRITORY_MATCH,
} from '../parts';

const IDS = {
  ana: '62826bf03710200044e0bfc8bcbe5d1a',
  ben: '62826bf03710200044e0bfc8bcbe5d2b',
  cara: '62826bf03710200044e0bfc8bcbe5d3c',
};
const p = PEOPLE.ca;
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
    'Rep ids = ServiceNow user sys_ids; the Business Rule posts to this Webhook URL; Config: table name, channels',
  triggers: ['New lead (ServiceNow business rule)'],
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'ServiceNow/1.0'},
      params: {},
      query: {},
      body: {
        sys_id: '9d385017c611228701d22104cc95c371',
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
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · ServiceNow: new lead → assigned to');
    const trigger = b.add(
      'New lead (ServiceNow business rule)',
      'webhook',
      2.1,
      [0, 0],
      {httpMethod: 'POST', path: 'servicenow-new-lead', options: {}},
      {webhook: true},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'body.sys_id',
        email: 'body.email',
        company: 'body.company',
        zip: 'body.zip',
        state: 'body.state',
        country: 'body.country',
        source: 'body.lead_source',
      }),
      name: expr('{{ [$json.body.first_name, $json.body.last_name].filter(Boolean).join(" ") }}'),
    };
    const conf = configNode(b, [1, 0], {...CHANNELS, leadTable: 'sn_lead_mgmt_core_lead', groups: GROUPS});
    const map = mapLead(b, 'Lead', [2, 0], lead);
    const tm = b.add('Territory Match', TERRITORY_MATCH, 1, [3, 0], {
      configSource: 'json',
      configJson: JSON.stringify(demoConfig(IDS), null, 2),
      options: {},
    });
    const route = routeLead(b, 'Route Lead', [4, -0.3], demoConfig(IDS));
    const noTerritory = slackMessage(
      b,
      'Alert managers (no territory)',
      [4, 0.8],
      'managerChannel',
      'Lead {{ $json.name || $json.email }} ({{ $json.zip || $json.state }}) matches no territory: please assign it by hand.',
    );
    b.chain(trigger, conf, map, tm).connect(tm, route, 0).connect(tm, noTerritory, 1);
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
    tail(b, route, {col: 5, row: -0.3, notify: 'slack', writeBack: write});
    return b.build(['servicenow']);
  },
  test: {
    expect: [
      {
        call: 'node:Set assigned to',
        body: {
          id: '9d385017c611228701d22104cc95c371',
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
