// Apps Script cost: Spreadsheet service calls per run, from the add-on's counting fakes, next to
// the usual per-row script (getRange(row, col).setValue in a loop) on the same rows.
export interface AppsScriptSection {
  rows: {newRows: number; ours: number; perRow: number}[];
  note: string;
}

/** `countServiceCalls(rows)` from the add-on's tests; null when that helper does not exist yet. */
export type CountServiceCalls = (rows: number) => number | {total: number} | Promise<number | {total: number}>;

/**
 * Spreadsheet service calls made by the usual per-row script for `newRows` new rows among as many
 * rows in total: open the sheet (2), size it (2), read the headers (2); then per row: read the
 * "Assigned To" cell (2), read the row (2), and write 4 cells one by one (8).
 */
export function perRowScriptCalls(newRows: number): number {
  return 6 + newRows * 12;
}

export async function runAppsScript(count: CountServiceCalls | null): Promise<AppsScriptSection> {
  if (!count) return {rows: [], note: 'n/a: apps-script countServiceCalls(rows) not available yet'};
  const rows: AppsScriptSection['rows'] = [];
  for (const newRows of [10, 1000, 10000]) {
    const r = await count(newRows);
    rows.push({newRows, ours: typeof r === 'number' ? r : r.total, perRow: perRowScriptCalls(newRows)});
  }
  return {rows, note: 'counted by the add-on counting fakes; per-row script counted call by call (see perRowScriptCalls)'};
}
