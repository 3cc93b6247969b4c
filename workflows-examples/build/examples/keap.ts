import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, decision, leadFrom, tail, trunk} from '../parts';

const IDS = {ana: 7, ben: 9, cara: 12};
const KEAP = {keapOAuth2Api: 'Keap account'};
const p = PEOPLE.tx;

export const keap: Example = {
  slug: 'keap-contact-added-sms',
  platform: 'Keap (Infusionsoft)',
  source: 'CRM record (new/unassigned)',
  trigger: 'Keap Trigger: contact.add (REST hook), then Keap → Get contact',
  writeBack: 'Keap node: Contact → Create or Update by e-mail, Owner = rep id; rep gets a Twilio SMS',
  credentials: ['Keap OAuth2 API', 'Twilio API', 'Slack API (managers)'],
  change: 'Rep ids = Keap user ids; Config: SMS sender number, repPhones (rep id → mobile), managers channel',
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
      {credentials: KEAP},
    );
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
    const route = trunk(
      b,
      get,
      {
        ...CHANNELS,
        smsFrom: '+15125550100',
        repPhones: {'7': '+15125550107', '9': '+15125550109', '12': '+14155550112'},
      },
      lead,
      demoConfig(IDS),
      2,
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
    tail(b, route, {col: 5, notify: 'twilio', writeBack: write});
    return b.build(['keap']);
  },
  test: {
    doubles: {
      'Get contact': {
        id: 30517,
        given_name: p.first,
        family_name: p.last,
        email_addresses: [{email: p.email, field: 'EMAIL1'}],
        phone_numbers: [{number: p.phone, field: 'PHONE1'}],
        addresses: [
          {field: 'BILLING', line1: p.street, locality: p.city, region: p.state, zip_code: p.zip, country_code: 'USA'},
        ],
      },
    },
    expect: [
      {
        call: 'node:Set contact owner',
        body: {additionalFields: {ownerId: IDS.ana}, emailsUi: {emailsValues: [{email: p.email}]}},
        count: 1,
      },
      {call: 'node:Notify rep', body: {to: '+15125550107'}},
    ],
    never: ['node:Alert managers'],
  },
};
