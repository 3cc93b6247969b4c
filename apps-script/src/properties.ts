// What the add-on keeps in properties: settings and last run (document), Airtable token (user).
import {readSettings, type Settings} from './settings';

const SETTINGS_KEY = 'leadRouting.settings';
const LAST_RUN_KEY = 'leadRouting.lastRun';
const AIRTABLE_TOKEN_KEY = 'leadRouting.airtableToken';

export interface RunStatus {
  at: string;
  source: 'sheet' | 'airtable';
  trigger: string;
  assigned: number;
  unassigned: number;
  /** New leads not reached this run (time budget or an Airtable failure): the next run takes them. */
  remaining: number;
  message: string;
  ok: boolean;
}

export function loadSettings(): Settings {
  const raw = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  if (!raw) return readSettings(undefined).settings;
  try {
    return readSettings(JSON.parse(raw)).settings;
  } catch {
    return readSettings(undefined).settings;
  }
}

export function storeSettings(settings: Settings): void {
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, JSON.stringify(settings));
}

export function loadLastRun(): RunStatus | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(LAST_RUN_KEY);
  try {
    return raw ? (JSON.parse(raw) as RunStatus) : null;
  } catch {
    return null;
  }
}

export function storeLastRun(status: RunStatus): void {
  PropertiesService.getDocumentProperties().setProperty(LAST_RUN_KEY, JSON.stringify(status).slice(0, 8000));
}

/** The Airtable personal access token: per user, never in the sheet or document properties. */
export function airtableToken(): string | null {
  return PropertiesService.getUserProperties().getProperty(AIRTABLE_TOKEN_KEY);
}

export function setAirtableToken(token: string | null): void {
  const store = PropertiesService.getUserProperties();
  if (token) store.setProperty(AIRTABLE_TOKEN_KEY, token);
  else store.deleteProperty(AIRTABLE_TOKEN_KEY);
}
