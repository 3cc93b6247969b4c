// Issue 12: real-world lead data is read right, or the decision says what was assumed.
import {createRouter} from '../router';
import {compileIntent} from '../intent';
import {normalizeCountry, normalizeState, normalizeZip} from '../normalize/geo';
import {normalizeText} from '../normalize/text';
import {NOW} from './helpers';

const reps = [{id: 'ne'}, {id: 'au'}, {id: 'in'}, {id: 'other'}];
const zipConfig = {
  reps,
  territories: [
    {id: 'new-england', conditions: [{field: 'zip', op: 'between', values: ['01000', '06999']}], reps: ['ne']},
    {id: 'adelaide', conditions: [{field: 'zip', op: 'between', values: ['5000', '5999']}], reps: ['au']},
    {id: 'delhi', conditions: [{field: 'zip', op: 'prefix', values: ['110']}], reps: ['in']},
  ],
  cascade: ['exact', 'default'],
  defaultOwner: 'other',
};

describe("#1 / settled 6: postal codes read in the lead's country context", () => {
  const route = (lead: Record<string, unknown>) => createRouter(zipConfig).route(lead, NOW, 0);

  it.each([
    ['CSV 4-digit text, no country', {zip: '2134'}],
    ['CSV 4-digit text, country US', {zip: '6469', country: 'US'}],
    ['8-digit ZIP+4 that lost its zero', {zip: '21341234', country: 'United States'}],
    ['ZIP+4 with hyphen that lost its zero', {zip: '2134-1234'}],
    ['a number', {zip: 2134}],
    ['a US state and an unknown country text', {zip: '2134', state: 'MA', country: 'Untied States'}],
  ])('%s is a New England ZIP, with a warning', (_, lead) => {
    const d = route(lead);
    expect(d.ownerId).toBe('ne');
    expect(d.warnings).toEqual([
      expect.objectContaining({code: 'zip_zero_restored', field: 'zip', value: String(lead.zip)}),
    ]);
    expect(d.warnings![0].message).toMatch(/02134|06469/);
  });

  it('a 5-digit ZIP needs no warning', () => {
    expect(route({zip: '02134'}).warnings).toBeUndefined();
  });

  it.each([
    ['Adelaide 5000 as a number', {zip: 5000, country: 'AU'}, 'au'],
    ['Adelaide 5000 as text', {zip: '5000', country: 'Australia'}, 'au'],
    ['Perth WA is not Washington', {zip: '6000', country: 'AU', state: 'WA'}, 'other'],
    ['an Indian PIN as a number', {zip: 110001, country: 'IN'}, 'in'],
    ['an Indian PIN as text', {zip: '110001', country: 'India'}, 'in'],
  ])("%s is that country's code, never a US ZIP", (_, lead, owner) => {
    const d = route(lead);
    expect(d.ownerId).toBe(owner);
    expect(d.warnings).toBeUndefined();
  });

  it('a 6-digit number in a US context is not a ZIP (no New England match)', () => {
    expect(route({zip: 110001}).ownerId).not.toBe('ne');
    expect(normalizeZip(110001)).toBe('110001');
  });

  it("condition values are read in the lead's context; prefix values are never padded", () => {
    const cfg = {
      reps,
      territories: [
        {id: 'a', conditions: [{field: 'zip', op: 'in', values: [2134]}], reps: ['ne']},
        {id: 'b', conditions: [{field: 'zip', op: 'prefix', values: ['752']}], reps: ['au']},
      ],
      cascade: ['exact', 'default'],
      defaultOwner: 'other',
    };
    const r = createRouter(cfg);
    expect(r.route({zip: '02134'}, NOW, 0).ownerId).toBe('ne');
    expect(r.route({zip: '2134', country: 'AU'}, NOW, 1).ownerId).toBe('ne');
    expect(r.route({zip: '75201'}, NOW, 2).ownerId).toBe('au');
    // "752" is a prefix, not the ZIP 00752
    expect(r.route({zip: '00752'}, NOW, 3).ownerId).toBe('other');
  });
});

describe('#2 / settled 12: state and country spellings', () => {
  it.each([
    ['Tex.', 'TX'],
    ['Tex', 'TX'],
    ['Calif.', 'CA'],
    ['N.Y.', 'NY'],
    ['N. Y.', 'NY'],
    ['new  york', 'NY'],
    [' Mass ', 'MA'],
    ['Penna.', 'PA'],
    ['W. Va.', 'WV'],
    ['N. Dak.', 'ND'],
    ['Wisc.', 'WI'],
    ['Que.', 'QC'],
    ['Québec', 'QC'],
    ['P.Q.', 'QC'],
    ['Ont.', 'ON'],
    ['Nfld.', 'NL'],
    ['P.E.I.', 'PE'],
    ['Alta.', 'AB'],
    ['B.C.', 'BC'],
    ['Yukon Territory', 'YT'],
  ])('state %p -> %p', (raw, code) => expect(normalizeState(raw)).toBe(code));

  it.each([
    ['México', 'MX'],
    ['United  States', 'US'],
    ['U.S.A.', 'US'],
    ['USA', 'US'],
    ['deu', 'DE'],
    ["Côte d'Ivoire", 'CI'],
    ['Türkiye', 'TR'],
    ['Czechia', 'CZ'],
    ['The Netherlands', 'NL'],
    ['Viet Nam', 'VN'],
  ])('country %p -> %p', (raw, code) => expect(normalizeCountry(raw)).toBe(code));

  it('unknown text is kept (folded, upper-cased)', () => {
    expect(normalizeState('Narnia')).toBe('NARNIA');
    expect(normalizeCountry('Atlantis ')).toBe('ATLANTIS');
  });

  it('a lead with a traditional abbreviation reaches its territory', () => {
    const cfg = {
      reps: [{id: 'tx'}, {id: 'mx'}, {id: 'x'}],
      territories: [
        {id: 'texas', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['tx']},
        {id: 'mexico', conditions: [{field: 'country', op: 'in', values: ['Mexico']}], reps: ['mx']},
      ],
      cascade: ['exact', 'default'],
      defaultOwner: 'x',
    };
    const r = createRouter(cfg);
    expect(r.route({state: 'Tex.'}, NOW, 0).ownerId).toBe('tx');
    expect(r.route({country: 'México'}, NOW, 1).ownerId).toBe('mx');
  });

  it('text fields fold runs of white space', () => {
    expect(normalizeText('new  york')).toBe('new york');
    expect(normalizeText('Solar\tPanels')).toBe('solar panels');
  });
});

describe('#4: exact keys and CRM export headers', () => {
  it('a mapped header with a dot is read as that key before any path', () => {
    const cfg = {
      reps: [{id: 'big'}, {id: 'x'}],
      fields: {companySize: 'No. of Employees'},
      territories: [{id: 'ent', conditions: [{field: 'companySize', op: 'gte', values: [1000]}], reps: ['big']}],
      cascade: ['exact', 'default'],
      defaultOwner: 'x',
    };
    expect(createRouter(cfg).route({'No. of Employees': '1,500'}, NOW, 0).ownerId).toBe('big');
    // a real nested path still works when no such key exists
    const nested = {...cfg, fields: {companySize: 'company.size'}};
    expect(createRouter(nested).route({company: {size: 2000}}, NOW, 0).ownerId).toBe('big');
  });

  it.each([
    ['State/Province', 'Tex.'],
    ['State or Province', 'TX'],
    ['Billing State', 'Texas'],
    ['Mailing State/Province', 'TX'],
  ])('an unmapped state is read from the header %p', (header, value) => {
    const cfg = {
      reps: [{id: 'tx'}, {id: 'x'}],
      territories: [{id: 'texas', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['tx']}],
      cascade: ['exact', 'default'],
      defaultOwner: 'x',
    };
    expect(createRouter(cfg).route({[header]: value}, NOW, 0).ownerId).toBe('tx');
  });

  it('zip, country, size and source from export headers', () => {
    const cfg = {
      reps: [{id: 'a'}, {id: 'x'}],
      territories: [
        {
          id: 't',
          conditions: [
            {field: 'zip', op: 'prefix', values: ['021']},
            {field: 'country', op: 'in', values: ['US']},
            {field: 'companySize', op: 'gte', values: [5000]},
            {field: 'source', op: 'in', values: ['webinar']},
          ],
          reps: ['a'],
        },
      ],
      cascade: ['exact', 'default'],
      defaultOwner: 'x',
    };
    const r = createRouter(cfg);
    const lead = {
      'Mailing Zip/Postal Code': '2134',
      'Country/Region': 'United States',
      'No. of Employees': '10,001+',
      'Lead Source': 'Webinar',
    };
    expect(r.route(lead, NOW, 0).ownerId).toBe('a');
    expect(r.route({...lead, 'Zip Code': '2134', 'Mailing Zip/Postal Code': undefined}, NOW, 1).ownerId).toBe('a');
    expect(r.route({...lead, 'Postal Code': '02134', 'Mailing Zip/Postal Code': undefined}, NOW, 2).ownerId).toBe('a');
  });

  it('the canonical name wins over a header, and a mapping turns the headers off', () => {
    const cfg = {
      reps: [{id: 'tx'}, {id: 'x'}],
      territories: [{id: 'texas', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['tx']}],
      cascade: ['exact', 'default'],
      defaultOwner: 'x',
    };
    expect(createRouter(cfg).route({state: 'CA', 'Billing State': 'TX'}, NOW, 0).ownerId).toBe('x');
    const mapped = {...cfg, fields: {state: 'region'}};
    expect(createRouter(mapped).route({'Billing State': 'TX'}, NOW, 0).ownerId).toBe('x');
  });
});

describe('#5: company-size buckets are ranges', () => {
  const cfg = (op: string, values: unknown[]) => ({
    reps: [{id: 'a'}, {id: 'x'}],
    territories: [{id: 't', conditions: [{field: 'companySize', op, values}], reps: ['a']}],
    cascade: ['exact', 'default'],
    defaultOwner: 'x',
  });
  const owner = (op: string, values: unknown[], size: unknown) =>
    createRouter(cfg(op, values)).route({companySize: size}, NOW, 0);

  it.each([
    ['gte', [5000], '10,001+', true],
    ['gte', [5000], '5000+', true],
    ['gte', [5000], '5001-10000', true],
    ['gte', [5000], '1001-5000', false],
    ['gte', [5000], '1-10', false],
    ['lte', [200], '51-200', true],
    ['lte', [200], '1-10', true],
    ['lte', [200], '201-500', false],
    ['lte', [200], '10,001+', false],
    ['between', [201, 1000], '201-500', true],
    ['between', [201, 1000], '501 to 1,000', true],
    ['between', [201, 1000], '1001-5000', false],
    ['between', [201, 1000], '51-200', false],
  ])('%s %j with %p: %p', (op, values, size, holds) => {
    expect(owner(op, values, size).ownerId).toBe(holds ? 'a' : 'x');
  });

  it.each([
    ['gte', [5000], '1001-5000'],
    ['lte', [200], '51-500'],
    ['between', [201, 1000], '501-5000'],
  ])('a range only partly inside %s %j (%p) is not met and says so', (op, values, size) => {
    const d = owner(op, values, size);
    expect(d.ownerId).toBe('x');
    expect(d.warnings).toEqual([
      expect.objectContaining({code: 'range_straddles_bound', field: 'companySize', value: size}),
    ]);
  });

  it('a range wholly outside the bound gives no warning', () => {
    expect(owner('gte', [5000], '1-10').warnings).toBeUndefined();
  });

  // Numbers as exports write them: exponents (JSON, spreadsheets), European and space grouping.
  it.each([
    ['gte', [5000], 1e21, true],
    ['gte', [5000], '1e+21', true],
    ['gte', [5000], '1.2E+04', true],
    ['gte', [5000], '1.200.000', true],
    ['gte', [5000], '12.000,5', true],
    ['gte', [5000], '12 000', true],
    ['gte', [5000], '12\u00a0000', true],
    ['lte', [200], '1 200', false],
    ['between', [201, 1000], '1e3', true],
  ])('%s %j with %p: %p, no warning', (op, values, size, holds) => {
    const d = owner(op, values, size);
    expect(d.ownerId).toBe(holds ? 'a' : 'x');
    expect(d.warnings).toBeUndefined();
  });

  it.each([
    ['gte', [1000], '12.000', false, 12],
    ['lte', [200], '5.000', true, 5],
  ])(
    '%s %j with %p (decimal point or European thousands?): read as a decimal, with number_ambiguous',
    (op, values, size, holds, read) => {
      const d = owner(op, values, size);
      expect(d.ownerId).toBe(holds ? 'a' : 'x');
      expect(d.warnings).toEqual([
        expect.objectContaining({code: 'number_ambiguous', field: 'companySize', value: size}),
      ]);
      expect(d.warnings![0].message).toContain(`read as ${read}`);
    },
  );

  it.each(['$5,000', '5k', '5,000 employees', 'unknown'])(
    '%p is not a number: the condition does not hold, with number_unreadable',
    size => {
      const d = owner('gte', [5000], size);
      expect(d.ownerId).toBe('x');
      expect(d.warnings).toEqual([
        expect.objectContaining({code: 'number_unreadable', field: 'companySize', value: size}),
      ]);
    },
  );
});

describe('#12 / settled 4: intent keywords contained in a longer keyword', () => {
  it('lists both "demo day" and "demo"', () => {
    const m = compileIntent(['demo', 'demo day', 'pricing']);
    expect(m.find('Signed up for the DEMO   day, want pricing')).toEqual(['demo', 'demo day', 'pricing']);
    expect(m.find('demo day only')).toEqual(['demo', 'demo day']);
    expect(m.find('a demo_request')).toEqual([]);
  });
});

describe('#11: Gmail-style aliases in dedupe', () => {
  const cfg = {reps: [{id: 'a'}, {id: 'b'}], cascade: ['pool'], dedupe: {fields: ['email']}};
  const second = (first: string, again: string) => {
    const r = createRouter(cfg);
    r.route({email: first}, NOW, 0);
    return r.route({email: again}, NOW, 1).stage;
  };

  it.each([
    ['jo.doe+promo@gmail.com', 'jodoe@gmail.com'],
    ['Jo.Doe@GoogleMail.com', 'jodoe@gmail.com'],
    ['jo+news@outlook.com', 'jo@outlook.com'],
    ['jo+x@icloud.com', 'JO@icloud.com'],
  ])('%s and %s are one person', (a, b) => expect(second(a, b)).toBe('duplicate'));

  it.each([
    ['jo.doe@acme.com', 'jodoe@acme.com'],
    ['jo+x@acme.com', 'jo@acme.com'],
    ['jo.doe@outlook.com', 'jodoe@outlook.com'],
    ['jo.doe@yahoo.com', 'jodoe@yahoo.com'],
  ])('%s and %s stay two people', (a, b) => expect(second(a, b)).toBe('pool'));
});

describe('settled 9: a multi-select given as text ("a;b", as Salesforce and HubSpot write it) is a list', () => {
  const cfg = (op: string, values: string[]) => ({
    reps: [{id: 'a'}, {id: 'x'}],
    territories: [{id: 't', conditions: [{field: 'productLine', op, values}], reps: ['a']}],
    cascade: ['exact', 'pool'],
    pool: {reps: ['x']},
  });
  const owner = (op: string, values: string[], productLine: string) =>
    createRouter(cfg(op, values)).route({productLine}, NOW, 0).ownerId;

  it.each([
    ['in', ['solar'], 'storage;solar', 'a'],
    ['in', ['solar'], 'Storage ; SOLAR', 'a'],
    ['notIn', ['solar'], 'storage;solar', 'x'],
    ['notIn', ['solar'], 'storage;wind', 'a'],
    ['in', ['storage;solar'], 'storage;solar', 'a'], // a value listed with its semicolon still matches
    ['notIn', ['storage;solar'], 'storage;solar', 'x'],
    ['in', ['solar'], 'solar, storage', 'x'], // commas are text (company names have them)
  ])('%s %j with %p: %s', (op, values, productLine, expected) => {
    expect(owner(op, values, productLine)).toBe(expected);
  });

  it('excludeReps takes "a;b" like "a, b"', () => {
    const r = createRouter({reps: [{id: 'a'}, {id: 'b'}, {id: 'c'}], cascade: ['pool'], pool: {reps: 'all'}});
    expect(r.route({id: 1, excludeReps: 'a;b'}, NOW, 0).ownerId).toBe('c');
  });

  it('a specialist is found for any listed product', () => {
    const r = createRouter({
      reps: [{id: 's', skills: ['solar']}, {id: 'x'}],
      cascade: ['specialist', 'pool'],
      pool: {reps: ['x']},
    });
    expect(r.route({productLine: 'wind;solar'}, NOW, 0).ownerId).toBe('s');
  });
});
