// Synthetic territory maps, rosters and leads for the benchmark, reproducible from a seed.
// Leads carry already-canonical values (5-digit zip, two-letter state, lower-case product line)
// so the peers and baselines need no normalisation; the core still runs its own.
import {int, pick, pickDistinct, Rng, seeded} from './prng';

export type Family = 'mixed' | 'geo';

export interface SynthCondition {
  field: 'zip' | 'state' | 'productLine';
  op: 'in' | 'between' | 'prefix';
  values: string[];
  weight: number;
}

export interface SynthTerritory {
  id: string;
  name: string;
  priority: number;
  match: 'all' | 'any';
  conditions: SynthCondition[];
  reps: string[];
  strategy: 'round_robin';
}

export interface SynthRep {
  id: string;
  name: string;
  email: string;
  available: boolean;
  weight?: number;
  skills?: string[];
  capacity?: {daily?: number; weekly?: number};
  timezone?: string;
  hours?: Record<string, string>;
}

export interface SynthConfig {
  version: 1;
  reps: SynthRep[];
  territories: SynthTerritory[];
  partialMinScore: number;
  pool: {reps: 'all'; strategy: 'round_robin'};
  defaultOwner: string;
  dedupe?: {fields: string[]; windowHours: number};
}

export interface SynthLead {
  id: string;
  zip: string;
  state: string;
  productLine: string;
  email: string;
}

export interface ScenarioSpec {
  family: Family;
  territories: number;
  reps: number;
  leads: number;
  seed?: number;
  /** Reps get time zones, working hours and daily/weekly caps. */
  limits?: boolean;
  /** Configure dedupe on email (for the bounded-state measurement). */
  dedupe?: boolean;
}

export interface Scenario {
  spec: ScenarioSpec;
  config: SynthConfig;
  leads: SynthLead[];
}

export const STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
] as const;

export const PRODUCT_LINES = [
  'solar',
  'hvac',
  'roofing',
  'windows',
  'plumbing',
  'security',
  'insulation',
  'batteries',
] as const;

const TIMEZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const TOTAL_ZIP_CODES = 10_000;

const zip5 = (n: number) => String(n).padStart(5, '0');

function makeReps(rng: Rng, n: number, limits: boolean): SynthRep[] {
  const reps: SynthRep[] = [];
  for (let i = 0; i < n; i++) {
    const rep: SynthRep = {
      id: `r${i}`,
      name: `Rep ${i}`,
      email: `rep${i}@example.com`,
      available: rng() > 0.05,
      weight: int(rng, 1, 3),
    };
    if (rng() < 0.3) rep.skills = [pick(rng, PRODUCT_LINES)];
    if (limits) {
      rep.timezone = pick(rng, TIMEZONES);
      rep.hours = {'mon-fri': '08:00-18:00', sat: '10:00-14:00'};
      rep.capacity = {daily: int(rng, 40, 400), weekly: 1500};
    }
    reps.push(rep);
  }
  if (!reps.some(r => r.available)) reps[0].available = true;
  return reps;
}

interface ZipRange {
  lo: number;
  hi: number;
}

function zipRange(rng: Rng, len: number): ZipRange {
  const lo = int(rng, 0, 99_999 - len + 1);
  return {lo, hi: lo + len - 1};
}

const between = (r: ZipRange, weight: number): SynthCondition => ({
  field: 'zip',
  op: 'between',
  values: [zip5(r.lo), zip5(r.hi)],
  weight,
});

/** Mixed map: zip ranges (some with a product line), zip prefixes OR states, state lists, national product lines. */
function mixedTerritory(
  rng: Rng,
  i: number,
  zipLen: number,
): {t: Omit<SynthTerritory, 'reps' | 'strategy'>; ranges: ZipRange[]} {
  const r = rng();
  const ranges: ZipRange[] = [];
  const conditions: SynthCondition[] = [];
  let match: 'all' | 'any' = 'all';
  let priority = int(rng, 0, 3);
  if (r < 0.65) {
    const range = zipRange(rng, zipLen);
    ranges.push(range);
    conditions.push(between(range, 10));
    if (rng() < 0.5) conditions.push({field: 'productLine', op: 'in', values: [pick(rng, PRODUCT_LINES)], weight: 7});
  } else if (r < 0.75) {
    match = 'any';
    const p = int(rng, 0, 999);
    ranges.push({lo: p * 100, hi: p * 100 + 99});
    conditions.push({field: 'zip', op: 'prefix', values: [String(p).padStart(3, '0')], weight: 10});
    conditions.push({field: 'state', op: 'in', values: [pick(rng, STATES)], weight: 5});
  } else if (r < 0.95) {
    match = rng() < 0.5 ? 'all' : 'any';
    conditions.push({field: 'state', op: 'in', values: pickDistinct(rng, STATES, int(rng, 1, 3)), weight: 5});
    conditions.push({
      field: 'productLine',
      op: 'in',
      values: pickDistinct(rng, PRODUCT_LINES, int(rng, 1, 2)),
      weight: 7,
    });
  } else {
    priority = int(rng, 20, 50);
    conditions.push({field: 'productLine', op: 'in', values: [pick(rng, PRODUCT_LINES)], weight: 7});
  }
  return {t: {id: `t${i}`, name: `Territory ${i}`, priority, match, conditions}, ranges};
}

/** Geographic map: zip ranges only (one range, or either of two). */
function geoTerritory(
  rng: Rng,
  i: number,
  zipLen: number,
): {t: Omit<SynthTerritory, 'reps' | 'strategy'>; ranges: ZipRange[]} {
  const ranges = [zipRange(rng, zipLen)];
  if (rng() < 0.1) ranges.push(zipRange(rng, zipLen));
  const conditions = ranges.map(range => between(range, 10));
  return {
    t: {
      id: `t${i}`,
      name: `Territory ${i}`,
      priority: int(rng, 0, 3),
      match: ranges.length > 1 ? 'any' : 'all',
      conditions,
    },
    ranges,
  };
}

export function makeScenario(spec: ScenarioSpec): Scenario {
  const rng = seeded(spec.seed ?? 20261123 + spec.territories * 7 + spec.reps * 13);
  const reps = makeReps(rng, spec.reps, !!spec.limits);
  const zipShare = spec.family === 'geo' ? 1 : 0.65;
  const zipLen = Math.max(1, Math.round(TOTAL_ZIP_CODES / Math.max(1, Math.round(spec.territories * zipShare))));
  const territories: SynthTerritory[] = [];
  const allRanges: ZipRange[] = [];
  for (let i = 0; i < spec.territories; i++) {
    const {t, ranges} = spec.family === 'geo' ? geoTerritory(rng, i, zipLen) : mixedTerritory(rng, i, zipLen);
    allRanges.push(...ranges);
    const repIds = pickDistinct(rng, reps, Math.min(reps.length, int(rng, 1, 3))).map(r => r.id);
    territories.push({...t, reps: repIds, strategy: 'round_robin'});
  }
  const config: SynthConfig = {
    version: 1,
    reps,
    territories,
    partialMinScore: 1,
    pool: {reps: 'all', strategy: 'round_robin'},
    defaultOwner: reps[0].id,
  };
  if (spec.dedupe) config.dedupe = {fields: ['email'], windowHours: 720};

  const leads: SynthLead[] = [];
  for (let i = 0; i < spec.leads; i++) {
    // Most leads fall inside some territory's zip range, the rest anywhere.
    let zip: number;
    if (allRanges.length && rng() < 0.8) {
      const range = pick(rng, allRanges);
      zip = int(rng, range.lo, range.hi);
    } else {
      zip = int(rng, 0, 99_999);
    }
    leads.push({
      id: `L${i}`,
      zip: zip5(zip),
      state: pick(rng, STATES),
      productLine: pick(rng, PRODUCT_LINES),
      email: `lead${i}@company${i % 997}.com`,
    });
  }
  return {spec, config, leads};
}
