import {Example} from '../example';
import {demoConfigWithOpenCap, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, pollTrunk, tail} from '../parts';

const IDS = {ana: 1722001, ben: 1722002, cara: 1722003};
const CRED = {httpBasicAuth: 'Insightly API key (user name = key, empty password)'};
const row = (id: number, q: (typeof PEOPLE)['tx']) => ({
  LEAD_ID: id,
  FIRST_NAME: q.first,
  LAST_NAME: q.last,
  ORGANISATION_NAME: q.company,
  EMAIL: q.email,
  PHONE: q.phone,
  ADDRESS_CITY: q.city,
  ADDRESS_STATE: q.state,
  ADDRESS_POSTCODE: q.zip,
  ADDRESS_COUNTRY: q.country,
  LEAD_STATUS_ID: 3301,
  LEAD_SOURCE_ID: 3402,
  OWNER_USER_ID: 1722000,
  RESPONSIBLE_USER_ID: null,
  DATE_CREATED_UTC: '2026-11-23 15:12:00',
});

/**
 * Workload: the open (not converted) leads each rep owns now, from one list call. GET /v3.1/Leads returns a
 * JSON array of leads with OWNER_USER_ID and CONVERTED (n8n makes one item per lead):
 * https://api.na1.insightly.com/v3.1/Help#!/Leads/GetEntities
 * Each id of Config.repIds becomes a row {id, openLeads}; a rep at its open cap (capacity.open) takes no lead.
 */
const OPEN_CAP = 25;
const WORKLOAD_ROWS = `{{ $('${GET_AVAILABILITY}').first().json.error ? [] : ${cfg('repIds')}.map(id => ({ id, openLeads: $('${GET_AVAILABILITY}').all().filter(i => String(i.json.OWNER_USER_ID) === String(id) && i.json.CONVERTED === false).length })) }}`;
const ownedLeads = (owner: number, n: number, from: number) =>
  Array.from({length: n}, (_, i) => ({...row(from + i, PEOPLE.tx), OWNER_USER_ID: owner, CONVERTED: false}));

/** The search's answer (a JSON array of leads), pinned and served by the e2e stub. */
const INTAKE_LEADS = {body: [row(88001, PEOPLE.tx), row(88002, PEOPLE.tx), row(88003, PEOPLE.ny)]};

export const insightly: Example = {
  slug: 'insightly-poll-intake-leads',
  platform: 'Insightly',
  source: 'CRM record (new/unassigned)',
  trigger: 'Schedule (every 10 min) + HTTP GET /v3.1/Leads/Search?field_name=OWNER_USER_ID&field_value=<intake user>',
  writeBack: 'HTTP PUT /v3.1/Leads {LEAD_ID, OWNER_USER_ID, RESPONSIBLE_USER_ID}',
  credentials: ['Basic Auth (API key as user name)', 'Slack API'],
  change:
    'Rep ids = Insightly user ids; Config: baseUrl (your pod, e.g. https://api.na1.insightly.com), intakeUserId, repIds (the same user ids as Route Lead’s reps), channels; Route Lead: each rep’s open cap (capacity.open)',
  availability: {
    signal: 'workload: the open (not converted) leads each rep owns now',
    api: 'GET /v3.1/Leads?top=500 (Basic Auth, API key as user name)',
    maps: `each id of Config.repIds becomes a row {id, openLeads}: the leads with that OWNER_USER_ID and CONVERTED false; openLeads is the open load, a rep at its open cap (${OPEN_CAP}) takes no lead`,
  },
  triggers: ['Every 10 minutes'],
  sample: [{}],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Insightly: intake leads (poll) → owner');
    const trigger = b.add('Every 10 minutes', 'scheduleTrigger', 1.2, [0, 0], {
      rule: {interval: [{field: 'minutes', minutesInterval: 10}]},
    });
    const poll = (c: number): [string, string, number] => {
      const list = http(b, 'Get intake leads', [c, 0], {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/v3.1/Leads/Search`),
        auth: {generic: 'httpBasicAuth', credential: CRED},
        query: {field_name: 'OWNER_USER_ID', field_value: expr(`{{ ${cfg('intakeUserId')} }}`), top: '100'},
        pinned: INTAKE_LEADS,
      });
      return [list, list, 1];
    };
    const lead = {
      ...leadFrom({
        id: 'LEAD_ID',
        email: 'EMAIL',
        phone: 'PHONE',
        company: 'ORGANISATION_NAME',
        zip: 'ADDRESS_POSTCODE',
        state: 'ADDRESS_STATE',
        country: 'ADDRESS_COUNTRY',
      }),
      name: expr('{{ [$json.FIRST_NAME, $json.LAST_NAME].filter(Boolean).join(" ") }}'),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/v3.1/Leads`),
        auth: {generic: 'httpBasicAuth', credential: CRED},
        query: {top: '500'},
        readOnce: true,
        notes: 'Open leads per rep (continues on error: reps are then routed on their flags and caps)',
      });
    const routing = demoConfigWithOpenCap(IDS, OPEN_CAP);
    const {route, col} = pollTrunk(
      b,
      trigger,
      {
        ...CHANNELS,
        baseUrl: 'https://api.na1.insightly.com',
        intakeUserId: '1722000',
        repIds: [IDS.ana, IDS.ben, IDS.cara],
      },
      poll,
      lead,
      routing,
      {live: {source: expr(WORKLOAD_ROWS), repField: 'id', availableField: '', openLoadField: 'openLeads'}},
      read,
    );
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/v3.1/Leads`),
        auth: {generic: 'httpBasicAuth', credential: CRED},
        jsonBody: expr(
          `{{ JSON.stringify({ LEAD_ID: Number(${decision(route)}.leadId), OWNER_USER_ID: Number(${decision(route)}.ownerId), RESPONSIBLE_USER_ID: Number(${decision(route)}.ownerId) }) }}`,
        ),
      });
    tail(b, route, {col, notify: 'slack', writeBack: write});
    return b.build(['insightly']);
  },
  test: {
    stub: {'GET /v3.1/Leads/Search': INTAKE_LEADS},
    expect: [
      {call: 'PUT /v3.1/Leads', body: {LEAD_ID: 88001, OWNER_USER_ID: IDS.ana}, count: 1},
      {call: 'PUT /v3.1/Leads', body: {LEAD_ID: 88002, OWNER_USER_ID: IDS.ben}, count: 1},
      {call: 'node:Alert managers', count: 1},
    ],
    availability: {
      call: 'GET /v3.1/Leads',
      reply: [
        ...ownedLeads(IDS.ana, OPEN_CAP, 87000),
        ...ownedLeads(IDS.ben, 3, 87100),
        ...ownedLeads(IDS.cara, 1, 87200),
      ],
      awayRep: String(IDS.ana),
    },
  },
};
