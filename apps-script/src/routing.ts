// Shared by the Sheet and Airtable runs: config from the tables, one router per run, log rows.
import {
  compileConfig,
  validateConfig,
  type CompiledConfig,
  type Decision,
  type RouteOptions,
  type RoutingConfigInput,
} from '../../shared';
import {applyCalendar, calendarBuilt} from './calendar';
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

export interface BuildOptions {
  /** A date cell as YYYY-MM-DD in the spreadsheet's zone. */
  dateToIso?: (d: Date) => string;
  /** The spreadsheet's time zone: the config's `timezone`. */
  timeZone?: string;
  /** Sets live signals on the config before validation (Google Calendar presence). */
  live?: (config: RoutingConfigInput) => void;
}

/** Tables + settings -> a compiled config; UserError listing every problem (sheet, row, column). */
export function buildConfig(
  repsValues: unknown[][],
  territoriesValues: unknown[][],
  leadHeaders: unknown[],
  settings: Settings,
  options: BuildOptions = {},
): CompiledConfig {
  const {config, issues} = configFromSheets(
    repsValues,
    territoriesValues,
    leadHeaders,
    settings,
    options.dateToIso,
    options.timeZone,
  );
  if (issues.length) throw new UserError(issuesMessage(issues));
  if (options.live) options.live(config);
  const checked = validateConfig(config);
  if (!checked.ok) throw new UserError(issuesMessage(checked.issues.map(i => `${i.path || 'config'}: ${i.message}`)));
  return compileConfig(checked.config);
}

/**
 * BuildOptions for a run at `now` in this spreadsheet: its zone, and the Google Calendar presence
 * of the reps when the setting is on (and the build carries the calendar scope).
 */
export function runOptions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, now: Date): BuildOptions {
  const tz = ss.getSpreadsheetTimeZone();
  const options: BuildOptions = {dateToIso: d => Utilities.formatDate(d, tz, 'yyyy-MM-dd'), timeZone: tz};
  if (settings.calendar && calendarBuilt()) {
    options.live = config => applyCalendar(config.reps, now, d => Utilities.formatDate(d, tz, 'HH:mm'));
  }
  return options;
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
    escapeCell((d.warnings ?? []).map(w => w.message).join('\n')),
  ];
}

/**
 * The warnings of a run for its status message, grouped by code like the CLI's summary:
 * "2 leads: Zip "2134" read as the US ZIP 02134 (…)." with the first lead's sentence; at most
 * `max` groups, then "and N more kinds".
 */
export function warningSummary(decisions: readonly Decision[], max = 3): string {
  const groups = new Map<string, {n: number; message: string}>();
  for (const d of decisions) {
    const seen = new Set<string>();
    for (const w of d.warnings ?? []) {
      if (seen.has(w.code)) continue;
      seen.add(w.code);
      const g = groups.get(w.code);
      if (g) g.n++;
      else groups.set(w.code, {n: 1, message: w.message});
    }
  }
  if (groups.size === 0) return '';
  const parts = [...groups.values()]
    .slice(0, max)
    .map(g => `${g.n} lead${g.n === 1 ? '' : 's'}: ${g.message}${g.n > 1 ? ' (and similar)' : ''}`);
  if (groups.size > max) parts.push(`and ${groups.size - max} more kinds`);
  return `Warnings (see the Routing Log): ${parts.join(' ')}`;
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

/**
 * Who live presence (Google Calendar) kept out of this run, for the status message:
 * "Not available now: Ben Ode (busy in Google Calendar until 10:30)." ('' when nobody).
 */
export function awayNote(compiled: CompiledConfig): string {
  const away = compiled.reps.filter(r => r.available && r.away).map(r => `${r.name} (${r.presence})`);
  return away.length ? `Not available now: ${away.join(', ')}.` : '';
}
