// Apps Script cost: Spreadsheet service calls per run, from the add-on's counting fakes, next to
// the usual per-row script (getRange(row, col).setValue in a loop) on the same rows.
export interface AppsScriptSection {
  rows: {newRows: number; ours: number; perRow: number}[];
  /** Size of the built Code.js (bytes), the file users paste; null when not reported. */
  bundleBytes: number | null;
  note: string;
}

/** `countServiceCalls(rows)` from the add-on's tests (apps-script/test/serviceCalls.ts); null when absent. */
export type CountServiceCalls = (
  rows: number,
) => Promise<{ours?: number; perRowScript?: number; total: number; bundleBytes?: number} | number>;

export async function runAppsScript(count: CountServiceCalls | null): Promise<AppsScriptSection> {
  if (!count) return {rows: [], bundleBytes: null, note: 'n/a: apps-script countServiceCalls(rows) not available'};
  const rows: AppsScriptSection['rows'] = [];
  let bundleBytes: number | null = null;
  for (const newRows of [10, 1000, 10000]) {
    const r = await count(newRows);
    const ours = typeof r === 'number' ? r : (r.ours ?? r.total);
    const perRow = typeof r === 'number' ? NaN : (r.perRowScript ?? NaN);
    if (typeof r !== 'number' && typeof r.bundleBytes === 'number') bundleBytes = r.bundleBytes;
    rows.push({newRows, ours, perRow});
  }
  return {
    rows,
    bundleBytes,
    note: 'both counted by the add-on\'s counting SpreadsheetApp fakes: one "Assign new leads now" run of the built bundle vs the usual per-row script (getRange(row, col).getValue/setValue in a loop)',
  };
}
