// `test`: golden cases — leads with the owner, stage or territory a team expects — routed through a
// config; each mismatch is printed with the decision's reason. Routing regression tests to run
// before every rule change.
import path from 'node:path';
import {compileConfig, type CompiledConfig} from '../../shared/compile';
import {createRouter} from '../../shared/router';
import type {Decision, RotationState, RoutingWarning, Stage} from '../../shared/types';
import {choiceFlag, stringFlag, suggest} from '../args';
import {readConfig} from '../io';
import {nowFlag, readTypedTime} from '../leadClock';
import {readStateFile, STATE_PATH_HINT, stateTarget} from '../stateFile';
import {CliError, println, UsageError, type Verb} from '../verb';
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
type CaseField = keyof Omit<Case, 'n' | 'lead'>;

/** Case columns: "expect.owner", "expected_owner", "Expected Owner"… are one name once folded. */
const COLUMN: Record<string, CaseField> = {
  expectowner: 'owner',
  expectedowner: 'owner',
  expectstage: 'stage',
  expectedstage: 'stage',
  expectterritory: 'territory',
  expectedterritory: 'territory',
  casenow: 'now',
  casestate: 'state',
};
/** The written name of each case field (messages and suggestions). */
const NAME: Record<CaseField, string> = {
  owner: 'expect.owner',
  stage: 'expect.stage',
  territory: 'expect.territory',
  now: 'case.now',
  state: 'case.state',
};
const fold = (k: string) => k.toLowerCase().replace(/[^a-z]/g, '');
/** Column names that are case columns by their prefix: `expect.*`, `case.*` (not "caseId"). */
const CASE_PREFIX = /^(?:expect|case)\./i;
/** `expected_*` / "Expected …" names: case columns only when close to one ("Expected Revenue" is a lead field). */
const EXPECTED_PREFIX = /^expected[_ -]/i;

/** The known case column closest to `key` (a typo's target), or null. */
function nearName(key: string): string | null {
  const typed = key.replace(/^expect(?:ed)?[._ -]*/i, 'expect.').replace(/^case[._ -]*/i, 'case.');
  return suggest(typed, Object.values(NAME));
}

/** `case 3 (lead A2)`: how messages name a case. */
function caseName(n: number, record: Record<string, unknown>): string {
  const id = record.id;
  return typeof id === 'string' || typeof id === 'number' ? `case ${n} (lead ${id})` : `case ${n}`;
}

/** A usage error for a column or key that is not a case column, with the close known name. */
function unknownColumn(where: string, key: string): UsageError {
  const near = nearName(key);
  return new UsageError(
    `${where}: unknown case column "${key}"` +
      (near ? ` (did you mean ${near}?)` : '') +
      `; the case columns are ${Object.values(NAME).join(', ')}`,
  );
}

/** A case value: text (a number is read as text for owner/territory), or undefined when empty. */
function caseValue(v: unknown, field: CaseField, where: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v) && (field === 'owner' || field === 'territory')) return String(v);
  const what = field === 'now' ? 'an ISO 8601 date or date-time as text' : 'text';
  throw new UsageError(`${where}: ${NAME[field]} must be ${what}, not ${JSON.stringify(v)}`);
}

/**
 * Splits one record of the cases file into the lead and its case columns (also nested `expect`/`case`
 * objects). Throws UsageError naming the case for an unknown expect.* / case.* column or key, an
 * `expect`/`case` that is not an object, or a value that is not text.
 */
export function toCase(record: unknown, n: number): Case {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new UsageError(`case ${n} is not an object`);
  }
  const rec = record as Record<string, unknown>;
  const where = caseName(n, rec);
  const c: Case = {n, lead: {}};
  const set = (field: CaseField, v: unknown) => {
    const value = caseValue(v, field, where);
    if (value !== undefined) c[field] = value;
  };
  for (const [k, v] of Object.entries(rec)) {
    const group = k.toLowerCase();
    if (group === 'expect' || group === 'case') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        const like = group === 'expect' ? '{"owner": "ana", "stage": "exact"}' : '{"now": "2026-11-23T16:00:00Z"}';
        throw new UsageError(`${where}: "${k}" must be an object like ${like}, not ${JSON.stringify(v)}`);
      }
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) {
        const field = COLUMN[fold(group + k2)];
        if (!field) throw unknownColumn(where, `${group}.${k2}`);
        set(field, v2);
      }
      continue;
    }
    const field = COLUMN[fold(k)];
    if (field) set(field, v);
    else if (CASE_PREFIX.test(k) || (EXPECTED_PREFIX.test(k) && nearName(k) !== null)) {
      throw unknownColumn(where, k);
    } else c.lead[k] = v;
  }
  if (c.owner === undefined && c.stage === undefined && c.territory === undefined) {
    throw new UsageError(
      `${where} expects nothing: give it an expect.owner, expect.stage or expect.territory (empty cells are not checked)`,
    );
  }
  if (c.stage !== undefined && !STAGES.includes(c.stage.toLowerCase() as Stage)) {
    const near = suggest(c.stage.toLowerCase(), STAGES);
    throw new UsageError(
      `${where}: expect.stage "${c.stage}" is not a stage` +
        (near ? ` (did you mean ${near}?)` : '') +
        ` (${STAGES.join(', ')})`,
    );
  }
  return c;
}

/**
 * Throws UsageError when a case expects an owner or territory the config does not have (a rep id,
 * name or e-mail; a territory id or name; "none" always exists): such a case could never pass.
 */
function checkAgainstConfig(c: CompiledConfig, cs: Case, where: string): void {
  if (cs.owner !== undefined && cs.owner.toLowerCase() !== 'none') {
    const w = cs.owner.toLowerCase();
    const reps = c.config.reps;
    if (!reps.some(r => [r.id, r.name, r.email].some(x => typeof x === 'string' && x.toLowerCase() === w))) {
      const near = suggest(
        cs.owner,
        reps.flatMap(r => (r.name ? [r.id, r.name] : [r.id])),
      );
      throw new UsageError(
        `${where}: expect.owner "${cs.owner}" is not a rep of the config (a rep id, name or e-mail, or none)` +
          (near ? `; did you mean "${near}"?` : ''),
      );
    }
  }
  if (cs.territory !== undefined && cs.territory.toLowerCase() !== 'none') {
    const w = cs.territory.toLowerCase();
    const ts = c.config.territories;
    if (!ts.some(t => [t.id, t.name].some(x => typeof x === 'string' && x.toLowerCase() === w))) {
      const near = suggest(
        cs.territory,
        ts.flatMap(t => (t.name ? [t.id, t.name] : [t.id])),
      );
      throw new UsageError(
        `${where}: expect.territory "${cs.territory}" is not a territory of the config (an id or name, or none)` +
          (near ? `; did you mean "${near}"?` : ''),
      );
    }
  }
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

/** A case's time, read like --now (ISO 8601 only; an offset written wins, else the config's zone, else UTC). */
function parseNow(text: string, where: string, timeZone?: string): number {
  const time = readTypedTime(text, {timeZone});
  if (time === null) {
    throw new UsageError(
      `${where}: case.now "${text}" is not an ISO 8601 date or date-time (e.g. 2026-11-23T16:00:00Z, or without Z in the config's timezone)`,
    );
  }
  return time;
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
    'the like. Optional case.now (ISO 8601, like --now) and case.state (a state file, relative to the\n' +
    'cases file) route that case at its own time and from its own state. Every case starts from\n' +
    '--state (or empty state) on its own, so cases do not depend on their order; no state is written.\n' +
    "Exit 0 when every case passes, 1 on any mismatch (each printed with the decision's reason);\n" +
    "a case's decision warnings (e.g. duplicate_column) are printed under it. Exit 2, naming the\n" +
    'case, for an unknown expect.*/case.* column, a malformed value, a case that expects nothing, a\n' +
    'case.now that is not ISO 8601, or an owner/territory the config does not have.',
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
    let n = 0;
    for await (const record of source.leads) {
      const cs = toCase(record, ++n);
      const where = caseName(n, record as Record<string, unknown>);
      checkAgainstConfig(compiled, cs, where);
      let state = base;
      if (cs.state !== undefined) {
        const file = path.resolve(dir, cs.state);
        if (!states.has(file)) {
          let s: RotationState | undefined;
          try {
            s = readStateFile(stateTarget(file), cs.state);
          } catch (e) {
            if (!(e instanceof CliError)) throw e;
            const why = e.message.replace(`. ${STATE_PATH_HINT}`, '');
            throw new CliError(`${where}: case.state: ${why}. Check the case.state column of this case`);
          }
          if (!s) throw new CliError(`${where}: case.state ${cs.state} does not exist (relative to the cases file)`);
          states.set(file, s);
        }
        state = states.get(file);
      }
      const at = cs.now === undefined ? now : parseNow(cs.now, where, zone);
      results.push(runCase(compiled, cs, state, at, source.warningsOf(record)));
    }
    if (n === 0) throw new CliError(`cases ${source.name} has no cases`);
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
