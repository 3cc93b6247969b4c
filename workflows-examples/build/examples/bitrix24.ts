import {Example} from '../example';
import {demoConfig, PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  alertManagers,
  availabilityRows,
  CHANNELS,
  cfg,
  GET_AVAILABILITY,
  http,
  leadFrom,
  pollTrunk,
  slackMessage,
} from '../parts';

const IDS = {ana: 7, ben: 9, cara: 12};
const row = (id: number, q: (typeof PEOPLE)['tx']) => ({
  ID: String(id),
  TITLE: `${q.company}: website request`,
  NAME: q.first,
  LAST_NAME: q.last,
  COMPANY_TITLE: q.company,
  STATUS_ID: 'NEW',
  SOURCE_ID: 'WEB',
  ASSIGNED_BY_ID: '1',
  ADDRESS_CITY: q.city,
  ADDRESS_PROVINCE: q.state,
  ADDRESS_POSTAL_CODE: q.zip,
  ADDRESS_COUNTRY: q.country,
  EMAIL: [{ID: String(id * 10), VALUE_TYPE: 'WORK', VALUE: q.email, TYPE_ID: 'EMAIL'}],
});

/**
 * Online presence of the active users: user.get (filter ACTIVE) returns IS_ONLINE ("Y" / "N") per user:
 * https://apidocs.bitrix24.com/api-reference/user/user-get.html
 * Response: {result: [{ID, ACTIVE, NAME, LAST_NAME, EMAIL, IS_ONLINE, LAST_ACTIVITY_DATE, …}], total, time}.
 */
const b24User = (id: number, name: string, online: boolean) => ({
  ID: String(id),
  ACTIVE: true,
  NAME: name.split(' ')[0],
  LAST_NAME: name.split(' ')[1],
  EMAIL: `${name.split(' ')[0].toLowerCase()}@example.com`,
  IS_ONLINE: online ? 'Y' : 'N',
  LAST_ACTIVITY_DATE: '2026-11-23T14:58:12+00:00',
  UF_DEPARTMENT: [5],
});

/** Groups the routed leads into Bitrix24 `batch` calls of at most `batchSize` crm.lead.update commands. */
const CHUNK_CODE = `// Bitrix24 "batch" runs up to 50 commands per call: one crm.lead.update per routed lead.
// The inbound webhook URL is this workflow's credential: nothing is written before it is set.
if (!/^https?:\\/\\/\\S+$/.test(String($('Config').first().json.webhookUrl || '')))
  throw new Error('Set webhookUrl in the Config node to your Bitrix24 inbound webhook URL (https://<portal>.bitrix24.com/rest/<user>/<code>): it carries the webhook code, the credential of every call in this workflow');
const size = Math.min(50, Number($('Config').first().json.batchSize) || 50);
const leads = $input.all().map(i => i.json);
const out = [];
for (let i = 0; i < leads.length; i += size) {
  const chunk = leads.slice(i, i + size);
  const cmd = {};
  for (const l of chunk) cmd['lead_' + l.routing.leadId] = 'crm.lead.update?id=' + l.routing.leadId + '&fields[ASSIGNED_BY_ID]=' + l.routing.ownerId;
  out.push({ json: { halt: 0, cmd, summary: chunk.map(l => l.routing.leadId + ' → ' + l.routing.ownerName).join(', ') } });
}
return out;`;

/** crm.lead.list's answer (`{result: [lead], total, time}`), pinned and served by the e2e stub. */
const NEW_LEADS = {
  body: {
    result: [row(101, PEOPLE.tx), row(102, PEOPLE.ca), row(103, PEOPLE.tx), row(104, PEOPLE.ny)],
    total: 4,
    time: {},
  },
};

export const bitrix24: Example = {
  slug: 'bitrix24-batch-assign-new-leads',
  platform: 'Bitrix24',
  source: 'CRM record (new/unassigned)',
  trigger: 'Schedule (every 15 min) + HTTP POST crm.lead.list (STATUS_ID NEW, assigned to the intake user)',
  writeBack: 'HTTP POST batch: crm.lead.update ASSIGNED_BY_ID, 50 leads per call',
  credentials: ['none: the inbound webhook URL (Config) carries its code: keep the workflow private', 'Slack API'],
  change:
    'Rep ids = Bitrix24 user ids; Config: webhookUrl (https://<portal>.bitrix24.com/rest/<user>/<code>), intakeUserId, batchSize, channels',
  availability: {
    signal: 'online presence of the active users (IS_ONLINE: the user is signed in to Bitrix24 now)',
    api: 'POST <webhookUrl>/user.get.json {filter: {ACTIVE: true}}',
    maps: 'result[].ID = rep id; IS_ONLINE Y = available, N = away',
  },
  pattern: 'Batch assignment in chunks (Bitrix24 batch: 50 commands per call)',
  triggers: ['Every 15 minutes'],
  sample: [{}],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Bitrix24: new leads in batches of 50');
    const trigger = b.add('Every 15 minutes', 'scheduleTrigger', 1.2, [0, 0], {
      rule: {interval: [{field: 'minutes', minutesInterval: 15}]},
    });
    const poll = (c: number): [string, string, number] => {
      const list = http(b, 'List new leads', [c, 0], {
        method: 'POST',
        url: expr(`{{ ${cfg('webhookUrl')} }}/crm.lead.list.json`),
        jsonBody: expr(
          `{{ JSON.stringify({ filter: { STATUS_ID: 'NEW', ASSIGNED_BY_ID: ${cfg('intakeUserId')} }, select: ['ID', 'TITLE', 'NAME', 'LAST_NAME', 'COMPANY_TITLE', 'EMAIL', 'ADDRESS_POSTAL_CODE', 'ADDRESS_PROVINCE', 'ADDRESS_COUNTRY', 'SOURCE_ID'] }) }}`,
        ),
        pinned: NEW_LEADS,
      });
      const split = b.add('One item per lead', 'splitOut', 1, [c + 1, 0], {fieldToSplitOut: 'result', options: {}});
      b.connect(list, split);
      return [list, split, 2];
    };
    const lead = {
      ...leadFrom({
        id: 'ID',
        company: 'COMPANY_TITLE',
        zip: 'ADDRESS_POSTAL_CODE',
        state: 'ADDRESS_PROVINCE',
        country: 'ADDRESS_COUNTRY',
        source: 'SOURCE_ID',
      }),
      email: expr('{{ $json.EMAIL?.[0]?.VALUE }}'),
      name: expr('{{ [$json.NAME, $json.LAST_NAME].filter(Boolean).join(" ") }}'),
    };
    const config = {
      ...CHANNELS,
      // Empty until the user pastes the inbound webhook URL: a placeholder host would be called by the pinned run.
      webhookUrl: '',
      intakeUserId: 1,
      batchSize: 50,
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'POST',
        url: expr(`{{ ${cfg('webhookUrl')} }}/user.get.json`),
        jsonBody: JSON.stringify({filter: {ACTIVE: true}}),
        readOnce: true,
        notes: 'Online presence (continues on error: reps are then routed on their flags)',
      });
    const live = {
      source: availabilityRows('result'),
      repField: 'ID',
      availableField: 'IS_ONLINE',
      availableValues: 'Y',
    };
    const {route, col} = pollTrunk(b, trigger, config, poll, lead, demoConfig(IDS), {live}, read);
    const chunk = b.add('Chunk into batch calls', 'code', 2, [col, -0.5], {
      mode: 'runOnceForAllItems',
      language: 'javaScript',
      jsCode: CHUNK_CODE,
    });
    const batch = http(b, 'Assign batch', [col + 1, -0.5], {
      method: 'POST',
      url: expr(`{{ ${cfg('webhookUrl')} }}/batch.json`),
      jsonBody: expr('{{ JSON.stringify({ halt: $json.halt, cmd: $json.cmd }) }}'),
    });
    const notify = slackMessage(
      b,
      'Notify reps',
      [col + 2, -0.5],
      'repsChannel',
      "Assigned: {{ $('Chunk into batch calls').item.json.summary }}",
    );
    const alert = alertManagers(b, route, [col, 0.6]);
    b.connect(route, chunk, 0).chain(chunk, batch, notify).connect(route, alert, 1);
    return b.build(['bitrix24']);
  },
  test: {
    config: {batchSize: 2},
    stub: {
      'POST /crm.lead.list.json': NEW_LEADS,
      'POST /batch.json': {body: {result: {result: {}, result_error: [], result_total: [], result_next: []}, time: {}}},
    },
    expect: [
      {
        call: 'POST /batch.json',
        body: {
          cmd: {
            lead_101: `crm.lead.update?id=101&fields[ASSIGNED_BY_ID]=${IDS.ana}`,
            lead_102: `crm.lead.update?id=102&fields[ASSIGNED_BY_ID]=${IDS.cara}`,
          },
        },
        count: 1,
      },
      {
        call: 'POST /batch.json',
        body: {cmd: {lead_103: `crm.lead.update?id=103&fields[ASSIGNED_BY_ID]=${IDS.ben}`}},
        count: 1,
      },
      {call: 'node:Alert managers', count: 1},
    ],
    availability: {
      call: 'POST /user.get.json',
      reply: {
        result: [
          b24User(IDS.ana, 'Ana Diaz', false),
          b24User(IDS.ben, 'Ben Ode', true),
          b24User(IDS.cara, 'Cara Lin', true),
        ],
        total: 3,
        time: {start: 1763910131.1, finish: 1763910131.2, duration: 0.1},
      },
      awayRep: String(IDS.ana),
    },
  },
};
