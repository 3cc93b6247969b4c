// First run: sample reps, territories and leads so Preview shows something at once. Every sample
// row is marked (its first cell starts with SAMPLE_MARK) and "Remove sample data" takes exactly
// those rows out again, keeping every other row (and its formulas) as it was.
import {SHEETS, columnIndex} from './layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const SAMPLE_MARK = '(sample) ';

const REPS: Record<string, string | boolean | number>[] = [
  {Name: 'Ana Diaz', Email: 'ana@example.com', Available: true, Skills: 'solar', Hours: 'mon-fri 08:00-18:00'},
  {Name: 'Ben Ode', Email: 'ben@example.com', Available: true, 'Daily cap': 20},
  {Name: 'Cy Park', Email: 'cy@example.com', Available: true, Timezone: 'America/Los_Angeles'},
];
const TERRITORIES: Record<string, string | number>[] = [
  {
    Territory: 'Texas',
    Match: 'any',
    Field: 'State',
    Operator: 'in',
    Values: 'TX',
    Weight: 10,
    Reps: 'Ana Diaz, Ben Ode',
  },
  {Territory: 'Texas', Field: 'Zip', Operator: 'between', Values: '75000-79999', Weight: 5},
  {Territory: 'West', Field: 'State', Operator: 'in', Values: 'CA, OR, WA', Weight: 10, Reps: 'Cy Park'},
];
const LEADS: Record<string, string>[] = [
  {Name: 'Jo Rivera', Email: 'jo@acme.example', Company: 'Acme', Zip: '75201', State: 'TX', Country: 'US'},
  {Name: 'Sam Lee', Email: 'sam@globex.example', Company: 'Globex', Zip: '94105', State: 'CA', Country: 'US'},
  {Name: 'Kim Novak', Email: 'kim@initech.example', Company: 'Initech', Zip: '10001', State: 'NY', Country: 'US'},
  {Name: 'Lee Chan', Email: 'lee@umbrella.example', Company: 'Umbrella', Zip: '73301', State: 'TX', Country: 'US'},
];

function rowsFor(header: unknown[], records: Record<string, unknown>[], markColumn: string): unknown[][] {
  const col = columnIndex(header, [...new Set(records.flatMap(r => Object.keys(r)))]);
  const mark = columnIndex(header, [markColumn])[markColumn];
  return records.map(r => {
    const row: unknown[] = header.map(() => '');
    for (const [k, v] of Object.entries(r)) if (col[k] >= 0) row[col[k]] = v;
    if (mark >= 0) row[mark] = SAMPLE_MARK + String(row[mark]);
    return row;
  });
}

function appendTo(ss: Spreadsheet, name: string, records: Record<string, unknown>[], markColumn: string): number {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return 0;
  const values = sheet.getDataRange().getValues();
  const rows = rowsFor(values[0] ?? [], records, markColumn);
  if (rows.length === 0 || rows[0].length === 0) return 0;
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, rows[0].length).setValues(rows);
  return rows.length;
}

/**
 * Appends the sample rows (run after Set up sheets, so the headers exist). Sample reps have
 * example.com addresses; sample rep names in Territories are marked too, so they resolve.
 */
export function addSampleData(ss: Spreadsheet): number {
  const reps = REPS.map(r => ({...r}));
  const territories = TERRITORIES.map(t => ({
    ...t,
    Reps: t.Reps
      ? String(t.Reps)
          .split(',')
          .map(n => SAMPLE_MARK + n.trim())
          .join(', ')
      : '',
  }));
  return (
    appendTo(ss, SHEETS.reps, reps, 'Name') +
    appendTo(ss, SHEETS.territories, territories, 'Territory') +
    appendTo(ss, SHEETS.leads, LEADS, 'Name')
  );
}

/** Takes out every row whose first non-empty cell is marked as sample; returns how many. */
export function removeSampleData(ss: Spreadsheet): number {
  let removed = 0;
  for (const name of [SHEETS.reps, SHEETS.territories, SHEETS.leads]) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const range = sheet.getDataRange();
    const values = range.getValues();
    const formulas = range.getFormulas();
    const keep: unknown[][] = [];
    values.forEach((row, r) => {
      const first = row.find(v => String(v ?? '') !== '');
      if (r > 0 && typeof first === 'string' && first.startsWith(SAMPLE_MARK)) return;
      keep.push(row.map((v, c) => formulas[r][c] || (typeof v === 'string' && /^[=+\-@]/.test(v) ? "'" + v : v)));
    });
    const gone = values.length - keep.length;
    if (gone === 0) continue;
    removed += gone;
    const width = values[0].length;
    for (let i = 0; i < gone; i++) keep.push(new Array(width).fill(''));
    range.setValues(keep);
  }
  return removed;
}
