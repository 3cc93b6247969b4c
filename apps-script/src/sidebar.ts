// Server side of the Settings sidebar (called with google.script.run).
import {calendarBuilt} from './calendar';
import {mailAvailable} from './notify';
import {airtableToken, loadLastRun, loadSettings, setAirtableToken, storeSettings, type RunStatus} from './properties';
import {CASCADE_CHOICES, STRATEGY_CHOICES, readSettings, type Settings} from './settings';
import {installTriggers, ourTriggers} from './triggers';

export interface SidebarState {
  settings: Settings;
  strategies: string[];
  stages: string[];
  hasAirtableToken: boolean;
  mailAvailable: boolean;
  calendarAvailable: boolean;
  autoAssign: boolean;
  lastRun: RunStatus | null;
}

export function sidebarState(): SidebarState {
  return {
    settings: loadSettings(),
    strategies: STRATEGY_CHOICES,
    stages: CASCADE_CHOICES,
    hasAirtableToken: airtableToken() !== null,
    mailAvailable: mailAvailable(),
    calendarAvailable: calendarBuilt(),
    autoAssign: ourTriggers().length > 0,
    lastRun: loadLastRun(),
  };
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
