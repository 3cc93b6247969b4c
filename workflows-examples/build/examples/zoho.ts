import {Example} from '../example';
import {demoConfigWithOpenCap, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, pollTrunk, tail} from '../parts';
import {rereadRecord, securedWebhook} from '../intake';

const IDS = {ana: '4876876000000225013', ben: '4876876000000225014', cara: '4876876000000225015'};
const p = PEOPLE.tx;
const LEAD_ID = '4876876000000624001';

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
/**
 * The assignment threshold as an open cap: Zoho's Assignment Threshold (Setup → Automation → Assignment Threshold;
 * API: https://www.zoho.com/crm/developer/docs/api/v8/get-assignment-threshold.html) caps the records a user may
 * hold. Config.assignmentThreshold carries that number into each rep's capacity.open; the open load is counted
 * from one COQL query (https://www.zoho.com/crm/developer/docs/api/v2/Get-Records-through-COQL-Query.html:
 * POST /crm/v2/coql {select_query} answers {data: [{Owner: {id}, id}], info: {count, more_records}}).
 */
const ASSIGNMENT_THRESHOLD = 30;
const OPEN_LEADS_QUERY =
  "select Owner from Leads where Lead_Status not in ('Junk Lead', 'Lost Lead', 'Not Qualified') limit 200";
const GET_OPEN_LEADS = 'Get open leads';
/** Stands for the threshold in the routing config until it is rendered as an expression. */
const OPEN_CAP_MARK = '__assignment_threshold__';
/**
 * Rows {id, status, openLeads}: every user of the Users API with the open leads it owns; no rows when the Users
 * call failed (every rep unknown); no openLeads when the COQL call failed (open caps then not applied).
 */
const ZOHO_ROWS = `{{ (() => { const users = $('${GET_AVAILABILITY}').first().json.users ?? []; const open = $('${GET_OPEN_LEADS}').first().json; const counted = Array.isArray(open.data); return users.map(u => ({ id: u.id, status: u.status, openLeads: counted ? open.data.filter(r => String(r.Owner?.id) === String(u.id)).length : undefined })); })() }}`;
const openLeads = (counts: Array<[string, number]>) => ({
  data: counts.flatMap(([owner, n], k) =>
    Array.from({length: n}, (_, i) => ({Owner: {id: owner}, id: `48768760000007${k}${String(i).padStart(4, '0')}`})),
  ),
  info: {count: counts.reduce((t, [, n]) => t + n, 0), more_records: false},
});

/** The lead as Zoho stores it (GET /crm/v2/Leads/{id} answers {data: [record]}); the webhook only names its id. */
const RECORD = {
  id: LEAD_ID,
  Owner: {name: 'Lead Intake', id: '4876876000000225001', email: 'intake@example.com'},
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
};

export const zoho: Example = {
  slug: 'zoho-crm-lead-webhook',
  platform: 'Zoho CRM',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Zoho workflow rule on Lead create → Webhook action, JSON body)',
  writeBack: 'HTTP PUT /crm/v2/Leads/:id {data: [{Owner: {id}}]} (the Zoho CRM node has no Owner field)',
  credentials: ['Zoho OAuth2 API', 'Slack API'],
  change:
    'Rep ids = Zoho user ids; Config: baseUrl (your data centre, e.g. https://www.zohoapis.eu), channels, assignmentThreshold (the records-per-user limit of your Zoho Assignment Threshold), the open statuses in Get open leads; the OAuth client needs scopes ZohoCRM.users.READ and ZohoCRM.coql.READ',
  availability: {
    signal:
      'rep status from the Users API (active reps take leads; deactivated ones do not) and the assignment threshold as an open cap: the open leads each rep owns',
    api: "GET /crm/v2/users?type=AllUsers, then POST /crm/v2/coql {select_query: \"select Owner from Leads where Lead_Status not in ('Junk Lead', 'Lost Lead', 'Not Qualified')\"} (Zoho OAuth2 credential)",
    maps: `users[].id = rep id; status active = available, disabled / deleted = away; openLeads = the COQL rows whose Owner.id is the rep (open load); each rep's capacity.open = Config.assignmentThreshold (${ASSIGNMENT_THRESHOLD}, your Zoho Assignment Threshold): a rep holding that many takes no lead`,
  },
  triggers: ['New lead (Zoho webhook)'],
  intake: {
    auth: 'headerAuth',
    credential: 'Zoho webhook secret',
    header: 'X-Lead-Routing-Token',
    sender: 'in the Zoho webhook add a custom header X-Lead-Routing-Token with the same secret',
    reread:
      'Read lead: GET /crm/v2/Leads/{id} (Zoho CRM API v2, get a record) — zip, state, e-mail and owner come from Zoho, the webhook only names the id.',
    test: {
      path: 'zoho-new-lead',
      forged: {id: LEAD_ID, Zip_Code: PEOPLE.ca.zip, State: PEOPLE.ca.state, Email: 'someone@example.net'},
      expect: [{call: `PUT /crm/v2/Leads/${LEAD_ID}`, body: {data: [{Owner: {id: IDS.ana}}]}, count: 1}],
      never: [{call: `PUT /crm/v2/Leads/${LEAD_ID}`, body: {data: [{Owner: {id: IDS.cara}}]}}],
    },
  },
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'ZohoCRM-Webhook'},
      params: {},
      query: {},
      body: {
        id: LEAD_ID,
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
    const trigger = securedWebhook(b, 'New lead (Zoho webhook)', [0, 0], {
      path: 'zoho-new-lead',
      auth: 'headerAuth',
      credential: this.intake!.credential,
      sample: this.sample,
    });
    // https://www.zoho.com/crm/developer/docs/api/v2/get-records.html (a specific record: {data: [record]})
    const read = (col: number): [string, string, number] => {
      const n = rereadRecord(
        b,
        'Read lead (Zoho)',
        [col, 0],
        'httpRequest',
        4.2,
        {
          method: 'GET',
          url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/Leads/{{ $('New lead (Zoho webhook)').item.json.body.id }}`),
          authentication: 'predefinedCredentialType',
          nodeCredentialType: 'zohoOAuth2Api',
          options: {},
        },
        {data: [RECORD]},
        {credentials: {zohoOAuth2Api: 'Zoho account'}},
      );
      return [n, n, 1];
    };
    const lead = {
      ...leadFrom({
        id: 'data[0].id',
        email: 'data[0].Email',
        phone: 'data[0].Phone',
        company: 'data[0].Company',
        zip: 'data[0].Zip_Code',
        state: 'data[0].State',
        country: 'data[0].Country',
        industry: 'data[0].Industry',
        source: 'data[0].Lead_Source',
      }),
      name: expr('{{ [$json.data[0].First_Name, $json.data[0].Last_Name].filter(Boolean).join(" ") }}'),
    };
    // Each rep's open cap is the Config's assignment threshold (the routing config is a template n8n fills in).
    const routing = demoConfigWithOpenCap(IDS, OPEN_CAP_MARK);
    const routingJson = expr(
      JSON.stringify(routing, null, 2).replace(
        new RegExp(`"${OPEN_CAP_MARK}"`, 'g'),
        `{{ Number(${cfg('assignmentThreshold')}) }}`,
      ),
    );
    const zoho = {predefined: 'zohoOAuth2Api', credential: {zohoOAuth2Api: 'Zoho account'}};
    const {route, col} = pollTrunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://www.zohoapis.com', assignmentThreshold: ASSIGNMENT_THRESHOLD},
      read,
      lead,
      routingJson,
      {
        live: {
          source: expr(ZOHO_ROWS),
          repField: 'id',
          availableField: 'status',
          availableValues: 'active',
          openLoadField: 'openLeads',
        },
      },
      at => {
        const users = http(b, GET_AVAILABILITY, [at[0] - 1, at[1]], {
          method: 'GET',
          url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/users`),
          auth: zoho,
          query: {type: 'AllUsers'},
          readOnce: true,
          notes: 'Rep status (continues on error: reps are then routed on their flags)',
        });
        const open = http(b, GET_OPEN_LEADS, at, {
          method: 'POST',
          url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/coql`),
          auth: zoho,
          jsonBody: JSON.stringify({select_query: OPEN_LEADS_QUERY}),
          readOnce: true,
          notes: 'Open leads per owner (continues on error: open caps are then not applied)',
        });
        b.connect(users, open);
        return [users, open];
      },
    );
    const write = (at: [number, number]) =>
      http(b, 'Set lead owner', at, {
        method: 'PUT',
        url: expr(`{{ ${cfg('baseUrl')} }}/crm/v2/Leads/{{ ${decision(route)}.leadId }}`),
        auth: {predefined: 'zohoOAuth2Api', credential: {zohoOAuth2Api: 'Zoho account'}},
        jsonBody: expr(`{{ JSON.stringify({ data: [ { Owner: { id: ${decision(route)}.ownerId } } ] }) }}`),
      });
    tail(b, route, {col, notify: 'slack', writeBack: write});
    return b.build(['zoho-crm']);
  },
  test: {
    stub: {
      [`GET /crm/v2/Leads/${LEAD_ID}`]: {body: {data: [RECORD]}},
      'GET /crm/v2/users': {
        body: {
          users: [
            zohoUser(IDS.ana, 'Ana Diaz', 'active'),
            zohoUser(IDS.ben, 'Ben Ode', 'active'),
            zohoUser(IDS.cara, 'Cara Lin', 'active'),
          ],
          info: {per_page: 200, count: 3, page: 1, more_records: false},
        },
      },
      'POST /crm/v2/coql': {
        body: openLeads([
          [IDS.ana, 4],
          [IDS.ben, 7],
          [IDS.cara, 2],
        ]),
      },
    },
    expect: [
      {call: `PUT /crm/v2/Leads/${LEAD_ID}`, body: {data: [{Owner: {id: IDS.ana}}]}, count: 1},
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /crm/v2/users',
      reply: {
        users: [
          zohoUser(IDS.ana, 'Ana Diaz', 'active'),
          zohoUser(IDS.ben, 'Ben Ode', 'active'),
          zohoUser(IDS.cara, 'Cara Lin', 'active'),
        ],
        info: {per_page: 200, count: 3, page: 1, more_records: false},
      },
      awayRep: IDS.ana,
      // The assignment threshold as an open cap: Ana is active but holds as many open leads as the threshold.
      extra: {
        'POST /crm/v2/coql': {
          body: openLeads([
            [IDS.ana, ASSIGNMENT_THRESHOLD],
            [IDS.ben, 7],
            [IDS.cara, 2],
          ]),
        },
      },
    },
  },
};
