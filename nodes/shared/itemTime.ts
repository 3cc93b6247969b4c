// The time an item is routed at: its Lead Time Field read with the node's Time Zone and Date Order
// (else the config's), or the execution's time with a warning when the value cannot be read.
import {NodeOperationError, type IExecuteFunctions} from 'n8n-workflow';
import {readLeadTime, type CompiledConfig, type RoutingWarning} from '../../shared';
import {isValidTimeZone} from '../../shared/time';
import type {Prepared} from './routeItems';

export interface TimeOptions {
  timeField?: string;
  timeZone?: string;
  dateOrder?: '' | 'MDY' | 'DMY';
}

/**
 * `now` (epoch ms) for one item and the warning to put first on its decision, if any. Never throws
 * for a lead value (one bad item does not fail the others); throws a NodeOperationError naming the
 * Time Zone option when it is not an IANA zone.
 */
export function itemTime(
  ctx: IExecuteFunctions,
  source: {lead: unknown; path: string | undefined},
  now: number,
  o: TimeOptions,
  compiled: CompiledConfig,
  i: number,
): {now: number; warnings?: RoutingWarning[]} {
  const timeZone = (o.timeZone ?? '').trim() || compiled.config.timezone;
  if (timeZone && !isValidTimeZone(timeZone)) {
    throw new NodeOperationError(ctx.getNode(), `Time Zone "${timeZone}" is not an IANA time zone`, {
      description: 'Use a name such as America/Chicago or Europe/Berlin, or leave it empty for UTC.',
      itemIndex: i,
    });
  }
  const dateOrder = o.dateOrder || compiled.config.dateOrder;
  const read = readLeadTime(source.lead, source.path, now, {timeZone, dateOrder});
  return read.warning ? {now: read.time, warnings: [read.warning]} : {now: read.time};
}

/**
 * One item ready for routeItems: routed at its time (itemTime over `source`), with the warnings found
 * preparing it (roster cells) first and the time's warning after them.
 */
export function timedItem(
  ctx: IExecuteFunctions,
  i: number,
  item: {compiled: CompiledConfig; lead: unknown; warnings?: RoutingWarning[]},
  source: {lead: unknown; path: string | undefined},
  now: number,
  o: TimeOptions,
): Prepared {
  const time = itemTime(ctx, source, now, o, item.compiled, i);
  const found = item.warnings?.length ? item.warnings : undefined;
  const warnings = found && time.warnings ? [...found, ...time.warnings] : (found ?? time.warnings);
  return {index: i, compiled: item.compiled, lead: item.lead, now: time.now, warnings};
}
