// One run against an Airtable base (tables Leads and Reps, same headers as the sheets; the
// Territories stay on the sheet). The state is saved as of the last batch Airtable accepted, so a
// failure loses no lead (the rest stay unassigned) and assigns none twice.
import {createRouter, type Decision, type RotationState} from '../../shared';
import {AirtableClient, AirtableError, UPDATE_BATCH, type AirtableRecord} from './airtable';
import {tryAppendLog} from './log';
import {REP_HEADERS, SHEETS} from './layout';
import {awayNote, buildConfig, logRow, routeOptions, runOptions, UserError, type LogRow} from './routing';
import type {Settings} from './settings';
import {loadState, saveState} from './stateStore';
import {airtableToken} from './properties';
import type {TimeBudget} from './budget';

export const LEADS_TABLE = 'Leads';
export const REPS_TABLE = 'Reps';
export const UNASSIGNED_FORMULA = "{Assigned To} = ''";

export interface AirtableRunResult {
  routed: {lead: Record<string, unknown>; decision: Decision; recordId: string}[];
  remaining: number;
  logRows: LogRow[];
  /** Set when Airtable failed part-way: what was updated before stays, the rest waits for the next run. */
  error: string | null;
  /** Set when the Routing Log could not be written (the Airtable updates stand). */
  logError: string | null;
  /** Reps live presence kept out of this run (awayNote). */
  away: string;
}

/** Airtable records as a table (header row + rows), the shape configFromSheets reads. */
export function recordsAsTable(records: AirtableRecord[], knownHeaders: readonly string[]): unknown[][] {
  const headers: string[] = [...knownHeaders];
  for (const r of records) for (const k of Object.keys(r.fields)) if (!headers.includes(k)) headers.push(k);
  return [headers, ...records.map(r => headers.map(h => (r.fields[h] === undefined ? '' : r.fields[h])))];
}

export function runAirtable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  budget: TimeBudget,
  secret?: string,
): AirtableRunResult {
  const token = airtableToken();
  if (!settings.airtableBaseId) throw new UserError('Set the Airtable base id in Lead Routing → Settings.');
  if (!token) throw new UserError('Save your Airtable personal access token in Lead Routing → Settings.');
  const now = new Date();
  const client = new AirtableClient(settings.airtableBaseId, token);
  const territorySheet = ss.getSheetByName(SHEETS.territories);
  const territories = territorySheet ? territorySheet.getDataRange().getValues() : [];
  let reps: AirtableRecord[];
  let leads: AirtableRecord[];
  try {
    reps = client.list(REPS_TABLE);
    leads = client.list(LEADS_TABLE, UNASSIGNED_FORMULA);
  } catch (e) {
    if (e instanceof AirtableError) throw new UserError(e.message + ' No lead was changed.');
    throw e;
  }
  const leadHeaders = recordsAsTable(leads, [])[0];
  const compiled = buildConfig(
    recordsAsTable(reps, REP_HEADERS),
    territories,
    leadHeaders,
    settings,
    runOptions(ss, settings, now),
  );
  const props = PropertiesService.getDocumentProperties();
  const router = createRouter(compiled, loadState(props), routeOptions(secret));
  let committed: RotationState | null = null;
  const routed: AirtableRunResult['routed'] = [];
  let error: string | null = null;
  for (let start = 0; start < leads.length; start += UPDATE_BATCH) {
    if (budget.expired()) break;
    const batch = leads.slice(start, start + UPDATE_BATCH).map((rec, j) => {
      const lead = rec.fields;
      return {recordId: rec.id, lead, decision: router.route(lead, now, start + j)};
    });
    const updates = batch.map(({recordId, decision: d}) => ({
      id: recordId,
      fields: d.ownerId
        ? {
            'Assigned To': d.ownerName ?? d.ownerId,
            'Assigned At': now.toISOString(),
            Territory: d.territoryName ?? '',
            'Routing Reason': d.reason,
          }
        : {'Routing Reason': d.reason},
    }));
    try {
      client.update(LEADS_TABLE, updates);
    } catch (e) {
      if (!(e instanceof AirtableError)) throw e;
      error = e.message;
      break;
    }
    routed.push(...batch);
    committed = router.state();
  }
  if (committed) saveState(props, committed);
  const logRows = routed
    .filter(r => r.decision.ownerId !== null || r.lead['Routing Reason'] !== r.decision.reason)
    .map(r => logRow('Airtable', r.recordId, r.lead, r.decision, now));
  const logError = tryAppendLog(ss, logRows);
  return {routed, remaining: leads.length - routed.length, logRows, error, logError, away: awayNote(compiled)};
}
