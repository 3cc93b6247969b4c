// Rotation state in document properties. A property value may hold at most 9 KB and a store
// 500 KB in total, so the JSON is cut into chunks (by UTF-8 bytes) and, when it is too big, the
// oldest dedupe keys and learned account domains are dropped first (the state is bounded anyway).
import {copyState, type RotationState} from '../../shared';

export const STATE_PREFIX = 'leadRouting.state.';
export const STATE_COUNT_KEY = 'leadRouting.state.n';
/** Bytes per chunk: under the 9 KB limit with room for the key. */
export const CHUNK_BYTES = 8000;
/** Total budget for the state, well under the 500 KB property store (settings and log ids share it). */
export const STATE_BUDGET_BYTES = 300000;

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Splits a string into pieces of at most `maxBytes` UTF-8 bytes, never inside a surrogate pair. */
export function chunkString(s: string, maxBytes: number = CHUNK_BYTES): string[] {
  const out: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff;
    const len = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + len > maxBytes) {
      out.push(s.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += len;
    if (pair) i++;
  }
  if (start < s.length || out.length === 0) out.push(s.slice(start));
  return out;
}

/** The state as JSON no bigger than `budget` bytes: oldest dedupe entries, then learned domains, go first. */
export function serializeState(state: RotationState, budget: number = STATE_BUDGET_BYTES): string {
  let json = JSON.stringify(state);
  if (utf8Length(json) <= budget) return json;
  const s = copyState(state);
  for (const key of ['dedupe', 'accounts'] as const) {
    const entries = Object.entries(s[key]);
    while (entries.length && utf8Length(json) > budget) {
      // Drop a share proportional to the overshoot (at least one), oldest first.
      const over = utf8Length(json) - budget;
      const per = Math.max(1, Math.ceil(utf8Length(JSON.stringify(entries)) / entries.length));
      entries.splice(0, Math.max(1, Math.ceil(over / per)));
      (s as unknown as Record<string, unknown>)[key] = Object.fromEntries(entries);
      json = JSON.stringify(s);
    }
  }
  return json;
}

/** Property map holding the state: count key + chunk keys. */
export function stateProperties(state: RotationState): Record<string, string> {
  const chunks = chunkString(serializeState(state));
  const props: Record<string, string> = {[STATE_COUNT_KEY]: String(chunks.length)};
  chunks.forEach((c, i) => (props[STATE_PREFIX + i] = c));
  return props;
}

/** The state from a property map (all properties of the store); empty when absent or unreadable. */
export function stateFromProperties(props: Record<string, string>): RotationState {
  const n = Number(props[STATE_COUNT_KEY]);
  if (!Number.isInteger(n) || n <= 0) return copyState(undefined);
  let json = '';
  for (let i = 0; i < n; i++) {
    const part = props[STATE_PREFIX + i];
    if (part === undefined) return copyState(undefined);
    json += part;
  }
  try {
    return copyState(JSON.parse(json));
  } catch {
    return copyState(undefined);
  }
}

export function loadState(store: GoogleAppsScript.Properties.Properties): RotationState {
  return stateFromProperties(store.getProperties());
}

/** Writes the new chunks in one call, then removes chunks left over from a bigger state. */
export function saveState(store: GoogleAppsScript.Properties.Properties, state: RotationState): void {
  const before = Number(store.getProperty(STATE_COUNT_KEY)) || 0;
  const props = stateProperties(state);
  store.setProperties(props);
  const n = Number(props[STATE_COUNT_KEY]);
  for (let i = n; i < before; i++) store.deleteProperty(STATE_PREFIX + i);
}
