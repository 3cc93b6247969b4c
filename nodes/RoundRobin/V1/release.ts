// Round Robin's "Release Assignment" operation: the ledger forgets that it assigned each item's lead
// (rep declined, lead reassigned by hand), so its holder's day/week/month counts are credited back.
import type {IDataObject, IExecuteFunctions, INodeExecutionData} from 'n8n-workflow';
import {createRouter, emptyState, type CompiledConfig, type RotationState} from '../../../shared';
import {compileCached} from '../../shared/configFromParameters';
import {sameForEveryItem} from '../../shared/sameForEveryItem';
import {inLedger} from '../../shared/routeItems';
import {inInputOrder, withField} from '../../shared/output';
import {dedupeKeyOf, rotationConfig, rotationLead} from './rotationConfig';

/** The output field of a release. */
export const RELEASE_FIELD = 'release';

/**
 * What a release did, on the item as `release`: `released` (the ledger held the lead and its holder
 * was credited back), `ownerId` / `ownerName` (the holder, or null when the ledger held nothing),
 * `assignedAt` (ISO time of that assignment) and `reason` (one sentence).
 */
export interface ReleaseOutcome {
  released: boolean;
  ownerId: string | null;
  ownerName?: string;
  assignedAt?: string;
  reason: string;
}

interface Prepared {
  index: number;
  compiled: CompiledConfig;
  lead: unknown;
}

/** Releases each item's lead (same identity as routing: its `id`, else its dedupe key), in one ledger transaction. */
export async function releaseItems(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
  const fromItems = ctx.getNodeParameter('assigneesSource', 0, 'list') === 'field';
  const perItem = (i: number) => compileCached(rotationConfig(ctx, i, items[i].json));
  const config = fromItems ? perItem : sameForEveryItem(ctx, perItem);
  const dedupeKey = sameForEveryItem(ctx, i => dedupeKeyOf(ctx, i));
  const now = Date.now();
  const {results, failed} = await inLedger<Prepared, {index: number; outcome: ReleaseOutcome}>(
    ctx,
    items,
    i => ({index: i, compiled: config(i), lead: rotationLead(dedupeKey(i), items[i].json)}),
    {run: (prepared, state, secret) => releaseAll(prepared, state, now, secret), readOnly: false},
  );
  const out = [
    ...failed,
    ...results.map(r => withField(items[r.index], r.index, RELEASE_FIELD, r.outcome as unknown as IDataObject)),
  ];
  return inInputOrder(out);
}

/** Releases prepared leads in order on one state; a holder who is not among the assignees is not released. */
export function releaseAll(prepared: Prepared[], state: RotationState | undefined, now: number, secret?: string) {
  let current = state;
  const result: Array<{index: number; outcome: ReleaseOutcome}> = [];
  for (const p of prepared) {
    const router = createRouter(p.compiled, current, {trace: false, secret});
    const held = router.release(p.lead, now);
    if (held === null) {
      result.push({
        index: p.index,
        outcome: {
          released: false,
          ownerId: null,
          reason: 'The ledger holds no assignment of this lead (by its id or dedupe key); nothing changed.',
        },
      });
      continue;
    }
    const assignedAt = new Date(held.assignedAt).toISOString();
    const idx = p.compiled.repIndex.get(held.ownerId);
    if (idx === undefined) {
      // Releasing would drop the entry without crediting anyone: keep the ledger as it was.
      result.push({
        index: p.index,
        outcome: {
          released: false,
          ownerId: held.ownerId,
          assignedAt,
          reason: `The lead is held by "${held.ownerId}", who is not among this node's assignees, so their counts cannot be credited back; nothing changed (add them to release it).`,
        },
      });
      continue;
    }
    const name = p.compiled.reps[idx].name;
    current = router.state();
    result.push({
      index: p.index,
      outcome: {
        released: true,
        ownerId: held.ownerId,
        ownerName: name,
        assignedAt,
        reason: `Released from ${name}: the assignment of ${assignedAt} was credited back.`,
      },
    });
  }
  return {state: current ?? emptyState(), result};
}
