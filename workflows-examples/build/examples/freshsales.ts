import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {availabilityRows, CHANNELS, cfg, decision, GET_AVAILABILITY, http, leadFrom, pollTrunk, tail} from '../parts';
import {rereadRecord, securedWebhook} from '../intake';

const IDS = {ana: 16000012001, ben: 16000012002, cara: 16000012003};
const p = PEOPLE.tx;
const CONTACT_ID = 16002231877;
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
/** The contact as Freshsales stores it (GET /api/contacts/{id} answers {contact: {...}}). */
const RECORD = {
  id: CONTACT_ID,
  first_name: p.first,
  last_name: p.last,
  display_name: `${p.first} ${p.last}`,
  email: p.email,
  mobile_number: p.phone,
  city: p.city,
  state: p.state,
  zipcode: p.zip,
  country: p.country,
  owner_id: null,
  lead_source_id: null,
};

export const freshsales: Example = {
  slug: 'freshsales-contact-webhook',
  platform: 'Freshsales',
  source: 'CRM record (new/unassigned)',
  trigger: 'Webhook (Freshsales workflow "Trigger webhook" on contact created, JSON body)',
  writeBack: 'Freshworks CRM node: Contact → Update, Owner = rep id',
  credentials: ['Freshworks CRM API', 'Slack API'],
  change:
    'Rep ids = Freshsales user ids; in Freshsales point the workflow webhook at this Webhook URL; Config: baseUrl (https://<domain>.myfreshworks.com/crm/sales), channels',
  availability: {
    signal:
      'active users from the owner selector (Freshsales documents no per-user presence: is_active is the closest signal)',
    api: 'GET /api/selector/owners (Freshworks CRM API key)',
    maps: 'users[].id = rep id; is_active true = available, false (deactivated) = away',
  },
  triggers: ['New contact (Freshsales webhook)'],
  intake: {
    auth: 'headerAuth',
    credential: 'Freshsales webhook secret',
    header: 'X-Lead-Routing-Token',
    sender:
      'in the Freshsales "Trigger webhook" action add the custom header X-Lead-Routing-Token with the same secret',
    reread:
      "Read contact: GET /crm/sales/api/contacts/{id} (Freshsales CRM API, view a contact) — the zip, state and e-mail routed are Freshsales's, the webhook only names the id.",
    test: {
      path: 'freshsales-new-contact',
      forged: {contact: {id: CONTACT_ID, zipcode: PEOPLE.ca.zip, state: PEOPLE.ca.state}},
      expect: [
        {
          call: 'node:Set contact owner',
          body: {contactId: String(CONTACT_ID), updateFields: {owner_id: String(IDS.ana)}},
          count: 1,
        },
      ],
      never: [{call: 'node:Set contact owner', body: {updateFields: {owner_id: String(IDS.cara)}}}],
    },
  },
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'Freshworks-Webhook'},
      params: {},
      query: {},
      body: {
        contact: {
          id: CONTACT_ID,
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
    const trigger = securedWebhook(b, 'New contact (Freshsales webhook)', [0, 0], {
      path: 'freshsales-new-contact',
      auth: 'headerAuth',
      credential: this.intake!.credential,
      sample: this.sample,
    });
    // https://developers.freshworks.com/crm/api/#view_a_contact ({contact: {...}})
    const read = (col: number): [string, string, number] => {
      const n = rereadRecord(
        b,
        'Read contact (Freshsales)',
        [col, 0],
        'httpRequest',
        4.2,
        {
          method: 'GET',
          url: expr(
            `{{ ${cfg('baseUrl')} }}/api/contacts/{{ $('New contact (Freshsales webhook)').item.json.body.contact.id }}`,
          ),
          authentication: 'predefinedCredentialType',
          nodeCredentialType: 'freshworksCrmApi',
          options: {},
        },
        {contact: RECORD},
        {credentials: {freshworksCrmApi: 'Freshsales account'}},
      );
      return [n, n, 1];
    };
    const lead = {
      ...leadFrom({
        id: 'contact.id',
        email: 'contact.email',
        phone: 'contact.mobile_number',
        zip: 'contact.zipcode',
        state: 'contact.state',
        country: 'contact.country',
      }),
      name: expr('{{ [$json.contact.first_name, $json.contact.last_name].filter(Boolean).join(" ") }}'),
    };
    const {route, col} = pollTrunk(
      b,
      trigger,
      {...CHANNELS, baseUrl: 'https://yourdomain.myfreshworks.com/crm/sales'},
      read,
      lead,
      demoConfig(IDS),
      {live: {source: availabilityRows('users'), repField: 'id', availableField: 'is_active'}},
      at =>
        http(b, GET_AVAILABILITY, at, {
          method: 'GET',
          url: expr(`{{ ${cfg('baseUrl')} }}/api/selector/owners`),
          auth: {predefined: 'freshworksCrmApi', credential: FS},
          readOnce: true,
          notes: 'Active users (continues on error: reps are then routed on their flags)',
        }),
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
        {credentials: {freshworksCrmApi: 'Freshsales account'}},
      );
    tail(b, route, {col, notify: 'slack', writeBack: write});
    return b.build(['freshsales']);
  },
  test: {
    stub: {[`GET /api/contacts/${CONTACT_ID}`]: {body: {contact: RECORD}}},
    expect: [
      {
        call: 'node:Set contact owner',
        body: {contactId: String(CONTACT_ID), updateFields: {owner_id: String(IDS.ana)}},
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
