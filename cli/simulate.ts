import {compileConfig} from '../shared/compile';
import {createRouter} from '../shared/router';
import {summarize, type Summary} from '../shared/summary';
import type {Decision, Instant} from '../shared/types';
import {ratio, table} from './table';

export interface SimulationRun {
  version: string;
  summary: Summary;
}

export interface Simulation {
  a: SimulationRun;
  b?: SimulationRun;
  /** With a comparison: leads whose owner differs between the two configs. */
  changedOwner?: number;
}

function run(
  leads: unknown[],
  config: unknown,
  timeOf: (lead: unknown) => Instant,
): {run: SimulationRun; decisions: Decision[]} {
  const compiled = compileConfig(config);
  const router = createRouter(compiled, undefined, {trace: false});
  const decisions = leads.map((lead, i) => router.route(lead, timeOf(lead), i));
  return {run: {version: compiled.version, summary: summarize(decisions, compiled)}, decisions};
}

/** Routes every lead from empty state under one config, or two side by side. */
export function simulate(
  leads: unknown[],
  a: unknown,
  b: unknown | undefined,
  timeOf: (lead: unknown) => Instant,
): Simulation {
  const ra = run(leads, a, timeOf);
  if (b === undefined) return {a: ra.run};
  const rb = run(leads, b, timeOf);
  let changedOwner = 0;
  for (let i = 0; i < leads.length; i++) if (ra.decisions[i].ownerId !== rb.decisions[i].ownerId) changedOwner++;
  return {a: ra.run, b: rb.run, changedOwner};
}

export function formatSimulation(sim: Simulation, fileA: string, fileB?: string): string {
  const {a, b} = sim;
  const out: string[] = [];
  const head = (name: string, r: SimulationRun) =>
    `${name} (version ${r.version}): ${r.summary.leads} leads, ${r.summary.assigned} assigned, ${r.summary.unassigned} unassigned`;
  out.push(head(fileA, a));
  if (b && fileB) out.push(head(fileB, b));
  const cols = b ? ['A', 'B', 'B−A'] : ['leads'];
  const row = (label: string, x: number, y?: number) => (b ? [label, x, y ?? 0, (y ?? 0) - x] : [label, x]);

  const repIds = [...new Set([...Object.keys(a.summary.byRep), ...(b ? Object.keys(b.summary.byRep) : [])])];
  out.push(
    '',
    table(
      ['rep', ...cols],
      repIds.map(id => row(id, a.summary.byRep[id] ?? 0, b?.summary.byRep[id] ?? 0)),
    ),
  );
  const tIds = [...new Set([...Object.keys(a.summary.byTerritory), ...(b ? Object.keys(b.summary.byTerritory) : [])])];
  if (tIds.length) {
    out.push(
      '',
      table(
        ['territory', ...cols],
        tIds.map(id => row(id, a.summary.byTerritory[id] ?? 0, b?.summary.byTerritory[id] ?? 0)),
      ),
    );
  }
  const stages = Object.keys(a.summary.byStage) as Array<keyof Summary['byStage']>;
  out.push(
    '',
    table(
      ['stage', ...cols],
      stages.map(s => row(s, a.summary.byStage[s], b?.summary.byStage[s])),
    ),
  );
  const fair = (r: SimulationRun) => [
    ratio(r.summary.fairness.maxMinRatio),
    r.summary.fairness.gini === null ? 'n/a' : r.summary.fairness.gini.toFixed(3),
  ];
  out.push(
    '',
    table(['fairness (rotating reps)', 'max/min', 'gini'], [['A', ...fair(a)], ...(b ? [['B', ...fair(b)]] : [])]),
  );
  if (sim.changedOwner !== undefined) {
    const pct = a.summary.leads ? ((100 * sim.changedOwner) / a.summary.leads).toFixed(1) : '0.0';
    out.push('', `Leads that change owner from A to B: ${sim.changedOwner} of ${a.summary.leads} (${pct}%)`);
  }
  return out.join('\n');
}
