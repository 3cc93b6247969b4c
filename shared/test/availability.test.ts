// Issue 13 part 1: live presence, open workload and unknown availability in the core.
import {compileConfig} from '../compile';
import {DEFAULT_AVAILABLE_VALUES, presenceVerdict, availableSet} from '../presence';
import {createRouter, route} from '../router';
import {validateConfig, configJsonSchema} from '../index';
import {NOW, owners} from './helpers';

const reps = [
  {id: 'ana', name: 'Ana Diaz'},
  {id: 'ben', name: 'Ben Ode'},
];
const pool = (overrides: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  reps: reps.map((r, i) => ({...r, ...(overrides[i] ?? {})})),
  ...extra,
});

describe('presence values', () => {
  const defaults = availableSet(undefined);
  it.each([
    [true, 'available'],
    [false, 'away'],
    ['yes', 'available'],
    ['no', 'away'],
    ['TRUE', 'available'],
    ['FALSE', 'away'],
    ['active', 'available'],
    [' Online ', 'available'],
    ['Available', 'available'],
    ['AvailableIdle', 'available'],
    ['Y', 'available'],
    ['N', 'away'],
    ['away', 'away'],
    ['busy', 'away'],
    ['dnd', 'away'],
    ['Do Not Disturb', 'away'],
    ['offline', 'away'],
    ['inactive', 'away'],
    ['', 'unknown'],
    ['PresenceUnknown', 'unknown'],
    [null, 'unknown'],
    [undefined, 'available'],
  ])('%p reads as %s', (value, verdict) => {
    expect(presenceVerdict(value, defaults)).toBe(verdict);
  });

  it('a configured list replaces the default, case- and space-insensitively', () => {
    const mine = availableSet(['In The Office', 'on_call']);
    expect(presenceVerdict('in the office', mine)).toBe('available');
    expect(presenceVerdict('ON-CALL', mine)).toBe('available');
    expect(presenceVerdict('active', mine)).toBe('away');
  });

  it('the default list covers the platforms the examples read', () => {
    for (const v of ['active', 'Available', 'Y', 'online', 'TRUE', 'yes']) {
      expect(DEFAULT_AVAILABLE_VALUES.map(x => x.replace(/\s/g, '').toLowerCase())).toContain(v.toLowerCase());
    }
  });
});

describe('away', () => {
  it('a rep whose presence says away is not eligible, with why "away" and the value in the trace', () => {
    const [d] = owners(pool([{presence: 'dnd'}]), [{id: 'L1'}]);
    expect(d.ownerId).toBe('ben');
    const ana = d.candidates.find(c => c.repId === 'ana');
    expect(ana).toEqual({repId: 'ana', eligible: false, why: 'away', presence: 'dnd'});
  });

  it('away is distinct from unavailable, which is checked first', () => {
    const [d] = owners(pool([{available: false, presence: 'away'}, {presence: 'busy'}]), [{id: 'L1'}]);
    expect(d.ownerId).toBeNull();
    expect(d.candidates.map(c => c.why)).toEqual(['unavailable', 'away']);
  });

  it('the unassigned reason names the rep and the value', () => {
    const [d] = owners({reps: [{id: 'ana', name: 'Ana Diaz', presence: 'away'}]}, [{id: 'L1'}]);
    expect(d.stage).toBe('unassigned');
    expect(d.reason).toBe('No owner: Ana Diaz is away (presence "away"), the only rep considered.');
  });

  it('lists the value of each away rep when several are', () => {
    const [d] = owners(pool([{presence: 'offline'}, {presence: false}]), [{id: 'L1'}]);
    expect(d.reason).toBe('No owner: all 2 reps considered are away (Ana Diaz "offline"; Ben Ode "false").');
  });

  it('a configured list of available values decides', () => {
    const cfg = pool([{presence: 'green'}, {presence: 'active'}], {availability: {availableValues: ['Green']}});
    const [d] = owners(cfg, [{id: 'L1'}, {id: 'L2'}]);
    expect(d.ownerId).toBe('ana');
    expect(d.candidates.find(c => c.repId === 'ben')?.why).toBe('away');
  });
});

describe('open workload', () => {
  it('a rep at its open cap is at_capacity with the limit named', () => {
    const [d] = owners(pool([{openLoad: 5, capacity: {open: 5}}, {openLoad: 9}]), [{id: 'L1'}]);
    expect(d.ownerId).toBe('ben');
    expect(d.candidates[0]).toEqual({repId: 'ana', eligible: false, why: 'at_capacity', capacityLimit: 'open'});
  });

  it('leads assigned in the same run add to the open load', () => {
    const cfg = {reps: [{id: 'ana', name: 'Ana Diaz', openLoad: 3, capacity: {open: 5}}]};
    const ds = owners(cfg, [{id: 1}, {id: 2}, {id: 3}]);
    expect(ds.map(d => d.ownerId)).toEqual(['ana', 'ana', null]);
    expect(ds[2].reason).toBe('No owner: Ana Diaz reached the cap on open records, the only rep considered.');
  });

  it('names the daily, weekly and monthly limits too', () => {
    const limit = (capacity: Record<string, number>) => {
      const cfg = {reps: [{id: 'ana', capacity}]};
      const ds = owners(cfg, [{id: 1}, {id: 2}]);
      return ds[1].candidates[0].capacityLimit;
    };
    expect(limit({daily: 1, weekly: 1})).toBe('daily');
    expect(limit({weekly: 1, monthly: 1})).toBe('weekly');
    expect(limit({monthly: 1})).toBe('monthly');
  });

  it('a positive open cap without an open load (not read) is no cap', () => {
    const [d] = owners({reps: [{id: 'ana', capacity: {open: 3}}]}, [{id: 1}]);
    expect(d.ownerId).toBe('ana');
  });

  it('open cap 0 takes no leads, with or without an open load', () => {
    const cfg = {
      reps: [
        {id: 'ana', name: 'Ana Diaz', capacity: {open: 0}},
        {id: 'ben', name: 'Ben Ode', openLoad: 0, capacity: {open: 0}},
        {id: 'cy', name: 'Cy Park', openLoad: 4},
      ],
    };
    const ds = owners(cfg, [{id: 1}, {id: 2}]);
    expect(ds.map(d => d.ownerId)).toEqual(['cy', 'cy']);
    expect(ds[0].candidates.slice(0, 2)).toEqual([
      {repId: 'ana', eligible: false, why: 'at_capacity', capacityLimit: 'open'},
      {repId: 'ben', eligible: false, why: 'at_capacity', capacityLimit: 'open'},
    ]);
    const [alone] = owners({reps: [{id: 'ana', name: 'Ana Diaz', capacity: {open: 0}}]}, [{id: 1}]);
    expect(alone.ownerId).toBeNull();
    expect(alone.reason).toBe('No owner: Ana Diaz reached the cap on open records, the only rep considered.');
  });

  it('least_loaded balances the open load relative to weight', () => {
    const cfg = {
      reps: [
        {id: 'ana', openLoad: 8, weight: 2},
        {id: 'ben', openLoad: 5},
        {id: 'cy', openLoad: 6},
      ],
      pool: {strategy: 'least_loaded'},
    };
    // loads 4, 5, 6 -> ana (then 4.5), ana (5), ben (tie 5/5: rotation after ana), ...
    const ds = owners(cfg, [{id: 1}, {id: 2}, {id: 3}, {id: 4}]);
    expect(ds.map(d => d.ownerId)).toEqual(['ana', 'ana', 'ben', 'ana']);
  });

  it('least_loaded uses today’s assignments when no open load is given', () => {
    const cfg = {reps: [{id: 'ana'}, {id: 'ben'}], pool: {strategy: 'least_loaded'}};
    const ds = owners(cfg, [{id: 1}, {id: 2}, {id: 3}]);
    expect(ds.map(d => d.ownerId)).toEqual(['ana', 'ben', 'ana']);
  });
});

describe('unknown availability', () => {
  it('a rep whose presence could not be read is routed on its flags, with a warning', () => {
    const [d] = owners(pool([{presence: null}, {presence: 'away'}]), [{id: 'L1'}]);
    expect(d.ownerId).toBe('ana');
    expect(d.warnings).toEqual([
      {
        code: 'availability_unknown',
        field: 'presence',
        value: 'ana',
        message:
          'The live availability of Ana Diaz could not be read; routed on the configured availability, hours and caps.',
      },
    ]);
  });

  it('unknown for every rep still routes the lead, and still honours the available flag and caps', () => {
    const cfg = pool([
      {presence: null, available: false},
      {presence: '', capacity: {daily: 1}},
    ]);
    const ds = owners(cfg, [{id: 'L1'}, {id: 'L2'}]);
    expect(ds[0].ownerId).toBe('ben');
    expect(ds[1].ownerId).toBeNull();
    expect(ds[1].candidates.map(c => c.why)).toEqual(['unavailable', 'at_capacity']);
    for (const d of ds) expect(d.warnings?.[0].code).toBe('availability_unknown');
    expect(ds[0].warnings?.[0].message).toContain('2 reps (Ana Diaz, Ben Ode)');
  });

  it('no warning when every presence was read', () => {
    const [d] = owners(pool([{presence: 'active'}, {presence: 'away'}]), [{id: 'L1'}]);
    expect(d.warnings).toBeUndefined();
  });

  it('a shell’s warnings come first', () => {
    const router = createRouter(pool([{presence: null}]));
    const d = router.route({id: 1}, NOW, 0, [{code: 'lead_time_guessed', message: 'x'}]);
    expect(d.warnings?.map(w => w.code)).toEqual(['lead_time_guessed', 'availability_unknown']);
  });
});

describe('config', () => {
  it('accepts presence, openLoad, capacity.open and availability; rejects bad values with their paths', () => {
    expect(
      validateConfig(
        pool([{presence: 'x', openLoad: 2, capacity: {open: 3}}], {availability: {availableValues: ['x']}}),
      ).ok,
    ).toBe(true);
    const bad = validateConfig(pool([{presence: 3, openLoad: -1, capacity: {open: 1.5}}]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map(i => i.path).sort()).toEqual([
        'reps[0].capacity.open',
        'reps[0].openLoad',
        'reps[0].presence',
      ]);
    }
  });

  it('the JSON schema has the new fields', () => {
    const s = JSON.stringify(configJsonSchema());
    for (const k of ['presence', 'openLoad', 'availableValues', '"open"']) expect(s).toContain(k);
  });

  it('presence changes the config version (a new roster snapshot is a new config)', () => {
    const a = compileConfig(pool([{presence: 'active'}]));
    const b = compileConfig(pool([{presence: 'away'}]));
    expect(a.version).not.toBe(b.version);
    expect(route({id: 1}, b, undefined, NOW).decision.ownerId).toBe('ben');
  });
});
