// Figures shared by the report formats: how a share, a ratio and the time context read.
import type {Summary} from '../../shared/summary';
import type {Simulation, SimulationRun} from '../simulate';

/** A share 0..1 as a percentage with one decimal ("12.5%"). */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** A ratio with two decimals, "∞" for Infinity, "n/a" for null. */
export function ratio(x: number | null): string {
  if (x === null) return 'n/a';
  if (x === Infinity) return '∞';
  return x.toFixed(2);
}

/** A count per day with one decimal. */
export function perDay(x: number): string {
  return x.toFixed(1);
}

export const share = (n: number, of: number) => (of ? n / of : 0);

/** Rows of the rates table: label, leads, share of all leads. */
export function rateRows(s: Summary): Array<[string, number, number]> {
  const st = s.byStage;
  return [
    ['exact territory match', st.exact, s.rates.exact],
    ['partial territory match', st.partial, s.rates.partial],
    ['territory match (exact + partial)', st.exact + st.partial, s.rates.territory],
    ['duplicate', st.duplicate, s.rates.duplicate],
    ['account: configured domain', s.accounts.configured, share(s.accounts.configured, s.leads)],
    ['account: learned domain', s.accounts.learned, share(s.accounts.learned, s.leads)],
    ['fallback: specialist', st.specialist, s.rates.specialist],
    ['fallback: pool', st.pool, s.rates.pool],
    ['fallback: default owner', st.default, s.rates.default],
    ['unassigned', st.unassigned, s.rates.unassigned],
  ];
}

/** Capacity over the run: daily cap × routing days (null without a daily cap). */
export function runCapacity(daily: number | null, routingDays: number): number | null {
  return daily === null ? null : daily * routingDays;
}

/** A table as every format shows it: its column heads and one row of cells per item. */
export interface FigureTable {
  headers: string[];
  rows: Array<Array<string | number>>;
}

const cap = (x: number | null) => (x === null ? 'no cap' : x);
const use = (x: number | null) => (x === null ? '-' : pct(x));
const peak = (p: {leads: number; period: string} | null) => (p ? `${p.leads} on ${p.period}` : '-');

/** Load per rep: leads and share, routing days, per day, daily cap, capacity over the run, use, days at cap, peak day. */
export function repLoad(s: Summary): FigureTable {
  return {
    headers: [
      'rep',
      'zone',
      'leads',
      '%',
      'days',
      'per day',
      'daily cap',
      'capacity',
      'use',
      'days at cap',
      'peak day',
    ],
    rows: s.load.reps.map(r => [
      r.repId,
      r.timeZone,
      r.leads,
      pct(share(r.leads, s.leads)),
      r.routingDays,
      perDay(r.perDay),
      r.takesLeads ? cap(r.caps.daily) : 'takes none',
      cap(runCapacity(r.caps.daily, r.routingDays)),
      use(r.utilization),
      r.daysAtDailyCap,
      peak(r.peakDay),
    ]),
  };
}

/** Load per territory: leads and share, reps that take leads, per day, daily capacity, use, peak day. */
export function territoryLoad(s: Summary): FigureTable {
  return {
    headers: ['territory', 'name', 'leads', '%', 'reps', 'per day', 'daily capacity', 'use', 'peak day'],
    rows: s.load.territories.map(t => [
      t.territoryId,
      t.name,
      t.leads,
      pct(share(t.leads, s.leads)),
      t.reps,
      perDay(t.perDay),
      cap(t.dailyCapacity),
      use(t.utilization),
      peak(t.peakDay),
    ]),
  };
}

/** The sentences that say in which zone and at which time each figure is counted. */
export function timeContext(sim: Simulation, r: SimulationRun): string[] {
  const c = sim.context;
  const s = r.summary;
  const zones = [...new Set(s.load.reps.map(x => x.timeZone))].sort();
  const when = c.timeField
    ? `each lead routed at its "${c.timeField}" (timestamps without a zone read in ${c.leadTimeZone}, slash dates ${c.dateOrder}; unreadable ones at ${c.now})`
    : `every lead routed at ${c.now}`;
  return [
    `Times: ${when}; the run spans ${s.span.first ?? '-'} to ${s.span.last ?? '-'} (UTC).`,
    `Days, weeks and hours of a rep are counted in the rep's zone (${zones.join(', ') || 'none'}); ` +
      `those of territories and unassigned leads in ${s.timeZone} (the config's zone, else UTC).`,
  ];
}

/** The older overall spread (every rotating rep, across pools), as one line. */
export function overallFairness(s: Summary): string {
  const f = s.fairness;
  return (
    `Across every rotating rep (${f.reps.length}, all pools together): max/min ${ratio(f.maxMinRatio)}, ` +
    `Gini ${f.gini === null ? 'n/a' : f.gini.toFixed(3)} — pools of different sizes and weights mixed; read the per-pool ratios.`
  );
}
