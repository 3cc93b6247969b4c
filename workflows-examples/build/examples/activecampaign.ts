import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, decision, ifExpr, leadFrom, tail, trunk} from '../parts';

const IDS = {ana: 3, ben: 4, cara: 5};
const AC = {activeCampaignApi: 'ActiveCampaign account'};
const p = PEOPLE.ca;
/** The subscribe webhook's payload for a contact tagged "assignable". */
const SAMPLE = {
  type: 'subscribe',
  date_time: '2026-11-23T09:07:12-06:00',
  initiated_from: 'public',
  initiated_by: 'public',
  list: '1',
  form: {id: '4', name: 'Solar quote'},
  contact: {
    id: '8812',
    email: p.email,
    first_name: p.first,
    last_name: p.last,
    phone: p.phone,
    ip: '203.0.113.7',
    tags: 'assignable, solar',
    fields: {zip: p.zip, state: p.state, product_interest: 'solar'},
  },
};

export const activecampaign: Example = {
  slug: 'activecampaign-form-subscribe-deal-owner',
  platform: 'ActiveCampaign',
  source: 'web form',
  trigger: 'ActiveCampaign Trigger: subscribe (a contact submits an ActiveCampaign form)',
  writeBack: 'ActiveCampaign node: Deal → Create for the contact, Owner = rep id',
  credentials: ['ActiveCampaign API', 'Slack API'],
  change:
    'Rep ids = ActiveCampaign user ids; Config: pipeline (group) and stage ids, channels; tag "assignable" on the contacts sales should take (an automation can add it)',
  availability: {
    signal:
      'only contacts tagged "assignable" are routed (ActiveCampaign keeps no rep presence; the tag says the contact is ready for a rep)',
    api: "the subscribe webhook's contact[tags] (ActiveCampaign Trigger)",
    maps: 'tags (comma list) containing "assignable" → routed, the deal owner set to the rep; any other contact stops at "Assignable?" and nothing is written',
  },
  triggers: ['Form submitted (ActiveCampaign)'],
  sample: [SAMPLE],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · ActiveCampaign: form subscribe → deal owner');
    const trigger = b.add(
      'Form submitted (ActiveCampaign)',
      'activeCampaignTrigger',
      1,
      [0, 0],
      {events: ['subscribe'], sources: ['public']},
      {credentials: AC, webhook: true},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'contact.id',
        email: 'contact.email',
        phone: 'contact.phone',
        zip: 'contact.fields.zip',
        state: 'contact.fields.state',
        productLine: 'contact.fields.product_interest',
      }),
      name: expr('{{ [$json.contact.first_name, $json.contact.last_name].filter(Boolean).join(" ") }}'),
    };
    const assignable = ifExpr(
      b,
      'Assignable?',
      [1, 0],
      expr("{{ String($json.contact.tags || '').split(',').map(t => t.trim().toLowerCase()).includes('assignable') }}"),
      {type: 'boolean', operation: 'true'},
    );
    b.connect(trigger, assignable);
    const route = trunk(b, assignable, {...CHANNELS, dealGroup: '1', dealStage: '1'}, lead, demoConfig(IDS), 2);
    const write = (at: [number, number]) =>
      b.add(
        'Create deal with owner',
        'activeCampaign',
        1,
        at,
        {
          resource: 'deal',
          operation: 'create',
          title: expr(`{{ 'Inbound: ' + $('${route}').item.json.name }}`),
          contact: expr(`{{ Number(${decision(route)}.leadId) }}`),
          value: 0,
          currency: 'usd',
          group: expr("{{ $('Config').first().json.dealGroup }}"),
          stage: expr("{{ $('Config').first().json.dealStage }}"),
          owner: expr(`{{ ${decision(route)}.ownerId }}`),
          additionalFields: {},
        },
        {credentials: AC},
      );
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['activecampaign']);
  },
  test: {
    expect: [
      {call: 'node:Create deal with owner', body: {contact: 8812, owner: String(IDS.cara), group: '1'}, count: 1},
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
    variants: [
      {
        title: 'a contact not tagged "assignable" is not routed: no deal, no owner, no message',
        sample: [{...SAMPLE, contact: {...SAMPLE.contact, tags: 'solar, newsletter'}}],
        expect: [],
        never: ['node:Create deal with owner', 'node:Notify rep', 'node:Alert managers'],
        ran: ['Assignable?'],
        notRun: ['Route Lead'],
      },
    ],
  },
};
