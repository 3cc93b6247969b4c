import {Example} from '../example';
import {demoConfigWithOpenCap, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, PINNED_NOTE, tail, trunk} from '../parts';

const IDS = {ana: 7, ben: 9, cara: 12};
const KEAP = {keapOAuth2Api: 'Keap account'};
const p = PEOPLE.tx;

/**
 * Workload per user: the open (not completed) tasks each user is assigned, one call. Keap REST v1
 * GET /crm/rest/v1/tasks?completed=false: https://developer.keap.com/docs/rest/#tag/Task/operation/listTasksUsingGET
 * Response: {tasks: [{id, title, completed, due_date, user_id, contact: {id, …}}], count, next, previous}.
 * Each id of Config.repIds becomes a row {id, openTasks}; a rep at its open cap (capacity.open) takes no lead.
 */
const OPEN_CAP = 40;
const WORKLOAD_ROWS = `{{ $('${GET_AVAILABILITY}').first().json.tasks ? ${cfg('repIds')}.map(id => ({ id, openTasks: $('${GET_AVAILABILITY}').first().json.tasks.filter(t => String(t.user_id) === String(id) && !t.completed).length })) : [] }}`;
const tasks = (user: number, n: number, from: number) =>
  Array.from({length: n}, (_, i) => ({
    id: from + i,
    title: 'Call back',
    completed: false,
    due_date: '2026-11-24T15:00:00.000Z',
    user_id: user,
    contact: {id: 30000 + i, first_name: 'Pat', last_name: 'Lee', email: `pat${i}@example.com`},
  }));

/** The Keap node's contact (REST v1 contact), pinned and the e2e double's answer. */
const CONTACT = {
  id: 30517,
  given_name: p.first,
  family_name: p.last,
  email_addresses: [{email: p.email, field: 'EMAIL1'}],
  phone_numbers: [{number: p.phone, field: 'PHONE1'}],
  addresses: [
    {field: 'BILLING', line1: p.street, locality: p.city, region: p.state, zip_code: p.zip, country_code: 'USA'},
  ],
};

export const keap: Example = {
  slug: 'keap-contact-added-sms',
  platform: 'Keap (Infusionsoft)',
  source: 'CRM record (new/unassigned)',
  trigger: 'Keap Trigger: contact.add (REST hook), then Keap → Get contact',
  writeBack: 'Keap node: Contact → Create or Update by e-mail, Owner = rep id; rep gets a Twilio SMS',
  credentials: ['Keap OAuth2 API', 'Twilio API', 'Slack API (managers)'],
  change:
    'Rep ids = Keap user ids; Config: SMS sender number, repPhones (rep id → mobile), repIds (the same user ids as Route Lead’s reps), managers channel; Route Lead: each rep’s open cap (capacity.open)',
  availability: {
    signal: 'workload per user: the open (not completed) tasks assigned to each rep',
    api: 'GET /crm/rest/v1/tasks?completed=false&limit=1000 (Keap OAuth2 credential)',
    maps: `each id of Config.repIds becomes a row {id, openTasks}: tasks with that user_id; openTasks is the open load, a rep at its open cap (${OPEN_CAP}) takes no lead`,
  },
  triggers: ['New contact (Keap)'],
  sample: [
    {
      id: 30517,
      apiUrl: 'https://api.infusionsoft.com/crm/rest/v1/contacts/30517',
      timestamp: '2026-11-23T15:06:41.000Z',
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Keap: new contact → owner + SMS');
    const trigger = b.add(
      'New contact (Keap)',
      'keapTrigger',
      1,
      [0, 0],
      {eventId: 'contact.add', rawData: false},
      {credentials: KEAP, webhook: true},
    );
    b.pin(trigger, this.sample);
    const get = b.add(
      'Get contact',
      'keap',
      1,
      [1, 0],
      {resource: 'contact', operation: 'get', contactId: expr('{{ $json.id }}'), options: {}},
      {credentials: KEAP, notes: PINNED_NOTE},
    );
    b.pin(get, [CONTACT]);
    b.connect(trigger, get);
    const lead = {
      ...leadFrom({
        id: 'id',
        email: 'email_addresses[0].email',
        phone: 'phone_numbers?.[0]?.number',
        zip: 'addresses[0].zip_code',
        state: 'addresses[0].region',
        country: 'addresses[0].country_code',
      }),
      name: expr('{{ [$json.given_name, $json.family_name].filter(Boolean).join(" ") }}'),
    };
    const routing = demoConfigWithOpenCap(IDS, OPEN_CAP);
    const route = trunk(
      b,
      get,
      {
        ...CHANNELS,
        smsFrom: '+15125550100',
        repPhones: {'7': '+15125550107', '9': '+15125550109', '12': '+14155550112'},
        repIds: [IDS.ana, IDS.ben, IDS.cara],
        keapUrl: 'https://api.infusionsoft.com',
      },
      lead,
      routing,
      2,
      {live: {source: expr(WORKLOAD_ROWS), repField: 'id', availableField: '', openLoadField: 'openTasks'}},
      at =>
        http(b, GET_AVAILABILITY, at, {
          method: 'GET',
          url: expr(`{{ ${cfg('keapUrl')} }}/crm/rest/v1/tasks`),
          auth: {predefined: 'keapOAuth2Api', credential: KEAP},
          query: {completed: 'false', limit: '1000'},
          readOnce: true,
          notes: 'Open tasks per rep (continues on error: reps are then routed on their flags and caps)',
        }),
    );
    const write = (at: [number, number]) =>
      b.add(
        'Set contact owner',
        'keap',
        1,
        at,
        {
          resource: 'contact',
          operation: 'upsert',
          duplicateOption: 'email',
          additionalFields: {ownerId: expr(`{{ Number(${decision(route)}.ownerId) }}`)},
          emailsUi: {emailsValues: [{field: 'EMAIL1', email: expr(`{{ $('${route}').item.json.email }}`)}]},
        },
        {credentials: KEAP},
      );
    tail(b, route, {col: 6, notify: 'twilio', writeBack: write});
    return b.build(['keap']);
  },
  test: {
    doubles: {'Get contact': CONTACT},
    expect: [
      {
        call: 'node:Set contact owner',
        body: {additionalFields: {ownerId: IDS.ana}, emailsUi: {emailsValues: [{email: p.email}]}},
        count: 1,
      },
      {call: 'node:Notify rep', body: {to: '+15125550107'}},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /crm/rest/v1/tasks',
      reply: {
        tasks: [...tasks(IDS.ana, OPEN_CAP, 5100), ...tasks(IDS.ben, 6, 5200), ...tasks(IDS.cara, 2, 5300)],
        count: OPEN_CAP + 8,
        next: null,
        previous: null,
      },
      awayRep: String(IDS.ana),
    },
  },
};
