import {Example} from '../example';
import {PEOPLE} from '../demo-config';
import {expr, WorkflowBuilder} from '../n8n';
import {
  alertManagers,
  availabilityRows,
  cfg,
  configNode,
  decision,
  GET_AVAILABILITY,
  http,
  ifExpr,
  joinAvailability,
  mapLead,
  notifyRep,
  routeLead,
} from '../parts';
import {securedWebhook} from '../intake';

const p = PEOPLE.tx;

/** LionDesk "lead route" settings -> a routing config (Team Rollout = round robin in the team; Myself = the account owner). */
export const LEAD_ROUTE_CODE = `// LionDesk lead-route semantics as a routing config:
// - distributionTarget "Myself": every lead goes to the account owner.
// - "Team Rollout": round robin inside a team, the team chosen by "Specific Team" or by "Zipcode".
// - leadTypes ("Buyer", "Seller"): only those leads are rolled out; the rest stay with the account owner.
const s = $('Config').first().json;
const types = s.leadTypes.map(t => t.toLowerCase());
const teams = s.teamSelection === 'Specific Team' ? s.teams.filter(t => t.id === s.specificTeam) : s.teams;
const territories = s.distributionTarget === 'Myself' ? [] : teams.map(t => ({
  id: t.id, name: t.name, match: 'all', reps: t.agents.map(String), strategy: 'round_robin',
  conditions: [
    { field: 'type', op: 'in', values: types },
    ...(s.teamSelection === 'Zipcode' ? [{ field: 'zip', op: 'in', values: t.zips }] : []),
  ],
}));
return [{ json: { config: {
  version: 1,
  reps: s.agents.map(a => ({ ...a, id: String(a.id) })),
  territories,
  cascade: ['exact', 'default'],
  defaultOwner: String(s.accountOwner),
  dedupe: { fields: ['id'], windowHours: 720 },
} } }];`;

/**
 * LionDesk publishes no agent presence. Its documented signal of who takes a team's leads is the team membership:
 * GET /team-members lists each user's membership of each team with request_status Accepted, Pending or Declined
 * (https://developers.liondesk.com/docs/endpoints/team-members: "Team members who have Pending or Declined
 * invitations typically can't be interacted with until they have Accepted"). Team Rollout then goes over the
 * team's agents whose membership is Accepted. List answers are {data: [...], total, limit, skip}.
 */
const member = (id: number, status: string, team: {id: number; name: string}, user: [number, string, string]) => ({
  id,
  request_status: status,
  team,
  user: {
    id: user[0],
    first_name: user[1],
    last_name: user[2],
    email: `${user[1].toLowerCase()}@example.com`,
    username: user[1].toLowerCase(),
    phone: '5125550100',
  },
});
const AUSTIN = {id: 3101, name: 'Austin Central'};
const ROUND_ROCK = {id: 3102, name: 'Round Rock'};
const members = (ana: string) => ({
  data: [
    member(9001, ana, AUSTIN, [511, 'Ana', 'Diaz']),
    member(9002, 'Accepted', AUSTIN, [512, 'Ben', 'Ode']),
    member(9003, 'Accepted', ROUND_ROCK, [521, 'Cara', 'Lin']),
  ],
  total: 3,
  limit: 100,
  skip: 0,
});

const BACKOFF_CODE = `// Exponential backoff: wait base * 2^(attempt-1) seconds, up to maxAttempts.
const attempt = ($('Backoff').isExecuted ? $('Backoff').last().json.attempt : 0) + 1;
const base = Number($('Config').first().json.backoffSeconds);
return [{ json: { attempt, waitSeconds: base * 2 ** (attempt - 1), error: $json.error?.message ?? String($json.error ?? '') } }];`;

export const liondesk: Example = {
  slug: 'liondesk-aggregator-webhook-lead-route',
  platform: 'LionDesk',
  source: 'lead aggregator webhook',
  trigger:
    'Webhook: a lead aggregator (Zillow, Realtor.com style) posts each lead; retries of the same lead are not assigned twice',
  writeBack: 'HTTP POST /contacts {…, assigned_user_id}, retried with exponential backoff; agent gets a Twilio SMS',
  credentials: ['LionDesk API (this package)', 'Twilio API', 'Slack API (managers)'],
  change:
    'Config: LionDesk lead route (distributionTarget, teamSelection, specificTeam, teams with zips and agent ids, leadTypes), accountOwner, smsFrom, repPhones',
  availability: {
    signal:
      "team rollout over the team's available agents: LionDesk publishes no presence, so an agent counts as available while its team membership is Accepted",
    api: 'GET https://api-v2.liondesk.com/team-members?$limit=100 (LionDesk API credential)',
    maps: 'data[].user.id = agent id; request_status Accepted = available, Pending / Declined = away (skipped by the rollout); the account owner, on no team, is routed on its flags',
  },
  pattern:
    'LionDesk lead route (Myself / Team Rollout, Specific Team / Zipcode, Buyer/Seller); webhook retries: idempotency + exponential backoff',
  triggers: ['Lead from aggregator'],
  intake: {
    auth: 'headerAuth',
    credential: 'Aggregator webhook secret',
    header: 'X-Lead-Routing-Token',
    sender: 'give the aggregator the Webhook URL and the header X-Lead-Routing-Token with the same secret',
    reread:
      'Nothing to re-read: the lead does not exist in LionDesk yet (the workflow creates the contact), so no existing record can be reassigned; the idempotency key stops replays.',
    test: {
      path: 'liondesk-aggregator-lead',
      expect: [{call: 'POST /contacts', body: {assigned_user_id: 511, email: p.email}}],
    },
  },
  sample: [
    {
      headers: {'content-type': 'application/json', 'user-agent': 'LeadAggregator/2.1', 'x-delivery-attempt': '1'},
      params: {},
      query: {},
      body: {
        leadId: 'agg-5521-88f0',
        source: 'Zillow Premier Agent',
        type: 'Buyer',
        contact: {firstName: p.first, lastName: p.last, email: p.email, phone: p.phone},
        property: {street: '4408 Avenue B', city: 'Austin', state: 'TX', zip: '78751', price: 615000},
        message: 'I would like to tour this home this weekend.',
        receivedAt: '2026-11-23T15:14:09Z',
      },
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · LionDesk: aggregator leads → team rollout');
    const trigger = securedWebhook(b, 'Lead from aggregator', [0, 0], {
      path: 'liondesk-aggregator-lead',
      auth: 'headerAuth',
      credential: this.intake!.credential,
      sample: this.sample,
    });
    const conf = configNode(b, [1, 0], {
      managerChannel: '#sales-managers',
      baseUrl: 'https://api-v2.liondesk.com',
      distributionTarget: 'Team Rollout',
      teamSelection: 'Zipcode',
      specificTeam: 'austin-central',
      leadTypes: ['Buyer'],
      accountOwner: 501,
      agents: [
        {id: 501, name: 'Dana Broker', email: 'dana@example.com'},
        {id: 511, name: 'Ana Diaz', email: 'ana@example.com'},
        {id: 512, name: 'Ben Ode', email: 'ben@example.com'},
        {id: 521, name: 'Cara Lin', email: 'cara@example.com'},
      ],
      teams: [
        {
          id: 'austin-central',
          name: 'Austin Central',
          zips: ['78701', '78702', '78703', '78751', '78756'],
          agents: [511, 512],
        },
        {id: 'round-rock', name: 'Round Rock', zips: ['78664', '78665', '78681'], agents: [521]},
      ],
      maxAttempts: 4,
      backoffSeconds: 2,
      smsFrom: '+15125550100',
      repPhones: {'501': '+15125550101', '511': '+15125550111', '512': '+15125550112', '521': '+15125550121'},
    });
    const rules = b.add('LionDesk lead route → config', 'code', 2, [2, 0], {
      mode: 'runOnceForAllItems',
      language: 'javaScript',
      jsCode: LEAD_ROUTE_CODE,
    });
    // The Code node above only builds the config: the lead is read from the webhook item.
    const w = "$('Lead from aggregator').item.json.body";
    const lead = mapLead(b, 'Lead', [3, 0], {
      id: expr(`{{ ${w}.leadId }}`),
      email: expr(`{{ ${w}.contact.email }}`),
      phone: expr(`{{ ${w}.contact.phone }}`),
      name: expr(`{{ [${w}.contact.firstName, ${w}.contact.lastName].filter(Boolean).join(" ") }}`),
      zip: expr(`{{ ${w}.property.zip }}`),
      state: expr(`{{ ${w}.property.state }}`),
      type: expr(`{{ (${w}.type || '').toLowerCase() }}`),
      source: expr(`{{ ${w}.source }}`),
      message: expr(`{{ ${w}.message }}`),
    });
    b.chain(trigger, conf, rules, lead);
    const join = joinAvailability(
      b,
      conf,
      lead,
      at =>
        http(b, GET_AVAILABILITY, at, {
          method: 'GET',
          url: expr(`{{ ${cfg('baseUrl')} }}/team-members`),
          auth: {predefined: 'lionDeskApi', credential: {lionDeskApi: 'LionDesk account'}},
          query: {$limit: '100'},
          readOnce: true,
          notes: 'Team memberships (continues on error: agents are then routed on their flags)',
        }),
      [4, 0],
    );
    const route = routeLead(
      b,
      'Route Lead',
      [5, 0],
      expr("{{ $('LionDesk lead route → config').first().json.config }}"),
      {
        live: {
          source: availabilityRows('data'),
          repField: 'user.id',
          availableField: 'request_status',
          availableValues: 'Accepted',
        },
      },
    );
    b.connect(join, route);
    const fresh = ifExpr(
      b,
      'First delivery?',
      [6, -0.5],
      expr('{{ $json.routing.stage }}'),
      {type: 'string', operation: 'notEquals'},
      'duplicate',
    );
    const dup = b.add('Already assigned (retry)', 'noOp', 1, [7, -1.2], {});
    const create = http(b, 'Create contact with agent', [7, -0.3], {
      method: 'POST',
      url: expr(`{{ ${cfg('baseUrl')} }}/contacts`),
      auth: {predefined: 'lionDeskApi', credential: {lionDeskApi: 'LionDesk account'}},
      jsonBody: expr(
        `{{ JSON.stringify({ assigned_user_id: Number(${decision(route)}.ownerId), first_name: $('Lead from aggregator').item.json.body.contact.firstName, last_name: $('Lead from aggregator').item.json.body.contact.lastName, email: $('Route Lead').item.json.email, mobile_phone: $('Route Lead').item.json.phone, tags: 'lead-routing,' + $('Route Lead').item.json.type }) }}`,
      ),
      onError: 'continueErrorOutput',
    });
    const notify = notifyRep(b, 'twilio', route, [8, -0.6]);
    const backoff = b.add('Backoff', 'code', 2, [8, 0.3], {
      mode: 'runOnceForAllItems',
      language: 'javaScript',
      jsCode: BACKOFF_CODE,
    });
    const retry = ifExpr(
      b,
      'Retry?',
      [9, 0.3],
      expr('{{ $json.attempt }}'),
      {type: 'number', operation: 'lte'},
      expr(`{{ ${cfg('maxAttempts')} }}`),
    );
    const wait = b.add(
      'Wait, then retry',
      'wait',
      1.1,
      [10, 0.1],
      {resume: 'timeInterval', amount: expr('{{ $json.waitSeconds }}'), unit: 'seconds'},
      {webhook: true},
    );
    const giveUp = alertManagers(b, route, [10, 0.8], 'Alert managers (LionDesk write failed)');
    const alert = alertManagers(b, route, [6, 0.8]);
    b.connect(route, fresh, 0).connect(route, alert, 1);
    b.connect(fresh, create, 0).connect(fresh, dup, 1);
    b.connect(create, notify, 0)
      .connect(create, backoff, 1)
      .chain(backoff, retry)
      .connect(retry, wait, 0)
      .connect(retry, giveUp, 1)
      .connect(wait, create);
    return b.build(['liondesk']);
  },
  test: {
    runs: 2,
    config: {backoffSeconds: 0.2},
    stub: {
      'POST /contacts': {failFirst: 2, status: 201, body: {id: 770011, assigned_user_id: 511}},
      'GET /team-members': {body: members('Accepted')},
    },
    availability: {call: 'GET /team-members', reply: members('Declined'), awayRep: '511'},
    expect: [
      {call: 'POST /contacts', body: {assigned_user_id: 511, email: p.email}, count: 3},
      {call: 'node:Notify rep', body: {to: '+15125550111'}, count: 1},
    ],
    never: ['node:Alert managers', 'node:Alert managers (LionDesk write failed)'],
  },
};
