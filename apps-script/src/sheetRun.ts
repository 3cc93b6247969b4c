// One run against the Leads sheet: a fixed number of Spreadsheet calls whatever the row count
// (one getValues per sheet, one setValues per block of adjacent assignment columns, one log write).
import {createRouter, type CompiledConfig, type Decision} from '../../shared';
import {isBlankRow} from './configFromSheets';
import {escapeCell} from './escape';
import {tryAppendLog} from './log';
import {ASSIGNMENT_HEADERS, SHEETS, columnIndex} from './layout';
import {awayNote, buildConfig, logRow, routeOptions, runOptions, UserError, type LogRow} from './routing';
import type {Settings} from './settings';
import {loadState, saveState} from './stateStore';
import type {TimeBudget} from './budget';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type AssignmentHeader = (typeof ASSIGNMENT_HEADERS)[number];

/** How often (in leads) the time budget is checked. */
const BUDGET_CHECK_EVERY = 50;

export interface LeadTable {
  sheet: Sheet;
  values: unknown[][];
  header: unknown[];
  /** 0-based column of each assignment header; -1 when the sheet lacks it (preview only). */
  cols: Record<AssignmentHeader, number>;
  /** 0-based indexes into `values` of the new rows (Assigned To empty, not blank), top to bottom. */
  newRows: number[];
}

export interface RoutedRow {
  /** Index into LeadTable.values (sheet row = index + 1). */
  index: number;
  lead: Record<string, unknown>;
  decision: Decision;
}

export function requireSheet(ss: Spreadsheet, name: string): Sheet {
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new UserError(`There is no "${name}" sheet. Use Lead Routing → Set up sheets first.`);
  return sheet;
}

/** Reads Leads with one getValues; adds missing assignment headers (one write) unless `readOnly`. */
export function readLeadTable(ss: Spreadsheet, readOnly: boolean): LeadTable {
  const sheet = requireSheet(ss, SHEETS.leads);
  const values = sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  let cols = columnIndex(header, ASSIGNMENT_HEADERS) as Record<AssignmentHeader, number>;
  const missing = ASSIGNMENT_HEADERS.filter(h => cols[h] < 0);
  if (missing.length && !readOnly) {
    let width = header.length;
    while (width > 0 && String(header[width - 1] ?? '') === '') width--;
    const maxCols = sheet.getMaxColumns();
    if (width + missing.length > maxCols) sheet.insertColumnsAfter(maxCols, width + missing.length - maxCols);
    sheet.getRange(1, width + 1, 1, missing.length).setValues([missing]);
    for (const row of values) {
      while (row.length < width + missing.length) row.push('');
    }
    missing.forEach((h, i) => (header[width + i] = h));
    cols = columnIndex(header, ASSIGNMENT_HEADERS) as Record<AssignmentHeader, number>;
  }
  const newRows: number[] = [];
  const assigned = cols['Assigned To'];
  for (let i = 1; i < values.length; i++) {
    const row = values[i];
    if (isBlankRow(row)) continue;
    if (assigned < 0 || String(row[assigned] ?? '').trim() === '') newRows.push(i);
  }
  return {sheet, values, header, cols, newRows};
}

/** The lead as an object keyed by the Leads headers (assignment columns left out). */
export function leadOf(table: LeadTable, index: number): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  const skip = new Set(Object.values(table.cols));
  const row = table.values[index];
  table.header.forEach((h, c) => {
    const key = String(h ?? '').trim();
    if (key && !skip.has(c) && !(key in lead)) lead[key] = row[c];
  });
  return lead;
}

function readTable(ss: Spreadsheet, name: string, required: boolean): unknown[][] {
  const sheet = required ? requireSheet(ss, name) : ss.getSheetByName(name);
  return sheet ? sheet.getDataRange().getValues() : [];
}

export function sheetConfig(
  ss: Spreadsheet,
  settings: Settings,
  leadHeaders: unknown[],
  now: Date = new Date(),
): CompiledConfig {
  const reps = readTable(ss, SHEETS.reps, true);
  const territories = readTable(ss, SHEETS.territories, false);
  return buildConfig(reps, territories, leadHeaders, settings, runOptions(ss, settings, now));
}

/** Routes new rows in order until the budget runs out; the rest stay new for the next run. */
export function routeRows(
  table: LeadTable,
  compiled: CompiledConfig,
  state: unknown,
  now: Date,
  budget: TimeBudget,
  limit = Infinity,
  secret?: string,
): {routed: RoutedRow[]; router: ReturnType<typeof createRouter>} {
  const router = createRouter(compiled, state, routeOptions(secret));
  const routed: RoutedRow[] = [];
  const n = Math.min(limit, table.newRows.length);
  for (let k = 0; k < n; k++) {
    if (k % BUDGET_CHECK_EVERY === 0 && budget.expired()) break;
    const index = table.newRows[k];
    const lead = leadOf(table, index);
    routed.push({index, lead, decision: router.route(lead, now, k)});
  }
  return {routed, router};
}

/** Column runs of adjacent assignment columns, e.g. [[5,6,7,8]] or [[2],[7,8,9]]. */
export function columnBlocks(cols: number[]): number[][] {
  const sorted = [...cols].sort((a, b) => a - b);
  const blocks: number[][] = [];
  for (const c of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last[last.length - 1] === c - 1) last.push(c);
    else blocks.push([c]);
  }
  return blocks;
}

/** Same cell content for the purpose of "changed since read" (Dates by time, the rest as text). */
function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return String(a ?? '') === String(b ?? '');
}

/**
 * Writes the assignment columns of the routed rows with a fixed number of calls: per block of
 * adjacent columns, one getValues and one getFormulas just before one setValues over the rows
 * from the first to the last routed row. Every cell the run did not route is written back as it
 * is now (its formula, or its current value re-escaped), so an edit made by someone while the
 * run was routing (a colleague reassigning row 40) is kept. A routed row whose assignment cells
 * changed since the run read them was handled by a person meanwhile: it is left as it is now and
 * returned, so the run can say so.
 */
export function writeAssignments(table: LeadTable, routed: RoutedRow[], now: Date): RoutedRow[] {
  if (routed.length === 0) return [];
  const first = routed[0].index;
  const last = routed[routed.length - 1].index;
  const c = table.cols;
  const valueFor = (r: RoutedRow, col: number): unknown => {
    const d = r.decision;
    if (col === c['Assigned To']) return d.ownerId ? escapeCell(d.ownerName ?? d.ownerId) : '';
    if (col === c['Assigned At']) return d.ownerId ? now : '';
    if (col === c.Territory) return d.ownerId ? escapeCell(d.territoryName ?? '') : '';
    return escapeCell(d.reason);
  };
  const blocks = columnBlocks(ASSIGNMENT_HEADERS.map(h => c[h]));
  const reads = blocks.map(block => {
    const range = table.sheet.getRange(first + 1, block[0] + 1, last - first + 1, block.length);
    return {block, range, values: range.getValues(), formulas: range.getFormulas()};
  });
  // A routed row is ours only if none of its assignment cells changed since the run read them.
  const mine = new Map<number, RoutedRow>();
  const skipped: RoutedRow[] = [];
  for (const r of routed) {
    const changed = reads.some(({block, values, formulas}) =>
      block.some(
        (col, j) =>
          formulas[r.index - first][j] !== '' || !sameCell(values[r.index - first][j], table.values[r.index][col]),
      ),
    );
    if (changed) skipped.push(r);
    else mine.set(r.index, r);
  }
  for (const {block, range, values, formulas} of reads) {
    const out: unknown[][] = [];
    for (let i = first; i <= last; i++) {
      const r = mine.get(i);
      out.push(
        block.map((col, j) => {
          if (r) return valueFor(r, col);
          const f = formulas[i - first][j];
          return f ? f : escapeCell(values[i - first][j]);
        }),
      );
    }
    range.setValues(out);
  }
  return skipped;
}

export interface SheetRunResult {
  routed: RoutedRow[];
  remaining: number;
  logRows: LogRow[];
  /** Sheet rows (1-based) routed by this run but changed by someone meanwhile: left as they are now. */
  changedMeanwhile: number[];
  /** Set when the Routing Log could not be written (the assignments are on Leads all the same). */
  logError: string | null;
  /** Reps live presence kept out of this run (awayNote). */
  away: string;
}

/** One assignment run over the Leads sheet. The caller holds the document lock. */
export function runSheet(ss: Spreadsheet, settings: Settings, budget: TimeBudget, secret?: string): SheetRunResult {
  const now = new Date();
  const table = readLeadTable(ss, false);
  if (table.newRows.length === 0) {
    // A bad config is reported even with nothing to route; no calendar is asked for nothing.
    sheetConfig(ss, {...settings, calendar: false}, table.header, now);
    return {routed: [], remaining: 0, logRows: [], changedMeanwhile: [], logError: null, away: ''};
  }
  const compiled = sheetConfig(ss, settings, table.header, now);
  const props = PropertiesService.getDocumentProperties();
  const {routed: decided, router} = routeRows(table, compiled, loadState(props), now, budget, Infinity, secret);
  const skipped = writeAssignments(table, decided, now);
  saveState(props, router.state());
  const left = new Set(skipped.map(r => r.index));
  const routed = decided.filter(r => !left.has(r.index));
  const reasonCol = table.cols['Routing Reason'];
  const logRows = routed
    .filter(r => r.decision.ownerId !== null || String(table.values[r.index][reasonCol] ?? '') !== r.decision.reason)
    .map(r => logRow('Sheet', r.index + 1, r.lead, r.decision, now));
  return {
    routed,
    remaining: table.newRows.length - decided.length,
    logRows,
    changedMeanwhile: skipped.map(r => r.index + 1),
    logError: tryAppendLog(ss, logRows),
    away: awayNote(compiled),
  };
}
