// Sales-intent keywords: whole words (or phrases), case-insensitive, reported in config order.
export interface IntentMatcher {
  find(text: string): string[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileIntent(keywords: string[]): IntentMatcher {
  const canonical = new Map<string, string>();
  for (const k of keywords) {
    const key = k.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!canonical.has(key)) canonical.set(key, k.trim());
  }
  const order = [...canonical.keys()];
  const alternatives = [...order].sort((a, b) => b.length - a.length).map(k => escape(k).replace(/ /g, '\\s+'));
  const wordRe = (alts: string[]) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alts.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  const re = wordRe(alternatives);
  // A keyword inside a longer one ("demo" in "demo day") is hidden where the longer one matched:
  // it is looked for on its own when one of those longer ones was found (settled reading 4).
  const inner = order
    .map(k => ({
      key: k,
      within: order.filter(o => o !== k && wordRe([escape(k)]).test(o)),
      re: wordRe([escape(k).replace(/ /g, '\\s+')]),
    }))
    .filter(x => x.within.length > 0);
  return {
    find(text: string): string[] {
      if (!text) return [];
      const found = new Set<string>();
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) found.add(m[0].toLowerCase().replace(/\s+/g, ' '));
      for (const k of inner) {
        if (found.has(k.key) || !k.within.some(o => found.has(o))) continue;
        k.re.lastIndex = 0;
        if (k.re.test(text)) found.add(k.key);
      }
      return order.filter(k => found.has(k)).map(k => canonical.get(k)!);
    },
  };
}
