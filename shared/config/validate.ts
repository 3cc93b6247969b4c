import {configSchema, type RoutingConfig} from './schema';
import {ConfigError, formatPath, type ConfigIssue} from './errors';
import {parseHours} from '../hours';
import {isValidTimeZone} from '../time';
import {normalizeZip, zipNumber} from '../normalize/geo';

/** Every problem in a config, with its path; `ok` with the config (defaults filled in) when there is none. */
export function validateConfig(input: unknown): {ok: true; config: RoutingConfig} | {ok: false; issues: ConfigIssue[]} {
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (e) {
      return {ok: false, issues: [{path: '', message: `not valid JSON: ${(e as Error).message}`}]};
    }
  }
  const parsed = configSchema.safeParse(input);
  // (the parse drops "__proto__" keys of records without a word: they are named here)
  const dropped = droppedKeyIssues(input);
  if (!parsed.success || dropped.length) {
    const issues = parsed.success ? [] : parsed.error.issues.map(i => ({path: formatPath(i.path), message: i.message}));
    issues.push(...dropped);
    // Also report the cross-reference problems the structure check could not reach.
    const seen = new Set(issues.map(i => i.path + '\n' + i.message));
    for (const extra of bestEffortSemanticIssues(input)) {
      if (!seen.has(extra.path + '\n' + extra.message)) issues.push(extra);
    }
    return {ok: false, issues};
  }
  const issues = semanticIssues(parsed.data);
  return issues.length ? {ok: false, issues} : {ok: true, config: parsed.data};
}

/** The config with defaults filled in; throws ConfigError listing every problem. */
export function parseConfig(input: unknown): RoutingConfig {
  const result = validateConfig(input);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}

/** "__proto__" keys in the user-keyed maps of a raw config (hours, account owners), which parsing would drop. */
function droppedKeyIssues(input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const own = (v: unknown, key: string) =>
    v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, key);
  if (input === null || typeof input !== 'object') return issues;
  const raw = input as {reps?: unknown; accountOwner?: {accounts?: unknown}};
  if (Array.isArray(raw.reps)) {
    raw.reps.forEach((rep: {hours?: unknown} | null, i) => {
      if (rep && own(rep.hours, '__proto__')) {
        issues.push({
          path: `reps[${i}].hours.__proto__`,
          message: '"__proto__" is not a day (mon…sun) or a day range such as mon-fri',
        });
      }
    });
  }
  if (raw.accountOwner && own(raw.accountOwner.accounts, '__proto__')) {
    issues.push({path: 'accountOwner.accounts.__proto__', message: '"__proto__" is not an e-mail domain'});
  }
  return issues;
}

function bestEffortSemanticIssues(input: unknown): ConfigIssue[] {
  if (input === null || typeof input !== 'object') return [];
  const raw = input as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const obj = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  try {
    const loose = {
      ...raw,
      fields: obj(raw.fields),
      reps: list(raw.reps).map(r => ({...obj(r), outOfOffice: list(obj(r).outOfOffice ?? [])})),
      territories: list(raw.territories).map(t => ({
        ...obj(t),
        reps: list(obj(t).reps),
        conditions: list(obj(t).conditions).map(c => ({...obj(c), values: list(obj(c).values)})),
      })),
      cascade: list(raw.cascade),
      pool: {reps: 'all', ...obj(raw.pool)},
    } as unknown as RoutingConfig;
    return semanticIssues(loose);
  } catch {
    return [];
  }
}

function semanticIssues(config: RoutingConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({path, message});

  if (config.timezone !== undefined && !isValidTimeZone(config.timezone)) {
    add('timezone', `unknown time zone "${config.timezone}" (use an IANA name such as America/Chicago)`);
  }
  const repIds = new Map<string, number>();
  config.reps.forEach((rep, i) => {
    const first = repIds.get(rep.id);
    if (first !== undefined) add(`reps[${i}].id`, `duplicate rep id "${rep.id}" (also reps[${first}])`);
    else repIds.set(rep.id, i);
    if (rep.timezone !== undefined && !isValidTimeZone(rep.timezone)) {
      add(`reps[${i}].timezone`, `unknown time zone "${rep.timezone}" (use an IANA name such as America/Chicago)`);
    }
    for (const [key, value] of Object.entries(rep.hours ?? {})) {
      const problem = parseHours({[key]: value}).error;
      if (problem) add(`reps[${i}].hours.${key}`, problem);
    }
    rep.outOfOffice.forEach((range, j) => {
      if (range.from > range.to) add(`reps[${i}].outOfOffice[${j}]`, `"from" ${range.from} is after "to" ${range.to}`);
    });
  });
  const checkRep = (path: string, id: string) => {
    if (!repIds.has(id)) add(path, `unknown rep "${id}" (not in reps)`);
  };

  const territoryIds = new Map<string, number>();
  config.territories.forEach((t, i) => {
    const first = territoryIds.get(t.id);
    if (first !== undefined)
      add(`territories[${i}].id`, `duplicate territory id "${t.id}" (also territories[${first}])`);
    else territoryIds.set(t.id, i);
    t.reps.forEach((r, j) => checkRep(`territories[${i}].reps[${j}]`, r));
    t.conditions.forEach((c, j) => {
      const path = `territories[${i}].conditions[${j}]`;
      const n = c.values.length;
      if (c.op === 'exists') {
        if (n !== 0) add(`${path}.values`, '"exists" takes no values');
      } else if (c.op === 'between') {
        if (n !== 2) add(`${path}.values`, '"between" takes exactly two values [low, high]');
        else if (c.field === 'zip' || config.fields.zip === c.field) {
          const [lo, hi] = c.values.map(v => zipNumber(normalizeZip(v)));
          const [a, b] = c.values.map(v => normalizeZip(v, false));
          const sameDigits = /^\d+$/.test(a) && /^\d+$/.test(b) && a.length === b.length;
          if ((Number.isNaN(lo) || Number.isNaN(hi)) && !sameDigits) {
            add(`${path}.values`, 'zip ranges need two 5-digit US ZIP codes, or two digit codes of one length');
          } else if (Number.isNaN(lo) || Number.isNaN(hi) ? a > b : lo > hi) {
            add(`${path}.values`, `low ${c.values[0]} is above high ${c.values[1]}`);
          }
        }
      } else if (c.op === 'gte' || c.op === 'lte') {
        if (n !== 1) add(`${path}.values`, `"${c.op}" takes exactly one value`);
      } else if (n === 0) {
        add(`${path}.values`, `"${c.op}" needs at least one value`);
      }
    });
  });

  const seen = new Set<string>();
  config.cascade.forEach((stage, i) => {
    if (seen.has(stage)) add(`cascade[${i}]`, `stage "${stage}" is listed twice`);
    seen.add(stage);
  });
  if (Array.isArray(config.pool.reps)) config.pool.reps.forEach((r, j) => checkRep(`pool.reps[${j}]`, r));
  if (config.defaultOwner !== undefined) checkRep('defaultOwner', config.defaultOwner);
  for (const [domain, owner] of Object.entries(config.accountOwner?.accounts ?? {})) {
    checkRep(`accountOwner.accounts.${domain}`, owner);
  }
  return issues;
}
