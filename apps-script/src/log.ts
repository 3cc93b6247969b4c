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
  } else {
    // A log made by an older version lacks the last headers (Warnings): add them above the new column.
    const last = log.getRange(1, LOG_HEADERS.length);
    if (String(last.getValue()) === '') last.setValue(LOG_HEADERS[LOG_HEADERS.length - 1]).setFontWeight('bold');
  }
  return log;
}

/**
 * Appends rows below the last one. The sheet always grows by as many rows as are appended (rather
 * than only when it is full), so its blank tail stays the same size and a run makes the same four
 * calls whatever the number of rows.
 */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: unknown[][]): void {
  if (rows.length === 0) return;
  const width = rows[0].length;
  const start = sheet.getLastRow() + 1;
  sheet.insertRowsAfter(sheet.getMaxRows(), rows.length);
  sheet.getRange(start, 1, rows.length, width).setValues(rows);
}

export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, rows: LogRow[]): void {
  if (rows.length) appendRows(ensureLogSheet(ss), rows);
}

/** appendLog that reports a failure instead of throwing: the run's status says the log is missing. */
export function tryAppendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, rows: LogRow[]): string | null {
  try {
    appendLog(ss, rows);
    return null;
  } catch (e) {
    const message = typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
    return message.replace(/^Exception: /, '');
  }
}
