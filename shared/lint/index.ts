// lint: what a routing config does that its author probably did not mean, found before it routes a
// lead. Pure: a config (and optionally a tally of sample leads) in, findings out. Scores, condition
// values and routing are the core's own (compile, TerritoryMatcher, the router); see
// docs/cli.md "lint" and docs/contract.md "Lint findings".
import {compileConfig, type CompiledConfig} from '../compile';
import {fieldChecks} from './fields';
import {hoursWithoutZone, unavailablePools, unusedReps} from './reps';
import {SampleTally} from './sample';
import {partialOutranksExact, ties, unreachableTerritories} from './territories';
import type {LintReport} from './types';
import {rangesAsText, zipGaps, zipOverlaps} from './zip';

export {SampleTally};
export {findingPlace, type LintCoverage, type LintFinding, type LintReport} from './types';

/** Every lint code, in the order checks run (documented in docs/contract.md "Lint findings"). */
export const LINT_CODES = [
  'territory_never_exact',
  'territory_shadowed',
  'territory_tie',
  'partial_outranks_exact',
  'zip_overlap',
  'zip_gap',
  'range_as_text',
  'rep_unused',
  'pool_unavailable',
  'hours_without_timezone',
  'field_unmapped',
  'field_missing_in_sample',
] as const;

/**
 * Lints a config (raw input is validated first: throws ConfigError listing every problem, as
 * compileConfig does). With `sample` (a SampleTally fed the sample leads), findings use what the
 * leads had and the report has `coverage`: leads per territory and per stage.
 */
export function lintConfig(config: unknown, sample?: SampleTally): LintReport {
  const c: CompiledConfig = compileConfig(config);
  const findings = [
    ...unreachableTerritories(c, sample?.seen),
    ...ties(c, sample?.tied),
    ...partialOutranksExact(c),
    ...zipOverlaps(c),
    ...zipGaps(c),
    ...rangesAsText(c),
    // (a rep a sample lead went to is not unused, whatever the proof says)
    ...unusedReps(c).filter(f => !sample?.owners.has(c.config.reps[Number(/\d+/.exec(f.path)![0])].id)),
    ...unavailablePools(c),
    ...hoursWithoutZone(c),
    ...fieldChecks(c, sample?.present, sample?.keys),
  ];
  return sample ? {findings, coverage: sample.coverage()} : {findings};
}
