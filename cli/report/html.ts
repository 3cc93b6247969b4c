// The report as one self-contained HTML file a manager can open in a browser: inline CSS and
// inline SVG charts, no script, no network (a Content-Security-Policy forbids any fetch). Every value
// from a config or a lead is escaped.
import escapeHtml from 'escape-html';
import type {Summary} from '../../shared/summary';
import type {Simulation, SimulationRun} from '../simulate';
import {barChart, columnChart, pairChart} from './charts';
import {
  overallFairness,
  pct,
  rateRows,
  ratio,
  repLoad,
  runCapacity,
  share,
  territoryLoad,
  timeContext,
} from './figures';

const esc = (v: unknown) => escapeHtml(v === null || v === undefined ? '' : String(v));

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:0;background:#f5f7fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d9e2ec;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
.context{color:#52606d;font-size:13px;margin:2px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:10px 14px;min-width:130px}
.card .big{font-size:22px;font-weight:600}.card .small{color:#52606d;font-size:12px}
table{border-collapse:collapse;background:#fff;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #d9e2ec;padding:3px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#eef2f7}
.chart{background:#fff;border:1px solid #d9e2ec;border-radius:6px;margin:8px 0 14px;padding:8px 10px;display:inline-block}
.chart figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#1f2933}svg rect{fill:#3e7cb1}svg .b rect{fill:#e39b3b}
svg line.cap{stroke:#c0392b;stroke-width:3}
.note{background:#fff4e5;border:1px solid #f0b429;padding:6px 10px;border-radius:4px}
.legend{font-size:12px;color:#52606d}.legend .cap{color:#c0392b;font-weight:700}
`;

type Cell = string | number;

function tableHtml(cls: string, headers: string[], rows: Cell[][]): string {
  const th = headers.map(h => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map(
      r =>
        `<tr>${r.map(c => (typeof c === 'number' ? `<td class="n">${esc(c)}</td>` : `<td>${esc(c)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table class="${esc(cls)}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function card(label: string, big: string, small = ''): string {
  return `<div class="card"><div class="small">${esc(label)}</div><div class="big">${esc(big)}</div><div class="small">${esc(small)}</div></div>`;
}

function runHtml(sim: Simulation, r: SimulationRun, key: 'a' | 'b'): string {
  const s: Summary = r.summary;
  const id = (name: string) => `${key}-${name}`;
  const parts: string[] = [];
  parts.push(`<section class="run" id="run-${key}" data-run="${key.toUpperCase()}">`);
  parts.push(`<h2>${key.toUpperCase()}: ${esc(r.file)} <small>(version ${esc(r.version)})</small></h2>`);
  for (const line of timeContext(sim, r)) parts.push(`<p class="context">${esc(line)}</p>`);
  parts.push(
    '<div class="cards">',
    card('leads', String(s.leads)),
    card('territory match', pct(s.rates.territory), `exact ${pct(s.rates.exact)} · partial ${pct(s.rates.partial)}`),
    card('assigned', String(s.assigned), pct(share(s.assigned, s.leads))),
    card('unassigned', String(s.unassigned), pct(s.rates.unassigned)),
    card('duplicates', String(s.byStage.duplicate), pct(s.rates.duplicate)),
    card('leads with a warning', String(r.leadsWithWarnings), pct(share(r.leadsWithWarnings, s.leads))),
    '</div>',
  );
  parts.push('<h3>Match and fallback rates (share of all leads)</h3>');
  parts.push(
    tableHtml(
      'rates',
      ['rate', 'leads', '%'],
      rateRows(s).map(([l, n, x]) => [l, n, pct(x)]),
    ),
  );

  parts.push('<h3>Leads per rep against capacity</h3>');
  parts.push(
    '<p class="legend">Bar: leads in the run. <span class="cap">|</span> capacity over the run = daily cap × days with routing (in the rep\'s zone); no tick = no daily cap.</p>',
  );
  parts.push(
    barChart(
      id('rep'),
      'Leads per rep (tick: capacity over the run)',
      s.load.reps.map(x => ({label: x.repId, value: x.leads, capacity: runCapacity(x.caps.daily, x.routingDays)})),
    ),
  );
  const reps = repLoad(s);
  parts.push(tableHtml('reps', reps.headers, reps.rows));
  if (s.load.territories.length) {
    parts.push('<h3>Leads per territory</h3>');
    parts.push(
      barChart(
        id('territory'),
        'Leads per territory (tick: daily capacity × days)',
        s.load.territories.map(t => ({
          label: t.territoryId,
          value: t.leads,
          capacity: runCapacity(t.dailyCapacity, t.routingDays),
        })),
      ),
    );
    const territories = territoryLoad(s);
    parts.push(tableHtml('territories', territories.headers, territories.rows));
  }
  parts.push('<h3>Leads per stage</h3>');
  parts.push(
    barChart(
      id('stage'),
      'Leads per stage',
      Object.entries(s.byStage).map(([k, n]) => ({label: k, value: n})),
    ),
  );
  parts.push("<h3>Assigned leads by hour of day, in each owner's zone</h3>");
  parts.push(
    columnChart(
      id('hour'),
      "Assigned leads by hour (owner's zone)",
      s.byHour.assigned.map((n, h) => ({label: String(h).padStart(2, '0'), value: n})),
    ),
  );
  if (s.unassigned) {
    parts.push('<h3>Unassigned leads</h3>');
    parts.push(
      tableHtml(
        'unassigned',
        ['reason', 'leads', '% of leads'],
        Object.entries(s.unassignedByReason)
          .sort((x, y) => y[1] - x[1])
          .map(([k, n]) => [k, n, pct(share(n, s.leads))]),
      ),
    );
    parts.push(
      columnChart(
        id('hour-unassigned'),
        `Unassigned leads by hour (${s.timeZone})`,
        s.byHour.unassigned.map((n, h) => ({label: String(h).padStart(2, '0'), value: n})),
      ),
    );
  }
  parts.push('<h3>Fairness within each pool</h3>');
  parts.push(
    '<p class="legend">ratio = the rep\'s share of the pool\'s leads ÷ the share its weight entitles it to (1.00 = its due).</p>',
  );
  const fair: Cell[][] = [];
  for (const p of s.pools) {
    for (const x of p.reps)
      fair.push([p.label, p.strategy, x.repId, x.weight, x.leads, pct(x.share), pct(x.expected), ratio(x.ratio)]);
  }
  parts.push(tableHtml('fairness', ['pool', 'strategy', 'rep', 'weight', 'leads', 'share', 'expected', 'ratio'], fair));
  parts.push(`<p class="context">${esc(overallFairness(s))}</p>`);
  const codes = Object.entries(r.warnings).sort((x, y) => y[1] - x[1]);
  parts.push('<h3>Warnings</h3>');
  parts.push(
    codes.length
      ? tableHtml(
          'warnings',
          ['warning', 'leads', '% of leads'],
          codes.map(([c, n]) => [c, n, pct(share(n, s.leads))]),
        )
      : '<p>none</p>',
  );
  parts.push('</section>');
  return parts.join('\n');
}

function compareHtml(sim: Simulation): string {
  const {a, b, compare} = sim;
  if (!b || !compare) return '';
  const n = a.summary.leads;
  const reps = [...new Set([...Object.keys(a.summary.byRep), ...Object.keys(b.summary.byRep)])];
  const parts = [
    '<section id="compare">',
    `<h2>Comparison: A = ${esc(a.file)}, B = ${esc(b.file)}</h2>`,
    '<div class="cards">',
    card('leads that change owner', String(compare.changedOwner), pct(share(compare.changedOwner, n))),
    card('leads that change stage', String(compare.changedStage), pct(share(compare.changedStage, n))),
    '</div>',
    pairChart(
      'compare-rep',
      'Leads per rep, A and B',
      reps.map(id => ({label: id, a: a.summary.byRep[id] ?? 0, b: b.summary.byRep[id] ?? 0})),
    ),
    '<h3>Owner moves</h3>',
    tableHtml(
      'moves',
      ['owner in A', 'owner in B', 'leads'],
      compare.moves.map(m => [m.from ?? '(unassigned)', m.to ?? '(unassigned)', m.leads]),
    ),
    `<h3>Changed leads${compare.changed > compare.changes.length ? ` (first ${compare.changes.length} of ${compare.changed}; all of them with --changes FILE)` : ''}</h3>`,
    tableHtml(
      'changes',
      ['lead', 'owner A', 'owner B', 'stage A', 'stage B', 'territory A', 'territory B'],
      compare.changes.map(c => [
        String(c.leadId),
        c.ownerA ?? '-',
        c.ownerB ?? '-',
        c.stageA,
        c.stageB,
        c.territoryA ?? '-',
        c.territoryB ?? '-',
      ]),
    ),
    '</section>',
  ];
  return parts.join('\n');
}

export function htmlReport(sim: Simulation): string {
  const title = `Lead routing report — ${sim.a.file}${sim.b ? ` vs ${sim.b.file}` : ''}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>${esc(title)}</h1>`,
    `<p class="context">${esc(sim.a.summary.leads)} leads routed from empty state by lead-routing simulate.</p>`,
    ...(sim.notes ?? []).map(n => `<p class="note">Note: ${esc(n)}</p>`),
    runHtml(sim, sim.a, 'a'),
    sim.b ? runHtml(sim, sim.b, 'b') : '',
    compareHtml(sim),
    '</main></body></html>',
    '',
  ].join('\n');
}
