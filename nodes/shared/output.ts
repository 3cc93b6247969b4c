// Item output shaping: every item keeps its data and pairing, and gains one object.
import type {IDataObject, INodeExecutionData} from 'n8n-workflow';
import {withAliases, type Decision} from '../../shared';

/** The `routing` object: the decision plus the seed aliases; candidates only when asked for. */
export function routingObject(decision: Decision, includeCandidates: boolean): IDataObject {
  const out = withAliases(decision);
  if (includeCandidates) return out as unknown as IDataObject;
  // (not `delete`: that leaves 10,000 objects in slow dictionary mode for n8n to copy and save)
  const {candidates, ...rest} = out;
  void candidates;
  return rest as unknown as IDataObject;
}

/**
 * An item with its decision under `field`: the routing object (routingObject), marked `dryRun: true`
 * when nothing was recorded.
 */
export function withDecision(
  item: INodeExecutionData,
  index: number,
  field: string,
  decision: Decision,
  opts: {includeCandidates: boolean; dryRun: boolean},
): INodeExecutionData {
  const routing = routingObject(decision, opts.includeCandidates);
  if (opts.dryRun) routing.dryRun = true;
  return withField(item, index, field, routing);
}

/** Sorts output items (in place) back into input order by their pairedItem index; returns them. */
export function inInputOrder(items: INodeExecutionData[]): INodeExecutionData[] {
  const at = (x: INodeExecutionData) => (x.pairedItem as {item: number}).item;
  return items.sort((a, b) => at(a) - at(b));
}

export function withField(item: INodeExecutionData, index: number, field: string, value: unknown): INodeExecutionData {
  const out: INodeExecutionData = {json: {...item.json, [field]: value as IDataObject}, pairedItem: {item: index}};
  if (item.binary) out.binary = item.binary;
  return out;
}

/** A failed item under continueOnFail: data kept, the error message beside it. */
export function withError(item: INodeExecutionData, index: number, message: string): INodeExecutionData {
  const out: INodeExecutionData = {json: {...item.json, error: message}, pairedItem: {item: index}};
  if (item.binary) out.binary = item.binary;
  return out;
}
