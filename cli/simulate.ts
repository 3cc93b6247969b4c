import {compileConfig} from '../shared/compile';
import {createRouter} from '../shared/router';
import {SummaryTally, type Summary} from '../shared/summary';
import type {Decision, Instant, RoutingWarning} from '../shared/types';
import {ratio, table} from './table';
import {WarningTally} from './warnings';

export interface SimulationRun {
  version: string;
  summary: Summary;
  /** Leads per warning code (a lead counted once per code). */
  warnings: Record<string, number>;
}

export interface Simulation {
  a: SimulationRun;
  b?: SimulationRun;
  /** With a comparison: leads whose owner differs between the two configs. */
  changedOwner?: number;
}

interface Side {
  version: string;
  router: ReturnType<typeof createRouter>;
  tally: SummaryTally;
  warnings: WarningTally;
}

function side(config: unknown): Side {
  const compiled = compileConfig(config);
  return {
    version: compiled.version,
    router: createRouter(compiled, undefined, {trace: false}),
    tally: new SummaryTally(compiled),
    warnings: new WarningTally(),
  };
}

type Timed = (lead: unknown) => {time: Instant; warning: RoutingWarning | null};

function step(s: Side, lead: unknown, i: number, time: Instant, warning: RoutingWarning | null): Decision {
  const d = s.router.route(lead, time, i, warning ? [warning] : undefined);
  s.tally.add(d);
  s.warnings.add(d.warnings);
  return d;
}

/**
 * Routes every lead from empty state under one config, or two side by side, one lead at a time
 * (memory flat in the number of leads). `onLead` is called after each lead (progress).
 */
export async function simulate(
  leads: AsyncIterable<unknown> | Iterable<unknown>,
  a: unknown,
  b: unknown | undefined,
  timeOf: Timed,
  onLead: () => void = () => {},
): Promise<Simulation & {warningTally: WarningTally}> {
  const sa = side(a);
  const sb = b === undefined ? undefined : side(b);
  let changedOwner = 0;
  let i = 0;
  for await (const lead of leads) {
    const {time, warning} = timeOf(lead);
    const da = step(sa, lead, i, time, warning);
    if (sb) {
      const db = step(sb, lead, i, time, warning);
      if (da.ownerId !== db.ownerId) changedOwner++;
    }
    i++;
    onLead();
  }
  const done = (s: Side): SimulationRun => ({
    version: s.version,
    summary: s.tally.result(),
    warnings: s.warnings.counts(),
  });
  return {a: done(sa), ...(sb ? {b: done(sb), changedOwner} : {}), warningTally: sa.warnings};
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
  const codes = [...new Set([...Object.keys(a.warnings), ...(b ? Object.keys(b.warnings) : [])])];
  if (codes.length) {
    out.push(
      '',
      table(
        ['warning', ...cols],
        codes.map(c => row(c, a.warnings[c] ?? 0, b?.warnings[c] ?? 0)),
      ),
    );
  }
  if (sim.changedOwner !== undefined) {
    const pct = a.summary.leads ? ((100 * sim.changedOwner) / a.summary.leads).toFixed(1) : '0.0';
    out.push('', `Leads that change owner from A to B: ${sim.changedOwner} of ${a.summary.leads} (${pct}%)`);
  }
  return out.join('\n');
}
