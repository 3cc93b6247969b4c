// Parameter descriptions shared by the nodes. Parameter names are public (workflows store them):
// rename none without a new node version. Reference: nodes/PARAMETERS.md and docs/n8n.md.
import type {INodeCredentialDescription, INodeProperties, INodePropertyOptions} from 'n8n-workflow';
import {LEDGER_PARAMETER, REDIS_CREDENTIAL, STATE_STORE_PARAMETER} from './createStateStore';
import {redisFallbackProperty} from './redisStoreForNode';
import {REDIS_CREDENTIAL_TEST} from './stateStoreMethods';
import {REP_OPTIONS_METHOD} from './repOptions';

/** Rep references load the node's own reps (an expression may still give IDs, comma-separated). */
const repOptions = {loadOptionsMethod: REP_OPTIONS_METHOD, loadOptionsDependsOn: ['reps']};
const CHOOSE =
  'Choose from the reps above, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

export const strategyOptions: INodePropertyOptions[] = [
  {name: 'Round Robin', value: 'round_robin', description: 'Next available rep after the last assignee, in list order'},
  {name: 'Weighted', value: 'weighted', description: 'Smooth weighted round robin by each rep’s weight'},
  {name: 'Least Loaded', value: 'least_loaded', description: 'Fewest assignments today relative to weight'},
  {name: 'Longest Idle', value: 'longest_idle', description: 'The rep whose last assignment is oldest'},
];

const opOptions: INodePropertyOptions[] = [
  {name: 'Between (Inclusive)', value: 'between'},
  {name: 'Contains', value: 'contains'},
  {name: 'Exists', value: 'exists'},
  {name: 'Greater or Equal', value: 'gte'},
  {name: 'In List', value: 'in'},
  {name: 'Less or Equal', value: 'lte'},
  {name: 'Not In List', value: 'notIn'},
  {name: 'Starts With', value: 'prefix'},
];

const cascadeOptions: INodePropertyOptions[] = [
  {name: 'Exact Territory Match', value: 'exact'},
  {name: 'Partial Territory Match', value: 'partial'},
  {name: 'Specialist (Skills)', value: 'specialist'},
  {name: 'Pool', value: 'pool'},
  {name: 'Default Owner', value: 'default'},
];

const ui = {show: {configSource: ['ui']}};

/**
 * "Routing Rules": build in the node or take a JSON config. `built` says what the node builds
 * (Territory Match has no reps or fallbacks).
 */
export function configSourcePropertiesFor(built: string): INodeProperties[] {
  return [
    {
      displayName: 'Routing Rules',
      name: 'configSource',
      type: 'options',
      noDataExpression: true,
      options: [
        {name: 'Build in This Node', value: 'ui', description: built},
        {
          name: 'JSON Config',
          value: 'json',
          description: 'A routing config (JSON), e.g. from a previous node by expression',
        },
      ],
      default: 'ui',
    },
    {
      displayName: 'Config (JSON)',
      name: 'configJson',
      type: 'json',
      default: '{\n  "reps": [],\n  "territories": []\n}',
      displayOptions: {show: {configSource: ['json']}},
      description:
        'A routing config as in the contract (version, fields, reps, territories, cascade, pool, defaultOwner, dedupe, accountOwner, intent)',
    },
  ];
}

export const configSourceProperties = configSourcePropertiesFor('Territories, reps and fallbacks set below');

export function repFields(idLabel: string): INodeProperties[] {
  return [
    {
      displayName: idLabel,
      name: 'id',
      type: 'string',
      default: '',
      required: true,
      description: 'Unique ID used in territories and in the decision',
    },
    {displayName: 'Name', name: 'name', type: 'string', default: ''},
    {displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: ''},
    {displayName: 'Available', name: 'available', type: 'boolean', default: true},
    {
      displayName: 'Weight',
      name: 'weight',
      type: 'number',
      default: 1,
      typeOptions: {minValue: 0.01},
      description: 'Share in weighted rotation (greater than 0)',
    },
    {
      displayName: 'Skills',
      name: 'skills',
      type: 'string',
      default: '',
      description: 'Comma-separated product lines or industries (specialist stage)',
    },
    ...(['Daily', 'Weekly', 'Monthly'] as const).map((period): INodeProperties => ({
      displayName: `${period} Cap`,
      name: `${period.toLowerCase()}Cap`,
      // (text, so "no cap" is the empty default; workflows saved when this was a number with 0 for
      // "no cap" keep that meaning: see uiRepRow)
      type: 'string',
      default: '',
      placeholder: 'No cap',
      description: `Most leads per ${period === 'Daily' ? 'day' : period === 'Weekly' ? 'week' : 'month'} in the rep's time zone; empty means no cap, 0 takes no leads`,
    })),
    {
      displayName: 'Open Cap',
      name: 'openCap',
      type: 'string',
      default: '',
      placeholder: 'No cap',
      description:
        'Most open records the rep may own (compared with the open load from Live Availability); empty means no cap, 0 takes no leads',
    },
    {
      displayName: 'Time Zone',
      name: 'timezone',
      type: 'string',
      default: '',
      placeholder: 'America/Chicago',
      description: 'IANA time zone of the working hours and caps; empty means UTC',
    },
    {
      displayName: 'Working Hours',
      name: 'hours',
      type: 'string',
      default: '',
      placeholder: 'mon-fri 09:00-17:00; sat 10:00-14:00',
      description: 'Empty means always',
    },
    {
      displayName: 'Out of Office',
      name: 'outOfOffice',
      type: 'string',
      default: '',
      placeholder: '2026-12-24..2026-12-31',
      description: 'Date ranges (inclusive), separated by commas',
    },
  ];
}

export const repsProperty: INodeProperties = {
  displayName: 'Reps',
  name: 'reps',
  type: 'fixedCollection',
  typeOptions: {multipleValues: true, sortable: true},
  placeholder: 'Add Rep',
  default: {},
  displayOptions: ui,
  options: [{displayName: 'Rep', name: 'rep', values: repFields('Rep ID')}],
};

export function territoriesProperty(withReps: boolean): INodeProperties {
  const values: INodeProperties[] = [
    {displayName: 'Territory ID', name: 'id', type: 'string', default: '', required: true},
    {displayName: 'Name', name: 'name', type: 'string', default: ''},
    {
      displayName: 'Priority',
      name: 'priority',
      type: 'number',
      default: 0,
      description: 'Added to the score; a high priority (e.g. 50) overrides regional territories',
    },
    {
      displayName: 'Match',
      name: 'match',
      type: 'options',
      options: [
        {name: 'All Conditions', value: 'all'},
        {name: 'Any Condition', value: 'any'},
      ],
      default: 'all',
    },
    {
      displayName: 'Conditions',
      name: 'conditions',
      type: 'fixedCollection',
      typeOptions: {multipleValues: true},
      placeholder: 'Add Condition',
      default: {},
      options: [
        {
          displayName: 'Condition',
          name: 'condition',
          values: [
            {
              displayName: 'Field',
              name: 'field',
              type: 'string',
              default: 'state',
              description:
                'A canonical field (zip, state, country, industry, productLine, source, email, companySize) or a dot path in the lead',
            },
            {displayName: 'Operator', name: 'op', type: 'options', options: opOptions, default: 'in'},
            {
              displayName: 'Values',
              name: 'values',
              type: 'string',
              default: '',
              description: 'Comma-separated; for Between: from, to',
            },
            {displayName: 'Weight', name: 'weight', type: 'number', default: 1},
          ],
        },
      ],
    },
  ];
  if (withReps) {
    values.push(
      {
        displayName: 'Rep Names or IDs',
        name: 'reps',
        type: 'multiOptions',
        typeOptions: repOptions,
        default: [],
        description: `Reps of this territory. ${CHOOSE}.`,
      },
      {displayName: 'Strategy', name: 'strategy', type: 'options', options: strategyOptions, default: 'round_robin'},
    );
  }
  return {
    displayName: 'Territories',
    name: 'territories',
    type: 'fixedCollection',
    typeOptions: {multipleValues: true, sortable: true},
    placeholder: 'Add Territory',
    default: {},
    displayOptions: ui,
    options: [{displayName: 'Territory', name: 'territory', values}],
  };
}

export const partialMinScoreProperty: INodeProperties = {
  displayName: 'Partial Match Minimum Score',
  name: 'partialMinScore',
  type: 'number',
  default: 1,
  displayOptions: ui,
  description: 'Territories where only some conditions hold count from this score on',
};

export const fallbackProperties: INodeProperties[] = [
  {
    displayName: 'Cascade',
    name: 'cascade',
    type: 'multiOptions',
    options: cascadeOptions,
    default: ['exact', 'partial', 'specialist', 'pool', 'default'],
    displayOptions: ui,
    description: 'Stages tried in this order until one gives an owner (for a custom order use a JSON config)',
  },
  partialMinScoreProperty,
  {
    displayName: 'Pool Strategy',
    name: 'poolStrategy',
    type: 'options',
    options: strategyOptions,
    default: 'round_robin',
    displayOptions: ui,
  },
  {
    displayName: 'Pool Rep Names or IDs',
    name: 'poolReps',
    type: 'multiOptions',
    typeOptions: repOptions,
    default: [],
    displayOptions: ui,
    description: `Reps of the general pool; none means all reps. ${CHOOSE}.`,
  },
  {
    displayName: 'Default Owner Name or ID',
    name: 'defaultOwner',
    type: 'options',
    typeOptions: repOptions,
    default: '',
    displayOptions: ui,
    description: `The rep that gets what no stage assigned (regardless of availability). ${CHOOSE}.`,
  },
  {
    displayName: 'Dedupe Fields',
    name: 'dedupeFields',
    type: 'string',
    default: '',
    displayOptions: ui,
    description: 'Comma-separated fields (e.g. email); a lead seen within the window goes to the same owner again',
  },
  {displayName: 'Dedupe Window (Hours)', name: 'dedupeWindowHours', type: 'number', default: 720, displayOptions: ui},
  {
    displayName: 'Account Owner',
    name: 'accountOwner',
    type: 'options',
    options: [
      {name: 'Off', value: 'off'},
      {
        name: 'By Email Domain',
        value: 'emailDomain',
        description: 'Known or learned company domains go to their owner',
      },
    ],
    default: 'off',
    displayOptions: ui,
  },
  {
    displayName: 'Accounts',
    name: 'accounts',
    type: 'fixedCollection',
    typeOptions: {multipleValues: true},
    placeholder: 'Add Account',
    default: {},
    displayOptions: {show: {configSource: ['ui'], accountOwner: ['emailDomain']}},
    options: [
      {
        displayName: 'Account',
        name: 'account',
        values: [
          {displayName: 'Email Domain', name: 'domain', type: 'string', default: '', placeholder: 'acme.com'},
          {
            displayName: 'Rep Name or ID',
            name: 'repId',
            type: 'options',
            typeOptions: repOptions,
            default: '',
            description: `The account's owner. ${CHOOSE}.`,
          },
        ],
      },
    ],
  },
];

const canonicalFields = ['id', 'zip', 'state', 'country', 'industry', 'productLine', 'source', 'email', 'companySize'];

export const fieldMappingProperty: INodeProperties = {
  displayName: 'Field Mapping',
  name: 'fieldMapping',
  type: 'collection',
  placeholder: 'Map a Field',
  default: {},
  description:
    'Where each canonical field is in the incoming item (dot path, e.g. address.zip); unmapped fields use their own name',
  options: canonicalFields.map(f => ({
    displayName: f === 'id' ? 'ID' : f.charAt(0).toUpperCase() + f.slice(1).replace(/([A-Z])/g, ' $1'),
    name: f,
    type: 'string' as const,
    default: f,
  })),
};

/**
 * The ledger a node keeps its state in (issue 14). Empty: the workflow's own ledger, shared by every
 * Route Lead and Round Robin node of the workflow; a name shares it wider (Redis: across workflows).
 */
export const ledgerProperty: INodeProperties = {
  displayName: 'Ledger',
  name: LEDGER_PARAMETER,
  type: 'string',
  default: '',
  placeholder: "this workflow's ledger",
  description:
    "Name of the ledger this node keeps caps, rotation, dedupe memory and learned accounts in; nodes naming the same ledger count the same leads. Empty means this workflow's ledger, shared by every Route Lead and Round Robin node of the workflow. With Workflow Static Data a ledger is shared within one workflow only; to share one across several workflows or n8n processes, use Redis and give each node the same name.",
};

export const stateStoreProperties: INodeProperties[] = [
  {
    displayName: 'State Store',
    name: STATE_STORE_PARAMETER,
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Workflow Static Data',
        value: 'staticData',
        description: 'Kept with the workflow; fair within one n8n process',
      },
      {name: 'Redis', value: 'redis', description: 'Shared by every n8n worker (queue mode)'},
    ],
    default: 'staticData',
    description: 'Where the rotation state (cursors, counters, hashed dedupe keys) is kept',
  },
  ledgerProperty,
  redisFallbackProperty,
];

export const redisCredentials: INodeCredentialDescription[] = [
  {
    name: REDIS_CREDENTIAL,
    required: true,
    testedBy: REDIS_CREDENTIAL_TEST,
    displayOptions: {show: {[STATE_STORE_PARAMETER]: ['redis']}},
  },
];

export const dryRunOption: INodeProperties = {
  displayName: 'Dry Run',
  name: 'dryRun',
  type: 'boolean',
  default: false,
  description: 'Whether to decide without advancing the rotation, counters or dedupe memory',
};

export const includeCandidatesOption: INodeProperties = {
  displayName: 'Include Candidate Trace',
  name: 'includeCandidates',
  type: 'boolean',
  default: false,
  description: 'Whether to list every rep considered and why it was or was not eligible',
};

export const timeFieldOption: INodeProperties = {
  displayName: 'Lead Time Field',
  name: 'timeField',
  type: 'string',
  default: '',
  description: 'Dot path of a timestamp in the item to route at (for replays); empty means now',
};

export const timeZoneOption: INodeProperties = {
  displayName: 'Time Zone',
  name: 'timeZone',
  type: 'string',
  default: '',
  placeholder: 'America/Chicago',
  description:
    "IANA time zone in which Lead Time Field values without an offset (3/10/2026 10:00, Excel dates) are read; empty means the config's timezone, else UTC (never the server's zone)",
};

export const dateOrderOption: INodeProperties = {
  displayName: 'Date Order',
  name: 'dateOrder',
  type: 'options',
  default: '',
  options: [
    {
      name: "Config's or Month First (Warn When Ambiguous)",
      value: '',
      description: "The config's dateOrder; when it has none, 3/10/2026 is 10 March and the item gets a warning",
    },
    {name: 'Month/Day/Year', value: 'MDY', description: '3/10/2026 is 10 March'},
    {name: 'Day/Month/Year', value: 'DMY', description: '3/10/2026 is 3 October'},
  ],
  description: 'How Lead Time Field dates such as 3/10/2026 are read',
};

export function outputFieldOption(name: string): INodeProperties {
  return {
    displayName: 'Output Field',
    name: 'outputField',
    type: 'string',
    default: name,
    description: 'Name of the object added to each item',
  };
}

export const rosterOption: INodeProperties = {
  displayName: 'Reps Roster (JSON)',
  name: 'roster',
  type: 'json',
  default: '',
  description:
    'Replaces the reps with rows such as a Google Sheets or Airtable roster (Name, Email, Available, …), e.g. every row of a previous Reps node',
};

/** Live availability and open load from a previous node's rows (docs/n8n.md "Live availability"). */
export const liveAvailabilityProperty: INodeProperties = {
  displayName: 'Live Availability',
  name: 'liveAvailability',
  type: 'collection',
  placeholder: 'Add Field',
  default: {},
  description:
    'Who can take a lead now and how many open records each rep owns, from rows a previous node returned (Slack users, Twilio TaskRouter workers, Bitrix24 users, a CRM user list, …). Read once per execution.',
  options: [
    {
      displayName: 'Available Field',
      name: 'availableField',
      type: 'string',
      default: 'available',
      placeholder: 'presence',
      description:
        'Dot path of the presence in a row (true/false, yes/no, active, away, busy, dnd, offline, …); empty means presence is not read',
    },
    {
      displayName: 'Available Values',
      name: 'availableValues',
      type: 'string',
      default: '',
      placeholder: 'active, available, online',
      description:
        'Comma-separated values meaning available (any case or spacing); empty means true, yes, y, 1, on, active, online, available, ready, free',
    },
    {
      displayName: 'Open Load Field',
      name: 'openLoadField',
      type: 'string',
      default: '',
      placeholder: 'openLeads',
      description:
        'Dot path of the number of open records the rep owns now (compared with Open Cap; Least Loaded balances it)',
    },
    {
      displayName: 'Rep Field',
      name: 'repField',
      type: 'string',
      default: 'email',
      placeholder: 'profile.email',
      description: 'Dot path of the value in a row naming the rep, matched (any case) against rep ID, email or name',
    },
    {
      displayName: 'Rows',
      name: 'source',
      type: 'json',
      default: '',
      placeholder: "={{ $('Get presence').all().map(i => i.json) }}",
      description:
        'The rows (or items) of the availability call; a row holding a list (Slack members, Twilio workers, Bitrix24 result) stands for that list. Error items from a failed call make every rep’s availability unknown: leads are still routed on the reps’ own settings, with a warning.',
    },
  ],
};
