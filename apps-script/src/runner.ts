// A run end to end: document lock (a busy lock leaves the rows for the next run), the source's
// run, the status record, the e-mails. Errors the user can fix come back as messages.
import {TimeBudget} from './budget';
import {runAirtable} from './airtableRun';
import {notifyReps, type Assignment} from './notify';
import {loadSettings, storeLastRun, type RunStatus} from './properties';
import {UserError, warningSummary} from './routing';
import {installationSecret} from './secret';
import {StateError} from '../../shared';
import {runSheet} from './sheetRun';

/** Menu runs wait a little for a running trigger; trigger runs wait longer (form bursts). */
export const LOCK_WAIT_MS = {menu: 10000, trigger: 30000};

export function runAssignment(trigger: string, startedAt: number): RunStatus {
  const settings = loadSettings();
  const status: RunStatus = {
    at: new Date(startedAt).toISOString(),
    source: settings.source,
    trigger,
    assigned: 0,
    unassigned: 0,
    remaining: 0,
    message: '',
    ok: true,
  };
  const lock = LockService.getDocumentLock();
  if (!lock) {
    status.ok = false;
    status.message = 'Lead routing must run from the spreadsheet (Extensions → Apps Script in the Sheet).';
    return status;
  }
  if (!lock.tryLock(trigger === 'menu' || trigger === 'sidebar' ? LOCK_WAIT_MS.menu : LOCK_WAIT_MS.trigger)) {
    status.message = 'Another run is assigning leads right now; the new rows are left for the next run.';
    status.ok = false;
    return status;
  }
  let assignments: Assignment[] = [];
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const budget = new TimeBudget(startedAt);
    const secret = installationSecret();
    // What both sources report alike; Airtable alone can fail part-way, a sheet alone can change meanwhile.
    const r =
      settings.source === 'airtable'
        ? {...runAirtable(ss, settings, budget, secret), changedMeanwhile: [] as number[]}
        : {...runSheet(ss, settings, budget, secret), error: null};
    const {error, logError, changedMeanwhile, away} = r;
    assignments = r.routed;
    status.remaining = r.remaining;
    status.assigned = assignments.filter(a => a.decision.ownerId !== null).length;
    status.unassigned = assignments.length - status.assigned;
    SpreadsheetApp.flush();
    const parts = [`Assigned ${status.assigned} new lead${status.assigned === 1 ? '' : 's'}.`];
    if (status.unassigned) parts.push(`${status.unassigned} could not be assigned (see Routing Reason).`);
    if (status.remaining) parts.push(`${status.remaining} left for the next run.`);
    if (away && assignments.length) parts.push(away);
    const warned = warningSummary(assignments.map(a => a.decision));
    if (warned) parts.push(warned);
    if (changedMeanwhile.length) {
      parts.push(
        `Row${changedMeanwhile.length === 1 ? '' : 's'} ${changedMeanwhile.join(', ')} changed while this run was routing: left as ${changedMeanwhile.length === 1 ? 'it is' : 'they are'}.`,
      );
    }
    if (error) {
      parts.push(`Stopped early: ${error}`);
      status.ok = false;
    }
    if (logError) {
      parts.push(
        `The Routing Log could not be written (${logError}); the assignments above were made${settings.source === 'airtable' ? ' in Airtable' : ''}.`,
      );
      status.ok = false;
    }
    status.message = parts.join(' ');
  } catch (e) {
    status.ok = false;
    status.message =
      e instanceof UserError || e instanceof StateError
        ? e.message
        : `Lead routing failed: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    lock.releaseLock();
  }
  if (settings.notify && assignments.length) {
    try {
      notifyReps(
        assignments,
        settings.source === 'airtable' ? 'Airtable' : SpreadsheetApp.getActiveSpreadsheet().getName(),
      );
    } catch (e) {
      status.message += ` E-mails not sent: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  storeLastRun(status);
  return status;
}
