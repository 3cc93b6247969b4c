/**
 * Every documentation link the package shows inside n8n (node codex files, credential documentationUrl) and every
 * relative link in README.md and docs/*.md points at a file of this repository and, with an anchor, at a heading
 * that GitHub renders with that anchor.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const REPO_BLOB = 'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/';

/** GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces to -, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const m = !fence && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

function checkTarget(file: string, anchor: string | undefined): string | null {
  const abs = path.join(ROOT, file);
  if (!fs.existsSync(abs)) return `${file} does not exist`;
  if (anchor && !anchorsOf(fs.readFileSync(abs, 'utf8')).has(anchor)) return `${file} has no heading #${anchor}`;
  return null;
}

function repoUrl(url: string): {file: string; anchor?: string} | null {
  if (!url.startsWith(REPO_BLOB)) return null;
  const [file, anchor] = url.slice(REPO_BLOB.length).split('#');
  return {file, anchor};
}

describe('documentation links', () => {
  it('anchors follow GitHub rules', () => {
    expect([...anchorsOf('# A\n## Credential: Lead Routing Redis API\n## A\n```\n# not\n```')]).toEqual([
      'a',
      'credential-lead-routing-redis-api',
      'a-1',
    ]);
  });

  const codex = ['RouteLead', 'TerritoryMatch', 'RoundRobin'].map(n => `nodes/${n}/${n}.node.json`);
  it.each(codex)('%s links to existing docs anchors', file => {
    const json = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    const urls: string[] = [
      ...(json.resources.primaryDocumentation ?? []),
      ...(json.resources.credentialDocumentation ?? []),
    ].map((r: {url: string}) => r.url);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const target = repoUrl(url);
      expect(target).not.toBeNull();
      expect(checkTarget(target!.file, target!.anchor)).toBeNull();
    }
  });

  it('credentials link to existing docs anchors', () => {
    const dir = path.join(ROOT, 'credentials');
    for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.ts'))) {
      const m = /documentationUrl = '([^']+)'/.exec(fs.readFileSync(path.join(dir, f), 'utf8'));
      const target = m && repoUrl(m[1]);
      if (!target) continue; // CRM credentials link to the platform's own API docs
      expect(checkTarget(target.file, target.anchor)).toBeNull();
    }
  });

  const pages = [
    'README.md',
    ...fs
      .readdirSync(path.join(ROOT, 'docs'))
      .filter(f => f.endsWith('.md'))
      .map(f => `docs/${f}`),
  ];
  it.each(pages)('relative links in %s resolve', page => {
    const text = fs.readFileSync(path.join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
    const problems: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const href = m[1];
      if (/^[a-z]+:/i.test(href)) continue;
      const [rel, anchor] = href.split('#');
      const file = rel ? path.normalize(path.join(path.dirname(page), rel)) : page;
      const problem = checkTarget(file, anchor);
      if (problem) problems.push(`${href}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});
