// A fast, dependency-free 64-bit string hash (cyrb53-style, two 32-bit lanes) that runs unchanged in
// Node and Apps Script. Used to pseudonymise dedupe keys and domains in persisted state and to
// fingerprint configs. Not a cryptographic hash.
function mix(input: string, seed: number): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** 53-bit hash of a string as a number (safe integer): cheap to compute and to use as a Map key. */
export function hash53(input: string, seed = 0): number {
  const [h1, h2] = mix(input, seed);
  return 4294967296 * (2097151 & h2) + h1;
}

/** 64-bit hash of a string as 16 hex digits. */
export function hash64(input: string, seed = 0): string {
  const [h1, h2] = mix(input, seed);
  return hex8(h2) + hex8(h1);
}

function hex8(n: number): string {
  const s = n.toString(16);
  return s.length >= 8 ? s : '00000000'.slice(s.length) + s;
}

/** JSON with object keys sorted, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter(k => obj[k] !== undefined)
    .sort();
  return '{' + keys.map(k => JSON.stringify(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}
