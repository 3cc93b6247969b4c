// What the router remembers per lead or domain (dedupe entries, learned domains, held leads), keyed
// by pseudonyms (shared/pseudonym.ts). Persisted as "<prefix><base36 key>": a lower-case prefix for
// unkeyed public hashes (states written without a secret), upper case for keyed ones.
import type {Pseudonym} from './pseudonym';
import {hash53} from './hash';

export class Memory<V> {
  /** Entries under the current scheme, oldest first. */
  readonly current = new Map<number, V>();
  /** Unkeyed entries read while a secret is set: honoured (and re-keyed) on use, never added to. */
  private readonly legacy = new Map<number, V>();
  /** Keyed entries read without the secret (it was lost or not supplied): kept as they are. */
  private readonly foreign: Record<string, V> = {};
  private readonly prefix: string;

  /**
   * `persisted`: the state's record; `prefix`: this memory's letter (lower case, e.g. "k");
   * `keyed`: whether a secret is in use; `max`: most entries kept (oldest evicted).
   */
  constructor(
    persisted: Record<string, V> | undefined,
    private readonly letter: string,
    private readonly keyed: boolean,
    private readonly pseudonym: Pseudonym,
    public max: number,
  ) {
    const upper = letter.toUpperCase();
    this.prefix = keyed ? upper : letter;
    if (!persisted) return;
    for (const k of Object.keys(persisted)) {
      const n = parseInt(k.slice(1), 36);
      if (!Number.isSafeInteger(n)) continue;
      const p = k[0];
      if (p === this.prefix) this.current.set(n, persisted[k]);
      else if (keyed && p === letter) this.legacy.set(n, persisted[k]);
      else if (!keyed && p === upper) this.foreign[k] = persisted[k];
    }
  }

  /** The pseudonym of `material` under the current scheme. */
  keyOf(material: string): number {
    return this.pseudonym(material);
  }

  /** The entry for `material` (`key` = keyOf(material)); an unkeyed entry found is moved to `key`. */
  get(key: number, material: string): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined || this.legacy.size === 0) return v;
    const old = hash53(material);
    const found = this.legacy.get(old);
    if (found !== undefined) {
      this.legacy.delete(old);
      this.current.set(key, found);
    }
    return found;
  }

  /** Sets `key` as the newest entry and evicts the oldest beyond `max` (unkeyed ones first). */
  set(key: number, value: V): void {
    this.current.delete(key);
    this.current.set(key, value);
    while (this.current.size + this.legacy.size > this.max) {
      const from = this.legacy.size ? this.legacy : this.current;
      from.delete(from.keys().next().value as number);
    }
  }

  delete(key: number): void {
    this.current.delete(key);
  }

  get size(): number {
    return this.current.size;
  }

  /**
   * The persisted record. `keep(v)` false drops an unkeyed entry (e.g. one whose window passed), and
   * also a current one when `all`.
   */
  toRecord(keep?: (v: V) => boolean, all = false): Record<string, V> {
    const out: Record<string, V> = {};
    for (const k of Object.keys(this.foreign)) out[k] = this.foreign[k];
    for (const [k, v] of this.legacy) if (!keep || keep(v)) out[this.letter + k.toString(36)] = v;
    for (const [k, v] of this.current) if (!all || !keep || keep(v)) out[this.prefix + k.toString(36)] = v;
    return out;
  }
}
