// Warnings on stderr: one grouped summary per run (`37 leads: time field unreadable, routed at
// --now`), built from each decision's `warnings` and the run's own findings.
import type {Writable} from 'node:stream';
import type {RoutingWarning} from '../shared/types';

/** The core's RoutingWarning (common interface 1). */
export type CliWarning = RoutingWarning;

/**
 * What the shell found about one lead, for Router.route's `extra`: the warning reading its time
 * (null for none), then those found reading its record (LeadSource.warningsOf). Undefined for none.
 */
export function shellWarnings(
  time: RoutingWarning | null,
  read: readonly RoutingWarning[] | undefined,
): RoutingWarning[] | undefined {
  if (!time) return read?.length ? [...read] : undefined;
  return read?.length ? [time, ...read] : [time];
}

/** Counts warnings by code over a run, keeping the first message of each as the example. */
export class WarningTally {
  private readonly byCode = new Map<string, {leads: number; example: string}>();
  private readonly notes: string[] = [];
  leadsWithWarnings = 0;

  /** Adds one decision's warnings (each code counted once per lead). */
  add(warnings: readonly CliWarning[] | undefined): void {
    if (!warnings?.length) return;
    this.leadsWithWarnings++;
    const seen = new Set<string>();
    for (const w of warnings) {
      if (seen.has(w.code)) continue;
      seen.add(w.code);
      const entry = this.byCode.get(w.code);
      if (entry) entry.leads++;
      else this.byCode.set(w.code, {leads: 1, example: w.message});
    }
  }

  /** A run-level finding (not about one lead), printed after the per-lead groups. */
  note(message: string): void {
    this.notes.push(message);
  }

  /** Leads per warning code. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.byCode].map(([code, e]) => [code, e.leads]));
  }

  /** The summary lines (empty when nothing was found). */
  lines(totalLeads: number): string[] {
    const out: string[] = [];
    if (this.byCode.size) {
      out.push(`warnings: ${this.leadsWithWarnings} of ${totalLeads} leads`);
      const groups = [...this.byCode].sort((a, b) => b[1].leads - a[1].leads);
      for (const [code, e] of groups) {
        out.push(`  ${e.leads} lead${e.leads === 1 ? '' : 's'}: ${code} — ${e.leads > 1 ? 'e.g. ' : ''}${e.example}`);
      }
    }
    for (const n of this.notes) out.push(`warning: ${n}`);
    return out;
  }

  print(stderr: Writable, totalLeads: number): void {
    const lines = this.lines(totalLeads);
    if (lines.length) stderr.write(lines.map(l => `lead-routing: ${l}`).join('\n') + '\n');
  }
}
