// Intake security for the Webhook-triggered examples (issue 13 part 3): every Webhook trigger authenticates its
// sender, and before an owner is written the workflow re-reads the record from the platform by id, so what is
// routed (zip, state, e-mail, current owner) is what the platform says, never what the payload claims. A forged
// POST that knows the URL can at most name a record id; the routing and the write-back use the platform's record.
import type {IntakeSpec} from './example';
import {expr, type NodeOptions, type Params, WorkflowBuilder} from './n8n';

/** n8n credential type of each Webhook authentication (the Webhook node's `authentication` option). */
export const WEBHOOK_CREDENTIAL = {headerAuth: 'httpHeaderAuth', basicAuth: 'httpBasicAuth'} as const;

export type WebhookAuth = keyof typeof WEBHOOK_CREDENTIAL;

/**
 * A Webhook trigger (v2.1, POST) that refuses a sender without the credential: Header Auth answers 403 when the
 * header is missing or wrong, Basic Auth 401/403 (n8n's Webhook node). `credential` is the placeholder name the
 * consultant creates after import. The sample payload is pinned so "Execute workflow" runs without a sender.
 */
export function securedWebhook(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  o: {path: string; auth: WebhookAuth; credential: string; responseMode?: 'responseNode'; sample: Params[]},
): string {
  const parameters: Params = {httpMethod: 'POST', path: o.path, authentication: o.auth};
  if (o.responseMode) parameters.responseMode = o.responseMode;
  parameters.options = {};
  const node = b.add(name, 'webhook', 2.1, at, parameters, {
    webhook: true,
    credentials: {[WEBHOOK_CREDENTIAL[o.auth]]: o.credential},
  });
  b.pin(node, o.sample);
  return node;
}

/**
 * The node that re-reads the record by id from the platform (an HTTP Request or a platform node, built by the
 * caller), with the platform's record pinned: "Execute workflow" after import reaches routing before any
 * platform credential exists; a production run always reads the platform (n8n ignores pins outside the editor).
 */
export function rereadRecord(
  b: WorkflowBuilder,
  name: string,
  at: [number, number],
  type: string,
  typeVersion: number,
  parameters: Params,
  record: Params,
  opts: NodeOptions = {},
): string {
  const node = b.add(name, type, typeVersion, at, parameters, {
    ...opts,
    notes: opts.notes ?? 'Re-reads the record by id: routing uses what the platform says, not the payload',
  });
  b.pin(node, [record]);
  return node;
}

/** `{{ $('<node>').item.json.<path> }}` — a field of the re-read record for the item at hand. */
export const fromRecord = (node: string, path: string) => expr(`{{ $('${node}').item.json.${path} }}`);

/** Sentence for the README: how the sender authenticates and what is re-read. */
export function intakeLine(i: IntakeSpec): string {
  const who =
    i.auth === 'headerAuth'
      ? `Header Auth credential "${i.credential}" (header ${i.header})`
      : i.auth === 'basicAuth'
        ? `Basic Auth credential "${i.credential}"`
        : `JWT credential "${i.credential}" (monday's signing secret) checked by the Verify node`;
  return `${who}; ${i.sender}. ${i.reread}`;
}
