// Test plumbing: a world with the add-on's sheets filled from a RoutingConfig and a lead list,
// settings written the way the sidebar writes them, and readers for what the add-on wrote.
import type {RoutingConfigInput} from '../../shared';
import {createWorld, putSheet, sheetValues, type CellValue, type World} from './fakes';
import {ASSIGNMENT_HEADERS, LOG_HEADERS, REP_HEADERS, SHEETS, TERRITORY_HEADERS} from '../src/layout';
import {defaultSettings, type Settings} from '../src/settings';

type Rep = RoutingConfigInput['reps'][number];

/** What Sheets does with typed text: numeric text becomes a number, the rest stays text. */
export function asTyped(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = String(v);
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

export function repRows(reps: Rep[]): CellValue[][] {
  const rows: CellValue[][] = [[...REP_HEADERS]];
  for (const r of reps) {
    const hours = r.hours
      ? Object.entries(r.hours)
          .map(([d, t]) => `${d} ${t}`)
          .join('; ')
      : '';
    const ooo = (r.outOfOffice ?? []).map(o => `${o.from}..${o.to}`).join('; ');
    rows.push([
      r.name ?? '',
      r.email ?? '',
      r.available !== false,
      r.id,
      r.weight ?? '',
      (r.skills ?? []).join(', '),
      r.capacity?.daily ?? '',
      r.capacity?.weekly ?? '',
      r.capacity?.monthly ?? '',
      r.timezone ?? '',
      hours,
      ooo,
    ]);
  }
  return rows;
}

export function territoryRows(config: RoutingConfigInput): CellValue[][] {
  const rows: CellValue[][] = [[...TERRITORY_HEADERS]];
  for (const t of config.territories ?? []) {
    const conditions = t.conditions && t.conditions.length ? t.conditions : [null];
    conditions.forEach((c, i) => {
      rows.push([
        t.name ?? t.id,
        i === 0 ? (t.match ?? '') : '',
        c ? c.field : '',
        c ? c.op : '',
        c ? (c.values ?? []).join(', ') : '',
        c && c.weight !== undefined ? c.weight : '',
        i === 0 && t.priority !== undefined ? t.priority : '',
        i === 0 ? t.reps.join(', ') : '',
        i === 0 ? (t.strategy ?? '') : '',
      ]);
    });
  }
  return rows;
}

export function settingsFor(config: RoutingConfigInput, extra: Partial<Settings> = {}): Settings {
  const s = defaultSettings();
  s.strategy = config.pool?.strategy ?? 'round_robin';
  if (config.cascade) s.cascade = [...config.cascade];
  s.defaultOwner = config.defaultOwner ?? '';
  if (config.dedupe)
    s.dedupe = {enabled: true, fields: [...config.dedupe.fields], windowHours: config.dedupe.windowHours ?? 720};
  return {...s, ...extra};
}

export function writeSettings(world: World, settings: Settings): void {
  world.props.document.set('leadRouting.settings', JSON.stringify(settings));
}

export function leadHeadersOf(leads: Record<string, unknown>[]): string[] {
  const headers: string[] = [];
  for (const l of leads) for (const k of Object.keys(l)) if (!headers.includes(k)) headers.push(k);
  return headers;
}

/** Appends leads to the Leads sheet (creating it with the assignment columns when missing). */
export function addLeads(world: World, leads: Record<string, unknown>[], headers = leadHeadersOf(leads)): void {
  const existing = world.sheets.find(s => s.name === SHEETS.leads);
  if (!existing || existing.values.length === 0) {
    putSheet(world, SHEETS.leads, [[...headers, ...ASSIGNMENT_HEADERS]]);
  }
  const d = world.sheets.find(s => s.name === SHEETS.leads)!;
  const header = d.values[0].map(String);
  for (const l of leads) d.values.push(header.map(h => (h in l ? asTyped(l[h]) : '')));
  d.maxRows = Math.max(d.maxRows, d.values.length);
}

/** A world with Reps, Territories, settings and leads for this config (no Routing Log yet). */
export function worldFor(
  config: RoutingConfigInput,
  leads: Record<string, unknown>[],
  opts: {now?: string; settings?: Partial<Settings>} = {},
): World {
  const world = createWorld();
  if (opts.now) world.clock.ms = Date.parse(opts.now);
  putSheet(world, SHEETS.reps, repRows(config.reps));
  putSheet(world, SHEETS.territories, territoryRows(config));
  writeSettings(world, settingsFor(config, opts.settings));
  addLeads(world, leads);
  return world;
}

export function column(world: World, sheet: string, header: string): CellValue[] {
  const v = sheetValues(world, sheet);
  const c = v[0].map(String).indexOf(header);
  if (c < 0) throw new Error(`no column ${header} on ${sheet}`);
  return v.slice(1).map(r => (r[c] === undefined ? '' : r[c]));
}

/** Owner ids written on Leads (via the rep names), '' where none. */
export function ownerIds(world: World, config: RoutingConfigInput): string[] {
  const byName = new Map(config.reps.map(r => [r.name ?? r.id, r.id]));
  return column(world, SHEETS.leads, 'Assigned To').map(n => (n === '' ? '' : (byName.get(String(n)) ?? `?${n}`)));
}

export function logRows(world: World): CellValue[][] {
  const d = world.sheets.find(s => s.name === SHEETS.log);
  return d ? d.values.slice(1) : [];
}

export function logColumn(world: World, header: (typeof LOG_HEADERS)[number]): CellValue[] {
  return logRows(world).map(r => r[LOG_HEADERS.indexOf(header)]);
}

/** n simple leads (no territory data needed for a round-robin pool). */
export function simpleLeads(n: number, from = 0): Record<string, unknown>[] {
  const states = ['TX', 'CA', 'NY', 'FL'];
  return Array.from({length: n}, (_, i) => ({
    Name: `Lead ${from + i + 1}`,
    Email: `lead${from + i + 1}@example.com`,
    State: states[(from + i) % states.length],
    Zip: String(75001 + ((from + i) % 900)),
  }));
}

/** Three reps in a round-robin pool, one territory for Texas. */
export function simpleConfig(): RoutingConfigInput {
  return {
    version: 1,
    fields: {state: 'State', zip: 'Zip', email: 'Email'},
    reps: [
      {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com', available: true},
      {id: 'ben', name: 'Ben Ode', email: 'ben@example.com', available: true},
      {id: 'cy', name: 'Cy Park', email: 'cy@example.com', available: true},
    ],
    territories: [
      {
        id: 'Texas',
        name: 'Texas',
        match: 'all',
        conditions: [{field: 'state', op: 'in', values: ['TX'], weight: 5}],
        reps: ['ana', 'ben'],
        strategy: 'round_robin',
      },
    ],
    cascade: ['exact', 'pool', 'default'],
    pool: {reps: 'all', strategy: 'round_robin'},
  };
}
