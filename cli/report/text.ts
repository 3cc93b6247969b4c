// The report as plain text (simulate's default): one run's figures, or two side by side and the diff.
import type {Summary} from '../../shared/summary';
import type {Simulation, SimulationRun} from '../simulate';
import {table} from '../table';
import {overallFairness, pct, rateRows, ratio, repLoad, share, territoryLoad, timeContext} from './figures';

function head(r: SimulationRun): string {
  const s = r.summary;
  return `${r.file} (version ${r.version}): ${s.leads} leads, ${s.assigned} assigned, ${s.unassigned} unassigned`;
}

/** Every figure of one run. */
export function runSections(sim: Simulation, r: SimulationRun): string[] {
  const s = r.summary;
  const out: string[] = [head(r), ...timeContext(sim, r)];
  out.push(
    '',
    table(
      ['rates (share of all leads)', 'leads', '%'],
      rateRows(s).map(([label, n, x]) => [label, n, pct(x)]),
    ),
  );
  const reasons = Object.entries(s.unassignedByReason).sort((x, y) => y[1] - x[1]);
  if (reasons.length) {
    out.push(
      '',
      table(
        ['unassigned by reason', 'leads', '% of leads'],
        reasons.map(([k, n]) => [k, n, pct(share(n, s.leads))]),
      ),
    );
  }
  out.push('', repTable(s), '', territoryTable(s), '', stageTable(s));
  out.push('', fairnessTable(s), overallFairness(s));
  out.push('', hourTable(s));
  const codes = Object.entries(r.warnings).sort((x, y) => y[1] - x[1]);
  out.push(
    '',
    codes.length
      ? table(
          ['warning', 'leads', '% of leads'],
          codes.map(([c, n]) => [c, n, pct(share(n, s.leads))]),
        )
      : 'warnings: none',
  );
  if (codes.length)
    out.push(`leads with a warning: ${r.leadsWithWarnings} (${pct(share(r.leadsWithWarnings, s.leads))})`);
  return out;
}

function repTable(s: Summary): string {
  const t = repLoad(s);
  return table(t.headers, t.rows);
}

function territoryTable(s: Summary): string {
  if (!s.load.territories.length) return 'territories: none';
  const t = territoryLoad(s);
  return table(t.headers, t.rows);
}

function stageTable(s: Summary): string {
  return table(
    ['stage', 'leads', '%'],
    Object.entries(s.byStage).map(([k, n]) => [k, n, pct(share(n, s.leads))]),
  );
}

function fairnessTable(s: Summary): string {
  const rows: Array<Array<string | number>> = [];
  for (const p of s.pools) {
    for (const r of p.reps) {
      rows.push([p.pool, r.repId, r.weight, r.leads, pct(r.share), pct(r.expected), ratio(r.ratio)]);
    }
  }
  if (!rows.length) return 'fairness: no pool rotates';
  return table(
    ['fairness (share / weight-expected share, per pool)', 'rep', 'weight', 'leads', 'share', 'expected', 'ratio'],
    rows,
  );
}

function hourTable(s: Summary): string {
  const rows = s.byHour.assigned.map((n, h) => [String(h).padStart(2, '0') + ':00', n, s.byHour.unassigned[h]]);
  return table(
    ['hour', "assigned (owner's zone)", `unassigned (${s.timeZone})`],
    rows.filter(r => r[1] || r[2]),
  );
}

/** The comparison: headline figures side by side, owner moves and the first rows of the diff. */
export function compareSections(sim: Simulation): string[] {
  const {a, b, compare} = sim;
  if (!b || !compare) return [];
  const out: string[] = ['', `Comparison: A = ${a.file}, B = ${b.file}`];
  const rows = rateRows(a.summary).map(([label, n], i) => {
    const m = rateRows(b.summary)[i][1];
    return [label, n, m, m - n];
  });
  out.push('', table(['rate', 'A', 'B', 'B−A'], rows));
  const repIds = [...new Set([...Object.keys(a.summary.byRep), ...Object.keys(b.summary.byRep)])];
  out.push(
    '',
    table(
      ['rep', 'A', 'B', 'B−A'],
      repIds.map(id => [
        id,
        a.summary.byRep[id] ?? 0,
        b.summary.byRep[id] ?? 0,
        (b.summary.byRep[id] ?? 0) - (a.summary.byRep[id] ?? 0),
      ]),
    ),
  );
  const n = a.summary.leads;
  out.push(
    '',
    `Leads that change owner from A to B: ${compare.changedOwner} of ${n} (${pct(share(compare.changedOwner, n))})`,
    `Leads that change stage: ${compare.changedStage} of ${n} (${pct(share(compare.changedStage, n))})`,
  );
  if (compare.moves.length) {
    out.push(
      '',
      table(
        ['owner in A', 'owner in B', 'leads'],
        compare.moves.map(m => [m.from ?? '(unassigned)', m.to ?? '(unassigned)', m.leads]),
      ),
    );
  }
  if (compare.changes.length) {
    out.push(
      '',
      table(
        ['lead', 'owner A → B', 'stage A → B'],
        compare.changes.map(c => [
          String(c.leadId),
          `${c.ownerA ?? '-'} → ${c.ownerB ?? '-'}`,
          `${c.stageA} → ${c.stageB}`,
        ]),
      ),
    );
    if (compare.changed > compare.changes.length) {
      out.push(`… ${compare.changed - compare.changes.length} more changed leads (all of them: --changes FILE)`);
    }
  }
  return out;
}

export function textReport(sim: Simulation): string {
  const out = [...(sim.notes ?? []).map(n => `Note: ${n}`), ...runSections(sim, sim.a)];
  if (sim.b) out.push('', '', ...runSections(sim, sim.b));
  out.push(...compareSections(sim));
  return out.join('\n');
}
