// Rows of a roster (Google Sheets / Airtable headers, or config-style rep objects, or plain names)
// turned into config reps. Only translation: the core validates the result.
import {hoursFromText, outOfOfficeFromText} from '../../shared';

type Row = Record<string, unknown>;

const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(x => String(x).trim()).filter(Boolean)
    : typeof v === 'string'
      ? v
          .split(',')
          .map(x => x.trim())
          .filter(Boolean)
      : [];

/** Hours text (see hoursFromText); unreadable parts are kept as keys so validation names them. */
export function parseHours(v: unknown): Record<string, string> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const {hours, bad} = hoursFromText(v);
  for (const part of bad) hours[part] = '';
  return hours;
}

/** Out-of-office text (see outOfOfficeFromText); unreadable parts are kept so validation names them. */
export function parseOutOfOffice(v: unknown): Array<{from: string; to: string}> | undefined {
  if (Array.isArray(v)) return v as Array<{from: string; to: string}>;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const {periods, bad} = outOfOfficeFromText(v);
  return [...periods, ...bad.map(part => ({from: part, to: part}))];
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return ['true', 'yes', 'y', '1', 'x', '✓', 'available'].includes(
    String(v ?? '')
      .trim()
      .toLowerCase(),
  );
}

function num(v: unknown): number | undefined {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** Case- and space-insensitive lookup: "Daily cap", "dailyCap" and "daily_cap" are the same key. */
function getter(row: Row): (...names: string[]) => unknown {
  const norm = (k: string) => k.toLowerCase().replace(/[\s_-]/g, '');
  const byKey = new Map(Object.keys(row).map(k => [norm(k), row[k]]));
  return (...names) => {
    for (const n of names) if (byKey.has(norm(n))) return byKey.get(norm(n));
    return undefined;
  };
}

/**
 * Rows -> reps. A row without an id uses its email, then its name. When any row has an `Available`
 * column (the sheet header, capitalised), a row without it is unavailable (Airtable omits unchecked
 * checkboxes); otherwise a rep without `available` is available.
 */
export function repsFromRoster(rows: unknown): unknown[] {
  const arr = Array.isArray(rows) ? rows : rows && typeof rows === 'object' ? [rows] : [];
  const airtableStyle = arr.some(r => r && typeof r === 'object' && 'Available' in (r as Row));
  return arr.map(r => {
    if (typeof r === 'string' || typeof r === 'number') return {id: String(r).trim(), name: String(r).trim()};
    if (!r || typeof r !== 'object') return r;
    const row = (r as Row).json && typeof (r as Row).json === 'object' ? ((r as Row).json as Row) : (r as Row);
    const get = getter(row);
    const capacity = {
      daily: num(get('daily cap', 'dailyCap')),
      weekly: num(get('weekly cap', 'weeklyCap')),
      monthly: num(get('monthly cap', 'monthlyCap')),
    };
    const cap = (row.capacity as object | undefined) ?? capacity;
    const name = get('name');
    const email = get('email');
    const id = get('id', 'rep id', 'repId') ?? email ?? name;
    const rep: Row = {id: id === undefined ? '' : String(id).trim()};
    if (name !== undefined && name !== '') rep.name = String(name);
    if (email !== undefined && email !== '') rep.email = String(email).trim();
    const avail = get('available');
    rep.available = avail === undefined ? !airtableStyle : truthy(avail);
    const weight = num(get('weight'));
    if (weight !== undefined) rep.weight = weight;
    const skills = list(get('skills'));
    if (skills.length) rep.skills = skills;
    if (Object.values(cap).some(v => v !== undefined && v !== 0)) {
      rep.capacity = Object.fromEntries(Object.entries(cap).filter(([, v]) => v !== undefined && v !== 0));
    }
    // Live columns: the open cap (blank = none, 0 = takes no leads), open load and raw presence.
    const openCap = num(get('open cap', 'openCap'));
    if (openCap !== undefined && !(row.capacity && typeof row.capacity === 'object')) {
      rep.capacity = {...((rep.capacity as Row | undefined) ?? {}), open: openCap};
    }
    const openLoad = num(get('open load', 'openLoad'));
    if (openLoad !== undefined) rep.openLoad = openLoad;
    const presence = get('presence');
    if (typeof presence === 'string' || typeof presence === 'boolean' || presence === null) rep.presence = presence;
    const tz = get('timezone', 'time zone');
    if (typeof tz === 'string' && tz.trim()) rep.timezone = tz.trim();
    const hours = parseHours(get('hours', 'working hours'));
    if (hours && Object.keys(hours).length) rep.hours = hours;
    const ooo = parseOutOfOffice(get('out of office', 'outOfOffice'));
    if (ooo && ooo.length) rep.outOfOffice = ooo;
    return rep;
  });
}
