import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, http, leadFrom, pollTrunk, tail} from '../parts';

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

const SPLIT_CODE = `// The GET fetched a CSRF token (and its session cookie) along with the leads: PATCH needs both.
const res = $input.first().json;
const token = res.headers['x-csrf-token'];
const cookie = [].concat(res.headers['set-cookie'] || []).map(c => c.split(';')[0]).join('; ');
return (res.body.d?.results || []).map(lead => ({ json: { ...lead, csrfToken: token, cookie } }));`;

export const sapSalesCloud: Example = {
  slug: 'sap-sales-cloud-poll-open-leads',
  platform: 'SAP Sales Cloud',
  source: 'CRM record (new/unassigned)',
  trigger:
    "Schedule (every 10 min) + HTTP GET OData LeadCollection?$filter=StatusCode eq '01' and OwnerPartyID eq '' (fetches the CSRF token too)",
  writeBack: "HTTP PATCH LeadCollection('<ObjectID>') {OwnerPartyID} with the x-csrf-token",
  credentials: ['Basic Auth (technical user)', 'Slack API'],
  change: 'Rep ids = employee ids (OwnerPartyID); Config: baseUrl (https://myNNNNNN.crm.ondemand.com), channels',
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
    const {route, col} = pollTrunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://my000000.crm.ondemand.com'},
      poll,
      lead,
      demoConfig(IDS),
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
    stub: {
      'GET /sap/c4c/odata/v1/c4codataapi/LeadCollection': {
        headers: {'x-csrf-token': 'sample-csrf-token', 'set-cookie': 'SAP_SESSIONID_C4C=sample; path=/'},
        body: {d: {results: [row('00163E0A1B2C1EDF9A8B7C6D5E4F3A21', '4711', PEOPLE.ca)]}},
      },
    },
    expect: [
      {
        call: "PATCH /sap/c4c/odata/v1/c4codataapi/LeadCollection('00163E0A1B2C1EDF9A8B7C6D5E4F3A21')",
        body: {OwnerPartyID: IDS.cara},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
