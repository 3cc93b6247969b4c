import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  availabilityRows,
  CHANNELS,
  cfg,
  decision,
  GET_AVAILABILITY,
  http,
  leadFrom,
  PINNED_NOTE,
  tail,
  trunk,
} from '../parts';

const IDS = {ana: 51234567, ben: 51234568, cara: 51234569};
const HS = {hubspotAppToken: 'HubSpot app token'};
const p = PEOPLE.tx;

/**
 * Users API (CRM object "users"): each user's availability status (`hs_availability_status`: available | away)
 * and owner id (`hubspot_owner_id`, the id Contact Owner takes):
 * https://developers.hubspot.com/docs/api-reference/latest/crm/objects/users/guide
 * Response: {results: [{id, properties: {hs_availability_status, hubspot_owner_id, hs_email, …}, archived}], paging?}.
 */
const user = (ownerId: number, email: string, status: string) => ({
  id: String(207838823200 + (ownerId % 100)),
  properties: {
    hs_availability_status: status,
    hubspot_owner_id: String(ownerId),
    hs_email: email,
    hs_object_id: String(207838823200 + (ownerId % 100)),
  },
  createdAt: '2025-03-04T10:12:45.123Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  archived: false,
});

/** The HubSpot node's contact (v1 shape: `{vid, properties: {name: {value}}}`), pinned and the e2e double's answer. */
const CONTACT = {
  vid: 90211,
  properties: {
    email: {value: p.email},
    firstname: {value: p.first},
    lastname: {value: p.last},
    zip: {value: p.zip},
    state: {value: p.state},
    country: {value: p.country},
    company: {value: p.company},
  },
};

export const hubspot: Example = {
  slug: 'hubspot-contact-created',
  platform: 'HubSpot',
  source: 'CRM record (new/unassigned)',
  trigger: 'HubSpot Trigger: contact.creation (developer app webhook), then HubSpot → Get contact',
  writeBack: 'HubSpot node: Contact → Create or Update by e-mail, Contact Owner = rep id',
  credentials: ['HubSpot Developer API (trigger)', 'HubSpot App Token', 'Slack API'],
  change: 'Rep ids = HubSpot owner ids; Config: channels; the app token needs scope crm.objects.users.read',
  availability: {
    signal: 'each user’s availability status (Available / Away, set in HubSpot by the user or an admin)',
    api: 'GET /crm/v3/objects/users?properties=hs_availability_status,hubspot_owner_id,hs_email&limit=100 (HubSpot App Token)',
    maps: 'results[].properties.hubspot_owner_id = rep id (owner id); hs_availability_status available = available, away = away',
  },
  triggers: ['New contact (HubSpot)'],
  sample: [
    {
      eventId: 1842211,
      subscriptionId: 2450911,
      portalId: 62515,
      appId: 1160452,
      occurredAt: 1763910131000,
      subscriptionType: 'contact.creation',
      attemptNumber: 0,
      objectId: 90211,
      changeFlag: 'CREATED',
      changeSource: 'FORM',
      sourceId: 'sample-form',
      contactId: 90211,
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · HubSpot: new contact → contact owner');
    const trigger = b.add(
      'New contact (HubSpot)',
      'hubspotTrigger',
      1,
      [0, 0],
      {eventsUi: {eventValues: [{name: 'contact.creation'}]}, additionalFields: {}},
      {credentials: {hubspotDeveloperApi: 'HubSpot developer app'}, webhook: true},
    );
    b.pin(trigger, this.sample);
    const get = b.add(
      'Get contact',
      'hubspot',
      2.2,
      [1, 0],
      {
        authentication: 'appToken',
        resource: 'contact',
        operation: 'get',
        contactId: expr('{{ $json.contactId }}'),
        additionalFields: {},
      },
      {credentials: HS, notes: PINNED_NOTE},
    );
    b.pin(get, [CONTACT]);
    b.connect(trigger, get);
    const lead = {
      ...leadFrom({
        id: 'vid',
        email: 'properties.email.value',
        zip: 'properties.zip.value',
        state: 'properties.state.value',
        country: 'properties.country.value',
        company: 'properties.company.value',
      }),
      name: expr(
        '{{ [$json.properties.firstname?.value, $json.properties.lastname?.value].filter(Boolean).join(" ") }}',
      ),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('hubspotUrl')} }}/crm/v3/objects/users`),
        auth: {predefined: 'hubspotAppToken', credential: HS},
        query: {properties: 'hs_availability_status,hubspot_owner_id,hs_email', limit: '100'},
        readOnce: true,
        notes: 'Users’ availability status (continues on error: reps are then routed on their flags)',
      });
    const live = {
      source: availabilityRows('results'),
      repField: 'properties.hubspot_owner_id',
      availableField: 'properties.hs_availability_status',
      availableValues: 'available',
    };
    const route = trunk(
      b,
      get,
      {...CHANNELS, hubspotUrl: 'https://api.hubapi.com'},
      lead,
      demoConfig(IDS),
      2,
      {live},
      read,
    );
    const write = (at: [number, number]) =>
      b.add(
        'Set contact owner',
        'hubspot',
        2.2,
        at,
        {
          authentication: 'appToken',
          resource: 'contact',
          operation: 'upsert',
          email: expr(`{{ $('${route}').item.json.email }}`),
          additionalFields: {contactOwner: expr(`{{ ${decision(route)}.ownerId }}`)},
          options: {},
        },
        {credentials: HS},
      );
    tail(b, route, {col: 6, notify: 'slack', writeBack: write});
    return b.build(['hubspot']);
  },
  test: {
    doubles: {'Get contact': CONTACT},
    expect: [
      {call: 'node:Get contact', body: {contactId: 90211}},
      {
        call: 'node:Set contact owner',
        body: {email: p.email, additionalFields: {contactOwner: String(IDS.ana)}},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /crm/v3/objects/users',
      reply: {
        results: [
          user(IDS.ana, 'ana@example.com', 'away'),
          user(IDS.ben, 'ben@example.com', 'available'),
          user(IDS.cara, 'cara@example.com', 'available'),
        ],
      },
      awayRep: String(IDS.ana),
    },
  },
};
