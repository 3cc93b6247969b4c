// Round Robin parameters -> a pool-only routing config (the core's rotation handles every strategy).
import type {IExecuteFunctions} from 'n8n-workflow';
import type {RoutingWarning} from '../../../shared';
import {jsonParameter, noteConfigWarnings} from '../../shared/configFromParameters';
import {repsFromRoster, uiRepRow} from '../../shared/roster';

/** Lead field the dedupe key is copied into before routing (never output). */
export const DEDUPE_FIELD = '__roundRobinDedupeKey';

function readPath(json: Record<string, unknown>, path: string): unknown {
  let v: unknown = json;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

export function assigneeRows(ctx: IExecuteFunctions, i: number, json: Record<string, unknown>): unknown {
  const source = ctx.getNodeParameter('assigneesSource', i, 'list') as string;
  if (source === 'json') return jsonParameter(ctx.getNodeParameter('assigneesJson', i, '[]'), 'assigneesJson');
  if (source === 'field') {
    const path = (ctx.getNodeParameter('assigneesField', i, 'assignees') as string).trim();
    const v = readPath(json, path);
    return typeof v === 'string' ? jsonParameter(v, path) : v;
  }
  return ((ctx.getNodeParameter('assignees', i, {}) as {assignee?: unknown[]}).assignee ?? []).map(uiRepRow);
}

export function rotationConfig(
  ctx: IExecuteFunctions,
  i: number,
  json: Record<string, unknown>,
): Record<string, unknown> {
  // Rows from JSON or an item field are read leniently (a cell that cannot be read is a warning);
  // the list typed in the node is validated strictly.
  const notes: RoutingWarning[] = [];
  const typed = ctx.getNodeParameter('assigneesSource', i, 'list') === 'list';
  const config: Record<string, unknown> = {
    reps: repsFromRoster(assigneeRows(ctx, i, json), typed ? undefined : notes),
    territories: [],
    cascade: ['pool'],
    pool: {reps: 'all', strategy: ctx.getNodeParameter('strategy', i, 'round_robin')},
  };
  if (dedupeKeyOf(ctx, i)) {
    config.dedupe = {fields: [DEDUPE_FIELD], windowHours: ctx.getNodeParameter('dedupeWindowHours', i, 720)};
  }
  noteConfigWarnings(config, notes);
  return config;
}

/** Item i's dedupe key ('' when none is set). */
export function dedupeKeyOf(ctx: IExecuteFunctions, i: number): string {
  return String(ctx.getNodeParameter('dedupeKey', i, '') ?? '').trim();
}

/** The lead as routed: the item's JSON, with the dedupe key copied in when there is one. */
export function rotationLead(key: string, json: Record<string, unknown>): Record<string, unknown> {
  return key ? {...json, [DEDUPE_FIELD]: key} : json;
}
