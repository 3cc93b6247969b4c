// Lead Routing → Set up sheets: creates the missing sheets and headers (never touching existing
// data), a checkbox on Reps!Available and a Dashboard with leads per rep and per territory.
import {
  ASSIGNMENT_HEADERS,
  REP_HEADERS,
  SHEETS,
  STARTER_LEAD_HEADERS,
  TERRITORY_HEADERS,
  LOG_HEADERS,
  columnIndex,
} from './layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Adds the headers a sheet lacks after its last header; returns the header row afterwards. */
function ensureHeaders(
  ss: Spreadsheet,
  name: string,
  wanted: readonly string[],
  created: string[],
): {sheet: Sheet; header: unknown[]} {
  let sheet = ss.getSheetByName(name);
  if (!sheet) {
    sheet = ss.insertSheet(name);
    created.push(name);
  }
  const width = sheet.getLastColumn();
  const header = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
  const col = columnIndex(header, wanted);
  const missing = wanted.filter(h => col[h] < 0);
  if (missing.length) {
    const maxCols = sheet.getMaxColumns();
    if (width + missing.length > maxCols) sheet.insertColumnsAfter(maxCols, width + missing.length - maxCols);
    sheet.getRange(1, width + 1, 1, missing.length).setValues([missing]);
    header.push(...missing);
  }
  sheet.getRange(1, 1, 1, header.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return {sheet, header};
}

function columnLetter(index0: number): string {
  let s = '';
  for (let n = index0 + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function countQuery(sheetName: string, col: string, label: string): string {
  return `=QUERY({'${sheetName}'!${col}2:${col}}, "select Col1, count(Col1) where Col1 <> '' group by Col1 order by count(Col1) desc label Col1 '${label}', count(Col1) 'Leads'", 0)`;
}

/** The dashboard's two panels: a count of leads per value of a Leads column, and its column chart. */
const DASHBOARD_PANELS = [
  {column: 'Assigned To', label: 'Rep', title: 'Leads per rep', at: 1, chartRow: 1},
  {column: 'Territory', label: 'Territory', title: 'Leads per territory', at: 3, chartRow: 20},
] as const;

function setUpDashboard(ss: Spreadsheet, leadHeader: unknown[]): void {
  let dash = ss.getSheetByName(SHEETS.dashboard);
  if (!dash) dash = ss.insertSheet(SHEETS.dashboard);
  const col = columnIndex(
    leadHeader,
    DASHBOARD_PANELS.map(p => p.column),
  );
  dash
    .getRange(1, 1, 1, 4)
    .setValues([DASHBOARD_PANELS.flatMap(p => [p.title, ''])])
    .setFontWeight('bold');
  for (const chart of dash.getCharts()) dash.removeChart(chart);
  for (const p of DASHBOARD_PANELS) {
    dash.getRange(2, p.at).setFormula(countQuery(SHEETS.leads, columnLetter(col[p.column]), p.label));
    const range = `${columnLetter(p.at - 1)}2:${columnLetter(p.at)}52`;
    dash.insertChart(
      dash
        .newChart()
        .asColumnChart()
        .addRange(dash.getRange(range))
        .setPosition(p.chartRow, 6, 0, 0)
        .setOption('title', p.title)
        .setOption('legend', {position: 'none'})
        .build(),
    );
  }
}

export function setUpSheetsIn(ss: Spreadsheet): string[] {
  const created: string[] = [];
  const reps = ensureHeaders(ss, SHEETS.reps, REP_HEADERS, created);
  const available = columnIndex(reps.header, ['Available']).Available;
  const rows = reps.sheet.getMaxRows() - 1;
  if (rows > 0) {
    reps.sheet
      .getRange(2, available + 1, rows, 1)
      .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  }
  const tzCol = columnIndex(reps.header, ['Timezone']).Timezone;
  reps.sheet
    .getRange(1, tzCol + 1)
    .setNote(
      `Blank: the spreadsheet's time zone (${ss.getSpreadsheetTimeZone()}, set in File → Settings). ` +
        'Otherwise an IANA zone such as America/New_York or Europe/Berlin.',
    );
  ensureHeaders(ss, SHEETS.territories, TERRITORY_HEADERS, created);
  const leadsExisted = ss.getSheetByName(SHEETS.leads) !== null;
  const leads = ensureHeaders(
    ss,
    SHEETS.leads,
    leadsExisted ? [...ASSIGNMENT_HEADERS] : [...STARTER_LEAD_HEADERS, ...ASSIGNMENT_HEADERS],
    created,
  );
  const at = columnIndex(leads.header, ['Assigned At'])['Assigned At'];
  leads.sheet.getRange(2, at + 1, Math.max(1, leads.sheet.getMaxRows() - 1), 1).setNumberFormat('yyyy-mm-dd hh:mm');
  ensureHeaders(ss, SHEETS.log, LOG_HEADERS, created);
  setUpDashboard(ss, leads.header);
  return created;
}
