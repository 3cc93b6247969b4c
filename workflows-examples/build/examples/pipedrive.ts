import {Example} from '../example';
import {expr, WorkflowBuilder} from '../n8n';
import {
  availabilityRows,
  CHANNELS,
  cfg,
  configNode,
  decision,
  GET_AVAILABILITY,
  http,
  joinAvailability,
  leadFrom,
  liveParameter,
  mapLead,
  PACKAGE,
  tail,
} from '../parts';

const IDS = [11834201, 11834202, 11834203];
const PD = {pipedriveApi: 'Pipedrive account'};

/**
 * Pipedrive documents no "available for leads" flag on users; the closest signal is the user's `active_flag`
 * (an admin deactivates a rep who leaves or is on long leave). GET /v1/users:
 * https://developers.pipedrive.com/docs/api/v1/Users#getUsers
 * Response: {success, data: [{id, name, email, active_flag, is_admin, role_id, …}]}.
 */
const pdUser = (id: number, name: string, active: boolean) => ({
  id,
  name,
  email: `${name.split(' ')[0].toLowerCase()}@example.com`,
  active_flag: active,
  is_admin: 0,
  role_id: 1,
  timezone_name: 'America/Chicago',
  locale: 'en_US',
  created: '2025-01-08 09:00:00',
  modified: '2026-11-23 08:00:00',
  is_you: false,
});

export const pipedrive: Example = {
  slug: 'pipedrive-lead-round-robin',
  platform: 'Pipedrive',
  source: 'CRM record (new/unassigned)',
  trigger: 'Pipedrive Trigger: create · lead',
  writeBack: 'Pipedrive node: Lead → Update, Owner = rep id',
  credentials: ['Pipedrive API', 'Slack API'],
  change: 'Round Robin reps = Pipedrive user ids; Config: channels',
  availability: {
    signal:
      'active users (Pipedrive documents no availability flag on users: its closest signal, active_flag, is used)',
    api: 'GET /v1/users (Pipedrive API token)',
    maps: 'data[].id = assignee id; active_flag true = available, false (deactivated) = away',
  },
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
    const conf = configNode(b, [1, 0], {...CHANNELS, pipedriveUrl: 'https://api.pipedrive.com'});
    const lead = mapLead(b, 'Lead', [2, 0], {
      ...leadFrom({id: 'data.id', source: 'data.source_name'}),
      name: expr('{{ $json.data.title }}'),
    });
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('pipedriveUrl')} }}/v1/users`),
        auth: {predefined: 'pipedriveApi', credential: PD},
        readOnce: true,
        notes: 'Active users (continues on error: assignees are then routed on their flags)',
      });
    b.chain(trigger, conf, lead);
    const joined = joinAvailability(b, conf, lead, read, [3, 0]);
    const rr = b.add('Round Robin', `${PACKAGE}.roundRobin`, 1, [4, 0], {
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
      liveAvailability: liveParameter({
        source: availabilityRows('data'),
        repField: 'id',
        availableField: 'active_flag',
      }),
      options: {},
    });
    b.connect(joined, rr);
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
        {credentials: PD},
      );
    tail(b, rr, {col: 5, notify: 'slack', viaIf: true, writeBack: write});
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
    availability: {
      call: 'GET /v1/users',
      reply: {
        success: true,
        data: [pdUser(IDS[0], 'Ana Diaz', false), pdUser(IDS[1], 'Ben Ode', true), pdUser(IDS[2], 'Cara Lin', true)],
        additional_data: {pagination: {start: 0, limit: 100, more_items_in_collection: false}},
      },
      awayRep: String(IDS[0]),
    },
  },
};
