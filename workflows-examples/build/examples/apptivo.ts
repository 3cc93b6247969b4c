import {Example} from '../example';
import {demoConfig} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {availabilityRows, CHANNELS, cfg, decision, GET_AVAILABILITY, http, tail, trunk} from '../parts';

const IDS = {ana: 41022001, ben: 41022002, cara: 41022003};
const APPTIVO = {apptivoApi: 'Apptivo account'};

/**
 * Apptivo publishes no agent presence or availability API. The closest documented signal is the Employees app's
 * record of each employee (active or not), read with the getAll method every Apptivo app shares
 * (https://www.apptivo.com/developer-api/: "every app has the same API endpoints and methods"; a getAll answers
 * {data: [records], countOfRecords}, e.g. https://www.apptivo.com/developer-api/customers-api-reference/globalsearchcustomers).
 * The employee record's field names are not published: employeeId and statusName are what an employee record
 * carries in the app; check one record of your firm after import and change Route Lead's Live Availability fields
 * if yours differ.
 */
const employee = (id: number, first: string, last: string, statusName: string) => ({
  employeeId: id,
  firstName: first,
  lastName: last,
  emailAddresses: [{emailAddress: `${first.toLowerCase()}@example.com`, emailTypeCode: 'BUSINESS'}],
  statusName,
});
const INTENT = {
  intent: {
    field: 'message',
    keywords: ['quote', 'pricing', 'price', 'demo', 'proposal', 'buy', 'install'],
    required: true,
  },
};

export const apptivo: Example = {
  slug: 'apptivo-email-intent-new-lead',
  platform: 'Apptivo',
  source: 'e-mail with sales intent',
  trigger:
    'Email Trigger (IMAP): unread mail in the sales inbox; Route Lead requires intent keywords (quote, pricing, demo…)',
  writeBack: 'HTTP GET /app/dao/v6/leads?a=save&leadData={…assigneeObjectRefId…} (creates the lead with its assignee)',
  credentials: ['IMAP', 'Apptivo API (this package)', 'Slack API'],
  change:
    'Rep ids = Apptivo employee ids; Route Lead: intent keywords, and the Live Availability fields if your employee records name the id or status differently; Config: channels; mail without intent goes to managers',
  availability: {
    signal:
      "agent availability: Apptivo publishes no presence or availability API, so the example reads the closest documented signal, each employee's status in the Employees app",
    api: 'GET /app/dao/v6/employees?a=getAll&startIndex=0&numRecords=100 (Apptivo API credential; the getAll method every Apptivo app shares)',
    maps: 'data[].employeeId = rep id; statusName Active = available, any other status (Inactive, Terminated…) = away',
  },
  triggers: ['Sales inbox (IMAP)'],
  sample: [
    {
      from: 'Jordan Reyes <jordan.reyes@example.com>',
      to: 'sales@example.com',
      subject: 'Quote for a 10 kW system',
      date: 'Mon, 23 Nov 2026 09:14:03 -0600',
      textPlain:
        'Hi, could you send pricing and a quote for solar on our warehouse roof in Austin, TX 78701? Thanks, Jordan (512) 555-0142',
      textHtml:
        '<p>Hi, could you send pricing and a quote for solar on our warehouse roof in Austin, TX 78701? Thanks, Jordan (512) 555-0142</p>',
      metadata: {'message-id': '<CAF1x2y3@mail.example.com>'},
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Apptivo: sales e-mail (intent) → new lead with assignee');
    const trigger = b.add(
      'Sales inbox (IMAP)',
      'emailReadImap',
      2.1,
      [0, 0],
      {mailbox: 'INBOX', postProcessAction: 'read', format: 'simple', options: {}},
      {credentials: {imap: 'Sales inbox'}},
    );
    b.pin(trigger, this.sample);
    const lead = {
      id: expr("{{ $json.metadata?.['message-id'] || $json.date }}"),
      email: expr('{{ ($json.from.match(/<([^>]+)>/) || [null, $json.from])[1].trim() }}'),
      name: expr('{{ $json.from.replace(/<[^>]*>/, "").trim() }}'),
      zip: expr('{{ ($json.textPlain.match(/\\b\\d{5}\\b/) || [""])[0] }}'),
      message: expr('{{ $json.subject + "\\n" + $json.textPlain }}'),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/app/dao/v6/employees`),
        auth: {predefined: 'apptivoApi', credential: APPTIVO},
        query: {a: 'getAll', startIndex: '0', numRecords: '100'},
        readOnce: true,
        notes: 'Employee status (continues on error: reps are then routed on their flags)',
      });
    const route = trunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://api2.apptivo.com'},
      lead,
      demoConfig(IDS, INTENT),
      1,
      {
        live: {
          source: availabilityRows('data'),
          repField: 'employeeId',
          availableField: 'statusName',
          availableValues: 'Active',
        },
      },
      read,
    );
    const write = (at: [number, number]) =>
      http(b, 'Create lead with assignee', at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/app/dao/v6/leads`),
        auth: {predefined: 'apptivoApi', credential: APPTIVO},
        query: {
          a: 'save',
          leadData: expr(
            `{{ JSON.stringify({ firstName: $('Route Lead').item.json.name.split(' ')[0], lastName: $('Route Lead').item.json.name.split(' ').slice(1).join(' ') || '-', emailAddresses: [ { emailAddress: $('Route Lead').item.json.email, emailTypeCode: 'BUSINESS' } ], description: $('Route Lead').item.json.message, assigneeObjectId: 8, assigneeObjectRefId: Number(${decision('Route Lead')}.ownerId), assigneeObjectRefName: ${decision('Route Lead')}.ownerName }) }}`,
          ),
        },
      });
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['apptivo']);
  },
  test: {
    stub: {
      'GET /app/dao/v6/employees': {
        body: {
          data: [
            employee(IDS.ana, 'Ana', 'Diaz', 'Active'),
            employee(IDS.ben, 'Ben', 'Ode', 'Active'),
            employee(IDS.cara, 'Cara', 'Lin', 'Active'),
          ],
          countOfRecords: 3,
        },
      },
    },
    availability: {
      call: 'GET /app/dao/v6/employees',
      reply: {
        data: [
          employee(IDS.ana, 'Ana', 'Diaz', 'Inactive'),
          employee(IDS.ben, 'Ben', 'Ode', 'Active'),
          employee(IDS.cara, 'Cara', 'Lin', 'Active'),
        ],
        countOfRecords: 3,
      },
      awayRep: String(IDS.ana),
    },
    expect: [
      {call: 'GET /app/dao/v6/leads', query: '"assigneeObjectRefId":41022001', count: 1},
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
