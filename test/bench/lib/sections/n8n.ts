// n8n cost: Route Lead on 10,000 items in real n8n next to a No Operation node (n8n's floor) and a
// hand-written Code node doing a plain round robin. Filled in when the real-n8n harness exists.
export interface N8nSection {
  items: number;
  ms: {routeLead: number | null; noOp: number | null; codeRoundRobin: number | null};
  /** Whole execution (stoppedAt - startedAt) per variant. */
  executionMs: Record<string, number | null>;
  routeOverNoop: number | null;
  executionRouteOverNoop: number | null;
  note: string;
}

export function n8nNotRun(note: string): N8nSection {
  return {
    items: 10_000,
    ms: {routeLead: null, noOp: null, codeRoundRobin: null},
    executionMs: {},
    routeOverNoop: null,
    executionRouteOverNoop: null,
    note,
  };
}
