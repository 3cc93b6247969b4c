// The channel platforms: sheets and tables (Google Sheets, Airtable), messaging (Slack, Twilio) and e-mail (SendGrid).
import {Example} from '../example';
import {demoConfig, PEOPLE, TEAM_FALLBACK} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  alertManagers,
  availabilityRows,
  CHANNELS,
  cfg,
  GET_AVAILABILITY,
  http,
  decision,
  leadFrom,
  SLACK,
  tail,
  trunk,
  TWILIO,
} from '../parts';

const EMAIL_IDS = {ana: 'ana@example.com', ben: 'ben@example.com', cara: 'cara@example.com'};
const GS = {googleSheetsOAuth2Api: 'Google Sheets account'};
const DOC = {__rl: true, mode: 'id', value: expr(`{{ ${cfg('spreadsheetId')} }}`)};
const sheet = (name: string) => ({__rl: true, mode: 'name', value: name});
const tx = PEOPLE.tx;
/** Who can take a voicemail now, read from the reps table beside the voicemails (issue 13 part 3). */
const REPS_SQL = `SELECT r.id, r.email, r.available,
  (SELECT count(*) FROM voicemails v WHERE v.owner_id = r.id AND v.called_back_at IS NULL)::int AS open_load
FROM reps r`;
const TWILIO_WORKSPACE = 'WS0123456789abcdef0123456789abcdef';
/** One TaskRouter Worker resource as the Workers list returns it (attributes are null in lists). */
const worker = (sid: string, friendlyName: string, activity: string, available: boolean) => ({
  sid: `${sid}0123456789abcdef0123456789ab`,
  account_sid: 'AC0123456789abcdef0123456789abcdef',
  workspace_sid: TWILIO_WORKSPACE,
  friendly_name: friendlyName,
  activity_name: activity,
  activity_sid: `WA${available ? '1' : '2'}0123456789abcdef0123456789abcde`,
  available,
  attributes: null,
  date_created: '2026-01-05T10:00:00Z',
  date_updated: '2026-11-23T14:55:00Z',
  date_status_changed: '2026-11-23T14:55:00Z',
  url: `https://taskrouter.twilio.com/v1/Workspaces/${TWILIO_WORKSPACE}/Workers/${sid}`,
  links: {},
});
const ca = PEOPLE.ca;
/** Rep id → Slack member id (Config.repSlackIds). */
const SLACK_IDS = {ana: 'U07ANADIAZ', ben: 'U07BENODE1', cara: 'U07CARALIN'};
const PRESENCE_REPS_CODE = `// One item per rep whose Slack presence is read: {rep: <rep id>, user: <Slack member id>}.
return Object.entries($('Config').first().json.repSlackIds).map(([rep, user]) => ({ json: { rep, user } }));`;
/**
 * Presence rows {rep, presence}: the n-th answer of Get availability belongs to the n-th rep of Reps to check
 * (one call per item, in order). A failed call or {ok: false} gives no row: that rep's presence is unknown.
 */
const PRESENCE_ROWS = `{{ $('${GET_AVAILABILITY}').all().map((r, i) => ({ rep: $('Reps to check').all()[i]?.json.rep, presence: r.json.ok === true ? r.json.presence : undefined })).filter(r => r.rep !== undefined && r.presence !== undefined) }}`;

export const googleSheets: Example = {
  slug: 'google-sheets-new-row-roster',
  platform: 'Google Sheets',
  source: 'sheet / table row',
  trigger: 'Google Sheets Trigger: row added in sheet Leads',
  writeBack: 'Google Sheets node: Update row (Assigned To, Assigned At, Territory, Routing Reason) by row_number',
  credentials: ['Google Sheets Trigger OAuth2 API', 'Google Sheets OAuth2 API', 'Slack API'],
  change:
    'Config: spreadsheetId, channels; sheet Reps (Name, Email, Available) is the roster; territory reps are e-mails',
  pattern: 'Availability from a roster sheet (Reps sheet read on every run, passed to Route Lead as Live Availability)',
  availability: {
    signal: 'the Reps sheet: one row per rep with its Available flag',
    api: 'Google Sheets node: Read rows of sheet Reps (Google Sheets OAuth2 credential)',
    maps: 'Email = rep e-mail (territory reps are e-mails); Available TRUE/yes = available, FALSE/no = away',
  },
  triggers: ['New row (Leads sheet)'],
  sample: [
    {
      row_number: 42,
      Name: `${tx.first} ${tx.last}`,
      Email: tx.email,
      Phone: tx.phone,
      Company: tx.company,
      Zip: tx.zip,
      State: tx.state,
      Country: 'US',
      Source: 'Website',
      'Assigned To': '',
      'Assigned At': '',
      Territory: '',
      'Routing Reason': '',
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Google Sheets: new row → owner from the Reps roster');
    const trigger = b.add(
      'New row (Leads sheet)',
      'googleSheetsTrigger',
      1,
      [0, 0],
      {
        authentication: 'triggerOAuth2',
        pollTimes: {item: [{mode: 'everyMinute'}]},
        documentId: DOC,
        sheetName: sheet('Leads'),
        event: 'rowAdded',
        options: {},
      },
      {credentials: {googleSheetsTriggerOAuth2Api: 'Google Sheets Trigger account'}},
    );
    b.pin(trigger, this.sample);
    const read = (at: [number, number]) =>
      b.add(
        'Read Reps roster',
        'googleSheets',
        4.5,
        at,
        {
          authentication: 'oAuth2',
          resource: 'sheet',
          operation: 'read',
          documentId: DOC,
          sheetName: sheet('Reps'),
          options: {},
        },
        {
          credentials: GS,
          executeOnce: true,
          onError: 'continueRegularOutput',
          alwaysOutputData: true,
          notes: 'The roster, read on every run (continues on error: reps are then routed on their flags)',
        },
      );
    const t = '$json';
    const lead = {
      id: expr(`{{ ${t}.row_number }}`),
      name: expr(`{{ ${t}.Name }}`),
      email: expr(`{{ ${t}.Email }}`),
      zip: expr(`{{ String(${t}.Zip) }}`),
      state: expr(`{{ ${t}.State }}`),
      country: expr(`{{ ${t}.Country }}`),
      source: expr(`{{ ${t}.Source }}`),
    };
    const route = trunk(
      b,
      trigger,
      {...CHANNELS, spreadsheetId: 'your-spreadsheet-id'},
      lead,
      demoConfig(EMAIL_IDS),
      1,
      {
        live: {
          source: expr("{{ $('Read Reps roster').all().map(i => i.json).filter(r => !r.error) }}"),
          repField: 'Email',
          availableField: 'Available',
        },
      },
      read,
    );
    const write = (at: [number, number]) =>
      b.add(
        'Write owner to row',
        'googleSheets',
        4.5,
        at,
        {
          authentication: 'oAuth2',
          resource: 'sheet',
          operation: 'update',
          documentId: DOC,
          sheetName: sheet('Leads'),
          columns: {
            mappingMode: 'defineBelow',
            value: {
              row_number: expr(`{{ ${decision(route)}.leadId }}`),
              'Assigned To': expr(`{{ ${decision(route)}.ownerName }}`),
              'Assigned At': expr(`{{ ${decision(route)}.decidedAt }}`),
              Territory: expr(`{{ ${decision(route)}.territoryName }}`),
              'Routing Reason': expr(`{{ ${decision(route)}.reason }}`),
            },
            matchingColumns: ['row_number'],
            schema: ['row_number', 'Assigned To', 'Assigned At', 'Territory', 'Routing Reason'].map(id => ({
              id,
              displayName: id,
              required: false,
              defaultMatch: false,
              display: true,
              type: id === 'row_number' ? 'number' : 'string',
              canBeUsedToMatch: true,
            })),
          },
          options: {},
        },
        {credentials: GS},
      );
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['google-sheets']);
  },
  test: {
    availability: {
      call: 'node:Read Reps roster',
      reply: [
        {row_number: 2, Name: 'Ana Diaz', Email: 'ana@example.com', Available: 'TRUE'},
        {row_number: 3, Name: 'Ben Ode', Email: 'ben@example.com', Available: 'FALSE'},
        {row_number: 4, Name: 'Cara Lin', Email: 'cara@example.com', Available: 'TRUE'},
      ],
      awayRep: 'ben@example.com',
    },
    // The roster says Ana is away: the Texas lead goes to Ben.
    doubles: {
      'Read Reps roster': [
        {Name: 'Ana Diaz', Email: 'ana@example.com', Available: false},
        {Name: 'Ben Ode', Email: 'ben@example.com', Available: true},
        {Name: 'Cara Lin', Email: 'cara@example.com', Available: true},
      ],
    },
    expect: [
      {
        call: 'node:Write owner to row',
        body: {columns: {value: {row_number: '42', 'Assigned To': 'Ben Ode', Territory: 'South Central'}}},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};

export const airtable: Example = {
  slug: 'airtable-new-record',
  platform: 'Airtable',
  source: 'sheet / table row',
  trigger: 'Airtable Trigger: new record in table Leads (watches the Created field)',
  writeBack: 'Airtable node: Record → Update (Assigned To, Assigned At, Territory, Routing Reason)',
  credentials: ['Airtable Personal Access Token', 'Slack API'],
  change:
    'Config: baseId, channels; table Leads needs a "Created" (created time) field and the four routing fields; table Reps: Email, Available (checkbox)',
  availability: {
    signal: "the Reps table's Available checkbox",
    api: 'GET https://api.airtable.com/v0/{baseId}/Reps (Airtable Personal Access Token)',
    maps: 'records[].fields.Email = rep e-mail; Available ticked = available, unticked (Airtable omits the field) = away',
  },
  triggers: ['New record (Airtable)'],
  sample: [
    {
      id: 'recQ2mZpX8vLk3Tn1',
      createdTime: '2026-11-23T15:16:02.000Z',
      fields: {
        Name: `${ca.first} ${ca.last}`,
        Email: ca.email,
        Company: ca.company,
        Zip: ca.zip,
        State: ca.state,
        Source: 'Webinar',
        Created: '2026-11-23T15:16:02.000Z',
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Airtable: new record → owner');
    const base = {__rl: true, mode: 'id', value: expr(`{{ ${cfg('baseId')} }}`)};
    const table = {__rl: true, mode: 'name', value: 'Leads'};
    const trigger = b.add(
      'New record (Airtable)',
      'airtableTrigger',
      1,
      [0, 0],
      {
        authentication: 'airtableTokenApi',
        pollTimes: {item: [{mode: 'everyMinute'}]},
        baseId: {__rl: true, mode: 'id', value: 'appYourBaseId'},
        tableId: {__rl: true, mode: 'id', value: 'tblLeads'},
        triggerField: 'Created',
        additionalFields: {},
      },
      {credentials: {airtableTokenApi: 'Airtable account'}},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'id',
        name: 'fields.Name',
        email: 'fields.Email',
        company: 'fields.Company',
        zip: 'fields.Zip',
        state: 'fields.State',
        source: 'fields.Source',
      }),
    };
    // https://airtable.com/developers/web/api/list-records ({records: [{id, createdTime, fields}], offset?})
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('airtableUrl')} }}/v0/{{ ${cfg('baseId')} }}/Reps`),
        auth: {predefined: 'airtableTokenApi', credential: {airtableTokenApi: 'Airtable account'}},
        readOnce: true,
        notes: 'Reps table (continues on error: reps are then routed on their flags)',
      });
    // An unticked checkbox is absent from `fields`: false, not unknown.
    const rows = expr(
      `{{ ($('${GET_AVAILABILITY}').first().json.records ?? []).map(r => ({ email: r.fields.Email, available: r.fields.Available === true })) }}`,
    );
    const route = trunk(
      b,
      trigger,
      {...CHANNELS, baseId: 'appYourBaseId', airtableUrl: 'https://api.airtable.com'},
      lead,
      demoConfig({ana: 'ana', ben: 'ben', cara: 'cara'}, TEAM_FALLBACK),
      1,
      {live: {source: rows, repField: 'email', availableField: 'available'}},
      read,
    );
    const write = (at: [number, number]) =>
      b.add(
        'Write owner to record',
        'airtable',
        2.1,
        at,
        {
          authentication: 'airtableTokenApi',
          resource: 'record',
          operation: 'update',
          base,
          table,
          columns: {
            mappingMode: 'defineBelow',
            value: {
              id: expr(`{{ ${decision(route)}.leadId }}`),
              'Assigned To': expr(`{{ ${decision(route)}.ownerName }}`),
              'Assigned At': expr(`{{ ${decision(route)}.decidedAt }}`),
              Territory: expr(`{{ ${decision(route)}.territoryName }}`),
              'Routing Reason': expr(`{{ ${decision(route)}.reason }}`),
            },
            matchingColumns: ['id'],
            schema: ['id', 'Assigned To', 'Assigned At', 'Territory', 'Routing Reason'].map(id => ({
              id,
              displayName: id,
              required: false,
              defaultMatch: id === 'id',
              display: true,
              type: 'string',
              canBeUsedToMatch: true,
            })),
          },
          options: {},
        },
        {credentials: {airtableTokenApi: 'Airtable account'}},
      );
    tail(b, route, {col: 5, notify: 'slack', writeBack: write});
    return b.build(['airtable']);
  },
  test: {
    availability: {
      call: 'GET /v0/appYourBaseId/Reps',
      reply: {
        records: [
          {
            id: 'recRepAna0000001',
            createdTime: '2026-01-05T10:00:00.000Z',
            fields: {Email: 'ana@example.com', Available: true},
          },
          {
            id: 'recRepBen0000002',
            createdTime: '2026-01-05T10:00:00.000Z',
            fields: {Email: 'ben@example.com', Available: true},
          },
          {id: 'recRepCara000003', createdTime: '2026-01-05T10:00:00.000Z', fields: {Email: 'cara@example.com'}},
        ],
      },
      awayRep: 'cara',
    },
    expect: [
      {
        call: 'node:Write owner to record',
        body: {columns: {value: {id: 'recQ2mZpX8vLk3Tn1', 'Assigned To': 'Cara Lin', Territory: 'West'}}},
        count: 1,
      },
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};

export const slack: Example = {
  slug: 'slack-web-form-lead-post',
  platform: 'Slack',
  source: 'web form',
  trigger: 'n8n Form Trigger: "Talk to sales" web form',
  writeBack: 'Slack: the lead posted in the leads channel naming its owner, plus a DM to the rep',
  credentials: ['Slack API (bot token with users:read and chat:write)'],
  change:
    'Config: channels and repSlackIds (rep id → Slack member id; every rep of Route Lead needs one, its presence is read by it); form fields if yours differ; the Slack app needs the users:read scope',
  availability: {
    signal: "each rep's Slack presence, read right before routing",
    api: 'GET https://slack.com/api/users.getPresence?user={member id}, one call per rep of Config.repSlackIds (Slack API credential, scope users:read)',
    maps: 'presence active = available, away = away (the lead goes to the next rep of the rotation); a call that fails or answers ok: false leaves that rep unknown (routed on its flags, availability_unknown)',
  },
  triggers: ['Talk to sales (form)'],
  sample: [
    {
      'Full name': `${tx.first} ${tx.last}`,
      'Work e-mail': tx.email,
      Company: tx.company,
      'ZIP code': tx.zip,
      'What are you interested in?': 'Solar',
      Message: 'Looking for a quote for our office roof.',
      submittedAt: '2026-11-23T15:17:40.000Z',
      formMode: 'production',
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Slack: web form lead → owner in Slack');
    const f = (fieldLabel: string, extra: Record<string, unknown> = {}) => ({
      fieldLabel,
      fieldType: 'text',
      requiredField: true,
      ...extra,
    });
    const trigger = b.add(
      'Talk to sales (form)',
      'formTrigger',
      2.3,
      [0, 0],
      {
        formTitle: 'Talk to sales',
        formDescription: 'We answer within one business hour.',
        formFields: {
          values: [
            f('Full name'),
            f('Work e-mail', {fieldType: 'email'}),
            f('Company'),
            f('ZIP code'),
            f('What are you interested in?', {
              fieldType: 'dropdown',
              fieldOptions: {values: [{option: 'Solar'}, {option: 'Roofing'}, {option: 'Storage'}]},
            }),
            {fieldLabel: 'Message', fieldType: 'textarea'},
          ],
        },
        responseMode: 'onReceived',
        options: {path: 'talk-to-sales'},
      },
      {webhook: true},
    );
    b.pin(trigger, this.sample);
    const lead = {
      id: expr("{{ $json['Work e-mail'] + ' ' + $json.submittedAt }}"),
      name: expr("{{ $json['Full name'] }}"),
      email: expr("{{ $json['Work e-mail'] }}"),
      company: expr('{{ $json.Company }}'),
      zip: expr("{{ $json['ZIP code'] }}"),
      productLine: expr("{{ $json['What are you interested in?'].toLowerCase() }}"),
      message: expr('{{ $json.Message }}'),
      source: 'web form',
    };
    const config = {...CHANNELS, repSlackIds: SLACK_IDS, slackApiUrl: 'https://slack.com'};
    // One presence call per rep: https://docs.slack.dev/reference/methods/users.getPresence
    // (for another user the answer is {ok: true, presence: 'active' | 'away'}; errors are {ok: false, error}).
    const read = (at: [number, number]): [string, string] => {
      const reps = b.add(
        'Reps to check',
        'code',
        2,
        [at[0] - 0.5, at[1]],
        {
          mode: 'runOnceForAllItems',
          language: 'javaScript',
          jsCode: PRESENCE_REPS_CODE,
        },
        {notes: 'One item per rep: {rep, user} from Config.repSlackIds'},
      );
      const get = http(b, GET_AVAILABILITY, [at[0] + 0.5, at[1]], {
        method: 'GET',
        url: expr(`{{ ${cfg('slackApiUrl')} }}/api/users.getPresence`),
        auth: {predefined: 'slackApi', credential: SLACK},
        query: {user: expr('{{ $json.user }}')},
        readEach: true,
        notes: 'users.getPresence per rep (continues on error: that rep is then routed on its flags)',
      });
      b.connect(reps, get);
      return [reps, get];
    };
    const route = trunk(
      b,
      trigger,
      config,
      lead,
      demoConfig({ana: 'ana', ben: 'ben', cara: 'cara'}, {dedupe: {fields: ['email'], windowHours: 720}}),
      1,
      {live: {source: expr(PRESENCE_ROWS), repField: 'rep', availableField: 'presence', availableValues: 'active'}},
      read,
    );
    const d = decision(route);
    const post = (at: [number, number]) =>
      b.add(
        'Post lead with owner',
        'slack',
        2.3,
        at,
        {
          authentication: 'accessToken',
          select: 'channel',
          channelId: {__rl: true, mode: 'name', value: expr(`{{ ${cfg('repsChannel')} }}`)},
          text: expr(
            `New lead {{ $('${route}').item.json.name }} ({{ $('${route}').item.json.company }}, {{ $('${route}').item.json.zip }}) → <@{{ ${cfg('repSlackIds')}[${d}.ownerId] }}>. {{ ${d}.reason }}`,
          ),
          otherOptions: {includeLinkToWorkflow: false},
        },
        {credentials: SLACK},
      );
    const dm = b.add(
      'Notify rep',
      'slack',
      2.3,
      [6, -0.5],
      {
        authentication: 'accessToken',
        select: 'user',
        user: {__rl: true, mode: 'id', value: expr(`{{ ${cfg('repSlackIds')}[${d}.ownerId] }}`)},
        text: expr(
          `You own a new lead: {{ $('${route}').item.json.name }} <{{ $('${route}').item.json.email }}>: {{ $('${route}').item.json.message }}`,
        ),
        otherOptions: {includeLinkToWorkflow: false},
      },
      {credentials: SLACK},
    );
    const p = post([5, -0.5]);
    const alert = alertManagers(b, route, [5, 0.6]);
    b.connect(route, p, 0).connect(p, dm).connect(route, alert, 1);
    return b.build(['slack']);
  },
  test: {
    stub: {'GET /api/users.getPresence': {body: {ok: true, presence: 'active'}}},
    expect: [
      // One presence call per rep.
      ...Object.values(SLACK_IDS).map(user => ({call: 'GET /api/users.getPresence', query: `user=${user}`, count: 1})),
      {call: 'node:Post lead with owner', body: {channelId: {value: '#new-leads'}}, count: 1},
      {call: 'node:Notify rep', body: {user: {value: 'U07ANADIAZ'}}, count: 1},
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /api/users.getPresence',
      reply: {ok: true, presence: 'active'},
      replyByQuery: {param: 'user', bodies: {[SLACK_IDS.ana]: {ok: true, presence: 'away'}}},
      awayRep: 'ana',
    },
  },
};

export const twilio: Example = {
  slug: 'twilio-inbound-sms-intent',
  platform: 'Twilio',
  source: 'SMS',
  trigger:
    'Twilio Trigger: inbound message received (sales number); Route Lead requires intent keywords, ZIP read from the text',
  writeBack: 'Twilio: SMS reply to the lead naming the rep, SMS to the rep with the lead',
  credentials: ['Twilio API', 'Slack API (managers)'],
  change:
    'Config: smsFrom (your Twilio number), repPhones (rep id → mobile), managers channel; Route Lead: intent keywords',
  availability: {
    signal: "TaskRouter workers: the availability of each worker's current activity",
    api: 'GET https://taskrouter.twilio.com/v1/Workspaces/{WorkspaceSid}/Workers (Twilio API credential)',
    maps: 'workers[].friendly_name = rep e-mail; available (true when the worker\'s activity, activity_name, is an available one such as "Available") = available, false (Offline, Unavailable, Break…) = away',
  },
  triggers: ['Inbound SMS (Twilio)'],
  sample: [
    {
      specversion: '1.0',
      type: 'com.twilio.messaging.inbound-message.received',
      source:
        '/2010-04-01/Accounts/ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/Messages/SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.json',
      id: 'EZ0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      dataschema: 'https://events-schemas.twilio.com/Messaging.InboundMessageV1/5',
      datacontenttype: 'application/json',
      time: '2026-11-23T15:18:55.000Z',
      data: {
        numMedia: 0,
        timestamp: '2026-11-23T15:18:55.000Z',
        accountSid: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        to: '+15125550100',
        numSegments: 1,
        messageSid: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        eventName: 'com.twilio.messaging.inbound-message.received',
        body: 'Hi, can I get a quote for solar panels? Zip 94105',
        from: ca.phone,
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Twilio: inbound SMS with intent → rep calls back');
    const trigger = b.add(
      'Inbound SMS (Twilio)',
      'twilioTrigger',
      1,
      [0, 0],
      {updates: ['com.twilio.messaging.inbound-message.received']},
      {credentials: TWILIO, webhook: true},
    );
    b.pin(trigger, this.sample);
    const lead = {
      id: expr('{{ $json.data.messageSid }}'),
      phone: expr('{{ $json.data.from }}'),
      zip: expr('{{ ($json.data.body.match(/\\b\\d{5}\\b/) || [""])[0] }}'),
      message: expr('{{ $json.data.body }}'),
      source: 'sms',
    };
    const config = {
      ...CHANNELS,
      smsFrom: '+15125550100',
      repPhones: {ana: '+15125550111', ben: '+15125550112', cara: '+14155550121'},
      taskrouterUrl: 'https://taskrouter.twilio.com',
      workspaceSid: TWILIO_WORKSPACE,
    };
    // https://www.twilio.com/docs/taskrouter/api/worker#read-multiple-worker-resources
    // ({workers: [{sid, friendly_name, activity_name, activity_sid, available, …}], meta: {…}})
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('taskrouterUrl')} }}/v1/Workspaces/{{ ${cfg('workspaceSid')} }}/Workers`),
        auth: {predefined: 'twilioApi', credential: TWILIO},
        query: {PageSize: '200'},
        readOnce: true,
        notes: 'TaskRouter workers (continues on error: reps are then routed on their flags)',
      });
    const route = trunk(
      b,
      trigger,
      config,
      lead,
      demoConfig(
        {ana: 'ana', ben: 'ben', cara: 'cara'},
        {
          intent: {field: 'message', keywords: ['quote', 'price', 'pricing', 'install', 'buy'], required: true},
          ...TEAM_FALLBACK,
        },
      ),
      1,
      {live: {source: availabilityRows('workers'), repField: 'friendly_name', availableField: 'available'}},
      read,
    );
    const reply = (at: [number, number]) =>
      b.add(
        'Reply to lead',
        'twilio',
        1,
        at,
        {
          resource: 'sms',
          operation: 'send',
          from: expr(`{{ ${cfg('smsFrom')} }}`),
          to: expr(`{{ $('${route}').item.json.phone }}`),
          message: expr(`Thanks! {{ ${decision(route)}.ownerName }} will call you back shortly.`),
          options: {},
        },
        {credentials: TWILIO},
      );
    tail(b, route, {col: 5, notify: 'twilio', writeBack: reply});
    return b.build(['twilio']);
  },
  test: {
    availability: {
      call: `GET /v1/Workspaces/${TWILIO_WORKSPACE}/Workers`,
      reply: {
        workers: [
          worker('WK01', 'ana@example.com', 'Available', true),
          worker('WK02', 'ben@example.com', 'Available', true),
          worker('WK03', 'cara@example.com', 'Break', false),
        ],
        meta: {
          page: 0,
          page_size: 200,
          first_page_url: '',
          previous_page_url: null,
          next_page_url: null,
          key: 'workers',
        },
      },
      awayRep: 'cara',
    },
    expect: [
      {
        call: 'node:Reply to lead',
        body: {to: ca.phone, message: 'Thanks! Cara Lin will call you back shortly.'},
        count: 1,
      },
      {call: 'node:Notify rep', body: {to: '+14155550121'}, count: 1},
    ],
    never: ['node:Alert managers'],
  },
};

export const sendgrid: Example = {
  slug: 'sendgrid-voicemail-from-postgres',
  platform: 'SendGrid',
  source: 'phone call / voicemail in a database',
  trigger: 'Postgres Trigger: INSERT on table voicemails (written by the call-tracking system)',
  writeBack: 'Postgres node: Update voicemails set owner_id, routed_at; rep gets a SendGrid e-mail with the transcript',
  credentials: ['Postgres', 'SendGrid API', 'Slack API (managers)'],
  availability: {
    signal:
      'the reps table in the same Postgres database: who is available, and how many voicemails each still has to call back',
    api: 'Postgres node, Execute Query: SELECT id, email, available, open voicemails per rep FROM reps (same Postgres credential)',
    maps: 'id = rep id; available (boolean) = available; open_load = voicemails owned and not called back (open load)',
  },
  change: 'Rep ids = your user ids; Config: fromEmail, managers channel; table/column names if yours differ',
  triggers: ['New voicemail (Postgres)'],
  sample: [
    {
      id: 981,
      caller_number: tx.phone,
      caller_name: `${tx.first} ${tx.last}`,
      caller_zip: tx.zip,
      caller_state: tx.state,
      transcript: 'Hi, this is Jordan from Reyes Roofing, we need pricing for 40 panels. Call me back.',
      duration_seconds: 38,
      campaign: 'google-ads-solar',
      recorded_at: '2026-11-23T15:20:11.000Z',
      owner_id: null,
      routed_at: null,
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · SendGrid: voicemail (Postgres) → owner + e-mail');
    const PG = {postgres: 'Call tracking database'};
    const trigger = b.add(
      'New voicemail (Postgres)',
      'postgresTrigger',
      1,
      [0, 0],
      {
        triggerMode: 'createTrigger',
        schema: {__rl: true, mode: 'name', value: 'public'},
        tableName: {__rl: true, mode: 'name', value: 'voicemails'},
        firesOn: 'INSERT',
        additionalFields: {},
        options: {},
      },
      {credentials: PG},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'id',
        name: 'caller_name',
        phone: 'caller_number',
        zip: 'caller_zip',
        state: 'caller_state',
        source: 'campaign',
        message: 'transcript',
      }),
    };
    const read = (at: [number, number]) =>
      b.add(
        GET_AVAILABILITY,
        'postgres',
        2.6,
        at,
        {operation: 'executeQuery', query: REPS_SQL, options: {}},
        {
          credentials: PG,
          executeOnce: true,
          onError: 'continueRegularOutput',
          alwaysOutputData: true,
          notes: 'Reps table (continues on error: reps are then routed on their flags)',
        },
      );
    const route = trunk(
      b,
      trigger,
      {managerChannel: '#sales-managers', fromEmail: 'leads@example.com'},
      lead,
      demoConfig({ana: 'ana', ben: 'ben', cara: 'cara'}),
      1,
      {live: {source: availabilityRows(), repField: 'id', availableField: 'available', openLoadField: 'open_load'}},
      read,
    );
    const write = (at: [number, number]) =>
      b.add(
        'Save owner on voicemail',
        'postgres',
        2.6,
        at,
        {
          operation: 'update',
          schema: {__rl: true, mode: 'name', value: 'public'},
          table: {__rl: true, mode: 'name', value: 'voicemails'},
          columns: {
            mappingMode: 'defineBelow',
            value: {
              id: expr(`{{ ${decision(route)}.leadId }}`),
              owner_id: expr(`{{ ${decision(route)}.ownerId }}`),
              routed_at: expr(`{{ ${decision(route)}.decidedAt }}`),
            },
            matchingColumns: ['id'],
            schema: ['id', 'owner_id', 'routed_at'].map(id => ({
              id,
              displayName: id,
              required: false,
              defaultMatch: id === 'id',
              display: true,
              type: id === 'id' ? 'number' : 'string',
              canBeUsedToMatch: true,
            })),
          },
          options: {},
        },
        {credentials: PG},
      );
    tail(b, route, {col: 5, notify: 'sendgrid', writeBack: write});
    return b.build(['sendgrid']);
  },
  test: {
    availability: {
      call: 'node:Get availability',
      reply: [
        {id: 'ana', email: 'ana@example.com', available: false, open_load: 2},
        {id: 'ben', email: 'ben@example.com', available: true, open_load: 1},
        {id: 'cara', email: 'cara@example.com', available: true, open_load: 0},
      ],
      awayRep: 'ana',
    },
    expect: [
      {call: 'node:Save owner on voicemail', body: {columns: {value: {id: '981', owner_id: 'ana'}}}, count: 1},
      {call: 'node:Notify rep', body: {toEmail: 'ana@example.com'}, count: 1},
    ],
    never: ['node:Alert managers'],
  },
};
