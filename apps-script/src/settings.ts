// The add-on's settings (sidebar): kept as JSON in document properties. The Airtable token is
// not a setting: it lives in user properties (see airtableToken in properties.ts).
import {CASCADE_STAGES, STRATEGIES, type CascadeStage, type Strategy} from '../../shared';

export interface Settings {
  source: 'sheet' | 'airtable';
  /** Strategy of the fallback pool, and of territories without a Strategy cell. */
  strategy: Strategy;
  cascade: CascadeStage[];
  /** Rep id, name or e-mail; empty for none. */
  defaultOwner: string;
  /** Same e-mail → same rep: a repeat within the window goes to the rep who had the first one. */
  dedupe: {enabled: boolean; fields: string[]; windowHours: number};
  /**
   * Account owner by e-mail domain: `accounts` lines "acme.com = Ana Diaz" (rep name, e-mail or
   * id); with `learn`, the first rep assigned a company domain keeps it (free-mail domains excluded).
   */
  accountOwner: {enabled: boolean; learn: boolean; accounts: string};
  /** Sales-intent gate: a lead whose `field` holds none of the keywords is not routed when `required`. */
  intent: {enabled: boolean; field: string; keywords: string[]; required: boolean};
  /** Lowest score a partial territory match needs (config partialMinScore). */
  partialMinScore: number;
  notify: boolean;
  /** Skip reps whose Google Calendar is busy now or out of office (builds with LEAD_ROUTING_CALENDAR=on). */
  calendar: boolean;
  airtableBaseId: string;
}

export const STRATEGY_CHOICES: Strategy[] = [...STRATEGIES];
export const CASCADE_CHOICES: CascadeStage[] = [...CASCADE_STAGES];

/** Default window of "same e-mail → same rep": 30 days. */
export const DEFAULT_DEDUPE_HOURS = 720;

export function defaultSettings(): Settings {
  return {
    source: 'sheet',
    strategy: 'round_robin',
    cascade: [...CASCADE_CHOICES],
    defaultOwner: '',
    // On by default (issue 17 #3): a repeat submission from one person within 30 days goes to the same rep.
    dedupe: {enabled: true, fields: ['email'], windowHours: DEFAULT_DEDUPE_HOURS},
    accountOwner: {enabled: false, learn: true, accounts: ''},
    intent: {enabled: false, field: 'Message', keywords: ['demo', 'pricing', 'quote', 'buy'], required: true},
    partialMinScore: 1,
    notify: false,
    calendar: false,
    airtableBaseId: '',
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Settings from stored or submitted JSON: unknown keys dropped, bad values replaced by defaults,
 * and a list of what was wrong (shown to the user by saveSettings).
 */
export function readSettings(input: unknown): {settings: Settings; problems: string[]} {
  const s = defaultSettings();
  const problems: string[] = [];
  if (!isRecord(input)) return {settings: s, problems};
  if (input.source !== undefined) {
    if (input.source === 'sheet' || input.source === 'airtable') s.source = input.source;
    else problems.push('Source must be "sheet" or "airtable".');
  }
  if (input.strategy !== undefined) {
    if (STRATEGY_CHOICES.includes(input.strategy as Strategy)) s.strategy = input.strategy as Strategy;
    else problems.push(`Strategy must be one of ${STRATEGY_CHOICES.join(', ')}.`);
  }
  if (input.cascade !== undefined) {
    const list = Array.isArray(input.cascade) ? input.cascade : String(input.cascade).split(/[\s,>]+/);
    const stages = list.map(x => String(x).trim()).filter(Boolean);
    const bad = stages.filter(x => !CASCADE_CHOICES.includes(x as CascadeStage));
    if (bad.length || stages.length === 0) problems.push(`Cascade stages must be among ${CASCADE_CHOICES.join(', ')}.`);
    else s.cascade = Array.from(new Set(stages)) as CascadeStage[];
  }
  if (typeof input.defaultOwner === 'string') s.defaultOwner = input.defaultOwner.trim();
  if (isRecord(input.dedupe)) {
    s.dedupe.enabled = input.dedupe.enabled === true;
    if (Array.isArray(input.dedupe.fields) || typeof input.dedupe.fields === 'string') {
      const fields = (Array.isArray(input.dedupe.fields) ? input.dedupe.fields : input.dedupe.fields.split(','))
        .map(f => String(f).trim())
        .filter(Boolean);
      if (fields.length) s.dedupe.fields = fields;
      else if (s.dedupe.enabled) problems.push('Dedupe needs at least one field (e.g. email).');
    }
    const hours = Number(input.dedupe.windowHours);
    if (input.dedupe.windowHours !== undefined) {
      if (Number.isFinite(hours) && hours > 0) s.dedupe.windowHours = hours;
      else problems.push('Dedupe window must be a positive number of hours.');
    }
  }
  if (isRecord(input.accountOwner)) {
    s.accountOwner.enabled = input.accountOwner.enabled === true;
    s.accountOwner.learn = input.accountOwner.learn !== false;
    if (typeof input.accountOwner.accounts === 'string') s.accountOwner.accounts = input.accountOwner.accounts.trim();
    for (const line of accountLines(s.accountOwner.accounts)) {
      if (!line.domain || !line.rep)
        problems.push(`Accounts: write each line as "acme.com = Ana Diaz" ("${line.text}").`);
    }
  }
  if (isRecord(input.intent)) {
    s.intent.enabled = input.intent.enabled === true;
    s.intent.required = input.intent.required !== false;
    if (typeof input.intent.field === 'string' && input.intent.field.trim()) s.intent.field = input.intent.field.trim();
    if (Array.isArray(input.intent.keywords) || typeof input.intent.keywords === 'string') {
      const words = (Array.isArray(input.intent.keywords) ? input.intent.keywords : input.intent.keywords.split(','))
        .map(w => String(w).trim())
        .filter(Boolean);
      if (words.length) s.intent.keywords = words;
      else if (s.intent.enabled) problems.push('Sales intent needs at least one keyword (e.g. demo, pricing).');
    }
  }
  if (input.partialMinScore !== undefined) {
    const n = Number(input.partialMinScore);
    if (Number.isFinite(n) && n >= 0) s.partialMinScore = n;
    else problems.push('The partial-match threshold must be a number (0 or more).');
  }
  if (typeof input.notify === 'boolean') s.notify = input.notify;
  if (typeof input.calendar === 'boolean') s.calendar = input.calendar;
  if (typeof input.airtableBaseId === 'string') {
    const id = input.airtableBaseId.trim();
    if (id === '' || /^app[A-Za-z0-9]{14}$/.test(id)) s.airtableBaseId = id;
    else problems.push('The Airtable base id looks like appXXXXXXXXXXXXXX (17 characters, from the base URL).');
  }
  if (s.source === 'airtable' && !s.airtableBaseId) problems.push('Source Airtable needs the base id.');
  return {settings: s, problems};
}

/** "acme.com = Ana Diaz" lines (also "acme.com: Ana"), blank lines skipped. */
export function accountLines(text: string): {text: string; domain: string; rep: string}[] {
  return text
    .split(/\n/)
    .map(t => t.trim())
    .filter(Boolean)
    .map(t => {
      const m = /^@?([^\s=:]+)\s*[=:]\s*(.+)$/.exec(t);
      return {text: t, domain: m ? m[1].toLowerCase() : '', rep: m ? m[2].trim() : ''};
    });
}
