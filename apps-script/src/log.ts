// The Routing Log sheet: append-only, all rows of a run in one write.
import {LOG_HEADERS, SHEETS} from './layout';
import type {LogRow} from './routing';

export function ensureLogSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  let log = ss.getSheetByName(SHEETS.log);
  if (!log) {
    log = ss.insertSheet(SHEETS.log);
    log
      .getRange(1, 1, 1, LOG_HEADERS.length)
      .setValues([[...LOG_HEADERS]])
      .setFontWeight('bold');
    log.setFrozenRows(1);
  }
  return log;
}

/** Appends rows below the last one, growing the sheet first when needed (a constant number of calls). */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: unknown[][]): void {
  if (rows.length === 0) return;
  const width = rows[0].length;
  const start = sheet.getLastRow() + 1;
  const need = start + rows.length - 1;
  const max = sheet.getMaxRows();
  if (need > max) sheet.insertRowsAfter(max, need - max);
  sheet.getRange(start, 1, rows.length, width).setValues(rows);
}

export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, rows: LogRow[]): void {
  if (rows.length) appendRows(ensureLogSheet(ss), rows);
}
