// Load against capacity over a run, per rep (days in the rep's zone) and per territory (days in the
// config's zone), tallied one decision at a time. Memory grows with the days, weeks and months the
// run spans, never with the number of leads.
import type {CompiledConfig, CompiledRep} from './compile';
import {localTime} from './time';

/** A peak period: its local key (`2026-11-23`, `2026-W48`, `2026-11`) and the leads in it. */
export interface Peak {
  period: string;
  leads: number;
}

/** Caps of one rep; null = no cap. */
export interface Caps {
  daily: number | null;
  weekly: number | null;
  monthly: number | null;
  open: number | null;
}

export interface RepLoad {
  repId: string;
  name: string;
  /** The zone every day/week/month figure of this rep is counted in (the rep's, else the config's, else UTC). */
  timeZone: string;
  /** Takes leads at all: available, not away, no cap of 0. */
  takesLeads: boolean;
  leads: number;
  caps: Caps;
  /** Local dates (rep's zone) on which any lead of the run was routed. */
  routingDays: number;
  /** leads / routingDays (0 when no lead was routed). */
  perDay: number;
  /** leads / (caps.daily × routingDays); null without a daily cap (or with a cap of 0). */
  utilization: number | null;
  /** Local days on which the rep's leads reached its daily cap. */
  daysAtDailyCap: number;
  peakDay: Peak | null;
  peakWeek: Peak | null;
  peakMonth: Peak | null;
}

export interface TerritoryLoad {
  territoryId: string;
  name: string;
  /** The zone of `routingDays` and `peakDay` (the config's `timezone`, else UTC). */
  timeZone: string;
  leads: number;
  /** Reps of the territory that take leads at all. */
  reps: number;
  /** Sum of the daily caps of those reps; null when one of them has no daily cap (or none takes leads). */
  dailyCapacity: number | null;
  routingDays: number;
  perDay: number;
  /** leads / (dailyCapacity × routingDays); null without a daily capacity. */
  utilization: number | null;
  peakDay: Peak | null;
}

const SLOT_MS = 15 * 60 * 1000;

const capOf = (x: number) => (x === Infinity ? null : x);

/** Does a rep take leads at all (before hours, out-of-office and the run's own counts)? */
export function takesLeads(r: CompiledRep): boolean {
  return r.available && !r.away && r.daily > 0 && r.weekly > 0 && r.monthly > 0 && r.open > 0;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function peak(m: Map<string, number> | undefined): Peak | null {
  if (!m || m.size === 0) return null;
  let best: Peak | null = null;
  for (const [period, leads] of m) {
    if (!best || leads > best.leads || (leads === best.leads && period < best.period)) best = {period, leads};
  }
  return best;
}

/** Per-rep and per-territory counts by local day, week and month. */
export class LoadTally {
  /** 15-minute slots in which a lead was routed: every zone's routing days are derived from them. */
  private readonly slots = new Set<number>();
  private readonly repDays: Array<Map<string, number> | undefined> = [];
  private readonly repWeeks: Array<Map<string, number> | undefined> = [];
  private readonly repMonths: Array<Map<string, number> | undefined> = [];
  private readonly territoryDays = new Map<string, Map<string, number>>();
  readonly zone: string;

  constructor(private readonly c: CompiledConfig) {
    this.zone = c.config.timezone ?? 'UTC';
  }

  /** One decision routed at `ms`, to rep index `rep` (or -1) in territory `territoryId` (or null). */
  add(ms: number, rep: number, territoryId: string | null): void {
    this.slots.add(Math.floor(ms / SLOT_MS));
    if (rep >= 0) {
      const t = localTime(this.c.reps[rep].tz, ms);
      bump((this.repDays[rep] ??= new Map()), t.date);
      bump((this.repWeeks[rep] ??= new Map()), t.week);
      bump((this.repMonths[rep] ??= new Map()), t.month);
    }
    if (territoryId !== null) {
      let days = this.territoryDays.get(territoryId);
      if (!days) this.territoryDays.set(territoryId, (days = new Map()));
      bump(days, localTime(this.zone, ms).date);
    }
  }

  /** Local dates in `tz` on which any lead was routed. */
  private routingDays(tz: string, cache: Map<string, number>): number {
    let n = cache.get(tz);
    if (n === undefined) {
      const dates = new Set<string>();
      for (const slot of this.slots) dates.add(localTime(tz, slot * SLOT_MS).date);
      cache.set(tz, (n = dates.size));
    }
    return n;
  }

  reps(byRep: Record<string, number>): RepLoad[] {
    const cache = new Map<string, number>();
    return this.c.reps.map(r => {
      const leads = byRep[r.id] ?? 0;
      const routingDays = this.routingDays(r.tz, cache);
      const days = this.repDays[r.idx];
      let daysAtDailyCap = 0;
      if (days && r.daily < Infinity) for (const n of days.values()) if (n >= r.daily) daysAtDailyCap++;
      return {
        repId: r.id,
        name: r.name,
        timeZone: r.tz,
        takesLeads: takesLeads(r),
        leads,
        caps: {daily: capOf(r.daily), weekly: capOf(r.weekly), monthly: capOf(r.monthly), open: capOf(r.open)},
        routingDays,
        perDay: routingDays ? leads / routingDays : 0,
        utilization: r.daily < Infinity && r.daily > 0 && routingDays ? leads / (r.daily * routingDays) : null,
        daysAtDailyCap,
        peakDay: peak(days),
        peakWeek: peak(this.repWeeks[r.idx]),
        peakMonth: peak(this.repMonths[r.idx]),
      };
    });
  }

  territories(byTerritory: Record<string, number>): TerritoryLoad[] {
    const routingDays = this.routingDays(this.zone, new Map());
    return this.c.matcher.territories.map((t, i) => {
      const reps = this.c.territoryPools[i].reps.map(idx => this.c.reps[idx]).filter(takesLeads);
      const uncapped = reps.length === 0 || reps.some(r => r.daily === Infinity);
      const dailyCapacity = uncapped ? null : reps.reduce((s, r) => s + r.daily, 0);
      const leads = byTerritory[t.id] ?? 0;
      return {
        territoryId: t.id,
        name: t.name,
        timeZone: this.zone,
        leads,
        reps: reps.length,
        dailyCapacity,
        routingDays,
        perDay: routingDays ? leads / routingDays : 0,
        utilization: dailyCapacity && routingDays ? leads / (dailyCapacity * routingDays) : null,
        peakDay: peak(this.territoryDays.get(t.id)),
      };
    });
  }
}
