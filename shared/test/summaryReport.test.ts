// The report's figures (issue 16 part 3), each computed again here from the decisions and leads
// with plain code and the platform's Intl (not the core's time tables), and compared.
import {createRouter} from '../router';
import {SummaryTally, summarize, unassignedReasonKey} from '../summary';
import type {Decision} from '../types';

const config = {
  timezone: 'America/Chicago',
  fields: {state: 'state', industry: 'industry', productLine: 'productLine', email: 'email', source: 'source'},
  reps: [
    {id: 'a', timezone: 'America/New_York', capacity: {daily: 2}},
    {id: 'b', timezone: 'Europe/Paris', weight: 3, skills: ['solar']},
    {id: 'c', hours: {'mon-fri': '09:00-17:00'}},
    {id: 'd', timezone: 'Asia/Kolkata', capacity: {daily: 4}},
    {id: 'off', available: false},
  ],
  territories: [
    {id: 'tx', conditions: [{field: 'state', op: 'in' as const, values: ['TX']}], reps: ['a', 'off']},
    {
      id: 'west',
      strategy: 'weighted' as const,
      conditions: [
        {field: 'state', op: 'in' as const, values: ['CA'], weight: 5},
        {field: 'industry', op: 'in' as const, values: ['Tech'], weight: 5},
      ],
      reps: ['b', 'c', 'd'],
    },
  ],
  partialMinScore: 5,
  cascade: ['exact' as const, 'partial' as const, 'specialist' as const, 'pool' as const],
  pool: {reps: ['c', 'd']},
  accountOwner: {accounts: {'acme.com': 'b'}},
  dedupe: {fields: ['email'], windowHours: 24},
  intent: {field: 'message', keywords: ['demo'], required: true, sources: ['web']},
};

const START = Date.parse('2026-11-20T06:00:00Z'); // a Friday; the run crosses a weekend
const STATES = ['TX', 'CA', 'NY', 'CA', 'TX', 'WA'];

function makeLeads(n: number): unknown[] {
  const leads: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 17) {
      leads.push('junk row');
      continue;
    }
    const email =
      i % 7 === 0
        ? `p${i}@acme.com`
        : i % 4 === 0 && i > 8
          ? `l${i - 8}@corp${(i - 8) % 5}.com`
          : `l${i}@corp${i % 5}.com`;
    leads.push({
      id: `L${i}`,
      state: STATES[i % STATES.length],
      industry: i % 2 ? 'Tech' : 'Retail',
      productLine: i % 5 === 3 ? 'solar' : '',
      email,
      source: i % 9 === 4 ? 'web' : 'phone',
      message: i % 18 === 4 ? 'demo please' : 'hello',
    });
  }
  return leads;
}

const N = 160;
const leads = makeLeads(N);
const times = leads.map((_, i) => START + i * 37 * 60 * 1000);
const router = createRouter(config, undefined, {trace: false});
const decisions: Decision[] = leads.map((l, i) => router.route(l, times[i], i));
const s = summarize(decisions, config, leads);

function local(tz: string, ms: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map(p => [p.type, p.value]),
  );
  return {date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour)};
}

const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;
const zoneOf = (id: string) => config.reps.find(r => r.id === id)!.timezone ?? config.timezone;

test('the run exercises every figure (sanity of the fixture)', () => {
  const stages = new Set(decisions.map(d => d.stage));
  for (const st of ['duplicate', 'account', 'exact', 'partial', 'specialist', 'pool', 'unassigned']) {
    expect(stages).toContain(st);
  }
});

test('match rate, fallback rate per stage, duplicates: counts and shares of all leads', () => {
  for (const stage of [
    'duplicate',
    'account',
    'exact',
    'partial',
    'specialist',
    'pool',
    'default',
    'unassigned',
  ] as const) {
    const n = count(decisions, d => d.stage === stage);
    expect(s.byStage[stage]).toBe(n);
    expect(s.rates[stage]).toBeCloseTo(n / N, 12);
  }
  const territory = count(decisions, d => d.stage === 'exact' || d.stage === 'partial');
  expect(s.rates.territory).toBeCloseTo(territory / N, 12);
});

test('account hits split by the domain’s source: configured in accountOwner.accounts, or learned', () => {
  const hits = decisions.map((d, i) => ({d, lead: leads[i] as {email: string}})).filter(x => x.d.stage === 'account');
  const configured = count(hits, x => x.lead.email.split('@')[1] in config.accountOwner.accounts);
  expect(s.accounts).toEqual({configured, learned: hits.length - configured});
  expect(configured).toBeGreaterThan(0);
  expect(hits.length - configured).toBeGreaterThan(0);
  // Without the leads the split is read from the reasons, and agrees.
  expect(summarize(decisions, config).accounts).toEqual(s.accounts);
});

test('unassigned by reason sums to the unassigned leads; each reason as the decisions tell it', () => {
  const expected: Record<string, number> = {};
  decisions.forEach((d, i) => {
    if (d.ownerId !== null) return;
    let key: string;
    if (typeof leads[i] !== 'object') key = 'not_an_object';
    else if (d.candidates.length === 0)
      key = (leads[i] as {source: string}).source === 'web' ? 'no_intent_keyword' : 'nothing_applies';
    else key = [...new Set(d.candidates.map(c => c.why))].sort().join('+');
    expected[key] = (expected[key] ?? 0) + 1;
  });
  expect(s.unassignedByReason).toEqual(expected);
  expect(Object.values(s.unassignedByReason).reduce((x, y) => x + y, 0)).toBe(s.unassigned);
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(3);
});

test('load against capacity per rep: days, peak day and days at the daily cap in the rep’s own zone', () => {
  for (const rep of config.reps) {
    const tz = zoneOf(rep.id);
    const mine = decisions.map((d, i) => ({d, t: times[i]})).filter(x => x.d.ownerId === rep.id);
    const perDate = new Map<string, number>();
    for (const x of mine) perDate.set(local(tz, x.t).date, (perDate.get(local(tz, x.t).date) ?? 0) + 1);
    const routingDays = new Set(times.map(t => local(tz, t).date)).size;
    const got = s.load.reps.find(r => r.repId === rep.id)!;
    expect(got.timeZone).toBe(tz);
    expect(got.leads).toBe(mine.length);
    expect(got.routingDays).toBe(routingDays);
    expect(got.perDay).toBeCloseTo(mine.length / routingDays, 12);
    const daily = rep.capacity?.daily ?? null;
    expect(got.caps.daily).toBe(daily);
    expect(got.utilization).toEqual(daily === null ? null : mine.length / (daily * routingDays));
    expect(got.daysAtDailyCap).toBe(daily === null ? 0 : [...perDate.values()].filter(n => n >= daily).length);
    const peak = Math.max(0, ...perDate.values());
    expect(got.peakDay?.leads ?? 0).toBe(peak);
    if (peak) expect(perDate.get(got.peakDay!.period)).toBe(peak);
    expect(got.takesLeads).toBe(rep.id !== 'off');
  }
  // The New York rep capped at 2 a day reached it on some day; Kolkata counts its own dates.
  expect(s.load.reps.find(r => r.repId === 'a')!.daysAtDailyCap).toBeGreaterThan(0);
});

test('load per territory: leads, capacity of its reps that take leads, days in the config’s zone', () => {
  const days = new Set(times.map(t => local(config.timezone, t).date)).size;
  const tx = s.load.territories.find(t => t.territoryId === 'tx')!;
  const n = count(decisions, d => d.territoryId === 'tx');
  expect(tx).toMatchObject({leads: n, reps: 1, dailyCapacity: 2, routingDays: days, timeZone: 'America/Chicago'});
  expect(tx.utilization).toBeCloseTo(n / (2 * days), 12);
  const west = s.load.territories.find(t => t.territoryId === 'west')!;
  expect(west.dailyCapacity).toBeNull(); // b and c have no daily cap
  expect(west.leads).toBe(count(decisions, d => d.territoryId === 'west'));
});

test('fairness within each pool: share over the weight-expected share (weighted pools by weight)', () => {
  const west = s.pools.find(p => p.pool === 'territory:west')!;
  const inWest = decisions.filter(d => d.territoryId === 'west' && (d.stage === 'exact' || d.stage === 'partial'));
  expect(west.leads).toBe(inWest.length);
  const weights: Record<string, number> = {b: 3, c: 1, d: 1};
  for (const r of west.reps) {
    const leadsOf = count(inWest, d => d.ownerId === r.repId);
    expect(r.leads).toBe(leadsOf);
    expect(r.expected).toBeCloseTo(weights[r.repId] / 5, 12);
    expect(r.ratio).toBeCloseTo(leadsOf / inWest.length / (weights[r.repId] / 5), 12);
  }
  const tx = s.pools.find(p => p.pool === 'territory:tx')!;
  // The unavailable rep is due nothing; the other takes all its due.
  expect(tx.reps.find(r => r.repId === 'off')).toMatchObject({expected: 0, ratio: null});
  expect(tx.reps.find(r => r.repId === 'a')!.expected).toBe(1);
  // The general pool rotates evenly (round robin): weights do not count there.
  const pool = s.pools.find(p => p.pool === 'pool')!;
  expect(pool.reps.map(r => r.expected)).toEqual([0.5, 0.5]);
  expect(pool.leads).toBe(count(decisions, d => d.stage === 'pool'));
  // Specialist decisions are attributed to the skill's pool.
  const solar = s.pools.find(p => p.pool === 'specialist:solar')!;
  expect(solar.leads).toBe(count(decisions, d => d.stage === 'specialist'));
});

test('leads by hour: assigned in the owner’s zone, unassigned in the config’s zone; span of the run', () => {
  const assigned = new Array(24).fill(0);
  const unassigned = new Array(24).fill(0);
  decisions.forEach((d, i) => {
    if (d.ownerId) assigned[local(zoneOf(d.ownerId), times[i]).hour]++;
    else unassigned[local(config.timezone, times[i]).hour]++;
  });
  expect(s.byHour).toEqual({assigned, unassigned});
  expect(s.timeZone).toBe('America/Chicago');
  expect(s.span).toEqual({first: new Date(times[0]).toISOString(), last: new Date(times[N - 1]).toISOString()});
});

test('streamed: the tally of decisions one at a time equals the summary, at any point', () => {
  const tally = new SummaryTally(config);
  decisions.slice(0, 50).forEach((d, i) => tally.add(d, leads[i]));
  expect(tally.result()).toEqual(summarize(decisions.slice(0, 50), config, leads.slice(0, 50)));
  decisions.slice(50).forEach((d, i) => tally.add(d, leads[50 + i]));
  expect(tally.result()).toEqual(s);
});

test('unassignedReasonKey reads the decision only', () => {
  const junk = decisions[17];
  expect(unassignedReasonKey(junk)).toBe('not_an_object');
});
