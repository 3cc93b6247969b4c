/// <reference types="google-apps-script" />
// Entry of the add-on. Every export here becomes a global function of the Apps Script project
// (build.mjs adds a top-level `function name() {}` for each, delegating into the bundle):
// menu items, trigger handlers and the functions the sidebar calls with google.script.run.
import {loadSettings} from './properties';
import {previewHtml, previewRows} from './preview';
import {UserError} from './routing';
import {LOCK_WAIT_MS, runAssignment} from './runner';
import {clearState} from './stateStore';
import {setUpSheetsIn} from './setup';
import {addSampleData, removeSampleData} from './sample';
import {StateError} from '../../shared';
import {saveSidebarForm, sidebarAssign, sidebarAutoAssign, sidebarState, type SidebarState} from './sidebar';
import {changeMayAddLeads, installTriggers, removeTriggers} from './triggers';

const MENU = 'Lead Routing';
/** The add-on's documentation (Help menu item and the sidebar's Help link). */
export const HELP_URL =
  'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/docs/sheets-add-on.md';

function message(e: unknown): string {
  return e instanceof UserError || e instanceof StateError
    ? e.message
    : `Something went wrong: ${e instanceof Error ? e.message : String(e)}`;
}

function alert(text: string): void {
  SpreadsheetApp.getUi().alert(MENU, text, SpreadsheetApp.getUi().ButtonSet.OK);
}

/**
 * Simple trigger, also run by onInstall. Editor add-on conventions: the menu goes under
 * Extensions → (the add-on) via createAddonMenu, and nothing here reads properties or the sheet,
 * so it works in every authorization mode (AuthMode.NONE before the add-on is enabled in this
 * document, LIMITED bound, FULL after install).
 */
export function onOpen(_e?: {authMode?: unknown}): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Open Lead Routing', 'showSettings')
    .addItem('Assign new leads now', 'assignNewLeads')
    .addItem('Preview routing', 'previewRouting')
    .addSeparator()
    .addItem('Set up sheets', 'setUpSheets')
    .addItem('Add sample data', 'addSamples')
    .addItem('Remove sample data', 'removeSamples')
    .addSeparator()
    .addItem('Turn automatic assignment on', 'enableAutoAssign')
    .addItem('Turn automatic assignment off', 'disableAutoAssign')
    .addSeparator()
    .addItem('Help', 'showHelp')
    .addToUi();
}

/** Runs when a user installs the add-on from the Marketplace: the menu appears without a reload. */
export function onInstall(e?: {authMode?: unknown}): void {
  onOpen(e);
}

/** Help: a small dialog with the link (a script cannot open a browser tab by itself). */
export function showHelp(): void {
  const html =
    '<link rel="stylesheet" href="https://ssl.gstatic.com/docs/script/css/add-ons1.css">' +
    '<div style="font-family:Arial;font-size:13px"><p>The guide covers setup, every setting, what each message means and what to do.</p>' +
    `<p><a href="${HELP_URL}" target="_blank" rel="noopener">Open the Lead Routing guide</a></p></div>`;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(360).setHeight(140), 'Help');
}

export function addSamples(): void {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    setUpSheetsIn(ss);
    const n = addSampleData(ss);
    alert(
      `Added ${n} sample rows, marked "(sample)". Preview routing shows where the sample leads go; Remove sample data takes them out again.`,
    );
  } catch (e) {
    alert(message(e));
  }
}

export function removeSamples(): void {
  try {
    const n = removeSampleData(SpreadsheetApp.getActiveSpreadsheet());
    alert(n ? `Removed ${n} sample rows.` : 'There were no sample rows.');
  } catch (e) {
    alert(message(e));
  }
}

export function setUpSheets(): void {
  try {
    const created = setUpSheetsIn(SpreadsheetApp.getActiveSpreadsheet());
    alert(
      (created.length ? `Created ${created.join(', ')}. ` : 'All sheets were there; missing headers were added. ') +
        'Next: list your reps on Reps (tick Available), optionally add Territories, then Assign new leads now. ' +
        'To try it first, use Add sample data: marked sample rows you can remove again.',
    );
  } catch (e) {
    alert(message(e));
  }
}

export function assignNewLeads(): void {
  const status = runAssignment('menu', Date.now());
  alert(status.message);
}

export function previewRouting(): void {
  try {
    const html = previewHtml(previewRows(Date.now()));
    SpreadsheetApp.getUi().showModalDialog(
      HtmlService.createHtmlOutput(html).setWidth(900).setHeight(600),
      'Preview routing',
    );
  } catch (e) {
    alert(message(e));
  }
}

export function showSettings(): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(MENU));
}

export function enableAutoAssign(): void {
  try {
    const created = installTriggers(loadSettings().source);
    alert(
      `Automatic assignment is on (${created.join(', ')}). ` +
        'Google lets add-ons run timed triggers at most once an hour, so the catch-up runs hourly; form submits and pasted rows are assigned right away.',
    );
  } catch (e) {
    alert(message(e));
  }
}

export function disableAutoAssign(): void {
  const n = removeTriggers();
  alert(n ? 'Automatic assignment is off.' : 'Automatic assignment was not on.');
}

/** Installable trigger: a Google Form wrote a row. */
export function onFormSubmitAssign(): void {
  finishTriggerRun(runAssignment('formSubmit', Date.now()));
}

/** Installable trigger: rows pasted or added by an integration. */
export function onChangeAssign(e?: GoogleAppsScript.Events.SheetsOnChange): void {
  if (!changeMayAddLeads(e?.changeType as string | undefined)) return;
  finishTriggerRun(runAssignment('change', Date.now()));
}

/** Installable trigger: hourly catch-up for rows missed (busy lock, time limit, integrations). */
export function catchUpAssign(): void {
  finishTriggerRun(runAssignment('timer', Date.now()));
}

function finishTriggerRun(status: {ok: boolean; message: string}): void {
  // A configuration problem is reported by failing the trigger (Google e-mails its owner the
  // message); a busy lock is not an error: the next run takes the rows.
  if (!status.ok && !status.message.startsWith('Another run')) throw new Error(status.message);
}

/** Sidebar: current settings (google.script.run.getSettings). */
export function getSettings(): SidebarState {
  return sidebarState();
}

/** Sidebar: Assign now (google.script.run.assignFromSidebar). */
export function assignFromSidebar(): ReturnType<typeof sidebarAssign> {
  return sidebarAssign();
}

/** Sidebar: automatic assignment on or off (google.script.run.setAutoAssign). */
export function setAutoAssign(on: unknown): ReturnType<typeof sidebarAutoAssign> {
  return sidebarAutoAssign(on === true);
}

/** Sidebar: save (google.script.run.saveSettings). */
export function saveSettings(form: unknown): ReturnType<typeof saveSidebarForm> {
  return saveSidebarForm(form);
}

/**
 * Sidebar (google.script.run.resetRotation): starts the rotation afresh (rotation positions,
 * counters, dedupe and learned accounts), the way back from an unreadable state. Holds the
 * document lock so no run is writing the state meanwhile.
 */
export function resetRotation(): {ok: boolean; message: string} {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS.menu)) {
    return {ok: false, message: 'A run is assigning leads right now; try again in a minute.'};
  }
  try {
    clearState(PropertiesService.getDocumentProperties());
    return {ok: true, message: 'The rotation starts afresh with the next run.'};
  } finally {
    lock.releaseLock();
  }
}
