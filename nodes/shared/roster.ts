// Rows of a roster (Google Sheets / Airtable headers, or config-style rep objects, or plain names)
// turned into config reps. Only translation: the core validates the result.
import {hoursFromText, listFromText, outOfOfficeFromText, warning, type RoutingWarning} from '../../shared';

type Row = Record<string, unknown>;

/**
 * Where a roster reader reports cells it could not read. Absent: strict (unreadable parts are kept
 * in the config so validation names them and the node stops, as for values typed in the node's UI).
 * Given: lenient (rows from a sheet: the part is left out, the rep routed without it, and a
 * `roster_cell_unreadable` warning names the rep and the cell on every decision).
 */
export type RosterNotes = RoutingWarning[] | undefined;

function unreadable(notes: RoutingWarning[], rep: string, cell: string, raw: unknown, assumed: string): void {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  notes.push(
    warning(
      'roster_cell_unreadable',
      `Rep "${rep}": the ${cell} cell ${JSON.stringify(text)} could not be read; ${assumed}.`,
      cell,
      text,
    ),
  );
}

/** Slash dates both orders can read (3/10/2026, not 13/3/2026 or 3/3/2026). */
const AMBIGUOUS_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.]\d{4}\b/g;

/** A roster date read month first because no order was declared: said on the decisions, never silently. */
function orderAssumed(notes: RoutingWarning[], rep: string, text: string): void {
  for (const m of text.matchAll(AMBIGUOUS_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 || b > 12 || a === b) continue;
    notes.push(
      warning(
        'date_order_assumed',
        `Rep "${rep}": the Out of office date ${JSON.stringify(m[0])} was read month first (no Date Order set).`,
        'Out of office',
        m[0],
      ),
    );
    return;
  }
}

/** Hours text (see hoursFromText). Strict: unreadable parts are kept as keys so validation names them. */
export function parseHours(v: unknown, notes?: RosterNotes, rep = ''): Record<string, string> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const {hours, bad} = hoursFromText(v);
  if (notes === undefined) for (const part of bad) hours[part] = '';
  else if (bad.length) {
    const kept = Object.keys(hours).length
      ? 'routed with the hours that could be read'
      : 'routed as if it had no working hours';
    unreadable(notes, rep, 'Hours', bad.join('; '), kept);
  }
  return hours;
}

/** Out-of-office text or a date cell (see outOfOfficeFromText). Strict: unreadable parts are kept so validation names them. */
export function parseOutOfOffice(
  v: unknown,
  notes?: RosterNotes,
  rep = '',
  dateOrder?: 'MDY' | 'DMY',
): Array<{from: string; to: string}> | undefined {
  if (Array.isArray(v)) return v as Array<{from: string; to: string}>;
  if (typeof v === 'number') v = v > 0 ? v : '';
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  if (typeof v === 'string' && !v.trim()) return undefined;
  const {periods, bad} = outOfOfficeFromText(v, dateOrder ?? 'MDY');
  if (notes !== undefined && dateOrder === undefined && typeof v === 'string') orderAssumed(notes, rep, v);
  if (notes === undefined) return [...periods, ...bad.map(part => ({from: part, to: part}))];
  if (bad.length)
    unreadable(notes, rep, 'Out of office', bad.join('; '), 'routed as if those dates were not out of office');
  return periods;
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

/** A number cell: undefined when blank; NaN when it holds something that is not a number. */
function num(v: unknown): number | undefined {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(/,/g, ''));
  return Number.isFinite(n) ? n : NaN;
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
export function repsFromRoster(rows: unknown, notes?: RosterNotes, dateOrder?: 'MDY' | 'DMY'): unknown[] {
  const arr = Array.isArray(rows) ? rows : rows && typeof rows === 'object' ? [rows] : [];
  const airtableStyle = arr.some(r => r && typeof r === 'object' && 'Available' in (r as Row));
  return arr.map(r => {
    if (typeof r === 'string' || typeof r === 'number') return {id: String(r).trim(), name: String(r).trim()};
    if (!r || typeof r !== 'object') return r;
    const row = (r as Row).json && typeof (r as Row).json === 'object' ? ((r as Row).json as Row) : (r as Row);
    const get = getter(row);
    const name = get('name');
    const email = get('email');
    const id = get('id', 'rep id', 'repId') ?? email ?? name;
    const rep: Row = {id: id === undefined ? '' : String(id).trim()};
    // Caps: blank = no cap, 0 = takes no leads. Lenient: a cap that is not a whole number of 0 or
    // more is left out (with a warning); strict: kept, so validation names it.
    const capCell = (label: string, ...names: string[]): number | undefined => {
      const raw = get(...names);
      const n = num(raw);
      const ok = label === 'Weight' ? n! > 0 : Number.isInteger(n) && n! >= 0;
      if (n === undefined || notes === undefined || ok) return n;
      unreadable(notes, String(rep.id), label, raw, `routed without a ${label.toLowerCase()}`);
      return undefined;
    };
    const capacity = {
      daily: capCell('Daily cap', 'daily cap', 'dailyCap'),
      weekly: capCell('Weekly cap', 'weekly cap', 'weeklyCap'),
      monthly: capCell('Monthly cap', 'monthly cap', 'monthlyCap'),
    };
    const cap = (row.capacity as object | undefined) ?? capacity;
    if (name !== undefined && name !== '') rep.name = String(name);
    if (email !== undefined && email !== '') rep.email = String(email).trim();
    const avail = get('available');
    rep.available = avail === undefined ? !airtableStyle : truthy(avail);
    const weight = capCell('Weight', 'weight');
    if (weight !== undefined) rep.weight = weight;
    const skills = listFromText(get('skills'));
    if (skills.length) rep.skills = skills;
    // A cap of 0 takes no leads; a blank cap is no cap (the contract's reading, on every surface).
    if (Object.values(cap).some(v => v !== undefined)) {
      rep.capacity = Object.fromEntries(Object.entries(cap).filter(([, v]) => v !== undefined));
    }
    // Live columns: the open cap (blank = none, 0 = takes no leads), open load and raw presence.
    const openCap = capCell('Open cap', 'open cap', 'openCap');
    if (openCap !== undefined && !(row.capacity && typeof row.capacity === 'object')) {
      rep.capacity = {...((rep.capacity as Row | undefined) ?? {}), open: openCap};
    }
    const openLoad = capCell('Open load', 'open load', 'openLoad');
    if (openLoad !== undefined) rep.openLoad = openLoad;
    const presence = get('presence');
    if (typeof presence === 'string' || typeof presence === 'boolean' || presence === null) rep.presence = presence;
    const tz = get('timezone', 'time zone');
    if (typeof tz === 'string' && tz.trim()) rep.timezone = tz.trim();
    const hours = parseHours(get('hours', 'working hours'), notes, String(rep.id));
    if (hours && Object.keys(hours).length) rep.hours = hours;
    const ooo = parseOutOfOffice(get('out of office', 'outOfOffice'), notes, String(rep.id), dateOrder);
    if (ooo && ooo.length) rep.outOfOffice = ooo;
    return rep;
  });
}

/**
 * A rep as Route Lead's or Round Robin's UI stores it, as a roster row. The cap fields are text
 * (empty = no cap, "0" = takes no leads); workflows saved while they were numbers stored 0 for
 * "no cap", so a number 0 there still means no cap.
 */
export function uiRepRow(rep: unknown): unknown {
  if (!rep || typeof rep !== 'object') return rep;
  const out = {...(rep as Row)};
  for (const key of ['dailyCap', 'weeklyCap', 'monthlyCap']) {
    if (out[key] === 0) out[key] = '';
  }
  return out;
}
