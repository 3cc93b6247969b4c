// Server side of the sidebar (called with google.script.run): its state, save with validation,
// and the actions behind its buttons (Assign now, automatic assignment on/off, Reset rotation).
import {calendarBuilt} from './calendar';
import {mailAvailable} from './notify';
import {airtableToken, loadLastRun, loadSettings, setAirtableToken, storeSettings, type RunStatus} from './properties';
import {configFromSheets} from './configFromSheets';
import {SHEETS} from './layout';
import {runAssignment} from './runner';
import {CASCADE_CHOICES, STRATEGY_CHOICES, readSettings, type Settings} from './settings';
import {installTriggers, ourTriggers, removeTriggers} from './triggers';

/** Human labels for the values the sidebar offers (the stored values stay the core's names). */
export const STRATEGY_LABELS: Record<string, string> = {
  round_robin: 'Round robin (take turns)',
  weighted: 'Weighted (by each rep’s Weight)',
  least_loaded: 'Least loaded (fewest leads today)',
  longest_idle: 'Longest idle (longest since last lead)',
};
export const STAGE_LABELS: Record<string, string> = {
  exact: 'Territory: every condition matches',
  partial: 'Territory: best partial match',
  specialist: 'Specialist: a rep with the lead’s skill',
  pool: 'Everyone available (the pool)',
  default: 'Default owner',
};

export interface LastRunView extends RunStatus {
  /** `at` in the spreadsheet's time zone, e.g. "2026-11-24 10:02 (America/Chicago)". */
  when: string;
}

export interface SidebarState {
  settings: Settings;
  strategies: {value: string; label: string}[];
  stages: {value: string; label: string}[];
  hasAirtableToken: boolean;
  mailAvailable: boolean;
  calendarAvailable: boolean;
  autoAssign: boolean;
  /** The spreadsheet's time zone: reps without a Timezone work in it. */
  timeZone: string;
  lastRun: LastRunView | null;
}

function lastRunView(tz: string): LastRunView | null {
  const last = loadLastRun();
  if (!last) return null;
  const at = new Date(last.at);
  const when = Number.isNaN(at.getTime()) ? last.at : `${Utilities.formatDate(at, tz, 'yyyy-MM-dd HH:mm')} (${tz})`;
  return {...last, when};
}

export function sidebarState(): SidebarState {
  const tz = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return {
    settings: loadSettings(),
    strategies: STRATEGY_CHOICES.map(value => ({value, label: STRATEGY_LABELS[value]})),
    stages: CASCADE_CHOICES.map(value => ({value, label: STAGE_LABELS[value]})),
    hasAirtableToken: airtableToken() !== null,
    mailAvailable: mailAvailable(),
    calendarAvailable: calendarBuilt(),
    autoAssign: ourTriggers().length > 0,
    timeZone: tz,
    lastRun: lastRunView(tz),
  };
}

/**
 * What can be checked on save against this spreadsheet: with the Sheet as the source, the
 * settings that name reps (default owner, accounts) must name reps on the Reps sheet.
 */
function sheetProblems(settings: Settings): string[] {
  if (settings.source !== 'sheet') return [];
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const reps = ss.getSheetByName(SHEETS.reps);
  if (!reps) return [];
  const leads = ss.getSheetByName(SHEETS.leads);
  const header =
    leads && leads.getLastColumn() > 0 ? leads.getRange(1, 1, 1, leads.getLastColumn()).getValues()[0] : [];
  const {issues} = configFromSheets(reps.getDataRange().getValues(), [], header, settings);
  return issues.filter(i => i.startsWith('Settings'));
}

/** Saves the form; the token (if typed) goes to user properties, never into the settings. */
export function saveSidebarForm(form: unknown): {ok: boolean; problems: string[]; state: SidebarState} {
  const input = (typeof form === 'object' && form !== null ? form : {}) as Record<string, unknown>;
  const {settings, problems} = readSettings(input);
  if (settings.notify && !mailAvailable()) problems.push('E-mail is off in this build (no send_mail scope).');
  if (settings.calendar && !calendarBuilt())
    problems.push('Google Calendar availability is off in this build (built without LEAD_ROUTING_CALENDAR=on).');
  const token = typeof input.airtableToken === 'string' ? input.airtableToken.trim() : '';
  if (token && !/^pat[A-Za-z0-9.]{10,}$/.test(token))
    problems.push('An Airtable personal access token starts with "pat".');
  if (problems.length === 0) problems.push(...sheetProblems(settings));
  if (problems.length === 0) {
    const sourceChanged = loadSettings().source !== settings.source;
    storeSettings(settings);
    // Automatic assignment on: the triggers depend on the source (no sheet triggers for Airtable).
    if (sourceChanged && ourTriggers().length > 0) installTriggers(settings.source);
    if (token) setAirtableToken(token);
    if (input.clearAirtableToken === true) setAirtableToken(null);
  }
  return {ok: problems.length === 0, problems, state: sidebarState()};
}

/** The sidebar's Assign now: one run, its status, and the refreshed state. */
export function sidebarAssign(): {status: RunStatus; state: SidebarState} {
  const status = runAssignment('sidebar', Date.now());
  return {status, state: sidebarState()};
}

/** The sidebar's automatic assignment switch. */
export function sidebarAutoAssign(on: boolean): {ok: boolean; message: string; state: SidebarState} {
  if (on) {
    const created = installTriggers(loadSettings().source);
    return {ok: true, message: `Automatic assignment is on (${created.join(', ')}).`, state: sidebarState()};
  }
  const n = removeTriggers();
  return {
    ok: true,
    message: n ? 'Automatic assignment is off.' : 'Automatic assignment was not on.',
    state: sidebarState(),
  };
}
