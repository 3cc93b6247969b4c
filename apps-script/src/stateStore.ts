// Rotation state in document properties. A property value may hold at most 9 KB and a store
// 500 KB in total, so the JSON is cut into chunks (by UTF-8 bytes) and, when it is too big, the
// oldest dedupe keys and learned account domains are dropped first (the state is bounded anyway).
import {copyState, emptyState, parseState, StateError, type RotationState, type StateErrorKind} from '../../shared';

export const STATE_PREFIX = 'leadRouting.state.';
export const STATE_COUNT_KEY = 'leadRouting.state.n';
/** Total length (UTF-16 units) of the JSON the chunks hold: a chunk cut short is found even when the JSON still parses. */
export const STATE_LENGTH_KEY = 'leadRouting.state.len';
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

/** Property map holding the state: count key, length key and chunk keys. */
export function stateProperties(state: RotationState): Record<string, string> {
  const json = serializeState(state);
  const chunks = chunkString(json);
  const props: Record<string, string> = {
    [STATE_COUNT_KEY]: String(chunks.length),
    [STATE_LENGTH_KEY]: String(json.length),
  };
  chunks.forEach((c, i) => (props[STATE_PREFIX + i] = c));
  return props;
}

/** Where the state lives, for messages. */
export const STATE_WHERE = `The rotation state in this spreadsheet's document properties (${STATE_PREFIX}*)`;
const RECOVER =
  ' No lead was changed. To start the rotation afresh (counters, dedupe and learned accounts are cleared), use Lead Routing → Settings → Reset rotation.';

function unreadable(kind: StateErrorKind, detail: string): StateError {
  return new StateError(kind, `${STATE_WHERE} cannot be read: ${detail}.${RECOVER}`);
}

/**
 * The state from a property map (all properties of the store). No state at all (no count key and
 * no chunk) is the empty state of a first run; anything else that is not a whole, readable state
 * (a chunk missing or cut short, a wrong chunk count, JSON that is not a state, a newer format)
 * throws StateError naming the properties and how to recover: never a silent reset.
 */
export function stateFromProperties(props: Record<string, string>): RotationState {
  const countText = props[STATE_COUNT_KEY];
  const hasChunks = Object.keys(props).some(
    k => k.startsWith(STATE_PREFIX) && /^\d+$/.test(k.slice(STATE_PREFIX.length)),
  );
  if (countText === undefined) {
    if (hasChunks) throw unreadable('corrupt', `the chunk count (${STATE_COUNT_KEY}) is missing`);
    return emptyState();
  }
  const n = Number(countText);
  if (!Number.isInteger(n) || n <= 0) throw unreadable('corrupt', `the chunk count is "${countText}"`);
  let json = '';
  for (let i = 0; i < n; i++) {
    const part = props[STATE_PREFIX + i];
    if (part === undefined) throw unreadable('corrupt', `chunk ${i + 1} of ${n} is missing`);
    json += part;
  }
  if (props[STATE_PREFIX + n] !== undefined)
    throw unreadable('corrupt', `there are more chunks than the count (${n}) says`);
  const length = props[STATE_LENGTH_KEY];
  if (length !== undefined && Number(length) !== json.length) {
    throw unreadable(
      'corrupt',
      `it holds ${json.length} characters where ${length} were written (a chunk was cut short)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw unreadable('corrupt', 'it is not valid JSON (a chunk was cut short or edited)');
  }
  try {
    return parseState(parsed, STATE_WHERE);
  } catch (e) {
    if (e instanceof StateError) throw new StateError(e.kind, e.message + RECOVER);
    throw e;
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

/** Reset rotation: removes every state property (count, length, chunks). Returns how many were removed. */
export function clearState(store: GoogleAppsScript.Properties.Properties): number {
  const keys = store.getKeys().filter(k => k.startsWith(STATE_PREFIX));
  for (const k of keys) store.deleteProperty(k);
  return keys.length;
}
