// Reading values out of a lead by dot path ("address.zip"), and the normalisation each field gets.
import {normalizeCountry, normalizeState, normalizeZip} from './normalize/geo';
import {normalizeText} from './normalize/text';

export type FieldKind = 'zip' | 'state' | 'country' | 'text';

export function compilePath(path: string): string[] {
  return path.split('.').filter(p => p.length > 0);
}

export function readPath(lead: unknown, path: string[]): unknown {
  let v: unknown = lead;
  for (let i = 0; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[path[i]];
  }
  return v;
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
    default:
      return normalizeText(raw);
  }
}
/** A lead value as normalised strings: null when missing or empty; arrays give one string per element. */
export function normalizedValues(kind: FieldKind, raw: unknown): string | string[] | null {
  if (typeof raw === 'string') {
    const v = normalizeValue(kind, raw);
    return v === '' ? null : v;
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
