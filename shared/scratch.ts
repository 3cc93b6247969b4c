/**
 * Empties a reused scratch array but keeps its storage: `xs.length = 0` drops the backing store,
 * so the next push allocates again (measured ~40 ns and a young-generation allocation per use).
 */
export function clear(xs: unknown[]): void {
  while (xs.length !== 0) xs.pop();
}
