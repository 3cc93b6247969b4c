/// <reference types="google-apps-script" />
// In-memory SpreadsheetApp: only the methods the add-on uses, each typed by Pick<> against
// @types/google-apps-script (a wrong signature fails to compile) and counted as one service call.
import {count, type CellValue, type SheetData, type World} from './world';

type GS = typeof GoogleAppsScript.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Blind casts for fluent returns (`return this`): the parameter types are still checked. */
const as = <T>(x: unknown) => x as T;

export function newSheetData(name: string, rows = 1000, cols = 26): SheetData {
  return {
    name,
    values: [],
    formulas: new Map(),
    notes: new Map(),
    maxRows: rows,
    maxCols: cols,
    frozenRows: 0,
    validations: [],
    charts: [],
  };
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Sheets' limit on the characters of one cell; a write with a longer value fails as a whole. */
export const CELL_CHAR_LIMIT = 50000;

/** Throws what Sheets throws when one value of a write is longer than a cell may hold. */
function checkCellLimit(values: unknown[][]): void {
  for (const line of values)
    for (const v of line)
      if (typeof v === 'string' && v.length - (v.startsWith("'") ? 1 : 0) > CELL_CHAR_LIMIT)
        throw new Error(
          `Exception: Your input contains more than the maximum of ${CELL_CHAR_LIMIT} characters in a single cell.`,
        );
}

/** What Sheets stores for a value written by a script: "'x" is text x, "=..." a formula. */
function store(data: SheetData, r: number, c: number, v: unknown): void {
  while (data.values.length <= r) data.values.push([]);
  const row = data.values[r];
  while (row.length <= c) row.push('');
  const key = `${r},${c}`;
  data.formulas.delete(key);
  if (typeof v === 'string' && v.startsWith("'")) row[c] = v.slice(1);
  else if (typeof v === 'string' && v.startsWith('=') && v.length > 1) {
    data.formulas.set(key, v);
    row[c] = '#FORMULA';
  } else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') row[c] = v;
  else if (isDate(v)) row[c] = new Date(v.getTime());
  else if (v === null || v === undefined) row[c] = '';
  else throw new Error(`Exception: The parameters (${typeof v}) don't match the method signature.`);
}

function lastRow(data: SheetData): number {
  for (let r = data.values.length - 1; r >= 0; r--) {
    const row = data.values[r];
    for (let c = 0; c < row.length; c++) if (row[c] !== '' || data.formulas.has(`${r},${c}`)) return r + 1;
  }
  return 0;
}

function lastCol(data: SheetData): number {
  let n = 0;
  data.values.forEach((row, r) => {
    for (let c = row.length - 1; c >= n; c--)
      if (row[c] !== '' || data.formulas.has(`${r},${c}`)) {
        n = c + 1;
        break;
      }
  });
  return n;
}

function colLetters(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseA1(a1: string): {row: number; col: number; numRows: number; numCols: number} {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1.toUpperCase());
  if (!m) throw new Error('Exception: Range not found');
  const col = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]),
    c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1,
    c2 = m[3] ? col(m[3]) : c1;
  return {row: r1, col: c1, numRows: r2 - r1 + 1, numCols: c2 - c1 + 1};
}

export class FakeRange implements Pick<
  Range,
  | 'getValues'
  | 'setValues'
  | 'getValue'
  | 'setValue'
  | 'getFormulas'
  | 'setFormula'
  | 'setFontWeight'
  | 'setDataValidation'
  | 'setNumberFormat'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getRow'
  | 'getColumn'
  | 'getA1Notation'
  | 'setBackground'
  | 'setNote'
  | 'getNote'
> {
  constructor(
    private readonly world: World,
    private readonly data: SheetData,
    private readonly row: number,
    private readonly col: number,
    private readonly numRows: number,
    private readonly numCols: number,
  ) {}
  private c(name: string) {
    count(this.world, 'Range.' + name);
  }
  setNote(note: string): Range {
    this.c('setNote');
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numCols; c++) {
        const key = `${this.row - 1 + r},${this.col - 1 + c}`;
        if (note) this.data.notes.set(key, String(note));
        else this.data.notes.delete(key);
      }
    return as<Range>(this);
  }
  getNote(): string {
    this.c('getNote');
    return this.data.notes.get(`${this.row - 1},${this.col - 1}`) ?? '';
  }
  getValues(): any[][] {
    this.c('getValues');
    const out: CellValue[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const src = this.data.values[this.row - 1 + r] ?? [];
      const line: CellValue[] = new Array(this.numCols);
      for (let c = 0; c < this.numCols; c++) {
        const v = src[this.col - 1 + c];
        line[c] = v === undefined ? '' : isDate(v) ? new Date(v.getTime()) : v;
      }
      out.push(line);
    }
    return out;
  }
  getValue(): any {
    this.c('getValue');
    const v = (this.data.values[this.row - 1] ?? [])[this.col - 1];
    return v === undefined ? '' : v;
  }
  getFormulas(): string[][] {
    this.c('getFormulas');
    const out: string[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: string[] = [];
      for (let c = 0; c < this.numCols; c++)
        line.push(this.data.formulas.get(`${this.row - 1 + r},${this.col - 1 + c}`) ?? '');
      out.push(line);
    }
    return out;
  }
  setValues(values: any[][]): Range {
    this.c('setValues');
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(
        `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`,
      );
    }
    values.forEach(line => {
      if (!Array.isArray(line) || line.length !== this.numCols) {
        throw new Error(
          `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(line) ? line.length : 0} but the range has ${this.numCols}.`,
        );
      }
    });
    checkCellLimit(values);
    values.forEach((line, r) => {
      line.forEach((v, c) => store(this.data, this.row - 1 + r, this.col - 1 + c, v));
    });
    return as<Range>(this);
  }
  setValue(value: any): Range {
    this.c('setValue');
    checkCellLimit([[value]]);
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numCols; c++) store(this.data, this.row - 1 + r, this.col - 1 + c, value);
    return as<Range>(this);
  }
  setFormula(formula: string): Range {
    this.c('setFormula');
    store(this.data, this.row - 1, this.col - 1, formula.startsWith('=') ? formula : '=' + formula);
    return as<Range>(this);
  }
  setFontWeight(_fontWeight: 'bold' | 'normal' | null): Range {
    this.c('setFontWeight');
    return as<Range>(this);
  }
  setBackground(_color: string | null): Range {
    this.c('setBackground');
    return as<Range>(this);
  }
  setNumberFormat(_numberFormat: string): Range {
    this.c('setNumberFormat');
    return as<Range>(this);
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): Range {
    this.c('setDataValidation');
    const kind = rule ? (rule as unknown as {kind: string}).kind : 'none';
    this.data.validations.push({row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols, kind});
    return as<Range>(this);
  }
  getNumRows(): number {
    this.c('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.c('getNumColumns');
    return this.numCols;
  }
  getRow(): number {
    this.c('getRow');
    return this.row;
  }
  getColumn(): number {
    this.c('getColumn');
    return this.col;
  }
  getA1Notation(): string {
    this.c('getA1Notation');
    const end = `${colLetters(this.col + this.numCols - 1)}${this.row + this.numRows - 1}`;
    const start = `${colLetters(this.col)}${this.row}`;
    return this.numRows === 1 && this.numCols === 1 ? start : `${start}:${end}`;
  }
  /** Test access: the A1 notation without counting. */
  a1(): string {
    return `${this.data.name}!${colLetters(this.col)}${this.row}:${colLetters(this.col + this.numCols - 1)}${this.row + this.numRows - 1}`;
  }
}

class FakeChartBuilder {
  private type = 'column';
  private readonly ranges: string[] = [];
  private readonly options: Record<string, unknown> = {};
  constructor(
    private readonly world: World,
    private readonly data: SheetData,
  ) {}
  private c(name: string) {
    count(this.world, 'Chart.' + name);
  }
  asColumnChart() {
    this.c('asColumnChart');
    this.type = 'column';
    return this;
  }
  asBarChart() {
    this.c('asBarChart');
    this.type = 'bar';
    return this;
  }
  addRange(range: Range) {
    this.c('addRange');
    this.ranges.push((range as unknown as FakeRange).a1());
    return this;
  }
  setPosition(_anchorRowPos: number, _anchorColPos: number, _offsetX: number, _offsetY: number) {
    this.c('setPosition');
    return this;
  }
  setOption(option: string, value: any) {
    this.c('setOption');
    this.options[option] = value;
    return this;
  }
  setTitle(title: string) {
    this.c('setTitle');
    this.options.title = title;
    return this;
  }
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    this.c('build');
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChart>({
      type: this.type,
      ranges: [...this.ranges],
      options: {...this.options},
    });
  }
}

export class FakeSheet implements Pick<
  Sheet,
  | 'getName'
  | 'getRange'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
  | 'setFrozenRows'
  | 'insertChart'
  | 'getCharts'
  | 'removeChart'
  | 'appendRow'
  | 'clear'
> {
  constructor(
    private readonly world: World,
    readonly data: SheetData,
  ) {}
  private c(name: string) {
    count(this.world, 'Sheet.' + name);
  }
  getName(): string {
    this.c('getName');
    return this.data.name;
  }
  getRange(a: any, column?: number, numRows?: number, numColumns?: number): Range {
    this.c('getRange');
    const r =
      typeof a === 'string' ? parseA1(a) : {row: a, col: column!, numRows: numRows ?? 1, numCols: numColumns ?? 1};
    if (!(r.row >= 1 && r.col >= 1 && r.numRows >= 1 && r.numCols >= 1)) {
      throw new Error(
        'Exception: The starting row/column of the range is too small, or the number of rows/columns must be at least 1.',
      );
    }
    if (r.row + r.numRows - 1 > this.data.maxRows || r.col + r.numCols - 1 > this.data.maxCols) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
    return as<Range>(new FakeRange(this.world, this.data, r.row, r.col, r.numRows, r.numCols));
  }
  getDataRange(): Range {
    this.c('getDataRange');
    return as<Range>(
      new FakeRange(this.world, this.data, 1, 1, Math.max(1, lastRow(this.data)), Math.max(1, lastCol(this.data))),
    );
  }
  getLastRow(): number {
    this.c('getLastRow');
    return lastRow(this.data);
  }
  getLastColumn(): number {
    this.c('getLastColumn');
    return lastCol(this.data);
  }
  getMaxRows(): number {
    this.c('getMaxRows');
    return this.data.maxRows;
  }
  getMaxColumns(): number {
    this.c('getMaxColumns');
    return this.data.maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.c('insertRowsAfter');
    if (afterPosition !== this.data.maxRows) throw new Error('fake: only appending rows at the end is modelled');
    this.data.maxRows += howMany;
    return as<Sheet>(this);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.c('insertColumnsAfter');
    if (afterPosition !== this.data.maxCols) throw new Error('fake: only appending columns at the end is modelled');
    this.data.maxCols += howMany;
    return as<Sheet>(this);
  }
  appendRow(rowContents: any[]): Sheet {
    this.c('appendRow');
    const r = lastRow(this.data);
    if (r + 1 > this.data.maxRows) this.data.maxRows = r + 1;
    rowContents.forEach((v, c) => store(this.data, r, c, v));
    return as<Sheet>(this);
  }
  clear(): Sheet {
    this.c('clear');
    this.data.values = [];
    this.data.formulas.clear();
    return as<Sheet>(this);
  }
  setFrozenRows(rows: number): void {
    this.c('setFrozenRows');
    this.data.frozenRows = rows;
  }
  newChart() {
    this.c('newChart');
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(new FakeChartBuilder(this.world, this.data));
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.c('insertChart');
    this.data.charts.push(chart as unknown as SheetData['charts'][number]);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.c('getCharts');
    return this.data.charts.map(ch => as<GoogleAppsScript.Spreadsheet.EmbeddedChart>(ch));
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.c('removeChart');
    this.data.charts = this.data.charts.filter(ch => ch !== (chart as unknown));
  }
}

export class FakeSpreadsheet implements Pick<
  Spreadsheet,
  'getSheetByName' | 'insertSheet' | 'getSheets' | 'getSpreadsheetTimeZone' | 'getId' | 'getName' | 'toast'
> {
  constructor(private readonly world: World) {}
  private c(name: string) {
    count(this.world, 'Spreadsheet.' + name);
  }
  getSheetByName(name: string): Sheet | null {
    this.c('getSheetByName');
    const d = this.world.sheets.find(s => s.name === name);
    return d ? as<Sheet>(new FakeSheet(this.world, d)) : null;
  }
  insertSheet(sheetName?: any): Sheet {
    this.c('insertSheet');
    const name = typeof sheetName === 'string' ? sheetName : `Sheet${this.world.sheets.length + 1}`;
    if (this.world.sheets.some(s => s.name === name)) {
      throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const d = newSheetData(name);
    this.world.sheets.push(d);
    return as<Sheet>(new FakeSheet(this.world, d));
  }
  getSheets(): Sheet[] {
    this.c('getSheets');
    return this.world.sheets.map(d => as<Sheet>(new FakeSheet(this.world, d)));
  }
  getSpreadsheetTimeZone(): string {
    this.c('getSpreadsheetTimeZone');
    return this.world.timeZone;
  }
  getId(): string {
    this.c('getId');
    return 'fake-spreadsheet-id';
  }
  getName(): string {
    this.c('getName');
    return 'Leads 2026';
  }
  toast(msg: string, _title?: string, _timeoutSeconds?: number | null): void {
    this.c('toast');
    this.world.ui.toasts.push(msg);
  }
}

class FakeMenu {
  private readonly items: [string, string][] = [];
  constructor(
    private readonly world: World,
    private readonly name: string,
  ) {}
  addItem(caption: string, functionName: string) {
    count(this.world, 'Ui.addItem');
    this.items.push([caption, functionName]);
    return this;
  }
  addSeparator() {
    count(this.world, 'Ui.addSeparator');
    this.items.push(['---', '']);
    return this;
  }
  addToUi(): void {
    count(this.world, 'Ui.addToUi');
    this.world.ui.menus.push({name: this.name, items: this.items});
  }
}

export function fakeUi(world: World): GoogleAppsScript.Base.Ui {
  const ui: Pick<
    GoogleAppsScript.Base.Ui,
    'createMenu' | 'createAddonMenu' | 'alert' | 'showSidebar' | 'showModalDialog' | 'ButtonSet' | 'Button'
  > = {
    createMenu(caption: string) {
      count(world, 'Ui.createMenu');
      return as<GoogleAppsScript.Base.Menu>(new FakeMenu(world, caption));
    },
    createAddonMenu() {
      count(world, 'Ui.createAddonMenu');
      return as<GoogleAppsScript.Base.Menu>(new FakeMenu(world, 'add-on'));
    },
    alert(a: any, b?: any, _c?: any): any {
      count(world, 'Ui.alert');
      world.ui.alerts.push(typeof b === 'string' ? `${a}: ${b}` : String(a));
      return 'OK';
    },
    showSidebar(userInterface: any): void {
      count(world, 'Ui.showSidebar');
      world.ui.sidebars.push(userInterface.getContent());
    },
    showModalDialog(userInterface: any, title: string): void {
      count(world, 'Ui.showModalDialog');
      world.ui.dialogs.push({title, html: userInterface.getContent()});
    },
    ButtonSet: as<typeof GoogleAppsScript.Base.ButtonSet>({
      OK: 'OK',
      OK_CANCEL: 'OK_CANCEL',
      YES_NO: 'YES_NO',
      YES_NO_CANCEL: 'YES_NO_CANCEL',
    }),
    Button: as<typeof GoogleAppsScript.Base.Button>({OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE'}),
  };
  return as<GoogleAppsScript.Base.Ui>(ui);
}

export function fakeSpreadsheetApp(world: World): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const app: Pick<
    GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    'getActiveSpreadsheet' | 'getUi' | 'flush' | 'newDataValidation'
  > = {
    getActiveSpreadsheet() {
      count(world, 'SpreadsheetApp.getActiveSpreadsheet');
      return as<Spreadsheet>(new FakeSpreadsheet(world));
    },
    getUi() {
      count(world, 'SpreadsheetApp.getUi');
      return fakeUi(world);
    },
    flush() {
      count(world, 'SpreadsheetApp.flush');
    },
    newDataValidation() {
      count(world, 'SpreadsheetApp.newDataValidation');
      const b = {
        kind: 'any',
        requireCheckbox() {
          count(world, 'DataValidation.requireCheckbox');
          b.kind = 'checkbox';
          return b;
        },
        build() {
          count(world, 'DataValidation.build');
          return {kind: b.kind};
        },
      };
      return as<GoogleAppsScript.Spreadsheet.DataValidationBuilder>(b);
    },
  };
  return as<GoogleAppsScript.Spreadsheet.SpreadsheetApp>(app);
}

/** Test helper: a sheet filled with rows (first row headers), sized to fit. No calls counted. */
export function putSheet(world: World, name: string, rows: CellValue[][]): SheetData {
  let d = world.sheets.find(s => s.name === name);
  if (!d) world.sheets.push((d = newSheetData(name)));
  d.values = rows.map(r => r.slice());
  d.formulas.clear();
  d.maxRows = Math.max(d.maxRows, rows.length);
  d.maxCols = Math.max(d.maxCols, ...rows.map(r => r.length));
  return d;
}

export function sheetValues(world: World, name: string): CellValue[][] {
  const d = world.sheets.find(s => s.name === name);
  if (!d) throw new Error(`no sheet ${name}`);
  return d.values;
}

export type {GS};
