// Maps keyed by names users choose (rep and territory ids, field names, domains) are objects
// without a prototype, so "__proto__", "constructor" or "toString" are ordinary keys.

/** An empty object with no prototype, for user-named keys. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Whether `obj` has `key` as its own property (never one every object inherits). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
