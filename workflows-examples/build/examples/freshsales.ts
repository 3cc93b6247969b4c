import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {availabilityRows, cfg, GET_AVAILABILITY, http, CHANNELS, decision, leadFrom, tail, trunk} from '../parts';

const IDS = {ana: 16000012001, ben: 16000012002, cara: 16000012003};
const p = PEOPLE.tx;
const FS = {freshworksCrmApi: 'Freshsales account'};

/**
 * Freshsales documents no presence for users; its owner selector lists the users who can own records with
 * `is_active` (deactivated users are false), the closest documented signal. GET /api/selector/owners:
 * https://developers.freshworks.com/crm/api/#selectors
 * Response: {users: [{id, display_name, email, is_active, work_number, mobile_number}]}.
 */
const owner = (id: number, name: string, active: boolean) => ({
  id,
  display_name: name,
  email: `${name.split(' ')[0].toLowerCase()}@example.com`,
  is_active: active,
  work_number: null,
  mobile_number: null,
});

export const freshsales: Example = {
  slug: 'freshsales-contact-webhook',
  platform: 'Freshsales',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Freshsales workflow "Trigger webhook" on contact created, JSON body)',
  writeBack: 'Freshworks CRM node: Contact → Update, Owner = rep id',
  credentials: ['Freshworks CRM API', 'Slack API'],
  change:
    'Rep ids = Freshsales user ids; in Freshsales point the workflow webhook at this Webhook URL; Config: freshsalesUrl (https://<domain>.myfreshworks.com/crm/sales), channels',
  availability: {
    signal:
      'active users from the owner selector (Freshsales documents no per-user presence: is_active is the closest signal)',
    api: 'GET /api/selector/owners (Freshworks CRM API key)',
    maps: 'users[].id = rep id; is_active true = available, false (deactivated) = away',
  },
  triggers: ['New contact (Freshsales webhook)'],
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'Freshworks-Webhook'},
      params: {},
      query: {},
      body: {
        contact: {
          id: 16002231877,
          first_name: p.first,
          last_name: p.last,
          email: p.email,
          mobile_number: p.phone,
          city: p.city,
          state: p.state,
          zipcode: p.zip,
          country: p.country,
          lead_source: 'Web Form',
          status: 'New',
          owner_id: null,
        },
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Freshsales: new contact → owner');
    const trigger = b.add(
      'New contact (Freshsales webhook)',
      'webhook',
      2.1,
      [0, 0],
      {httpMethod: 'POST', path: 'freshsales-new-contact', options: {}},
      {webhook: true},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'body.contact.id',
        email: 'body.contact.email',
        phone: 'body.contact.mobile_number',
        zip: 'body.contact.zipcode',
        state: 'body.contact.state',
        country: 'body.contact.country',
        source: 'body.contact.lead_source',
      }),
      name: expr('{{ [$json.body.contact.first_name, $json.body.contact.last_name].filter(Boolean).join(" ") }}'),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('freshsalesUrl')} }}/api/selector/owners`),
        auth: {predefined: 'freshworksCrmApi', credential: FS},
        readOnce: true,
        notes: 'Active users (continues on error: reps are then routed on their flags)',
      });
    const live = {source: availabilityRows('users'), repField: 'id', availableField: 'is_active'};
    const route = trunk(
      b,
      trigger,
      {...CHANNELS, freshsalesUrl: 'https://yourdomain.myfreshworks.com/crm/sales'},
      lead,
      demoConfig(IDS),
      1,
      {live},
      read,
    );
    const write = (at: [number, number]) =>
      b.add(
        'Set contact owner',
        'freshworksCrm',
        1,
        at,
        {
          resource: 'contact',
          operation: 'update',
          contactId: expr(`{{ ${decision(route)}.leadId }}`),
          updateFields: {owner_id: expr(`{{ ${decision(route)}.ownerId }}`)},
        },
        {credentials: FS},
      );
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['freshsales']);
  },
  test: {
    expect: [
      {
        call: 'node:Set contact owner',
        body: {contactId: '16002231877', updateFields: {owner_id: String(IDS.ana)}},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /api/selector/owners',
      reply: {
        users: [owner(IDS.ana, 'Ana Diaz', false), owner(IDS.ben, 'Ben Ode', true), owner(IDS.cara, 'Cara Lin', true)],
      },
      awayRep: String(IDS.ana),
    },
  },
};
