// What `lint` finds in a routing config: one finding per problem, each pointing at a config path.

/**
 * One lint finding: `code` (snake_case, listed in docs/contract.md "Lint findings"), `path` (the
 * config path it is about, e.g. `territories[3]`), `subject` (that item's name or id when it has
 * one, e.g. `West`), and `message`, one human sentence saying what was found and what it does.
 */
export interface LintFinding {
  code: string;
  path: string;
  subject?: string;
  message: string;
  /** Other config paths the finding is about, all of them (the message may name only the first few). */
  related?: string[];
}

/** How the sample leads were routed: counts per territory and per stage (see SampleTally). */
export interface LintCoverage {
  leads: number;
  /** Per territory in config order: leads it caught at the exact and partial stages. */
  territories: Array<{id: string; name: string; exact: number; partial: number}>;
  /** Leads per decision stage (every stage listed, zeros included). */
  stages: Record<string, number>;
  /**
   * The stages this config gives leads at, in the order it tries them: `duplicate` and `account`
   * when configured, the cascade's stages in cascade order, `unassigned` when the cascade can end
   * without an owner; any other stage a sample lead got is added in place.
   */
  stageOrder: string[];
}

export interface LintReport {
  findings: LintFinding[];
  /** Present when sample leads were given. */
  coverage?: LintCoverage;
}

/** `territories[3] "West"` style label of a finding's path. */
export function findingPlace(f: LintFinding): string {
  return f.subject !== undefined ? `${f.path} "${f.subject}"` : f.path;
}
