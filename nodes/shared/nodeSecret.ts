import type {IDataObject, IExecuteFunctions} from 'n8n-workflow';
import {REDIS_CREDENTIAL, STATE_STORE_PARAMETER} from './createStateStore';

/** The Redis credential field holding the pseudonym key (credentials/LeadRoutingRedisApi.credentials.ts). */
export const PSEUDONYM_KEY_FIELD = 'pseudonymSecret';

/**
 * The secret under which the nodes store pseudonyms (dedupe keys, learned e-mail domains, held lead
 * ids: HMAC-SHA-256, RouteOptions.secret). It never comes from the workflow, so a workflow export
 * (which holds the static data) cannot be checked against a list of candidate e-mails or domains:
 * - State Store = Redis with the credential's "Pseudonym Key" set: that key (set the same key on every
 *   n8n installation that shares a ledger);
 * - otherwise: derived from this n8n installation's instance id (the same for its main process and
 *   workers, which share the encryption key it is derived from).
 * Undefined when neither exists (unkeyed public hashes, as before). Losing or changing it starts
 * dedupe and learned domains over; entries under the old scheme are honoured until they expire.
 */
export async function pseudonymSecret(ctx: IExecuteFunctions): Promise<string | undefined> {
  if (ctx.getNodeParameter(STATE_STORE_PARAMETER, 0, 'staticData') === 'redis') {
    const credential = (await ctx.getCredentials(REDIS_CREDENTIAL).catch(() => undefined)) as IDataObject | undefined;
    const key = credential?.[PSEUDONYM_KEY_FIELD];
    if (typeof key === 'string' && key !== '') return key;
  }
  const instance = typeof ctx.getInstanceId === 'function' ? ctx.getInstanceId() : '';
  return instance ? `n8n-instance:${instance}` : undefined;
}
