// Deterministic pseudo-random numbers for synthetic data (mulberry32). The bench may be random;
// the routing core never is.
export type Rng = () => number;

export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)];
}

/** `n` distinct items of `list` (n <= list.length), in draw order. */
export function pickDistinct<T>(rng: Rng, list: readonly T[], n: number): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  while (out.length < n) {
    const i = Math.floor(rng() * list.length);
    if (!seen.has(i)) {
      seen.add(i);
      out.push(list[i]);
    }
  }
  return out;
}
