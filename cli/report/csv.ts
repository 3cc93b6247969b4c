// The report as CSV: one figure per row (run, section, group, key, metric, value), for a spreadsheet
// or a pivot table. Shares are fractions 0..1; `run` is A or B ("" for the run's context).
import {csvRow} from '../csvCell';
import type {Simulation, SimulationRun} from '../simulate';
import {share} from './figures';

export const REPORT_CSV_COLUMNS = ['run', 'section', 'group', 'key', 'metric', 'value'] as const;

type Cell = string | number | null;
type Row = [string, string, string, string, string, Cell];

function runRows(name: string, r: SimulationRun): Row[] {
  const s = r.summary;
  const rows: Row[] = [];
  const add = (section: string, group: string, key: string, metric: string, value: Cell) =>
    rows.push([name, section, group, key, metric, value]);
  add('run', '', 'file', 'text', r.file);
  add('run', '', 'version', 'text', r.version);
  add('run', '', 'timeZone', 'text', s.timeZone);
  add('run', '', 'first', 'time', s.span.first);
  add('run', '', 'last', 'time', s.span.last);
  for (const k of ['leads', 'assigned', 'unassigned'] as const) add('total', '', k, 'leads', s[k]);
  for (const [stage, n] of Object.entries(s.byStage)) {
    add('stage', '', stage, 'leads', n);
    add('stage', '', stage, 'share', s.rates[stage as keyof typeof s.rates]);
  }
  add('rate', '', 'territory', 'share', s.rates.territory);
  for (const k of ['configured', 'learned'] as const) {
    add('account', '', k, 'leads', s.accounts[k]);
    add('account', '', k, 'share', share(s.accounts[k], s.leads));
  }
  for (const [k, n] of Object.entries(s.unassignedByReason)) {
    add('unassigned', '', k, 'leads', n);
    add('unassigned', '', k, 'share', share(n, s.leads));
  }
  for (const x of s.load.reps) {
    const m = (metric: string, v: Cell) => add('rep', x.timeZone, x.repId, metric, v);
    m('leads', x.leads);
    m('share', share(x.leads, s.leads));
    m('routingDays', x.routingDays);
    m('perDay', x.perDay);
    m('dailyCap', x.caps.daily);
    m('weeklyCap', x.caps.weekly);
    m('monthlyCap', x.caps.monthly);
    m('openCap', x.caps.open);
    m('utilization', x.utilization);
    m('daysAtDailyCap', x.daysAtDailyCap);
    m('peakDay', x.peakDay?.period ?? null);
    m('peakDayLeads', x.peakDay?.leads ?? null);
  }
  for (const t of s.load.territories) {
    const m = (metric: string, v: Cell) => add('territory', t.timeZone, t.territoryId, metric, v);
    m('leads', t.leads);
    m('share', share(t.leads, s.leads));
    m('reps', t.reps);
    m('perDay', t.perDay);
    m('dailyCapacity', t.dailyCapacity);
    m('utilization', t.utilization);
    m('peakDay', t.peakDay?.period ?? null);
    m('peakDayLeads', t.peakDay?.leads ?? null);
  }
  for (const p of s.pools) {
    for (const x of p.reps) {
      add('fairness', p.pool, x.repId, 'leads', x.leads);
      add('fairness', p.pool, x.repId, 'share', x.share);
      add('fairness', p.pool, x.repId, 'expected', x.expected);
      add('fairness', p.pool, x.repId, 'ratio', x.ratio);
    }
  }
  s.byHour.assigned.forEach((n, h) => add('hour', "owner's zone", String(h), 'assigned', n));
  s.byHour.unassigned.forEach((n, h) => add('hour', s.timeZone, String(h), 'unassigned', n));
  for (const [code, n] of Object.entries(r.warnings)) add('warning', '', code, 'leads', n);
  add('warning', '', '(any)', 'leads', r.leadsWithWarnings);
  return rows;
}

/** The report as CSV rows (REPORT_CSV_COLUMNS); `raw`: cells as they are, formulas not neutralised (see csvCell). */
export function csvReport(sim: Simulation, raw = false): string {
  const c = sim.context;
  const rows: Row[] = [
    ['', 'context', '', 'now', 'time', c.now],
    ['', 'context', '', 'timeField', 'text', c.timeField],
    ['', 'context', '', 'leadTimeZone', 'text', c.leadTimeZone],
    ['', 'context', '', 'dateOrder', 'text', c.dateOrder],
    ...(sim.notes ?? []).map((n): Row => ['', 'context', '', 'note', 'text', n]),
    ...runRows('A', sim.a),
    ...(sim.b ? runRows('B', sim.b) : []),
  ];
  if (sim.compare) {
    const k = sim.compare;
    rows.push(['', 'compare', '', 'changedOwner', 'leads', k.changedOwner]);
    rows.push(['', 'compare', '', 'changedStage', 'leads', k.changedStage]);
    rows.push(['', 'compare', '', 'changed', 'leads', k.changed]);
    for (const m of k.moves) rows.push(['', 'move', m.from ?? '', m.to ?? '', 'leads', m.leads]);
  }
  // Ids come from configs a spreadsheet user may not have written: no cell is run as a formula (unless `raw`).
  return [REPORT_CSV_COLUMNS, ...rows].map(r => csvRow(r, raw)).join('');
}
