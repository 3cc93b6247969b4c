import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {availabilityRows, CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, pollTrunk, tail} from '../parts';

const IDS = {
  ana: '9a1f3c2e-1111-4c6b-9a55-0a1b2c3d4e01',
  ben: '9a1f3c2e-2222-4c6b-9a55-0a1b2c3d4e02',
  cara: '9a1f3c2e-3333-4c6b-9a55-0a1b2c3d4e03',
};
const CRED = {microsoftDynamicsOAuth2Api: 'Dynamics 365 account'};
const row = (id: string, q: (typeof PEOPLE)['tx']) => ({
  '@odata.etag': 'W/"4410021"',
  leadid: id,
  firstname: q.first,
  lastname: q.last,
  fullname: `${q.first} ${q.last}`,
  companyname: q.company,
  emailaddress1: q.email,
  telephone1: q.phone,
  address1_city: q.city,
  address1_stateorprovince: q.state,
  address1_postalcode: q.zip,
  address1_country: q.country,
  statuscode: 1,
  leadsourcecode: 8,
});

/**
 * Omnichannel agent presence: table msdyn_agentstatus (agent = lookup msdyn_agentid to systemuser, current
 * presence = lookup msdyn_currentpresenceid to msdyn_presence, whose msdyn_basepresencestatus is one of Available
 * 192360000, Busy 192360001, Busy - DND 192360002, Away 192360003, Offline 192360004), read with the Web API's
 * RetrieveMultiple and $expand:
 * https://learn.microsoft.com/en-us/dynamics365/developer/reference/entities/msdyn_agentstatus
 * https://learn.microsoft.com/en-us/dynamics365/customer-service/develop/reference/entities/msdyn_presence
 */
const AVAILABLE_BASE_STATUS = '192360000';
const agentStatus = (agent: string, text: string, base: number) => ({
  '@odata.etag': 'W/"5521904"',
  msdyn_agentstatusid: `c0ffee00-${agent.slice(9, 13)}-4a4a-9b9b-00000000a9e1`,
  _msdyn_agentid_value: agent,
  msdyn_currentpresenceid: {
    msdyn_presenceid: `b1e55ed0-${String(base).slice(-4)}-4c4c-8d8d-0000000000b1`,
    msdyn_presencestatustext: text,
    msdyn_basepresencestatus: base,
  },
});

/** The leads query's answer (Web API: `{@odata.context, value: [lead]}`), pinned and served by the e2e stub. */
const NEW_LEADS = {
  body: {
    '@odata.context': 'https://yourorg.crm.dynamics.com/api/data/v9.2/$metadata#leads',
    value: [row('7d1c2b3a-aaaa-ef11-8409-000d3a1b2c3d', PEOPLE.tx)],
  },
};

export const dynamics: Example = {
  slug: 'dynamics-365-poll-new-leads-email',
  platform: 'Microsoft Dynamics 365',
  source: 'CRM record (new/unassigned)',
  trigger:
    'Schedule (every 5 min) + HTTP GET Web API /leads?$filter=statuscode eq 1 and _ownerid_value eq <intake user>',
  writeBack:
    'HTTP PATCH /api/data/v9.2/leads(<id>) {"ownerid@odata.bind": "/systemusers(<rep>)"}; rep gets a SendGrid e-mail',
  credentials: ['Microsoft Dynamics OAuth2 API', 'SendGrid API', 'Slack API (managers)'],
  change:
    'Rep ids = systemuser GUIDs; Config: baseUrl (https://<org>.crm.dynamics.com), intakeUserId, fromEmail, managers channel',
  availability: {
    signal: 'Omnichannel agent presence (Agent Status: each agent’s current presence)',
    api: 'GET /api/data/v9.2/msdyn_agentstatuses?$select=_msdyn_agentid_value&$expand=msdyn_currentpresenceid($select=msdyn_presencestatustext,msdyn_basepresencestatus)',
    maps: `value[]._msdyn_agentid_value = rep id (systemuser GUID); msdyn_currentpresenceid.msdyn_basepresencestatus ${AVAILABLE_BASE_STATUS} (Available, also behind custom presences) = available; Busy, Busy - DND, Away, Offline = away`,
  },
  triggers: ['Every 5 minutes'],
  sample: [{}],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Dynamics 365: new leads (poll) → owner + e-mail');
    const trigger = b.add('Every 5 minutes', 'scheduleTrigger', 1.2, [0, 0], {
      rule: {interval: [{field: 'minutes', minutesInterval: 5}]},
    });
    const poll = (c: number): [string, string, number] => {
      const list = http(b, 'Get new leads', [c, 0], {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/api/data/v9.2/leads`),
        auth: {predefined: 'microsoftDynamicsOAuth2Api', credential: CRED},
        query: {
          $filter: expr(`statuscode eq 1 and _ownerid_value eq {{ ${cfg('intakeUserId')} }}`),
          $select:
            'leadid,firstname,lastname,companyname,emailaddress1,telephone1,address1_postalcode,address1_stateorprovince,address1_country',
          $top: '100',
        },
        pinned: NEW_LEADS,
      });
      const split = b.add('One item per lead', 'splitOut', 1, [c + 1, 0], {fieldToSplitOut: 'value', options: {}});
      b.connect(list, split);
      return [list, split, 2];
    };
    const lead = {
      ...leadFrom({
        id: 'leadid',
        email: 'emailaddress1',
        phone: 'telephone1',
        company: 'companyname',
        zip: 'address1_postalcode',
        state: 'address1_stateorprovince',
        country: 'address1_country',
      }),
      name: expr('{{ [$json.firstname, $json.lastname].filter(Boolean).join(" ") }}'),
    };
    const config = {
      ...CHANNELS,
      baseUrl: 'https://yourorg.crm.dynamics.com',
      intakeUserId: '9a1f3c2e-0000-4c6b-9a55-0a1b2c3d4e00',
      fromEmail: 'leads@example.com',
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/api/data/v9.2/msdyn_agentstatuses`),
        auth: {predefined: 'microsoftDynamicsOAuth2Api', credential: CRED},
        query: {
          $select: '_msdyn_agentid_value',
          $expand: 'msdyn_currentpresenceid($select=msdyn_presencestatustext,msdyn_basepresencestatus)',
        },
        readOnce: true,
        notes: 'Omnichannel agent presence (continues on error: reps are then routed on their flags)',
      });
    const live = {
      source: availabilityRows('value'),
      repField: '_msdyn_agentid_value',
      availableField: 'msdyn_currentpresenceid.msdyn_basepresencestatus',
      availableValues: AVAILABLE_BASE_STATUS,
    };
    const {route, col} = pollTrunk(b, trigger, config, poll, lead, demoConfig(IDS), {live}, read);
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PATCH',
        url: expr(`{{ ${cfg('baseUrl')} }}/api/data/v9.2/leads({{ ${decision(route)}.leadId }})`),
        auth: {predefined: 'microsoftDynamicsOAuth2Api', credential: CRED},
        headers: {'If-Match': '*'},
        jsonBody: expr(
          `{{ JSON.stringify({ 'ownerid@odata.bind': '/systemusers(' + ${decision(route)}.ownerId + ')' }) }}`,
        ),
      });
    tail(b, route, {col, notify: 'sendgrid', writeBack: write});
    return b.build(['dynamics-365']);
  },
  test: {
    stub: {'GET /api/data/v9.2/leads': NEW_LEADS},
    expect: [
      {
        call: 'PATCH /api/data/v9.2/leads(7d1c2b3a-aaaa-ef11-8409-000d3a1b2c3d)',
        body: {'ownerid@odata.bind': `/systemusers(${IDS.ana})`},
        count: 1,
      },
      {call: 'node:Notify rep', body: {toEmail: 'ana@example.com'}},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /api/data/v9.2/msdyn_agentstatuses',
      reply: {
        '@odata.context':
          'https://yourorg.crm.dynamics.com/api/data/v9.2/$metadata#msdyn_agentstatuses(_msdyn_agentid_value,msdyn_currentpresenceid(msdyn_presencestatustext,msdyn_basepresencestatus))',
        value: [
          agentStatus(IDS.ana, 'Do not disturb', 192360002),
          agentStatus(IDS.ben, 'Available', 192360000),
          agentStatus(IDS.cara, 'Available', 192360000),
        ],
      },
      awayRep: IDS.ana,
    },
  },
};
