// Live availability from any previous node's items: rows that name reps and say whether each can
// take a lead now and how many open records it owns. Only translation into the config's `presence`
// and `openLoad` (docs/contract.md "Live availability and workload"); the core decides.
import type {IExecuteFunctions} from 'n8n-workflow';
import {listFromText} from '../../shared';
import {jsonParameter} from './configFromParameters';

type Row = Record<string, unknown>;

/** The `liveAvailability` collection of Route Lead and Round Robin (all optional). */
export interface LiveAvailabilityParams {
  /** Rows (or n8n items), e.g. `={{ $('Get presence').all().map(i => i.json) }}`; empty = off. */
  source?: unknown;
  /** Dot path of the value naming the rep, matched case-insensitively against id, e-mail or name. */
  repField?: string;
  /** Dot path of the presence value (boolean, yes/no, active/away, …); absent = `available`; '' = not read. */
  availableField?: string;
  /** Comma list of values meaning available; empty = the core's default list. */
  availableValues?: string;
  /** Dot path of the number of open records the rep owns now; empty = not read. */
  openLoadField?: string;
}

/** What was read: per matching key (lower-cased id/e-mail/name) its row, or why nothing could be. */
export interface LiveRows {
  rows: Map<string, Row>;
  /** The whole call failed (error items, or nothing came back): every rep's presence is unknown. */
  failed: string | null;
  /** Paths of presence fields present in some row (a row without it says "not available"). */
  availableSeen: boolean;
}

const path = (p: string | undefined): string[] => (p ?? '').split('.').filter(Boolean);

function readPath(v: unknown, keys: string[]): unknown {
  for (const k of keys) v = v !== null && typeof v === 'object' ? (v as Row)[k] : undefined;
  return v;
}

const isRow = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An n8n error item ("On Error: Continue"): `{error: …}` and no rep field. */
function isErrorRow(row: Row, repPath: string[]): boolean {
  return 'error' in row && readPath(row, repPath) === undefined;
}

/**
 * The rows a response holds: n8n items are unwrapped (`.json`), and a row that does not name a rep
 * but carries a list of objects (Slack `users.list` → `members`, Twilio TaskRouter → `workers`,
 * Bitrix24 → `result`, Salesforce → `records`) stands for that list.
 */
function flatRows(source: unknown, repPath: string[]): Row[] {
  const list = Array.isArray(source) ? source : isRow(source) ? [source] : [];
  const out: Row[] = [];
  for (const item of list) {
    const row = isRow(item) && isRow(item.json) && !('json' in (item.json as Row)) ? (item.json as Row) : item;
    if (!isRow(row)) continue;
    if (readPath(row, repPath) !== undefined || isErrorRow(row, repPath)) {
      out.push(row);
      continue;
    }
    const nested = Object.values(row).filter(v => Array.isArray(v) && v.length > 0 && v.every(isRow));
    if (nested.length > 0) for (const v of nested) out.push(...(v as Row[]));
    else out.push(row);
  }
  return out;
}

const key = (v: unknown) => String(v).trim().toLowerCase();

/** Reads the rows once: throws ConfigError when the source is not JSON. */
export function readLiveRows(params: LiveAvailabilityParams): LiveRows | null {
  const source = jsonParameter(params.source, 'liveAvailability.source');
  if (source === undefined || source === null || source === '') return null;
  const repPath = path(params.repField || 'email');
  const rows = new Map<string, Row>();
  let errors = 0;
  let firstError = '';
  let availableSeen = false;
  const availablePath = path(params.availableField ?? 'available');
  for (const row of flatRows(source, repPath)) {
    if (isErrorRow(row, repPath)) {
      errors++;
      if (!firstError) firstError = errorText(row.error);
      continue;
    }
    const rep = readPath(row, repPath);
    if (typeof rep === 'string' || typeof rep === 'number') {
      if (!rows.has(key(rep))) rows.set(key(rep), row);
      if (availablePath.length && readPath(row, availablePath) !== undefined) availableSeen = true;
    }
  }
  const failed = rows.size > 0 ? null : errors > 0 ? firstError || 'the availability call failed' : 'no rows came back';
  return {rows, failed, availableSeen};
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (isRow(e) && typeof e.message === 'string') return e.message;
  return '';
}

function presenceOf(v: unknown): string | boolean | null {
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function numberOf(v: unknown): number | undefined {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Puts each rep's live presence and open load from `live` onto the raw config's reps (a rep found by
 * id, e-mail or name). A rep not in the rows, or every rep when the call failed, gets
 * `presence: null` (unknown: the core routes it on its configured flags and warns). A presence
 * field missing from one row while others have it reads as not available (Airtable leaves out
 * unchecked checkboxes).
 */
export function applyLiveAvailability(config: Row, params: LiveAvailabilityParams, live: LiveRows | null): Row {
  if (live === null) return config;
  const values = listFromText(params.availableValues);
  const out: Row = {...config};
  if (values.length)
    out.availability = {...(isRow(config.availability) ? config.availability : {}), availableValues: values};
  if (!Array.isArray(config.reps)) return out;
  const availablePath = path(params.availableField ?? 'available');
  const openPath = path(params.openLoadField);
  out.reps = config.reps.map(r => {
    if (!isRow(r)) return r;
    const rep: Row = {...r};
    const row = live.failed === null ? findRow(live.rows, rep) : undefined;
    if (row === undefined) {
      rep.presence = null;
      return rep;
    }
    if (availablePath.length) {
      const v = readPath(row, availablePath);
      rep.presence = v === undefined && live.availableSeen ? false : presenceOf(v);
    }
    if (openPath.length) {
      const n = numberOf(readPath(row, openPath));
      if (n !== undefined) rep.openLoad = n;
    }
    return rep;
  });
  return out;
}

function findRow(rows: Map<string, Row>, rep: Row): Row | undefined {
  for (const k of [rep.id, rep.email, rep.name]) {
    if (typeof k === 'string' && k.trim()) {
      const row = rows.get(key(k));
      if (row) return row;
    }
  }
  return undefined;
}

/**
 * The node's `liveAvailability` parameter, read once per execution (for item 0: the rows come from
 * another node and are the same for every item), as a function layering it onto a raw config.
 * A source that is not JSON throws ConfigError (per item, so continueOnFail keeps each item).
 */
export function liveAvailabilityOnce(ctx: IExecuteFunctions): (config: Row) => Row {
  let read = false;
  let params: LiveAvailabilityParams = {};
  let live: LiveRows | null = null;
  let error: unknown = null;
  return config => {
    if (!read) {
      read = true;
      try {
        params = ctx.getNodeParameter('liveAvailability', 0, {}) as LiveAvailabilityParams;
        // n8n leaves an option out when its expression resolves to an empty list (e.g. `… ?? []` over the error
        // item of a failed read): a source that is set but came back empty is "no rows came back", not "off".
        const raw = (ctx.getNode().parameters.liveAvailability as {source?: unknown} | undefined)?.source;
        if (params.source === undefined && raw !== undefined && raw !== '') params = {...params, source: []};
        live = readLiveRows(params);
      } catch (e) {
        error = e;
      }
    }
    if (error !== null) throw error;
    return applyLiveAvailability(config, params, live);
  };
}
