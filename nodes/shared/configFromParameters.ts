// Node parameters -> a raw routing config (the core validates and compiles it).
import {NodeOperationError, type IDataObject, type IExecuteFunctions} from 'n8n-workflow';
import {CASCADE_STAGES, compileConfig, ConfigError, type CompiledConfig, type RoutingWarning} from '../../shared';
import {repsFromRoster, uiRepRow} from './roster';

type Raw = Record<string, unknown>;

/** A list parameter: options picked (an array) or, as older workflows and expressions give it, comma-separated text. */
const csv = (v: unknown): string[] =>
  (Array.isArray(v) ? v.map(x => String(x ?? '')) : String(v ?? '').split(',')).map(s => s.trim()).filter(Boolean);

/** A JSON parameter arrives as a string (typed) or as a value (expression); '' means not set. */
export function jsonParameter(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  if (!value.trim()) return undefined;
  let problem = '';
  try {
    return JSON.parse(value) as unknown;
  } catch (e) {
    problem = (e as Error).message;
  }
  throw new ConfigError([{path: name, message: `is not valid JSON (${problem})`}]);
}

interface UiRep extends IDataObject {
  id?: string;
}
interface UiCondition {
  field?: string;
  op?: string;
  values?: string;
  weight?: number;
}
interface UiTerritory {
  id?: string;
  name?: string;
  priority?: number;
  match?: string;
  conditions?: {condition?: UiCondition[]};
  reps?: string | string[];
  strategy?: string;
}

function territoriesFromUi(ui: {territory?: UiTerritory[]}): Raw[] {
  return (ui.territory ?? []).map(t => {
    const out: Raw = {
      id: t.id ?? '',
      priority: t.priority ?? 0,
      match: t.match ?? 'all',
      conditions: (t.conditions?.condition ?? []).map(c => ({
        field: c.field ?? '',
        op: c.op ?? 'in',
        values: csv(c.values),
        weight: c.weight ?? 1,
      })),
      reps: csv(t.reps),
    };
    if (t.name) out.name = t.name;
    if (t.strategy) out.strategy = t.strategy;
    return out;
  });
}

/** The config built from the "Build in This Node" parameters. */
export function configFromUi(ctx: IExecuteFunctions, i: number): Raw {
  const p = <T>(name: string, fallback: T): T => ctx.getNodeParameter(name, i, fallback) as T;
  const config: Raw = {
    reps: repsFromRoster(((p('reps', {}) as {rep?: UiRep[]}).rep ?? []).map(uiRepRow)),
    territories: territoriesFromUi(p('territories', {})),
    cascade: CASCADE_STAGES.filter(s => p<string[]>('cascade', [...CASCADE_STAGES]).includes(s)),
    partialMinScore: p('partialMinScore', 1),
    pool: {
      reps: csv(p('poolReps', [])).length ? csv(p('poolReps', [])) : 'all',
      strategy: p('poolStrategy', 'round_robin'),
    },
  };
  const defaultOwner = String(p('defaultOwner', '') ?? '').trim();
  if (defaultOwner) config.defaultOwner = defaultOwner;
  const dedupeFields = csv(p('dedupeFields', ''));
  if (dedupeFields.length) config.dedupe = {fields: dedupeFields, windowHours: p('dedupeWindowHours', 720)};
  if (p<string>('accountOwner', 'off') === 'emailDomain') {
    const accounts: Record<string, string> = {};
    for (const a of (p('accounts', {}) as {account?: Array<{domain?: string; repId?: string}>}).account ?? []) {
      if (a.domain) accounts[a.domain.trim().toLowerCase()] = String(a.repId ?? '').trim();
    }
    config.accountOwner = {by: 'emailDomain', accounts};
  }
  return config;
}

/** The Intent Keywords option's default (descriptions.ts shows the same text). */
export const DEFAULT_INTENT_KEYWORDS = 'quote, pricing, price, demo, buy, purchase, trial, proposal';

export interface RouteOptionsParams {
  roster?: unknown;
  requireIntent?: boolean;
  intentField?: string;
  intentKeywords?: string;
  /** Route Lead's Date Order option: how the roster's slash dates are read (else the config's `dateOrder`). */
  dateOrder?: '' | 'MDY' | 'DMY';
}

/**
 * The raw config of item i for Route Lead / Territory Match: UI or JSON, then the field mapping,
 * roster and intent options layered on top.
 */
export function rawConfig(ctx: IExecuteFunctions, i: number, options: RouteOptionsParams = {}): Raw {
  const source = ctx.getNodeParameter('configSource', i, 'ui') as string;
  const mapping = ctx.getNodeParameter('fieldMapping', i, {}) as Record<string, string>;
  if (source !== 'json') return layered(configFromUi(ctx, i), mapping, options);
  // Items of one execution (and executions of one workflow) usually share the same JSON text:
  // parse and layer it once, and hand back the same object so the compiled config is found by identity.
  const json = ctx.getNodeParameter('configJson', i, '{}');
  const key =
    (typeof json === 'string' ? json : JSON.stringify(json)) +
    '\u0000' +
    JSON.stringify([
      mapping,
      options.roster ?? null,
      options.requireIntent ?? false,
      options.intentField ?? '',
      options.intentKeywords ?? '',
    ]);
  if (lastJsonConfig?.key === key) return lastJsonConfig.raw;
  const raw = layered(jsonConfig(json), mapping, options);
  lastJsonConfig = {key, raw};
  return raw;
}

let lastJsonConfig: {key: string; raw: Raw} | undefined;

function jsonConfig(json: unknown): Raw {
  const parsed = jsonParameter(json, 'configJson');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([{path: '', message: 'the config must be a JSON object'}]);
  }
  return {...(parsed as Raw)};
}

function layered(config: Raw, mapping: Record<string, string>, options: RouteOptionsParams): Raw {
  const mapped = Object.fromEntries(Object.entries(mapping).filter(([, v]) => typeof v === 'string' && v.trim()));
  if (Object.keys(mapped).length) config.fields = {...((config.fields as Raw) ?? {}), ...mapped};
  const roster = jsonParameter(options.roster, 'roster');
  if (roster !== undefined && roster !== null && roster !== '') {
    // (rows from a sheet: a cell that cannot be read is a warning on each decision, not a stop)
    const notes: RoutingWarning[] = [];
    const order = options.dateOrder || (config.dateOrder as 'MDY' | 'DMY' | undefined);
    config.reps = repsFromRoster(roster, notes, order || undefined);
    if (notes.length) rosterNotes.set(config, notes);
  }
  if (options.requireIntent) {
    const existing = (config.intent as Raw | undefined) ?? {};
    const keywords = csv(options.intentKeywords);
    config.intent = {
      ...existing,
      field: options.intentField?.trim() || existing.field || 'message',
      // (n8n leaves an option out until it is added: no Intent Keywords option means its default list)
      keywords: keywords.length ? keywords : (existing.keywords ?? csv(DEFAULT_INTENT_KEYWORDS)),
      required: true,
    };
  }
  return config;
}

/** A ConfigError that knows the territories' names, so messages can name them. */
type NamedConfigError = ConfigError & {territoryNames?: string[]};

function withTerritoryNames(error: unknown, raw: unknown): unknown {
  if (error instanceof ConfigError) (error as NamedConfigError).territoryNames = territoryNames(raw);
  return error;
}

function territoryNames(raw: unknown): string[] {
  const ts = (raw as {territories?: unknown} | null)?.territories;
  if (!Array.isArray(ts)) return [];
  return ts.map(t => {
    const r = (t ?? {}) as {name?: unknown; id?: unknown};
    const name = typeof r.name === 'string' && r.name.trim() ? r.name : typeof r.id === 'string' ? r.id : '';
    return name.trim();
  });
}

const rosterNotes = new WeakMap<object, RoutingWarning[]>();

/** Keeps the roster cells that could not be read for `raw` (see `configWarnings`). */
export function noteConfigWarnings(raw: object, notes: RoutingWarning[]): void {
  if (notes.length) rosterNotes.set(raw, notes);
}

/** The roster cells `rawConfig` could not read for this config (warnings for each decision), if any. */
export function configWarnings(raw: object): RoutingWarning[] | undefined {
  return rosterNotes.get(raw);
}

// Webhook-driven workflows run one execution per lead: keep compiled configs between executions.
const cache = new Map<string, CompiledConfig>();
const CACHE_SIZE = 32;

const byIdentity = new WeakMap<object, CompiledConfig>();

/** Validates and compiles (cached by identity, then by content). Throws ConfigError. */
export function compileCached(raw: unknown): CompiledConfig {
  const same = typeof raw === 'object' && raw !== null ? byIdentity.get(raw) : undefined;
  if (same) return same;
  let compiled: CompiledConfig | null = null;
  let failure: unknown = null;
  try {
    compiled = compileByContent(raw);
  } catch (error) {
    failure = error;
  }
  // A ConfigError gains the territories' names; configErrorToNodeError turns it into the NodeOperationError.
  if (compiled === null) throw withTerritoryNames(failure, raw);
  if (typeof raw === 'object' && raw !== null) byIdentity.set(raw, compiled);
  return compiled;
}

function compileByContent(raw: unknown): CompiledConfig {
  const key = JSON.stringify(raw);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileConfig(raw);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

/** A ConfigError as the NodeOperationError n8n shows: the first problem in the title, all of them with paths below. */
export function configErrorToNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
  if (error instanceof NodeOperationError) return error;
  if (error instanceof ConfigError || (error as {name?: string}).name === 'ConfigError') {
    const issues = (error as ConfigError).issues;
    const names = (error as NamedConfigError).territoryNames ?? [];
    const first = issues[0];
    // "config.territories[0].reps[1]" -> "territory \"West\" (config.territories[0].reps[1])"
    const where = (path: string) => {
      const at = path ? `config.${path}` : 'config';
      const t = /^territories\[(\d+)\]/.exec(path);
      const name = t ? names[Number(t[1])] : '';
      return name ? `territory "${name}" (${at})` : at;
    };
    return new NodeOperationError(
      ctx.getNode(),
      `Invalid routing config: ${where(first?.path ?? '')} ${first?.message ?? ''}`.trim(),
      {
        itemIndex,
        description: issues.map(x => `${where(x.path)}: ${x.message}`).join('\n'),
      },
    );
  }
  return new NodeOperationError(ctx.getNode(), error instanceof Error ? error.message : String(error), {itemIndex});
}
