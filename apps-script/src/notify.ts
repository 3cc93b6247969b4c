// Optional e-mail to each rep: one digest per rep per run (not one per lead: consumer accounts
// may send 100 e-mails a day). Built without the send_mail scope, this is a no-op.
import type {Decision} from '../../shared';
import {leadLabel} from './routing';

declare const MAIL_SCOPE: boolean;

export function mailAvailable(): boolean {
  return typeof MAIL_SCOPE === 'undefined' || MAIL_SCOPE;
}

export interface Assignment {
  lead: Record<string, unknown>;
  decision: Decision;
}

/** Digests per rep e-mail: who gets which leads. Pure, for tests and the sender below. */
export function digests(assignments: Assignment[]): Map<string, {name: string; lines: string[]}> {
  const out = new Map<string, {name: string; lines: string[]}>();
  for (const {lead, decision: d} of assignments) {
    if (!d.ownerId || !d.ownerEmail) continue;
    let entry = out.get(d.ownerEmail);
    if (!entry) out.set(d.ownerEmail, (entry = {name: d.ownerName ?? d.ownerId, lines: []}));
    const label = leadLabel(lead) || 'a lead';
    entry.lines.push(`• ${label}${d.territoryName ? ` (${d.territoryName})` : ''}`);
  }
  return out;
}

/** Sends the digests within the remaining daily quota; returns how many were sent. */
export function notifyReps(assignments: Assignment[], sheetName: string): number {
  if (!mailAvailable()) return 0;
  const all = digests(assignments);
  if (all.size === 0) return 0;
  let quota = MailApp.getRemainingDailyQuota();
  let sent = 0;
  for (const [email, {name, lines}] of all) {
    if (quota <= 0) break;
    const shown = lines.slice(0, 50);
    if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more.`);
    MailApp.sendEmail(
      email,
      `${lines.length} new lead${lines.length === 1 ? '' : 's'} for you`,
      `Hi ${name},\n\nThese leads in "${sheetName}" were just assigned to you:\n\n${shown.join('\n')}\n\n— Lead Routing`,
    );
    quota--;
    sent++;
  }
  return sent;
}
