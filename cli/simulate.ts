// `simulate`'s engine: every lead routed from empty state under one config, or two side by side,
// one lead at a time. Only tallies are kept (memory flat in the number of leads): the per-lead diff
// of a comparison goes to `onChange` as it is found (the --changes CSV), and its first CHANGES_SHOWN
// rows are kept for the report.
import {compileConfig} from '../shared/compile';
import {createRouter} from '../shared/router';
import {SummaryTally, type Summary} from '../shared/summary';
import type {Decision, Instant, RoutingWarning, Stage} from '../shared/types';
import {shellWarnings, WarningTally} from './warnings';

/** Rows of the per-lead diff kept in the report (every row goes to --changes). */
export const CHANGES_SHOWN = 50;

export interface SimulationRun {
  /** The config file as given on the command line. */
  file: string;
  version: string;
  summary: Summary;
  /** Leads per warning code (a lead counted once per code). */
  warnings: Record<string, number>;
  /** Leads with at least one warning. */
  leadsWithWarnings: number;
}

/** One lead whose owner or stage differs between the two configs. */
export interface Change {
  /** Position of the lead in the input (0-based). */
  index: number;
  leadId: string | number;
  ownerA: string | null;
  ownerB: string | null;
  stageA: Stage;
  stageB: Stage;
  territoryA: string | null;
  territoryB: string | null;
}

export interface Comparison {
  /** Leads whose owner differs. */
  changedOwner: number;
  /** Leads whose stage differs. */
  changedStage: number;
  /** Leads whose owner or stage differs (the rows of the diff). */
  changed: number;
  /** Owner moves A → B (null = unassigned), most leads first. */
  moves: Array<{from: string | null; to: string | null; leads: number}>;
  /** The first CHANGES_SHOWN rows of the diff, in input order. */
  changes: Change[];
}

/** How the run read time: the zone and order of lead timestamps, and the routing time without one. */
export interface SimulationContext {
  /** --now (or the current time) as ISO: the routing time of leads without a readable --time-field. */
  now: string;
  timeField: string | null;
  /** Zone of lead timestamps written without one. */
  leadTimeZone: string;
  dateOrder: 'MDY' | 'DMY';
}

export interface Simulation {
  context: SimulationContext;
  a: SimulationRun;
  b?: SimulationRun;
  compare?: Comparison;
  /** Same as compare.changedOwner (kept for older readers). */
  changedOwner?: number;
  /** Findings about the run rather than one lead (e.g. a --time-field no lead has). */
  notes?: string[];
}

interface Side {
  file: string;
  version: string;
  router: ReturnType<typeof createRouter>;
  tally: SummaryTally;
  warnings: WarningTally;
}

function side(config: unknown, file: string): Side {
  const compiled = compileConfig(config);
  return {
    file,
    version: compiled.version,
    // Without the trace an unassigned decision still lists every rep considered (its reasons are read from them).
    router: createRouter(compiled, undefined, {trace: false}),
    tally: new SummaryTally(compiled),
    warnings: new WarningTally(),
  };
}

type Timed = (lead: unknown) => {time: Instant; warning: RoutingWarning | null};

function step(s: Side, lead: unknown, i: number, time: Instant, extra: RoutingWarning[] | undefined): Decision {
  const d = s.router.route(lead, time, i, extra);
  s.tally.add(d, lead);
  s.warnings.add(d.warnings);
  return d;
}

export interface SimulateOptions {
  context: SimulationContext;
  fileA: string;
  fileB?: string;
  /** Warnings found reading a lead's record (LeadSource.warningsOf: a duplicated CSV column), routed with it. */
  warningsOf?: (lead: unknown) => readonly RoutingWarning[] | undefined;
  /** Called after each lead (progress). */
  onLead?: () => void;
  /** Called with each row of the diff as it is found (may wait, e.g. for a file to drain). */
  onChange?: (c: Change) => void | Promise<void>;
}

/**
 * Routes every lead from empty state under config `a`, and `b` beside it when given (each lead
 * through both as it is read). Resolves to the report and the tally of A's warnings (for stderr).
 */
export async function simulate(
  leads: AsyncIterable<unknown> | Iterable<unknown>,
  a: unknown,
  b: unknown | undefined,
  timeOf: Timed,
  opts: SimulateOptions,
): Promise<Simulation & {warningTally: WarningTally}> {
  const sa = side(a, opts.fileA);
  const sb = b === undefined ? undefined : side(b, opts.fileB ?? 'B');
  const cmp: Comparison = {changedOwner: 0, changedStage: 0, changed: 0, moves: [], changes: []};
  const moves = new Map<string, {from: string | null; to: string | null; leads: number}>();
  let i = 0;
  for await (const lead of leads) {
    const {time, warning} = timeOf(lead);
    const extra = shellWarnings(warning, opts.warningsOf?.(lead));
    const da = step(sa, lead, i, time, extra);
    if (sb) {
      const db = step(sb, lead, i, time, extra);
      const owner = da.ownerId !== db.ownerId;
      const stage = da.stage !== db.stage;
      if (owner) {
        cmp.changedOwner++;
        const key = JSON.stringify([da.ownerId, db.ownerId]);
        const m = moves.get(key);
        if (m) m.leads++;
        else moves.set(key, {from: da.ownerId, to: db.ownerId, leads: 1});
      }
      if (stage) cmp.changedStage++;
      if (owner || stage) {
        cmp.changed++;
        const c: Change = {
          index: i,
          leadId: da.leadId,
          ownerA: da.ownerId,
          ownerB: db.ownerId,
          stageA: da.stage,
          stageB: db.stage,
          territoryA: da.territoryId,
          territoryB: db.territoryId,
        };
        if (cmp.changes.length < CHANGES_SHOWN) cmp.changes.push(c);
        if (opts.onChange) await opts.onChange(c);
      }
    }
    i++;
    opts.onLead?.();
  }
  const done = (s: Side): SimulationRun => ({
    file: s.file,
    version: s.version,
    summary: s.tally.result(),
    warnings: s.warnings.counts(),
    leadsWithWarnings: s.warnings.leadsWithWarnings,
  });
  cmp.moves = [...moves.values()].sort(
    (x, y) =>
      y.leads - x.leads || String(x.from).localeCompare(String(y.from)) || String(x.to).localeCompare(String(y.to)),
  );
  return {
    context: opts.context,
    a: done(sa),
    ...(sb ? {b: done(sb), compare: cmp, changedOwner: cmp.changedOwner} : {}),
    warningTally: sa.warnings,
  };
}
