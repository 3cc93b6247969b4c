import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, pollTrunk, tail} from '../parts';

const IDS = {ana: '8000000011', ben: '8000000012', cara: '8000000013'};
const CRED = {httpBasicAuth: 'SAP Sales Cloud technical user'};
const row = (oid: string, id: string, q: (typeof PEOPLE)['tx']) => ({
  __metadata: {
    uri: `https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/LeadCollection('${oid}')`,
    type: 'c4codata.Lead',
  },
  ObjectID: oid,
  ID: id,
  Name: `${q.company} inquiry`,
  StatusCode: '01',
  OwnerPartyID: '',
  ContactFirstName: q.first,
  ContactLastName: q.last,
  ContactEMail: q.email,
  Company: q.company,
  AccountPostalAddressElementsStreetPostalCode: q.zip,
  AccountPostalAddressElementsRegionCode: q.state,
  AccountPostalAddressElementsCountryCode: 'US',
});

/**
 * The reps' calendars: appointments running now (OData v2 c4codataapi AppointmentCollection; StartDateTime and
 * EndDateTime are complex {content, timeZoneCode}, filtered on /content with datetimeoffset literals):
 * https://github.com/SAP-archive/C4CODATAAPIDEVGUIDE and SAP KBA 2310920 (datetime filters).
 * Response: {d: {results: [{ObjectID, ID, Subject, OwnerPartyID, StartDateTime: {content, timeZoneCode}, EndDateTime}]}}.
 * A rep who owns a running appointment is busy; every other rep of Config.repIds is free.
 */
const NOW_FILTER =
  "StartDateTime/content le datetimeoffset'{{ $now.toUTC().toISO() }}' and EndDateTime/content ge datetimeoffset'{{ $now.toUTC().toISO() }}'";
const CALENDAR_ROWS = `{{ $('${GET_AVAILABILITY}').first().json.d?.results ? ${cfg('repIds')}.map(id => ({ id, calendar: $('${GET_AVAILABILITY}').first().json.d.results.some(a => a.OwnerPartyID === id) ? 'busy' : 'free' })) : [] }}`;
const appointment = (oid: string, owner: string, subject: string) => ({
  __metadata: {
    uri: `https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/AppointmentCollection('${oid}')`,
    type: 'c4codata.Appointment',
  },
  ObjectID: oid,
  ID: '31877',
  Subject: subject,
  OwnerPartyID: owner,
  StartDateTime: {content: '2026-11-23T15:00:00.0000000Z', timeZoneCode: 'UTC'},
  EndDateTime: {content: '2026-11-23T16:00:00.0000000Z', timeZoneCode: 'UTC'},
  LifeCycleStatusCode: '1',
});

const SPLIT_CODE = `// The GET fetched a CSRF token (and its session cookie) along with the leads: PATCH needs both.
const res = $input.first().json;
const token = res.headers['x-csrf-token'];
const cookie = [].concat(res.headers['set-cookie'] || []).map(c => c.split(';')[0]).join('; ');
return (res.body.d?.results || []).map(lead => ({ json: { ...lead, csrfToken: token, cookie } }));`;

/** The LeadCollection answer with the CSRF token and session cookie it hands out, pinned and served by the e2e stub. */
const OPEN_LEADS = {
  headers: {'x-csrf-token': 'sample-csrf-token', 'set-cookie': 'SAP_SESSIONID_C4C=sample; path=/'},
  body: {d: {results: [row('00163E0A1B2C1EDF9A8B7C6D5E4F3A21', '4711', PEOPLE.tx)]}},
};

export const sapSalesCloud: Example = {
  slug: 'sap-sales-cloud-poll-open-leads',
  platform: 'SAP Sales Cloud',
  source: 'CRM record (new/unassigned)',
  trigger:
    "Schedule (every 10 min) + HTTP GET OData LeadCollection?$filter=StatusCode eq '01' and OwnerPartyID eq '' (fetches the CSRF token too)",
  writeBack: "HTTP PATCH LeadCollection('<ObjectID>') {OwnerPartyID} with the x-csrf-token",
  credentials: ['Basic Auth (technical user)', 'Slack API'],
  change:
    'Rep ids = employee ids (OwnerPartyID); Config: baseUrl (https://myNNNNNN.crm.ondemand.com), repIds (the same employee ids as Route Lead’s reps), channels',
  availability: {
    signal: 'the rep’s calendar: an appointment running now means busy',
    api: "GET /sap/c4c/odata/v1/c4codataapi/AppointmentCollection?$filter=StartDateTime/content le datetimeoffset'<now>' and EndDateTime/content ge datetimeoffset'<now>'&$select=ObjectID,OwnerPartyID,Subject,StartDateTime,EndDateTime",
    maps: 'each id of Config.repIds becomes a row: calendar busy when an appointment in d.results has that OwnerPartyID (busy = away), else free (available)',
  },
  triggers: ['Every 10 minutes'],
  sample: [{}],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · SAP Sales Cloud: open leads (poll) → owner');
    const trigger = b.add('Every 10 minutes', 'scheduleTrigger', 1.2, [0, 0], {
      rule: {interval: [{field: 'minutes', minutesInterval: 10}]},
    });
    const poll = (c: number): [string, string, number] => {
      const list = http(b, 'Get open leads + CSRF token', [c, 0], {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/sap/c4c/odata/v1/c4codataapi/LeadCollection`),
        auth: {generic: 'httpBasicAuth', credential: CRED},
        query: {$filter: "StatusCode eq '01' and OwnerPartyID eq ''", $format: 'json', $top: '100'},
        headers: {'x-csrf-token': 'fetch'},
        fullResponse: true,
        pinned: OPEN_LEADS,
      });
      const split = b.add('Leads with token', 'code', 2, [c + 1, 0], {
        mode: 'runOnceForAllItems',
        language: 'javaScript',
        jsCode: SPLIT_CODE,
      });
      b.connect(list, split);
      return [list, split, 2];
    };
    const lead = {
      ...leadFrom({
        id: 'ObjectID',
        email: 'ContactEMail',
        company: 'Company',
        zip: 'AccountPostalAddressElementsStreetPostalCode',
        state: 'AccountPostalAddressElementsRegionCode',
        country: 'AccountPostalAddressElementsCountryCode',
      }),
      name: expr('{{ [$json.ContactFirstName, $json.ContactLastName].filter(Boolean).join(" ") }}'),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/sap/c4c/odata/v1/c4codataapi/AppointmentCollection`),
        auth: {generic: 'httpBasicAuth', credential: CRED},
        query: {
          $filter: expr(NOW_FILTER),
          $select: 'ObjectID,OwnerPartyID,Subject,StartDateTime,EndDateTime',
          $format: 'json',
        },
        readOnce: true,
        notes: 'Appointments running now (continues on error: reps are then routed on their flags)',
      });
    const {route, col} = pollTrunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://my000000.crm.ondemand.com', repIds: [IDS.ana, IDS.ben, IDS.cara]},
      poll,
      lead,
      demoConfig(IDS),
      {live: {source: expr(CALENDAR_ROWS), repField: 'id', availableField: 'calendar', availableValues: 'free'}},
      read,
    );
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PATCH',
        url: expr(
          `{{ ${cfg('baseUrl')} }}/sap/c4c/odata/v1/c4codataapi/LeadCollection('{{ ${decision(route)}.leadId }}')`,
        ),
        auth: {generic: 'httpBasicAuth', credential: CRED},
        headers: {
          'x-csrf-token': expr("{{ $('Leads with token').item.json.csrfToken }}"),
          Cookie: expr("{{ $('Leads with token').item.json.cookie }}"),
        },
        jsonBody: expr(`{{ JSON.stringify({ OwnerPartyID: ${decision(route)}.ownerId }) }}`),
      });
    tail(b, route, {col, notify: 'slack', writeBack: write});
    return b.build(['sap-sales-cloud']);
  },
  test: {
    stub: {'GET /sap/c4c/odata/v1/c4codataapi/LeadCollection': OPEN_LEADS},
    expect: [
      {
        call: "PATCH /sap/c4c/odata/v1/c4codataapi/LeadCollection('00163E0A1B2C1EDF9A8B7C6D5E4F3A21')",
        body: {OwnerPartyID: IDS.ana},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /sap/c4c/odata/v1/c4codataapi/AppointmentCollection',
      reply: {
        d: {results: [appointment('00163E0A1B2C1EDF9A8B7C6D5E4F9001', IDS.ana, 'Quarterly review, Reyes Roofing')]},
      },
      awayRep: IDS.ana,
    },
  },
};
