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
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  return {
    find(text: string): string[] {
      if (!text) return [];
      const found = new Set<string>();
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) found.add(m[0].toLowerCase().replace(/\s+/g, ' '));
      return order.filter(k => found.has(k)).map(k => canonical.get(k)!);
    },
  };
}
