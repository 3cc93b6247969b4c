// Shared by the Sheet and Airtable runs: config from the tables, one router per run, log rows.
import {compileConfig, validateConfig, type CompiledConfig, type Decision, type RouteOptions} from '../../shared';
import {configFromSheets} from './configFromSheets';
import {escapeCell} from './escape';
import {headerKey} from './layout';
import type {Settings} from './settings';

/** A problem the user can fix (bad config, missing sheet): shown as is, never with a stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

const MAX_ISSUES_SHOWN = 12;

function issuesMessage(issues: string[]): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map(i => '• ' + i);
  if (issues.length > MAX_ISSUES_SHOWN) shown.push(`… and ${issues.length - MAX_ISSUES_SHOWN} more.`);
  return 'Lead routing cannot run until these are fixed:\n' + shown.join('\n');
}

export function buildConfig(
  repsValues: unknown[][],
  territoriesValues: unknown[][],
  leadHeaders: unknown[],
  settings: Settings,
  dateToIso?: (d: Date) => string,
): CompiledConfig {
  const {config, issues} = configFromSheets(repsValues, territoriesValues, leadHeaders, settings, dateToIso);
  if (issues.length) throw new UserError(issuesMessage(issues));
  const checked = validateConfig(config);
  if (!checked.ok) throw new UserError(issuesMessage(checked.issues.map(i => `${i.path || 'config'}: ${i.message}`)));
  return compileConfig(checked.config);
}

const LABEL_HEADERS = ['name', 'fullname', 'firstname', 'company', 'email', 'id'];

/** A short human label for a lead in the log and e-mails: its name, else company, e-mail or id. */
export function leadLabel(lead: Record<string, unknown>): string {
  const byKey = new Map<string, unknown>();
  for (const [k, v] of Object.entries(lead)) if (!byKey.has(headerKey(k))) byKey.set(headerKey(k), v);
  const first = String(byKey.get('firstname') ?? '').trim();
  const last = String(byKey.get('lastname') ?? '').trim();
  if (first || last) return `${first} ${last}`.trim();
  for (const k of LABEL_HEADERS) {
    const v = byKey.get(k);
    if (v !== undefined && String(v).trim() !== '') return String(v).trim();
  }
  return '';
}

export type LogRow = unknown[];

/** One Routing Log row (LOG_HEADERS order), every value from lead data escaped. */
export function logRow(
  source: 'Sheet' | 'Airtable',
  where: string | number,
  lead: Record<string, unknown>,
  d: Decision,
  at: Date,
): LogRow {
  return [
    at,
    source,
    escapeCell(where),
    escapeCell(leadLabel(lead)),
    escapeCell(d.ownerName ?? ''),
    escapeCell(d.ownerId ?? ''),
    d.stage,
    escapeCell(d.territoryName ?? ''),
    d.score ?? '',
    escapeCell(d.reason),
    d.configVersion,
  ];
}

/**
 * Router options of a run: no trace, and the installation's secret for keyed pseudonyms
 * (dedupe keys, learned domains; see secret.ts). Typed loosely so the core's RouteOptions decides.
 */
export function routeOptions(secret?: string): RouteOptions {
  const options: RouteOptions & {secret?: string} = {trace: false};
  if (secret) options.secret = secret;
  return options;
}
