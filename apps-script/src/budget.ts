// The 6-minute limit of an Apps Script execution: stop routing early enough to write what was
// decided; the rows not reached stay new and the next run takes them. The clock is `Date.now()`,
// which tests replace in the bundle's context.
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
/** Routing (and Airtable updates) stop after this long; the rest of the 6 minutes is for writing. */
export const ROUTING_BUDGET_MS = 4 * 60 * 1000 + 30 * 1000;

export class TimeBudget {
  private readonly deadline: number;
  constructor(
    readonly startedAt: number = Date.now(),
    budgetMs: number = ROUTING_BUDGET_MS,
  ) {
    this.deadline = startedAt + budgetMs;
  }
  expired(): boolean {
    return Date.now() >= this.deadline;
  }
}
