// Lead Routing → Preview routing: who each new row would go to. Reads only; writes nothing
// (no cells, no state, no log), so it needs no lock.
import {TimeBudget} from './budget';
import {escapeHtml} from './escape';
import {loadSettings} from './properties';
import {leadLabel} from './routing';
import {readLeadTable, routeRows, sheetConfig} from './sheetRun';
import {loadState} from './stateStore';
import {UserError} from './routing';

export const PREVIEW_LIMIT = 500;

export interface PreviewRow {
  row: number;
  lead: string;
  owner: string;
  stage: string;
  territory: string;
  reason: string;
}

export function previewRows(startedAt: number): {rows: PreviewRow[]; total: number} {
  const settings = loadSettings();
  if (settings.source === 'airtable') {
    throw new UserError('Preview works on the Leads sheet; with Airtable as the source, use Assign new leads now.');
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const table = readLeadTable(ss, true);
  const compiled = sheetConfig(ss, settings, table.header);
  const state = loadState(PropertiesService.getDocumentProperties());
  const {routed} = routeRows(table, compiled, state, new Date(), new TimeBudget(startedAt), PREVIEW_LIMIT);
  return {
    total: table.newRows.length,
    rows: routed.map(r => ({
      row: r.index + 1,
      lead: leadLabel(r.lead),
      owner: r.decision.ownerName ?? '(nobody)',
      stage: r.decision.stage,
      territory: r.decision.territoryName ?? '',
      reason: r.decision.reason,
    })),
  };
}

export function previewHtml(p: {rows: PreviewRow[]; total: number}): string {
  if (p.total === 0) return '<p style="font-family:Arial">No new rows: every lead already has an owner.</p>';
  const head = ['Row', 'Lead', 'Would go to', 'Stage', 'Territory', 'Why'].map(h => `<th>${h}</th>`).join('');
  const body = p.rows
    .map(
      r =>
        `<tr>${[r.row, r.lead, r.owner, r.stage, r.territory, r.reason].map(v => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`,
    )
    .join('');
  const more = p.total > p.rows.length ? `<p>Showing the first ${p.rows.length} of ${p.total} new rows.</p>` : '';
  return (
    `<div style="font-family:Arial;font-size:13px"><p>Nothing has been changed. ${p.total} new row${p.total === 1 ? '' : 's'}.</p>${more}` +
    `<table border="1" cellpadding="4" style="border-collapse:collapse">${head}${body}</table></div>`
  );
}
