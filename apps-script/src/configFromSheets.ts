// Pure translation of the Reps and Territories tables (Sheet values or Airtable fields laid out
// the same way) plus the settings into a RoutingConfig for the core. No Apps Script calls here.
import {hoursFromText, outOfOfficeFromText, type RoutingConfigInput} from '../../shared';
import {REP_HEADERS, TERRITORY_HEADERS, columnIndex, headerKey} from './layout';
import {accountLines, type Settings} from './settings';

type Cell = unknown;
type RepInput = RoutingConfigInput['reps'][number];
type TerritoryInput = NonNullable<RoutingConfigInput['territories']>[number];
type ConditionInput = NonNullable<TerritoryInput['conditions']>[number];

export interface SheetConfig {
  config: RoutingConfigInput;
  /** Problems found while reading the tables, each naming the sheet, row and column. */
  issues: string[];
}

const CANONICAL_SYNONYMS: Record<string, string[]> = {
  id: ['id', 'leadid'],
  zip: ['zip', 'zipcode', 'postalcode', 'postcode', 'postal'],
  state: ['state', 'province', 'region', 'stateprovince'],
  country: ['country', 'countrycode'],
  industry: ['industry', 'vertical'],
  productLine: ['productline', 'product', 'productinterest'],
  source: ['source', 'leadsource'],
  email: ['email', 'emailaddress', 'workemail'],
  companySize: ['companysize', 'employees', 'employeecount'],
};

const OPERATOR_ALIASES: Record<string, string> = {
  in: 'in',
  is: 'in',
  equals: 'in',
  '=': 'in',
  oneof: 'in',
  isoneof: 'in',
  notin: 'notIn',
  isnot: 'notIn',
  '!=': 'notIn',
  '<>': 'notIn',
  noneof: 'notIn',
  prefix: 'prefix',
  startswith: 'prefix',
  between: 'between',
  range: 'between',
  contains: 'contains',
  exists: 'exists',
  isset: 'exists',
  notempty: 'exists',
  gte: 'gte',
  '>=': 'gte',
  atleast: 'gte',
  lte: 'lte',
  '<=': 'lte',
  atmost: 'lte',
};

const STRATEGY_ALIASES: Record<string, string> = {
  roundrobin: 'round_robin',
  rr: 'round_robin',
  weighted: 'weighted',
  leastloaded: 'least_loaded',
  longestidle: 'longest_idle',
};

export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

export function isBlankRow(row: readonly Cell[]): boolean {
  for (const v of row) if (cellText(v) !== '') return false;
  return true;
}

/** Checkbox cells: TRUE, or text a person would type for yes. Empty or absent means false. */
export function isChecked(v: Cell): boolean {
  if (v === true) return true;
  if (typeof v === 'number') return v === 1;
  return ['true', 'yes', 'y', 'x', '1', '✓', '✔', 'available'].includes(cellText(v).toLowerCase());
}

function splitList(v: Cell): string[] {
  if (Array.isArray(v)) return v.map(cellText).filter(Boolean); // Airtable multi-select
  return cellText(v)
    .split(/[,;\n]+/)
    .map(s => s.trim())
    .filter(Boolean);
}

function toNumber(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = cellText(v).replace(/,/g, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

/** Canonical field name (zip, productLine, ...) for a header or Field cell, or null. */
export function canonicalField(name: string): string | null {
  const k = headerKey(name);
  for (const [canonical, keys] of Object.entries(CANONICAL_SYNONYMS)) if (keys.includes(k)) return canonical;
  return null;
}

/** `fields` of the config: each canonical field the lead table has, mapped to its header text. */
export function fieldsFromHeaders(leadHeaders: readonly Cell[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const h of leadHeaders) {
    const text = cellText(h);
    const c = text && canonicalField(text);
    if (c && !fields[c]) fields[c] = text;
  }
  return fields;
}

function fieldPath(name: string, leadHeaders: readonly Cell[]): string {
  const c = canonicalField(name);
  if (c) return c;
  const k = headerKey(name);
  for (const h of leadHeaders) if (headerKey(h) === k) return cellText(h);
  return name;
}

/** Hours like "mon-fri 09:00-17:00; sat 10:00-14:00" -> {"mon-fri": "09:00-17:00", ...}; null when a part is unreadable. */
export function parseHours(text: string): Record<string, string> | null {
  const {hours, bad} = hoursFromText(text);
  return bad.length ? null : hours;
}

/** "2026-12-24..2026-12-31; 2027-01-05" (or a date cell) -> [{from, to}, ...]; null when a part is unreadable. */
export function parseOutOfOffice(v: Cell, dateToIso: (d: Date) => string): {from: string; to: string}[] | null {
  if (v instanceof Date) return [{from: dateToIso(v), to: dateToIso(v)}];
  const {periods, bad} = outOfOfficeFromText(cellText(v));
  return bad.length ? null : periods;
}

export interface RepRef {
  id: string;
  name: string;
  email: string;
}

/** Finds a rep by id, e-mail or name (case-insensitive). */
export function repResolver(reps: readonly RepRef[]): (ref: string) => string | null {
  const index = new Map<string, string>();
  for (const r of reps) for (const k of [r.name, r.email, r.id]) if (k) index.set(k.trim().toLowerCase(), r.id);
  return ref => index.get(ref.trim().toLowerCase()) ?? null;
}

function defaultDateToIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function readReps(values: readonly Cell[][], issues: string[], dateToIso: (d: Date) => string): RepInput[] {
  const [header = [], ...rows] = values;
  const col = columnIndex(header, REP_HEADERS);
  for (const required of ['Name', 'Email', 'Available']) {
    if (col[required] < 0) issues.push(`Reps: the header "${required}" is missing from row 1.`);
  }
  if (col.Name < 0) return [];
  const at = (row: readonly Cell[], h: string) => (col[h] >= 0 ? row[col[h]] : undefined);
  const reps: RepInput[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const where = `Reps row ${i + 2}`;
    const name = cellText(at(row, 'Name'));
    const email = cellText(at(row, 'Email'));
    const id = cellText(at(row, 'Id')) || email.toLowerCase() || name;
    if (!id) {
      issues.push(`${where}: give the rep a Name or an Email.`);
      return;
    }
    if (seen.has(id)) {
      issues.push(`${where}: the rep "${id}" is listed twice.`);
      return;
    }
    seen.add(id);
    const rep: RepInput = {id, name: name || id, available: isChecked(at(row, 'Available'))};
    if (email) rep.email = email;
    const weight = toNumber(at(row, 'Weight'));
    if (weight !== null) {
      if (weight > 0) rep.weight = weight;
      else issues.push(`${where}, Weight: must be a number above 0.`);
    }
    const skills = splitList(at(row, 'Skills'));
    if (skills.length) rep.skills = skills;
    const capacity: Record<string, number> = {};
    for (const [h, key] of [
      ['Daily cap', 'daily'],
      ['Weekly cap', 'weekly'],
      ['Monthly cap', 'monthly'],
    ]) {
      const n = toNumber(at(row, h));
      if (n === null) continue;
      if (Number.isInteger(n) && n >= 0) capacity[key] = n;
      else issues.push(`${where}, ${h}: must be a whole number (0 or more).`);
    }
    if (Object.keys(capacity).length) rep.capacity = capacity;
    const tz = cellText(at(row, 'Timezone'));
    if (tz) rep.timezone = tz;
    const hoursText = cellText(at(row, 'Hours'));
    if (hoursText) {
      const hours = parseHours(hoursText);
      if (hours) rep.hours = hours;
      else issues.push(`${where}, Hours: write days and times like "mon-fri 09:00-17:00; sat 10:00-14:00".`);
    }
    const ooo = at(row, 'Out of office');
    if (cellText(ooo) !== '' || ooo instanceof Date) {
      const periods = parseOutOfOffice(ooo, dateToIso);
      if (periods) rep.outOfOffice = periods;
      else issues.push(`${where}, Out of office: write dates like "2026-12-24..2026-12-31; 2027-01-05".`);
    }
    reps.push(rep);
  });
  return reps;
}

function readTerritories(
  values: readonly Cell[][],
  leadHeaders: readonly Cell[],
  resolve: (ref: string) => string | null,
  settings: Settings,
  issues: string[],
): TerritoryInput[] {
  const [header = [], ...rows] = values;
  if (rows.every(isBlankRow)) return [];
  const col = columnIndex(header, TERRITORY_HEADERS);
  for (const required of ['Territory', 'Field', 'Operator', 'Values', 'Reps']) {
    if (col[required] < 0) issues.push(`Territories: the header "${required}" is missing from row 1.`);
  }
  if (col.Territory < 0) return [];
  const at = (row: readonly Cell[], h: string) => (col[h] >= 0 ? row[col[h]] : undefined);
  const byName = new Map<string, TerritoryInput>();
  rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const where = `Territories row ${i + 2}`;
    const name = cellText(at(row, 'Territory'));
    if (!name) {
      issues.push(`${where}: name the territory in the Territory column.`);
      return;
    }
    let t = byName.get(name);
    if (!t) {
      t = {id: name, name, reps: [], conditions: [], strategy: settings.strategy};
      byName.set(name, t);
    }
    const match = cellText(at(row, 'Match')).toLowerCase();
    if (match) {
      if (match.startsWith('all')) t.match = 'all';
      else if (match.startsWith('any')) t.match = 'any';
      else issues.push(`${where}, Match: write "all" or "any".`);
    }
    const priority = toNumber(at(row, 'Priority'));
    if (priority !== null) {
      if (Number.isNaN(priority)) issues.push(`${where}, Priority: must be a number.`);
      else t.priority = priority;
    }
    const strategy = cellText(at(row, 'Strategy'));
    if (strategy) {
      const s = STRATEGY_ALIASES[headerKey(strategy)];
      if (s) t.strategy = s as TerritoryInput['strategy'];
      else issues.push(`${where}, Strategy: use round_robin, weighted, least_loaded or longest_idle.`);
    }
    for (const ref of splitList(at(row, 'Reps'))) {
      const id = resolve(ref);
      if (id === null) issues.push(`${where}, Reps: "${ref}" is not on the Reps sheet.`);
      else if (!t.reps!.includes(id)) t.reps!.push(id);
    }
    const field = cellText(at(row, 'Field'));
    const opText = cellText(at(row, 'Operator'));
    if (!field && !opText) return;
    const op = OPERATOR_ALIASES[opText.toLowerCase().replace(/[\s_]+/g, '')];
    if (!field) {
      issues.push(`${where}, Field: name the lead column this condition reads.`);
      return;
    }
    if (!op) {
      issues.push(`${where}, Operator: use in, notIn, prefix, between, contains, exists, gte or lte.`);
      return;
    }
    let values = splitList(at(row, 'Values'));
    if (op === 'between' && values.length === 1) {
      const m = /^\s*(\S+?)\s*(?:\.\.|-|–|to)\s*(\S+)\s*$/.exec(values[0]);
      if (m) values = [m[1], m[2]];
    }
    if (op === 'between' && values.length !== 2) {
      issues.push(`${where}, Values: "between" needs two values, like 75000-79999.`);
      return;
    }
    const condition: ConditionInput = {field: fieldPath(field, leadHeaders), op: op as ConditionInput['op'], values};
    const weight = toNumber(at(row, 'Weight'));
    if (weight !== null) {
      if (Number.isNaN(weight)) issues.push(`${where}, Weight: must be a number.`);
      else condition.weight = weight;
    }
    t.conditions!.push(condition);
  });
  const out = Array.from(byName.values());
  for (const t of out)
    if (t.reps.length === 0) issues.push(`Territories: "${t.name}" has no reps (fill the Reps column).`);
  return out;
}

/**
 * Reps + Territories tables and settings -> a config the core validates. `leadHeaders` are the
 * lead table's column names: canonical fields (zip, state, ...) are mapped to them. `timeZone`
 * (IANA, the spreadsheet's zone) becomes the config's `timezone`: reps without a Timezone cell
 * keep their Hours in it (contract: config `timezone`; issue 12 #8).
 */
export function configFromSheets(
  repsValues: readonly Cell[][],
  territoriesValues: readonly Cell[][],
  leadHeaders: readonly Cell[],
  settings: Settings,
  dateToIso: (d: Date) => string = defaultDateToIso,
  timeZone?: string,
): SheetConfig {
  const issues: string[] = [];
  const reps = readReps(repsValues, issues, dateToIso);
  if (reps.length === 0 && issues.length === 0) issues.push('Reps: add at least one rep (Name, Email, Available).');
  const resolve = repResolver(reps.map(r => ({id: r.id, name: r.name ?? '', email: r.email ?? ''})));
  const territories = readTerritories(territoriesValues, leadHeaders, resolve, settings, issues);
  const config: RoutingConfigInput = {
    version: 1,
    fields: fieldsFromHeaders(leadHeaders),
    reps,
    territories,
    cascade: settings.cascade,
    pool: {reps: 'all', strategy: settings.strategy},
  };
  if (timeZone) config.timezone = timeZone;
  if (settings.partialMinScore !== 1) config.partialMinScore = settings.partialMinScore;
  if (settings.accountOwner.enabled) {
    const accounts: Record<string, string> = {};
    for (const line of accountLines(settings.accountOwner.accounts)) {
      const id = line.rep ? resolve(line.rep) : null;
      if (id === null) issues.push(`Settings, accounts: "${line.rep}" (for ${line.domain}) is not on the Reps sheet.`);
      else accounts[line.domain] = id;
    }
    config.accountOwner = {by: 'emailDomain', accounts, learn: settings.accountOwner.learn};
  }
  if (settings.intent.enabled) {
    config.intent = {
      field: fieldPath(settings.intent.field, leadHeaders),
      keywords: settings.intent.keywords,
      required: settings.intent.required,
    };
  }
  if (settings.defaultOwner) {
    const id = resolve(settings.defaultOwner);
    if (id === null) issues.push(`Settings, default owner: "${settings.defaultOwner}" is not on the Reps sheet.`);
    else config.defaultOwner = id;
  }
  if (settings.dedupe.enabled) {
    config.dedupe = {
      fields: settings.dedupe.fields.map(f => fieldPath(f, leadHeaders)),
      windowHours: settings.dedupe.windowHours,
    };
  }
  return {config, issues};
}
