// The goals, as ratios measured in this run.
import type {AppsScriptSection} from './sections/appsScript';
import type {CoreSection} from './sections/core';
import type {N8nSection} from './sections/n8n';
import type {PeersSection} from './sections/peers';

export interface Goal {
  goal: string;
  measured: string;
  value: number | null;
  target: string;
  met: boolean | null;
}

export function evaluateGoals(
  core: CoreSection | null,
  peers: PeersSection | null,
  gas: AppsScriptSection | null,
  n8n: N8nSection | null,
  bundles: {file: string; bytes: number}[] = [],
): Goal[] {
  const goals: Goal[] = [];
  const add = (goal: string, value: number | null, target: string, ok: (v: number) => boolean, unit = '', note = '') =>
    goals.push({
      goal,
      value,
      target,
      measured:
        value === null || !isFinite(value)
          ? 'n/a'
          : (unit === '/s' ? Math.round(value).toLocaleString('en-US') + '/s' : value.toFixed(2) + unit) + note,
      met: value === null || !isFinite(value) ? null : ok(value),
    });

  const goalRow = (trace: boolean) =>
    core?.rows.find(r => r.label.startsWith('goal:') && r.trace === trace)?.perSec ?? null;
  add('full decisions/s, 100 territories, 50 reps, trace off', goalRow(false), '>= 1,000,000/s', v => v >= 1e6, '/s');
  add('full decisions/s, 100 territories, 50 reps, full trace', goalRow(true), '>= 200,000/s', v => v >= 2e5, '/s');

  for (const t of [100, 1000]) {
    // Prefer the peers section (same map and leads as the peer comparison), else the scaling table.
    const peerRow = peers?.rows.find(r => r.territories === t);
    const row = core?.scaling.find(r => r.family === 'mixed' && r.territories === t);
    const ratio = peerRow
      ? (peerRow.perSec['hand-indexed JS'] ?? NaN) / (peerRow.perSec['core: bestTerritories'] ?? NaN)
      : row
        ? row.matchNs / row.indexedNs
        : null;
    add(`matching step vs hand-indexed JS, ${t} territories (time ratio)`, ratio, '<= 1.5×', v => v <= 1.5, '×');
  }
  for (const r of peers?.rows ?? []) {
    // Like for like (the peers match and score; so does bestTerritories), then the stricter full decision.
    for (const [what, ours] of [
      ['matching', r.perSec['core: bestTerritories']],
      ['full decisions', r.perSec['core: full decision']],
    ] as const) {
      const c = ours ?? NaN;
      const ceiling = (peer: number | undefined) =>
        ` (hand-indexed JS: ${Math.round((r.perSec['hand-indexed JS'] ?? NaN) / (peer ?? NaN)).toLocaleString('en-US')}×)`;
      add(
        `core ${what} over json-rules-engine, ${r.territories} territories`,
        c / (r.perSec['json-rules-engine'] ?? NaN),
        '>= 1,000×',
        v => v >= 1000,
        '×',
        what === 'matching' ? ceiling(r.perSec['json-rules-engine']) : '',
      );
      add(
        `core ${what} over zen-engine (64 in flight), ${r.territories} territories`,
        c / (r.perSec['zen-engine, 64 in flight'] ?? NaN),
        '>= 100×',
        v => v >= 100,
        '×',
        what === 'matching' ? ceiling(r.perSec['zen-engine, 64 in flight']) : '',
      );
    }
  }
  add(
    'geographic map: cost at 10,000 territories over 10 (full decision)',
    core?.geoGrowth ?? null,
    '<= 1.5×',
    v => v <= 1.5,
    '×',
  );
  add(
    'geographic map: cost at 10,000 territories over 10 (matching step)',
    core?.geoMatchGrowth ?? null,
    '<= 1.5×',
    v => v <= 1.5,
    '×',
  );
  add(
    'n8n: Route Lead over No Operation, 10,000 items (node time)',
    n8n?.routeOverNoop ?? null,
    '<= 2×',
    v => v <= 2,
    '×',
  );
  add(
    'n8n: Route Lead over No Operation, 10,000 items (whole execution)',
    n8n?.executionRouteOverNoop ?? null,
    '<= 2×',
    v => v <= 2,
    '×',
  );
  add(
    'Apps Script: service calls per run, most over fewest (10 / 1,000 / 10,000 new rows)',
    gas && gas.rows.length ? Math.max(...gas.rows.map(r => r.ours)) / Math.min(...gas.rows.map(r => r.ours)) : null,
    '1.00× (constant)',
    v => v <= 1,
    '×',
  );
  const nodeFiles = bundles.filter(b => b.file.startsWith('dist/nodes/'));
  add(
    'n8n package: all node files together (nodes + their shared core and Redis client), KB',
    nodeFiles.length ? nodeFiles.reduce((n, b) => n + b.bytes, 0) / 1024 : null,
    '<= 1,024 KB',
    v => v <= 1024,
    ' KB',
  );
  const addOn = bundles.find(b => b.file === 'apps-script/dist/Code.js');
  add('Apps Script add-on: Code.js, KB', addOn ? addOn.bytes / 1024 : null, '<= 120 KB', v => v <= 120, ' KB');
  return goals;
}
