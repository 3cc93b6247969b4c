// Spreadsheet service calls per run: the add-on (built bundle, one "Assign new leads now") next
// to the usual per-row script (getRange(row, col).getValue/setValue in a loop) on the same rows,
// both counted by the same fakes. Used by the tests and by the benchmark (test/bench).
import {fakeSpreadsheetApp, resetCalls, spreadsheetCalls, type World} from './fakes';
import {bundleCode, run} from './loadBundle';
import {simpleConfig, simpleLeads, worldFor} from './harness';
import {SHEETS} from '../src/layout';

/** The per-row script people usually write, run against the fakes. Returns its call count. */
export function perRowScriptCalls(world: World): number {
  resetCalls(world);
  const SpreadsheetApp = fakeSpreadsheetApp(world);
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.leads)!;
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, lastCol).getValues()[0].map(String);
  const col = (h: string) => header.indexOf(h) + 1;
  const reps = ['Ana Diaz', 'Ben Ode', 'Cy Park'];
  let next = 0;
  for (let row = 2; row <= lastRow; row++) {
    if (sheet.getRange(row, col('Assigned To')).getValue() !== '') continue;
    sheet.getRange(row, 1, 1, lastCol).getValues();
    sheet.getRange(row, col('Assigned To')).setValue(reps[next++ % reps.length]);
    sheet.getRange(row, col('Assigned At')).setValue(new Date());
    sheet.getRange(row, col('Territory')).setValue('');
    sheet.getRange(row, col('Routing Reason')).setValue('round robin');
  }
  return spreadsheetCalls(world);
}

/** Calls of one add-on run assigning `rows` new rows (the sheets already set up). */
export function oursCalls(rows: number): {calls: number; world: World} {
  const world = worldFor(simpleConfig(), simpleLeads(rows));
  resetCalls(world);
  run(world, 'assignNewLeads');
  return {calls: spreadsheetCalls(world), world};
}

/** Size of the built Code.js users paste into Apps Script, in bytes (issue 17 #7). */
export function bundleBytes(): number {
  return Buffer.byteLength(bundleCode(), 'utf8');
}

export async function countServiceCalls(
  rows: number,
): Promise<{ours: number; perRowScript: number; total: number; bundleBytes: number}> {
  const ours = oursCalls(rows).calls;
  const world = worldFor(simpleConfig(), simpleLeads(rows));
  const perRowScript = perRowScriptCalls(world);
  return {ours, perRowScript, total: ours, bundleBytes: bundleBytes()};
}
