// Reading values out of a lead by dot path ("address.zip"), and the normalisation each field gets.
import {normalizeCountry, normalizeState, normalizeZip} from './normalize/geo';
import {mailboxKey, normalizeText} from './normalize/text';
import {DEFAULT_HEADERS} from './normalize/headers';
import type {CanonicalField} from './config/schema';
import {hasOwn} from './dict';

/** How a field's values are normalised; 'email' (mailbox keys, see mailboxKey) only for dedupe. */
export type FieldKind = 'zip' | 'state' | 'country' | 'text' | 'email';

/**
 * A compiled field path: its dot-separated segments, plus what a plain walk would miss. `whole`: the
 * name as written when it has dots ("No. of Employees"); a lead key equal to it wins over the split
 * path. `aliases`: other keys tried, in order, when the path finds nothing (default export headers
 * of an unmapped canonical field). `guarded`: a segment is a property every object inherits
 * ("constructor", "__proto__"), so only own properties are read. `slow`: any of these is set.
 */
export type FieldPath = string[] & {
  whole?: string;
  aliases?: readonly string[];
  /** Alias -> its place in `aliases`, when there are many (read by one pass over the lead's keys). */
  aliasRank?: Map<string, number>;
  guarded?: boolean;
  slow?: boolean;
};

const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** "address.zip" -> ["address", "zip"] with the extras above; `aliases` as for `FieldPath`. */
export function compilePath(path: string, aliases?: readonly string[]): FieldPath {
  const out = path.split('.').filter(p => p.length > 0) as FieldPath;
  if (out.length > 1 || (out.length === 1 && out[0] !== path)) out.whole = path;
  if (aliases !== undefined && aliases.length !== 0) out.aliases = aliases.filter(a => a !== path);
  if (out.aliases !== undefined && out.aliases.length > 8) out.aliasRank = new Map(out.aliases.map((a, i) => [a, i]));
  if (out.some(seg => INHERITED.has(seg))) out.guarded = true;
  out.slow = out.whole !== undefined || out.aliases !== undefined || out.guarded === true;
  return out;
}

/**
 * The path of a field named in a config (a condition's or dedupe field, or a canonical one):
 * `fields[field]` when the config maps it, else the name itself with the default export headers of
 * a canonical field (see normalize/headers.ts) as aliases.
 */
export function fieldPath(fields: Readonly<Record<string, string | undefined>>, field: string): FieldPath {
  const mapped = hasOwn(fields, field) ? fields[field] : undefined;
  if (typeof mapped === 'string') return compilePath(mapped);
  return compilePath(field, hasOwn(DEFAULT_HEADERS, field) ? DEFAULT_HEADERS[field as CanonicalField] : undefined);
}

/** The value at `path` in `lead` (own properties only for inherited names); undefined when absent. */
export function readPath(lead: unknown, path: readonly string[]): unknown {
  if ((path as FieldPath).slow === true) return readSlow(lead, path as FieldPath);
  let v: unknown = lead;
  for (let i = 0; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[path[i]];
  }
  return v;
}

function readSlow(lead: unknown, path: FieldPath): unknown {
  if (lead === null || typeof lead !== 'object') return undefined;
  const obj = lead as Record<string, unknown>;
  if (path.whole !== undefined && hasOwn(obj, path.whole)) return obj[path.whole];
  let v: unknown = lead;
  for (let i = 0; i < path.length; i++) {
    if (v === null || typeof v !== 'object') {
      v = undefined;
      break;
    }
    const key = path[i];
    v = path.guarded !== true || hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  if (v !== undefined || path.aliases === undefined) return v;
  const ranks = path.aliasRank;
  if (ranks === undefined) {
    for (const alias of path.aliases) if (hasOwn(obj, alias)) return obj[alias];
    return undefined;
  }
  // many aliases: one pass over the lead's own keys (usually fewer), the best-ranked alias wins
  let best = -1;
  let bestKey = '';
  // (for…in, not Object.keys: no array per read; inherited keys are never aliases' own)
  for (const key in obj) {
    const rank = ranks.get(key);
    if (rank !== undefined && !hasOwn(obj, key)) continue;
    if (rank !== undefined && (best < 0 || rank < best)) {
      best = rank;
      bestKey = key;
    }
  }
  return best < 0 ? undefined : obj[bestKey];
}

export function normalizeValue(kind: FieldKind, raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  switch (kind) {
    case 'zip':
      return normalizeZip(raw);
    case 'state':
      return normalizeState(String(raw));
    case 'country':
      return normalizeCountry(String(raw));
    case 'email':
      return mailboxKey(raw);
    default:
      return normalizeText(raw);
  }
}

/**
 * Text with semicolons is also the list a CRM multi-select gives (Salesforce multi-select picklists and
 * HubSpot multiple-checkbox properties join their values with ";"): the text as written, then each part.
 * A condition holds for any of them (`notIn`: for none), so a value listed with its semicolons still matches.
 */
function withListedValues(kind: FieldKind, raw: string, whole: string): string | string[] {
  const out = [whole];
  for (const part of raw.split(';')) {
    const v = normalizeValue(kind, part);
    if (v !== '' && !out.includes(v)) out.push(v);
  }
  return out.length === 1 ? whole : out;
}

/** A lead value as normalised strings: null when missing or empty; arrays give one string per element. */
export function normalizedValues(kind: FieldKind, raw: unknown): string | string[] | null {
  if (typeof raw === 'string') {
    const v = normalizeValue(kind, raw);
    if (v === '') return null;
    return raw.indexOf(';') < 0 ? v : withListedValues(kind, raw, v);
  }
  if (raw === null || raw === undefined) return null;
  if (Array.isArray(raw)) {
    const out: string[] = [];
    for (const el of raw) {
      if (el === null || el === undefined || typeof el === 'object') continue;
      const v = normalizeValue(kind, el);
      if (v !== '') out.push(v);
    }
    return out.length ? out : null;
  }
  if (typeof raw === 'object') return null;
  const v = normalizeValue(kind, raw);
  return v === '' ? null : v;
}
