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
  ifExpr,
  leadFrom,
  LiveAvailability,
  mapLead,
  routeLead,
  tail,
  trunk,
} from '../parts';

const IDS = {ana: '005Hs00000AnaDzAAB', ben: '005Hs00000BenOdAAB', cara: '005Hs00000CaraLAAB'};
const SF = {salesforceOAuth2Api: 'Salesforce account'};
const p = PEOPLE.tx;

/**
 * Omni-Channel presence of every rep logged in to Omni-Channel, one SOQL query per run (REST "Query":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm; object
 * UserServicePresence, fields UserId, IsCurrentState, IsAway, ServicePresenceStatus:
 * https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-userservicepresence.html).
 * Response: {totalSize, done, records: [{attributes, UserId, IsAway, ServicePresenceStatus: {attributes, DeveloperName}}]}.
 */
const SOQL =
  'SELECT UserId, IsAway, ServicePresenceStatus.DeveloperName FROM UserServicePresence WHERE IsCurrentState = true';
const LIVE: LiveAvailability = {
  source: availabilityRows('records'),
  repField: 'UserId',
  availableField: 'ServicePresenceStatus.DeveloperName',
  availableValues: 'Available,Available_for_Leads',
};
const presence = (userId: string, status: string, away = false) => ({
  attributes: {
    type: 'UserServicePresence',
    url: `/services/data/v59.0/sobjects/UserServicePresence/0Jf${userId.slice(3, 15)}`,
  },
  UserId: userId,
  IsAway: away,
  ServicePresenceStatus: {
    attributes: {
      type: 'ServicePresenceStatus',
      url: '/services/data/v59.0/sobjects/ServicePresenceStatus/0N5Hs0000004C2x',
    },
    DeveloperName: status,
  },
});

const setOwner = (b: WorkflowBuilder, name: string, route: string, at: [number, number]) =>
  b.add(
    name,
    'salesforce',
    1.1,
    at,
    {
      authentication: 'oAuth2',
      resource: 'lead',
      operation: 'update',
      leadId: expr(`{{ ${decision(route)}.leadId }}`),
      updateFields: {owner: {__rl: true, mode: 'id', value: expr(`{{ ${decision(route)}.ownerId }}`)}},
    },
    {credentials: SF},
  );

export const salesforce: Example = {
  slug: 'salesforce-lead-created-sla-reroute',
  platform: 'Salesforce',
  source: 'CRM record (new/unassigned)',
  trigger: 'Salesforce Trigger: Lead Created (polls every minute)',
  writeBack: 'Salesforce node: Lead → Update, Owner = rep id; after the SLA, again to the next rep',
  credentials: ['Salesforce OAuth2 API', 'Slack API'],
  change:
    'Rep ids = Salesforce User Ids (005…); Config: instanceUrl (https://<domain>.my.salesforce.com), channels, SLA minutes, the status that means untouched; Route Lead → Live Availability: your presence statuses’ API names',
  availability: {
    signal: 'Omni-Channel presence of the reps logged in to Omni-Channel (UserServicePresence, current state)',
    api: `GET /services/data/v59.0/query?q=${SOQL} (Salesforce OAuth2 credential)`,
    maps: 'records[].UserId = rep id; ServicePresenceStatus.DeveloperName in Available, Available_for_Leads = available, any other status (away, busy, lunch) = away; a rep with no current presence (logged out of Omni-Channel) is routed on its configured flags with availability_unknown',
  },
  pattern:
    'SLA re-route: Wait N minutes → lead still untouched? → Route Lead again excluding the previous owner; both nodes share the workflow’s ledger, so the previous owner’s count is credited back (reroutedFrom)',
  triggers: ['New lead (Salesforce)'],
  sample: [
    {
      attributes: {type: 'Lead', url: '/services/data/v59.0/sobjects/Lead/00QHs00000Rt5aPMAR'},
      Id: '00QHs00000Rt5aPMAR',
      FirstName: p.first,
      LastName: p.last,
      Company: p.company,
      Email: p.email,
      Phone: p.phone,
      Street: p.street,
      City: p.city,
      State: p.state,
      PostalCode: p.zip,
      Country: p.country,
      Industry: 'Construction',
      LeadSource: 'Web',
      Status: 'Open - Not Contacted',
      OwnerId: '00GHs000004IntakeQ',
      CreatedDate: '2026-11-23T15:02:11.000+0000',
    },
  ],
  build() {
    const b = new WorkflowBuilder(this.slug, 'Lead routing · Salesforce: new lead → owner, SLA re-route');
    const trigger = b.add(
      'New lead (Salesforce)',
      'salesforceTrigger',
      1.1,
      [0, 0],
      {authentication: 'oAuth2', triggerOn: 'leadCreated', pollTimes: {item: [{mode: 'everyMinute'}]}},
      {credentials: SF},
    );
    b.pin(trigger, this.sample);
    const lead = {
      ...leadFrom({
        id: 'Id',
        email: 'Email',
        phone: 'Phone',
        company: 'Company',
        zip: 'PostalCode',
        state: 'State',
        country: 'Country',
        industry: 'Industry',
        source: 'LeadSource',
      }),
      name: expr('{{ [$json.FirstName, $json.LastName].filter(Boolean).join(" ") }}'),
    };
    const read = (at: [number, number]) =>
      http(b, GET_AVAILABILITY, at, {
        method: 'GET',
        url: expr(`{{ ${cfg('instanceUrl')} }}/services/data/v59.0/query`),
        auth: {predefined: 'salesforceOAuth2Api', credential: SF},
        query: {q: SOQL},
        readOnce: true,
        notes: 'Omni-Channel presence (continues on error: reps are then routed on their flags)',
      });
    const route = trunk(
      b,
      trigger,
      {
        ...CHANNELS,
        instanceUrl: 'https://yourdomain.my.salesforce.com',
        slaMinutes: 15,
        untouchedStatus: 'Open - Not Contacted',
      },
      lead,
      demoConfig(IDS),
      1,
      {live: LIVE},
      read,
    );
    const t = tail(b, route, {col: 5, notify: 'slack', writeBack: at => setOwner(b, 'Set lead owner', route, at)});

    // SLA: wait, re-read the lead, re-route when nobody touched it.
    const wait = b.add(
      'Wait for SLA',
      'wait',
      1.1,
      [7, -0.5],
      {resume: 'timeInterval', amount: expr(`{{ ${cfg('slaMinutes')} }}`), unit: 'minutes'},
      {webhook: true},
    );
    const get = b.add(
      'Get lead',
      'salesforce',
      1.1,
      [8, -0.5],
      {authentication: 'oAuth2', resource: 'lead', operation: 'get', leadId: expr(`{{ ${decision(route)}.leadId }}`)},
      {credentials: SF},
    );
    const still = ifExpr(
      b,
      'Still untouched?',
      [9, -0.5],
      expr('{{ $json.Status }}'),
      {type: 'string', operation: 'equals'},
      expr(`{{ ${cfg('untouchedStatus')} }}`),
    );
    const again: Record<string, string> = {};
    for (const k of Object.keys(lead)) again[k] = expr(`{{ $('${route}').item.json.${k} }}`);
    again.excludeReps = expr(`{{ [${decision(route)}.ownerId] }}`);
    const map2 = mapLead(b, 'Lead (excluding last owner)', [10, -0.5], again);
    const route2 = routeLead(b, 'Route Lead (SLA)', [11, -0.5], demoConfig(IDS), {live: LIVE});
    b.chain(t.notify, wait, get, still).connect(still, map2, 0).chain(map2, route2);
    // Both Route Lead nodes write the workflow's ledger (the default): the SLA node knows who holds the lead,
    // credits that rep's counts back and says so in `reroutedFrom` (issue 14).
    tail(b, route2, {
      col: 12,
      row: -0.5,
      suffix: ' (SLA)',
      notify: 'slack',
      note: ` {{ ${decision(route2)}.reroutedFrom ? 'Re-routed after the SLA from ' + ${decision(route)}.ownerName + ' (their count for today was credited back).' : '' }}`,
      writeBack: at => setOwner(b, 'Set lead owner (SLA)', route2, at),
    });
    return b.build(['salesforce']);
  },
  test: {
    config: {slaMinutes: 0.02},
    doubles: {'Get lead': {Id: '00QHs00000Rt5aPMAR', Status: 'Open - Not Contacted', OwnerId: IDS.ana}},
    expect: [
      {
        call: 'node:Set lead owner',
        body: {leadId: '00QHs00000Rt5aPMAR', updateFields: {owner: {value: IDS.ana}}},
        count: 1,
      },
      {call: 'node:Notify rep', body: {channelId: {value: '#new-leads'}}},
      {
        call: 'node:Set lead owner (SLA)',
        body: {leadId: '00QHs00000Rt5aPMAR', updateFields: {owner: {value: IDS.ben}}},
        count: 1,
      },
      {
        call: 'node:Notify rep (SLA)',
        body: {text: new RegExp('Re-routed after the SLA from Ana Diaz \\(their count for today was credited back\\)')},
      },
    ],
    never: ['node:Alert managers'],
    availability: {
      call: 'GET /services/data/v59.0/query',
      reply: {
        totalSize: 3,
        done: true,
        records: [
          presence(IDS.ana, 'Away_Lunch', true),
          presence(IDS.ben, 'Available_for_Leads'),
          presence(IDS.cara, 'Available_for_Leads'),
        ],
      },
      awayRep: IDS.ana,
    },
  },
};
