// The routing core: pure data in, data out. No I/O, no clock, no randomness; runs in Node and Apps Script.
import {toJSONSchema} from 'zod/mini';
import {configSchema} from './config/schema';
import type {Decision, DecisionWithAliases} from './types';

export * from './types';
export {configSchema, CANONICAL_FIELDS, OPERATORS, STRATEGIES, CASCADE_STAGES} from './config/schema';
export type {RoutingConfigInput, RepConfig, TerritoryConfig, ConditionConfig} from './config/schema';
export {ConfigError, type ConfigIssue} from './config/errors';
export {parseConfig, validateConfig} from './config/validate';
export {compileConfig, type CompiledConfig} from './compile';
export {route, routeBatch, createRouter, releaseLead, type Router} from './router';
export {emptyState, copyState, mergeStates, parseState, StateError, type StateErrorKind} from './state';
export {summarize, type Summary} from './summary';
export {hash64} from './hash';
export {leadTime, readLeadTime, type LeadTimeOptions, type LeadTimeReading} from './leadTime';
export {WARNING_CODES, type WarningCode, warning, addWarning} from './warnings';
export {hoursFromText, outOfOfficeFromText, dateFromCell, listFromText} from './sheetText';
export {normalizeZip, normalizeState, normalizeCountry} from './normalize/geo';

import {compileConfig as compile} from './compile';
import type {TerritoryMatchResult, TerritoryScore} from './types';

/** Territory scoring only: which territories match a lead, their scores, the winner. */
export function matchTerritories(config: unknown, lead: unknown): TerritoryMatchResult {
  return compile(config).matcher.match(lead);
}

/** Only the best exact and the best partial territory (score desc, then config order): the fast path. */
export function bestTerritories(
  config: unknown,
  lead: unknown,
): {exact: TerritoryScore | null; partial: TerritoryScore | null} {
  return compile(config).matcher.best(lead);
}

/** The decision with the seed aliases CRMs map to custom fields. */
export function withAliases(d: Decision): DecisionWithAliases {
  return {...d, matched_territory_id: d.territoryId, priority_score: d.score, assignment_reason: d.reason};
}

/** JSON Schema (draft 2020-12) of the config, generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = toJSONSchema(configSchema, {io: 'input', unrepresentable: 'any'}) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/routing-config.schema.json',
    title: 'Lead routing config (contract v1)',
  };
}
export {pseudonymFor, hmacSha256Hex, type Pseudonym} from './pseudonym';
