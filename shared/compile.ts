import type {RoutingConfig} from './config/schema';
import {parseConfig} from './config/validate';
import {canonicalJson, hash64} from './hash';
import {parseHours, type WeeklyHours} from './hours';
import {compileIntent, type IntentMatcher} from './intent';
import {compilePath, fieldPath, type FieldKind} from './lead';
import {availableSet, presenceVerdict} from './presence';
import {normalizeText} from './normalize/text';
import {TerritoryMatcher} from './territories';
import type {CascadeStage, Strategy} from './types';

export interface CompiledRep {
  idx: number;
  id: string;
  name: string;
  email: string | null;
  available: boolean;
  /** Live presence says not available now (why `away`). */
  away: boolean;
  /** Live presence could not be read (routed on its flags; warning `availability_unknown`). */
  presenceUnknown: boolean;
  /** The raw presence value as text, for reasons ("" when none). */
  presence: string;
  /** Open records owned now (-1 when not given) and the cap on them (Infinity = none). */
  openLoad: number;
  open: number;
  weight: number;
  skills: string[];
  daily: number;
  weekly: number;
  monthly: number;
  tz: string;
  hours: WeeklyHours | null;
  outOfOffice: Array<[string, string]>;
  /** Does any check need the local time? */
  needsClock: boolean;
}

export interface CompiledPool {
  /** Rotation state key (see `territoryKey` and `tiedKey`), "pool" or "specialist:<skill>". */
  key: string;
  /** Where a router keeps this pool's rotation state; pools with the same key share a slot. */
  slot: number;
  reps: number[];
  strategy: Strategy;
}

/**
 * Territory pools packed for the hot path, one record of FLAT_STRIDE numbers per territory t at
 * FLAT_STRIDE * t (one cache line on maps of 10,000 territories): pool slot, round robin (1/0), the
 * range of `reps` its reps occupy, and whether its exact score is always its full score (match: all).
 */
export interface TerritoryFlat {
  records: Int32Array;
  reps: Int32Array;
}
export const FLAT_STRIDE = 8;
export const FLAT_SLOT = 0;
export const FLAT_ROUND_ROBIN = 1;
export const FLAT_FROM = 2;
export const FLAT_TO = 3;
export const FLAT_FIXED_SCORE = 4;

/** Rotation-state keys by slot (grows as tied pools are first met). */
export interface PoolSlots {
  keys: string[];
  byKey: Map<string, number>;
  /** By slot: the key an older version stored this pool's rotation under, read when `keys[slot]` is absent. */
  legacy: Array<string | undefined>;
}

/** Territory ids that would read as another kind of rotation key, and so are stored with a prefix. */
const OTHER_KEY = /^(?:pool$|specialist:|tied:|territory:)/;

/**
 * The rotation-state key of a territory's own pool: its id, or `territory:<id>` when the id would
 * read as another kind of key ("pool", "specialist:…", "tied:…", "territory:…"). Keys never collide
 * (issue 11 #7): ids without those starts map to themselves, the others all start with "territory:".
 */
export function territoryKey(id: string): string {
  return OTHER_KEY.test(id) ? 'territory:' + id : id;
}

/**
 * The rotation-state key of territories tied on one score: `tied:` and the JSON array of their sorted
 * ids, e.g. `tied:["Solar","Storage"]`, which no territory key, "pool" or "specialist:…" can equal,
 * and two different sets of ids cannot share (JSON quotes every id). Older versions joined the ids
 * with "+" (`legacyTiedKey`), which collided with a territory called "a+b".
 */
export function tiedKey(ids: string[]): string {
  return 'tied:' + JSON.stringify([...ids].sort());
}

function legacyTiedKey(ids: string[]): string {
  return [...ids].sort().join('+');
}

export interface FieldRef {
  path: string[];
  kind: FieldKind;
}

export interface CompiledConfig {
  readonly compiled: true;
  readonly config: RoutingConfig;
  /** Short hash of the canonical config. */
  readonly version: string;
  readonly reps: CompiledRep[];
  readonly repIndex: Map<string, number>;
  readonly matcher: TerritoryMatcher;
  readonly territoryPools: CompiledPool[];
  readonly territoryFlat: TerritoryFlat;
  readonly territoryIndex: Map<string, number>;
  /** Pools of tied territories, found by a numeric fingerprint of their indexes (then compared exactly). */
  readonly tiedPools: Map<number, Array<{territories: number[]; pool: CompiledPool}>>;
  readonly pool: CompiledPool | null;
  readonly poolSlots: PoolSlots;
  readonly specialists: Map<string, CompiledPool>;
  readonly defaultOwner: number;
  readonly cascade: CascadeStage[];
  readonly paths: Record<'id' | 'email' | 'productLine' | 'industry' | 'source', string[]>;
  readonly dedupe: {fields: FieldRef[]; windowMs: number; maxEntries: number} | null;
  readonly account: {
    accounts: Map<string, string>;
    learn: boolean;
    freeMail: Set<string>;
    maxLearned: number;
  } | null;
  /** Some rep's presence could not be read (decisions that consider it carry a warning). */
  readonly presenceUnknown: boolean;
  readonly intent: {path: string[]; matcher: IntentMatcher; required: boolean; sources: Set<string> | null} | null;
}

export const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'ymail.com',
  'rocketmail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'zoho.com',
  'qq.com',
  '163.com',
  '126.com',
  'comcast.net',
  'att.net',
  'verizon.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'laposte.net',
  'orange.fr',
  'free.fr',
  'btinternet.com',
  'shaw.ca',
  'rogers.com',
];

const compiledCache = new WeakMap<object, CompiledConfig>();

function isCompiled(x: unknown): x is CompiledConfig {
  return typeof x === 'object' && x !== null && (x as {compiled?: unknown}).compiled === true;
}

/**
 * Validates (when given raw input) and compiles a config once: indexes for territory matching,
 * rep lookups, pools. Throws ConfigError listing every problem with its path.
 */
export function compileConfig(input: unknown): CompiledConfig {
  if (isCompiled(input)) return input;
  if (typeof input === 'object' && input !== null) {
    const cached = compiledCache.get(input);
    if (cached) return cached;
  }
  const config = parseConfig(input);
  const compiled = build(config);
  if (typeof input === 'object' && input !== null) compiledCache.set(input, compiled);
  return compiled;
}

function build(config: RoutingConfig): CompiledConfig {
  const field = (name: keyof RoutingConfig['fields']) => fieldPath(config.fields, name);
  const availableValues = availableSet(config.availability?.availableValues);
  const reps: CompiledRep[] = config.reps.map((r, idx) => {
    const verdict = presenceVerdict(r.presence, availableValues);
    const hours = r.hours ? parseHours(r.hours).hours : null;
    const outOfOffice = r.outOfOffice.map(o => [o.from, o.to] as [string, string]);
    const cap = r.capacity ?? {};
    const daily = cap.daily ?? Infinity;
    const weekly = cap.weekly ?? Infinity;
    const monthly = cap.monthly ?? Infinity;
    return {
      idx,
      id: r.id,
      name: r.name ?? r.id,
      email: r.email ?? null,
      available: r.available,
      away: verdict === 'away',
      presenceUnknown: verdict === 'unknown',
      presence: r.presence === undefined || r.presence === null ? '' : String(r.presence),
      openLoad: r.openLoad ?? -1,
      open: cap.open ?? Infinity,
      weight: r.weight,
      skills: r.skills.map(s => normalizeText(s)),
      daily,
      weekly,
      monthly,
      tz: r.timezone ?? config.timezone ?? 'UTC',
      hours,
      outOfOffice,
      needsClock: hours !== null || outOfOffice.length > 0 || Math.min(daily, weekly, monthly) < Infinity,
    };
  });
  const repIndex = new Map(reps.map(r => [r.id, r.idx]));
  const idx = (id: string) => repIndex.get(id)!;

  const poolSlots: PoolSlots = {keys: [], byKey: new Map(), legacy: []};
  const territoryPools = config.territories.map(t => ({
    key: territoryKey(t.id),
    slot: slotFor(poolSlots, territoryKey(t.id), /^(?:pool$|specialist:)/.test(t.id) ? undefined : t.id),
    reps: unique(t.reps.map(idx)),
    strategy: t.strategy,
  }));
  const pool = {
    key: 'pool',
    slot: slotFor(poolSlots, 'pool'),
    reps: config.pool.reps === 'all' ? reps.map(r => r.idx) : unique(config.pool.reps.map(idx)),
    strategy: config.pool.strategy,
  };

  const specialists = new Map<string, CompiledPool>();
  for (const r of reps) {
    for (const skill of r.skills) {
      if (!skill) continue;
      let p = specialists.get(skill);
      if (!p) {
        const key = `specialist:${skill}`;
        specialists.set(skill, (p = {key, slot: slotFor(poolSlots, key), reps: [], strategy: config.pool.strategy}));
      }
      if (!p.reps.includes(r.idx)) p.reps.push(r.idx);
    }
  }

  const fieldKind = (f: string): FieldKind => (f === 'zip' || f === 'state' || f === 'country' ? f : 'text');
  const canonical = config.fields as Record<string, string | undefined>;
  const dedupe = config.dedupe
    ? {
        // (the e-mail field is keyed by mailbox: Gmail dots and +tags do not make a new person)
        fields: config.dedupe.fields.map(f => ({
          path: fieldPath(canonical, f),
          kind: f === 'email' ? ('email' as const) : fieldKind(f),
        })),
        windowMs: config.dedupe.windowHours * 3600000,
        maxEntries: config.dedupe.maxEntries,
      }
    : null;
  const account = config.accountOwner
    ? {
        accounts: new Map(
          Object.entries(config.accountOwner.accounts).map(([d, r]) => [d.trim().toLowerCase().replace(/^@/, ''), r]),
        ),
        learn: config.accountOwner.learn,
        freeMail: new Set([
          ...FREE_MAIL_DOMAINS,
          ...config.accountOwner.freeMailDomains.map(d => d.trim().toLowerCase()),
        ]),
        maxLearned: config.accountOwner.maxLearned,
      }
    : null;
  const intent = config.intent
    ? {
        path: compilePath(config.intent.field),
        matcher: compileIntent(config.intent.keywords),
        required: config.intent.required,
        sources: config.intent.sources ? new Set(config.intent.sources.map(s => normalizeText(s))) : null,
      }
    : null;

  return {
    compiled: true,
    config,
    version: hash64(canonicalJson(config)).slice(0, 12),
    reps,
    repIndex,
    matcher: new TerritoryMatcher(config),
    territoryPools,
    territoryFlat: flatten(territoryPools, config.territories),
    territoryIndex: new Map(config.territories.map((t, i) => [t.id, i])),
    tiedPools: new Map(),
    pool,
    poolSlots,
    specialists,
    defaultOwner: config.defaultOwner !== undefined ? idx(config.defaultOwner) : -1,
    cascade: config.cascade,
    paths: {
      id: field('id'),
      email: field('email'),
      productLine: field('productLine'),
      industry: field('industry'),
      source: field('source'),
    },
    dedupe,
    account,
    presenceUnknown: reps.some(r => r.presenceUnknown),
    intent,
  };
}

/** Territory t's strategy (from its packed record when it is round robin). */
export function territoryStrategy(c: CompiledConfig, t: number): Strategy {
  return c.territoryFlat.records[FLAT_STRIDE * t + FLAT_ROUND_ROBIN] === 1
    ? 'round_robin'
    : c.territoryPools[t].strategy;
}

function flatten(pools: CompiledPool[], territories: RoutingConfig['territories']): TerritoryFlat {
  const records = new Int32Array(pools.length * FLAT_STRIDE);
  const reps = new Int32Array(pools.reduce((n, p) => n + p.reps.length, 0));
  let at = 0;
  pools.forEach((p, t) => {
    const r = FLAT_STRIDE * t;
    records[r + FLAT_SLOT] = p.slot;
    records[r + FLAT_ROUND_ROBIN] = p.strategy === 'round_robin' ? 1 : 0;
    records[r + FLAT_FROM] = at;
    reps.set(p.reps, at);
    at += p.reps.length;
    records[r + FLAT_TO] = at;
    records[r + FLAT_FIXED_SCORE] = territories[t].match === 'all' ? 1 : 0;
  });
  return {records, reps};
}

function slotFor(slots: PoolSlots, key: string, legacy?: string): number {
  let slot = slots.byKey.get(key);
  if (slot === undefined) {
    slot = slots.keys.length;
    slots.keys.push(key);
    slots.legacy.push(legacy !== key ? legacy : undefined);
    slots.byKey.set(key, slot);
  }
  return slot;
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}

/** The pool of territories tied on one score: their reps in config order, keyed by their sorted ids. */
export function tiedPool(c: CompiledConfig, territories: number[]): CompiledPool {
  const ordered = isAscending(territories) ? territories : [...territories].sort((a, b) => a - b);
  let fp = ordered.length;
  for (let i = 0; i < ordered.length; i++) fp = (Math.imul(fp, 31) + ordered[i]) | 0;
  let bucket = c.tiedPools.get(fp);
  if (!bucket) c.tiedPools.set(fp, (bucket = []));
  for (const entry of bucket) {
    if (entry.territories.length === ordered.length && entry.territories.every((t, i) => t === ordered[i]))
      return entry.pool;
  }
  const ids = ordered.map(t => c.config.territories[t].id);
  const key = tiedKey(ids);
  const reps: number[] = [];
  for (const t of ordered) for (const r of c.territoryPools[t].reps) if (!reps.includes(r)) reps.push(r);
  const slot = slotFor(c.poolSlots, key, legacyTiedKey(ids));
  const pool = {key, slot, reps, strategy: c.territoryPools[ordered[0]].strategy};
  bucket.push({territories: ordered === territories ? [...ordered] : ordered, pool});
  return pool;
}

function isAscending(xs: number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) return false;
  return true;
}
