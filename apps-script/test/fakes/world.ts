/// <reference types="google-apps-script" />
// The shared "Google" behind the fakes: spreadsheet data, property stores, the document lock, the
// clock, triggers, mail and an HTTP handler. Several executions (vm contexts) can share one world,
// like overlapping trigger runs share one spreadsheet. Every service call is counted here.

import {newCalendarWorld, type CalendarWorld} from './calendar';

export type CellValue = string | number | boolean | Date;

export interface SheetData {
  name: string;
  values: CellValue[][];
  /** "row,col" (0-based) -> formula text, for cells set from a string starting with "=". */
  formulas: Map<string, string>;
  /** "row,col" (0-based) -> the cell's note. */
  notes: Map<string, string>;
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  validations: {row: number; col: number; numRows: number; numCols: number; kind: string}[];
  charts: {type: string; ranges: string[]; options: Record<string, unknown>}[];
}

export interface HttpRequestLog {
  url: string;
  method: string;
  payload?: string;
  headers: Record<string, string>;
  at: number;
}

export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type HttpHandler = (req: HttpRequestLog) => HttpReply;

export interface SentMail {
  to: string;
  subject: string;
  body: string;
}

export interface World {
  sheets: SheetData[];
  timeZone: string;
  props: {document: Map<string, string>; user: Map<string, string>; script: Map<string, string>};
  /** Execution id holding the document lock, or null. */
  lockHolder: string | null;
  clock: {ms: number; tickMs: number};
  triggers: {id: string; handler: string; kind: string; source: string}[];
  mail: SentMail[];
  mailQuota: number;
  http: HttpHandler;
  httpLog: HttpRequestLog[];
  sleeps: number[];
  ui: {
    alerts: string[];
    toasts: string[];
    sidebars: string[];
    dialogs: {title: string; html: string}[];
    menus: {name: string; items: [string, string][]}[];
  };
  /** Files the HtmlService can read (the built Sidebar.html). */
  files: Record<string, string>;
  calls: Record<string, number>;
  /** Called on every counted call, after counting: lets a test start a second execution mid-run. */
  onCall: ((name: string) => void) | null;
  /** Refuse everyMinutes(n < 60), as add-ons must. */
  addon: boolean;
  /** Google Calendar free/busy behind the Calendar advanced service. */
  calendar: CalendarWorld;
}

export function createWorld(): World {
  return {
    sheets: [],
    timeZone: 'America/Chicago',
    props: {document: new Map(), user: new Map(), script: new Map()},
    lockHolder: null,
    clock: {ms: Date.parse('2026-11-23T15:00:00Z'), tickMs: 0},
    triggers: [],
    mail: [],
    mailQuota: 100,
    http: () => ({status: 404, body: {error: 'NOT_FOUND'}}),
    httpLog: [],
    sleeps: [],
    ui: {alerts: [], toasts: [], sidebars: [], dialogs: [], menus: []},
    files: {},
    calls: {},
    onCall: null,
    addon: true,
    calendar: newCalendarWorld(),
  };
}

export function count(world: World, name: string): void {
  world.calls[name] = (world.calls[name] ?? 0) + 1;
  if (world.onCall) world.onCall(name);
}

const SPREADSHEET_SERVICE = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DataValidation|Chart)\./;

/** Spreadsheet service calls counted so far (the Ui is counted apart, under "Ui."). */
export function spreadsheetCalls(world: World): number {
  let n = 0;
  for (const [k, v] of Object.entries(world.calls)) if (SPREADSHEET_SERVICE.test(k)) n += v;
  return n;
}

export function callsOf(world: World, prefix: string): number {
  let n = 0;
  for (const [k, v] of Object.entries(world.calls)) if (k.startsWith(prefix)) n += v;
  return n;
}

export function resetCalls(world: World): void {
  world.calls = {};
}

/** Advances and reads the fake clock: every read moves it by `tickMs`. */
export function tick(world: World): number {
  world.clock.ms += world.clock.tickMs;
  return world.clock.ms;
}
