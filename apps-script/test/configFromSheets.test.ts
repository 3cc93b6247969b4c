import {validateConfig} from '../../shared';
import {
  canonicalField,
  configFromSheets,
  fieldsFromHeaders,
  isChecked,
  parseHours,
  parseOutOfOffice,
} from '../src/configFromSheets';
import {REP_HEADERS, TERRITORY_HEADERS} from '../src/layout';
import {defaultSettings} from '../src/settings';

const reps = [
  [...REP_HEADERS],
  [
    'Ana Diaz',
    'Ana@Example.com',
    true,
    '',
    2,
    'solar, storage',
    25,
    '',
    '',
    'America/Chicago',
    'mon-fri 09:00-17:00; sat 10:00-14:00',
    '2026-12-24..2026-12-31; 2027-01-05',
  ],
  ['Ben Ode', 'ben@example.com', 'yes', 'ben', '', '', '', '', '', '', '', ''],
  ['Cy Park', '', false, '', '', '', '', '', '', '', '', ''],
];
const territories = [
  [...TERRITORY_HEADERS],
  ['Texas solar', 'all', 'Zip', 'between', '75000-79999', 10, '', 'Ana Diaz, ben', 'weighted'],
  ['Texas solar', '', 'State', 'is', 'TX, Texas', 5, '', '', ''],
  ['Texas solar', '', 'Product Line', 'in', 'solar', 7, 3, '', ''],
  ['Big', 'any', 'Employees', '>=', 5000, '', 50, 'cy park', ''],
];
const leadHeaders = ['Lead Id', 'Full Name', 'Email', 'ZIP Code', 'State', 'Product Line', 'Employees', 'Budget'];

describe('configFromSheets', () => {
  it('translates Reps and Territories rows into a config the core accepts', () => {
    const {config, issues} = configFromSheets(reps, territories, leadHeaders, defaultSettings());
    expect(issues).toEqual([]);
    expect(validateConfig(config).ok).toBe(true);
    expect(config.reps[0]).toEqual({
      id: 'ana@example.com',
      name: 'Ana Diaz',
      email: 'Ana@Example.com',
      available: true,
      weight: 2,
      skills: ['solar', 'storage'],
      capacity: {daily: 25},
      timezone: 'America/Chicago',
      hours: {'mon-fri': '09:00-17:00', sat: '10:00-14:00'},
      outOfOffice: [
        {from: '2026-12-24', to: '2026-12-31'},
        {from: '2027-01-05', to: '2027-01-05'},
      ],
    });
    expect(config.reps.map(r => [r.id, r.available])).toEqual([
      ['ana@example.com', true],
      ['ben', true],
      ['Cy Park', false],
    ]);
    const [tx, big] = config.territories!;
    expect(tx).toMatchObject({
      id: 'Texas solar',
      match: 'all',
      priority: 3,
      strategy: 'weighted',
      reps: ['ana@example.com', 'ben'],
    });
    expect(tx.conditions).toEqual([
      {field: 'zip', op: 'between', values: ['75000', '79999'], weight: 10},
      {field: 'state', op: 'in', values: ['TX', 'Texas'], weight: 5},
      {field: 'productLine', op: 'in', values: ['solar'], weight: 7},
    ]);
    expect(big).toMatchObject({
      match: 'any',
      priority: 50,
      reps: ['Cy Park'],
      conditions: [{field: 'companySize', op: 'gte', values: ['5000']}],
    });
    expect(config.fields).toEqual({
      id: 'Lead Id',
      email: 'Email',
      zip: 'ZIP Code',
      state: 'State',
      productLine: 'Product Line',
      companySize: 'Employees',
    });
  });

  it('applies the settings: pool strategy, cascade, default owner by name, dedupe', () => {
    const s = {
      ...defaultSettings(),
      strategy: 'least_loaded' as const,
      cascade: ['exact' as const, 'default' as const],
      defaultOwner: 'ben@example.com',
    };
    s.dedupe = {enabled: true, fields: ['email', 'budget'], windowHours: 24};
    const {config, issues} = configFromSheets(reps, [], leadHeaders, s);
    expect(issues).toEqual([]);
    expect(config.pool).toEqual({reps: 'all', strategy: 'least_loaded'});
    expect(config.cascade).toEqual(['exact', 'default']);
    expect(config.defaultOwner).toBe('ben');
    expect(config.dedupe).toEqual({fields: ['email', 'Budget'], windowHours: 24});
  });

  it('names the sheet, row and column of every problem', () => {
    const badReps = [
      [...REP_HEADERS],
      ['Ana', 'a@x.com', true, '', -1, '', 2.5, '', '', '', 'weekdays', 'soon'],
      ['Ana', 'a@x.com', true],
    ];
    const badTerr = [
      [...TERRITORY_HEADERS],
      ['T', 'some', 'State', 'like', 'TX', '', '', 'Zed', ''],
      ['U', '', 'Zip', 'between', '1,2,3', '', '', 'Ana', ''],
    ];
    const s = {...defaultSettings(), defaultOwner: 'Nobody'};
    const {issues} = configFromSheets(badReps, badTerr, leadHeaders, s);
    expect(issues).toEqual([
      'Reps row 2, Weight: must be a number above 0.',
      'Reps row 2, Daily cap: must be a whole number (0 or more).',
      'Reps row 2, Hours: write days and times like "mon-fri 09:00-17:00; sat 10:00-14:00".',
      'Reps row 2, Out of office: write dates like "2026-12-24..2026-12-31; 2027-01-05".',
      'Reps row 3: the rep "a@x.com" is listed twice.',
      'Territories row 2, Match: write "all" or "any".',
      'Territories row 2, Reps: "Zed" is not on the Reps sheet.',
      'Territories row 2, Operator: use in, notIn, prefix, between, contains, exists, gte or lte.',
      'Territories row 3, Values: "between" needs two values, like 75000-79999.',
      'Territories: "T" has no reps (fill the Reps column).',
      'Settings, default owner: "Nobody" is not on the Reps sheet.',
    ]);
  });

  it('asks for the required headers and for at least one rep', () => {
    expect(configFromSheets([['Who']], [], [], defaultSettings()).issues).toEqual([
      'Reps: the header "Name" is missing from row 1.',
      'Reps: the header "Email" is missing from row 1.',
      'Reps: the header "Available" is missing from row 1.',
    ]);
    expect(configFromSheets([[...REP_HEADERS]], [], [], defaultSettings()).issues).toEqual([
      'Reps: add at least one rep (Name, Email, Available).',
    ]);
  });
});

describe('cell readers', () => {
  it('checkboxes: TRUE or yes-like text; empty or absent is false', () => {
    expect([true, 'TRUE', 'yes', 'x', 1].map(isChecked)).toEqual([true, true, true, true, true]);
    expect([false, '', undefined, 'no', 0].map(isChecked)).toEqual([false, false, false, false, false]);
  });
  it('hours, out of office (text and Date cells), canonical fields', () => {
    expect(parseHours('Mon-Fri 08:30-17:00')).toEqual({'mon-fri': '08:30-17:00'});
    expect(parseHours('all day')).toBeNull();
    expect(parseOutOfOffice(new Date('2026-12-24T06:00:00Z'), d => d.toISOString().slice(0, 10))).toEqual([
      {from: '2026-12-24', to: '2026-12-24'},
    ]);
    expect(canonicalField('Postal Code')).toBe('zip');
    expect(canonicalField('Notes')).toBeNull();
    expect(fieldsFromHeaders(['E-mail', 'email'])).toEqual({email: 'E-mail'});
    expect(fieldsFromHeaders(['Email', 'email address'])).toEqual({email: 'Email'});
  });
});
