// `test`: golden cases — leads with the owner, stage or territory a team expects — routed through a
// config; each mismatch is printed with the decision's reason. Routing regression tests to run
// before every rule change.
import path from 'node:path';
import {compileConfig, type CompiledConfig} from '../../shared/compile';
import {createRouter} from '../../shared/router';
import type {Decision, RotationState, RoutingWarning, Stage} from '../../shared/types';
import {choiceFlag, stringFlag} from '../args';
import {readConfig} from '../io';
import {readLeadTime} from '../../shared/leadTime';
import {nowFlag} from '../leadClock';
import {readStateFile, stateTarget} from '../stateFile';
import {CliError, println, type Verb} from '../verb';
import {LEAD_FLAGS, openLeadFlags} from './common';
import {STAGES} from '../../shared/summary';

/** What a case expects (absent = not checked) and when/from which state it routes. */
interface Case {
  n: number;
  lead: Record<string, unknown>;
  owner?: string;
  stage?: string;
  territory?: string;
  now?: string;
  state?: string;
}

/** Case columns: "expect.owner", "expected_owner", "Expected Owner"… are one name once folded. */
const COLUMN: Record<string, keyof Omit<Case, 'n' | 'lead'>> = {
  expectowner: 'owner',
  expectedowner: 'owner',
  expectstage: 'stage',
  expectedstage: 'stage',
  expectterritory: 'territory',
  expectedterritory: 'territory',
  casenow: 'now',
  casestate: 'state',
};
const fold = (k: string) => k.toLowerCase().replace(/[^a-z]/g, '');

/** Splits one record of the cases file into the lead and its case columns (also nested `expect`/`case` objects). */
export function toCase(record: unknown, n: number): Case {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new CliError(`case ${n} is not an object`);
  }
  const c: Case = {n, lead: {}};
  for (const [k, v] of Object.entries(record as Record<string, unknown>)) {
    if ((k === 'expect' || k === 'case') && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) {
        const name = COLUMN[fold(k + k2)];
        if (name && v2 !== null && v2 !== undefined && String(v2).trim() !== '') c[name] = String(v2).trim();
      }
      continue;
    }
    const name = COLUMN[fold(k)];
    if (!name) c.lead[k] = v;
    else if (v !== null && v !== undefined && String(v).trim() !== '') c[name] = String(v).trim();
  }
  return c;
}

/** Whether a decision's owner is `want`: a rep id, name or e-mail (any case), or "none" for no owner. */
function ownerIs(d: Decision, want: string): boolean {
  const w = want.toLowerCase();
  if (d.ownerId === null) return w === 'none';
  return [d.ownerId, d.ownerName, d.ownerEmail].some(x => x !== null && x.toLowerCase() === w);
}

function territoryIs(d: Decision, want: string): boolean {
  const w = want.toLowerCase();
  if (d.territoryId === null) return w === 'none';
  return [d.territoryId, d.territoryName].some(x => x !== null && x.toLowerCase() === w);
}

export interface CaseResult {
  case: number;
  leadId: string | number;
  ok: boolean;
  mismatches: Array<{what: 'owner' | 'stage' | 'territory'; expected: string; got: string}>;
  decision: Pick<Decision, 'ownerId' | 'stage' | 'territoryId' | 'reason'>;
  /** The decision's warnings (e.g. duplicate_column: the case's row holds two values under one header); present when any. */
  warnings?: RoutingWarning[];
}

/**
 * Routes one case from `state` (a fresh router: cases do not change each other's rotation);
 * `extra`: warnings found reading the case's record (LeadSource.warningsOf).
 */
export function runCase(
  c: CompiledConfig,
  cs: Case,
  state: RotationState | undefined,
  now: number,
  extra?: RoutingWarning[],
): CaseResult {
  const d = createRouter(c, state, {trace: false}).route(cs.lead, now, cs.n - 1, extra);
  const mismatches: CaseResult['mismatches'] = [];
  if (cs.owner !== undefined && !ownerIs(d, cs.owner)) {
    mismatches.push({what: 'owner', expected: cs.owner, got: d.ownerId ?? 'none'});
  }
  if (cs.stage !== undefined && d.stage !== cs.stage.toLowerCase()) {
    mismatches.push({what: 'stage', expected: cs.stage, got: d.stage});
  }
  if (cs.territory !== undefined && !territoryIs(d, cs.territory)) {
    mismatches.push({what: 'territory', expected: cs.territory, got: d.territoryId ?? 'none'});
  }
  return {
    case: cs.n,
    leadId: d.leadId,
    ok: mismatches.length === 0,
    mismatches,
    decision: {ownerId: d.ownerId, stage: d.stage, territoryId: d.territoryId, reason: d.reason},
    ...(d.warnings ? {warnings: d.warnings} : {}),
  };
}

/** A case's time, read like --now (an offset written wins, else the config's zone, else UTC). */
function parseNow(text: string, where: string, timeZone?: string): number {
  const read = readLeadTime({now: text}, 'now', 0, {timeZone});
  if (read.warning !== null) throw new CliError(`${where}: "${text}" is not a timestamp`);
  return read.time;
}

/** A case's lines in the text report: FAIL with each mismatch and the reason, then one line per warning. */
function caseLines(r: CaseResult): string[] {
  const lead = `case ${r.case} (lead ${r.leadId})`;
  const out: string[] = [];
  if (!r.ok) {
    const where = r.decision.territoryId ? ` in ${r.decision.territoryId}` : '';
    out.push(
      `FAIL ${lead}: ` + r.mismatches.map(m => `${m.what} expected ${m.expected}, got ${m.got}`).join('; '),
      `     ${r.decision.stage}${where}: ${r.decision.reason}`,
    );
  }
  for (const w of r.warnings ?? []) out.push(`warning ${lead}: ${w.code}: ${w.message}`);
  return out;
}

export const testVerb: Verb = {
  name: 'test',
  summary: 'check golden leads against their expected owner, stage or territory',
  synopsis: '--config C.json --cases golden.csv [--state S.json] [--now ISO] [--format text|json]',
  flags: {
    config: {type: 'string', value: 'FILE', file: 'in', help: 'the routing config (JSON)'},
    cases: {
      type: 'string',
      value: 'FILE',
      help: 'golden cases: leads plus expect.owner / expect.stage / expect.territory columns; "-" reads stdin',
    },
    state: {
      type: 'string',
      value: 'FILE',
      file: 'in',
      help: 'rotation state every case starts from (read only; default empty)',
    },
    now: {type: 'string', value: 'ISO', help: 'routing time of cases without case.now (default: the current time)'},
    'leads-format': LEAD_FLAGS['leads-format'],
    delimiter: LEAD_FLAGS.delimiter,
    format: {type: 'string', value: 'text|json', help: 'report format (default text)'},
  },
  details:
    'Each case is one lead (CSV row, JSON Lines object or array item). Columns expect.owner (rep id,\n' +
    'name or e-mail; "none" for no owner), expect.stage and expect.territory (id or name; "none")\n' +
    'say what to check; empty ones are not checked. Also read: expected_owner, "Expected Owner" and\n' +
    'the like. Optional case.now (ISO time) and case.state (a state file, relative to the cases\n' +
    'file) route that case at its own time and from its own state. Every case starts from --state\n' +
    '(or empty state) on its own, so cases do not depend on their order; no state is written.\n' +
    "Exit 0 when every case passes, 1 on any mismatch (each printed with the decision's reason);\n" +
    "a case's decision warnings (e.g. duplicate_column) are printed under it.",
  examples: [
    'lead-routing test --config routing.json --cases golden.csv',
    'lead-routing test --config proposed.json --cases golden.csv --state state.json --now 2026-11-23T16:00:00Z',
  ],
  async run(flags, io) {
    const configFile = stringFlag(flags, 'config', true);
    const casesFile = stringFlag(flags, 'cases', true);
    const format = choiceFlag(flags, 'format', ['text', 'json'] as const) ?? 'text';
    const compiled = compileConfig(readConfig(configFile));
    const zone = compiled.config.timezone;
    const now = nowFlag(flags, {timeZone: zone}) ?? io.clock();
    const stateFlag = stringFlag(flags, 'state');
    const base = stateFlag === undefined ? undefined : readStateFile(stateTarget(stateFlag), stateFlag);
    const states = new Map<string, RotationState>();
    const dir = casesFile === '-' ? process.cwd() : path.dirname(path.resolve(casesFile));
    const source = await openLeadFlags({...flags, leads: casesFile}, io);
    const results: CaseResult[] = [];
    let checked = 0;
    let n = 0;
    for await (const record of source.leads) {
      const cs = toCase(record, ++n);
      if (cs.stage !== undefined && !STAGES.includes(cs.stage.toLowerCase() as Stage)) {
        throw new CliError(`case ${n}: expect.stage "${cs.stage}" is not a stage (${STAGES.join(', ')})`);
      }
      if (cs.owner !== undefined || cs.stage !== undefined || cs.territory !== undefined) checked++;
      let state = base;
      if (cs.state !== undefined) {
        const file = path.resolve(dir, cs.state);
        if (!states.has(file)) {
          const s = readStateFile(stateTarget(file), cs.state);
          if (!s) throw new CliError(`case ${n}: state ${cs.state} does not exist`);
          states.set(file, s);
        }
        state = states.get(file);
      }
      const at = cs.now === undefined ? now : parseNow(cs.now, `case ${n}: case.now`, zone);
      results.push(runCase(compiled, cs, state, at, source.warningsOf(record)));
    }
    if (n === 0) throw new CliError(`cases ${source.name} has no cases`);
    if (checked === 0) {
      throw new CliError(
        `cases ${source.name}: no case expects anything (add an expect.owner, expect.stage or expect.territory column)`,
      );
    }
    const failed = results.filter(r => !r.ok);
    const summary = `${n} case${n === 1 ? '' : 's'}: ${n - failed.length} passed, ${failed.length} failed`;
    if (format === 'json') {
      println(io.stdout, JSON.stringify({cases: n, passed: n - failed.length, failed: failed.length, results}));
    } else {
      println(io.stdout, [...results.flatMap(caseLines), summary].join('\n'));
    }
    return failed.length ? 1 : 0;
  },
};
