import {Example} from '../example';
import {demoConfig} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {CHANNELS, cfg, decision, http, tail, trunk} from '../parts';

const IDS = {ana: 41022001, ben: 41022002, cara: 41022003};
const INTENT = {
  intent: {
    field: 'message',
    keywords: ['quote', 'pricing', 'price', 'demo', 'proposal', 'buy', 'install'],
    required: true,
  },
};

export const apptivo: Example = {
  slug: 'apptivo-email-intent-new-lead',
  platform: 'Apptivo',
  source: 'e-mail with sales intent',
  trigger:
    'Email Trigger (IMAP): unread mail in the sales inbox; Route Lead requires intent keywords (quote, pricing, demo…)',
  writeBack: 'HTTP GET /app/dao/v6/leads?a=save&leadData={…assigneeObjectRefId…} (creates the lead with its assignee)',
  credentials: ['IMAP', 'Apptivo API (this package)', 'Slack API'],
  change:
    'Rep ids = Apptivo employee ids; Route Lead: intent keywords; Config: channels; mail without intent goes to managers',
  triggers: ['Sales inbox (IMAP)'],
  sample: [
    {
      from: 'Jordan Reyes <jordan.reyes@example.com>',
      to: 'sales@example.com',
      subject: 'Quote for a 10 kW system',
      date: 'Mon, 23 Nov 2026 09:14:03 -0600',
      textPlain:
        'Hi, could you send pricing and a quote for solar on our warehouse roof in Austin, TX 78701? Thanks, Jordan (512) 555-0142',
      textHtml:
        '<p>Hi, could you send pricing and a quote for solar on our warehouse roof in Austin, TX 78701? Thanks, Jordan (512) 555-0142</p>',
      metadata: {'message-id': '<CAF1x2y3@mail.example.com>'},
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Apptivo: sales e-mail (intent) → new lead with assignee');
    const trigger = b.add(
      'Sales inbox (IMAP)',
      'emailReadImap',
      2.1,
      [0, 0],
      {mailbox: 'INBOX', postProcessAction: 'read', format: 'simple', options: {}},
      {credentials: {imap: 'Sales inbox'}},
    );
    b.pin(trigger, this.sample);
    const lead = {
      id: expr("{{ $json.metadata?.['message-id'] || $json.date }}"),
      email: expr('{{ ($json.from.match(/<([^>]+)>/) || [null, $json.from])[1].trim() }}'),
      name: expr('{{ $json.from.replace(/<[^>]*>/, "").trim() }}'),
      zip: expr('{{ ($json.textPlain.match(/\\b\\d{5}\\b/) || [""])[0] }}'),
      message: expr('{{ $json.subject + "\\n" + $json.textPlain }}'),
    };
    const route = trunk(b, trigger, {...CHANNELS, baseUrl: 'https://api2.apptivo.com'}, lead, demoConfig(IDS, INTENT));
    const write = (at: [number, number]) =>
      http(b, 'Create lead with assignee', at, {
        method: 'GET',
        url: expr(`{{ ${cfg('baseUrl')} }}/app/dao/v6/leads`),
        auth: {predefined: 'apptivoApi', credential: {apptivoApi: 'Apptivo account'}},
        query: {
          a: 'save',
          leadData: expr(
            `{{ JSON.stringify({ firstName: $('Route Lead').item.json.name.split(' ')[0], lastName: $('Route Lead').item.json.name.split(' ').slice(1).join(' ') || '-', emailAddresses: [ { emailAddress: $('Route Lead').item.json.email, emailTypeCode: 'BUSINESS' } ], description: $('Route Lead').item.json.message, assigneeObjectId: 8, assigneeObjectRefId: Number(${decision('Route Lead')}.ownerId), assigneeObjectRefName: ${decision('Route Lead')}.ownerName }) }}`,
          ),
        },
      });
    tail(b, route, {col: 4, notify: 'slack', writeBack: write});
    return b.build(['apptivo']);
  },
  test: {
    expect: [
      {call: 'GET /app/dao/v6/leads', query: '"assigneeObjectRefId":41022001', count: 1},
      {call: 'node:Notify rep'},
    ],
    never: ['node:Alert managers'],
  },
};
