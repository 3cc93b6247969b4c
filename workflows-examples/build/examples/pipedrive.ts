import {Example} from '../example';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, configNode, decision, leadFrom, mapLead, PACKAGE, tail} from '../parts';

const IDS = [11834201, 11834202, 11834203];

export const pipedrive: Example = {
  slug: 'pipedrive-lead-round-robin',
  platform: 'Pipedrive',
  source: 'CRM record (new/unassigned)',
  trigger: 'Pipedrive Trigger: create · lead',
  writeBack: 'Pipedrive node: Lead → Update, Owner = rep id',
  credentials: ['Pipedrive API', 'Slack API'],
  change: 'Round Robin reps = Pipedrive user ids; Config: channels',
  pattern: 'Round Robin node (SDR rotation, no territories)',
  triggers: ['New lead (Pipedrive)'],
  sample: [
    {
      meta: {
        action: 'create',
        entity: 'lead',
        entity_id: 'adf21080-0e10-11eb-879b-05d71fb426ec',
        company_id: 7722,
        correlation_id: 'b1b8c0f6-4a5f-4b2a-9a55-7a0b6b7e6c71',
        timestamp: '2026-11-23T15:04:00.000Z',
        version: '2.0',
      },
      data: {
        id: 'adf21080-0e10-11eb-879b-05d71fb426ec',
        title: 'Reyes Roofing lead',
        owner_id: 11834200,
        person_id: 4411,
        organization_id: 902,
        source_name: 'Web forms',
        label_ids: [],
        is_archived: false,
        was_seen: false,
      },
      previous: null,
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Pipedrive: new lead → round robin owner');
    const trigger = b.add(
      'New lead (Pipedrive)',
      'pipedriveTrigger',
      1.1,
      [0, 0],
      {authentication: 'apiToken', action: 'create', entity: 'lead'},
      {credentials: {pipedriveApi: 'Pipedrive account'}, webhook: true},
    );
    b.pin(trigger, this.sample);
    const conf = configNode(b, [1, 0], CHANNELS);
    const lead = mapLead(b, 'Lead', [2, 0], {
      ...leadFrom({id: 'data.id', source: 'data.source_name'}),
      name: expr('{{ $json.data.title }}'),
    });
    const rr = b.add('Round Robin', `${PACKAGE}.roundRobin`, 1, [3, 0], {
      operation: 'assign',
      assigneesSource: 'list',
      assignees: {
        assignee: IDS.map((id, i) => ({
          id: String(id),
          name: ['Ana Diaz', 'Ben Ode', 'Cara Lin'][i],
          email: ['ana', 'ben', 'cara'][i] + '@example.com',
          available: true,
        })),
      },
      strategy: 'round_robin',
      dedupeKey: expr('{{ $json.id }}'),
      options: {},
    });
    b.chain(trigger, conf, lead, rr);
    const write = (at: [number, number]) =>
      b.add(
        'Set lead owner',
        'pipedrive',
        2,
        at,
        {
          authentication: 'apiToken',
          resource: 'lead',
          operation: 'update',
          leadId: expr(`{{ ${decision(rr)}.leadId }}`),
          updateFields: {owner_id: expr(`{{ Number(${decision(rr)}.ownerId) }}`)},
        },
        {credentials: {pipedriveApi: 'Pipedrive account'}},
      );
    tail(b, rr, {col: 4, notify: 'slack', viaIf: true, writeBack: write});
    return b.build(['pipedrive']);
  },
  test: {
    expect: [
      {
        call: 'node:Set lead owner',
        body: {leadId: 'adf21080-0e10-11eb-879b-05d71fb426ec', updateFields: {owner_id: IDS[0]}},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
