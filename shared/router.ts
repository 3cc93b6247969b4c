// The cascade: duplicate -> account -> configured stages -> unassigned. A Router holds a mutable
// working copy of the state; `route`/`routeBatch` wrap it in a pure interface.
import {compileConfig, territoryStrategy, tiedPool, type CompiledConfig} from './compile';
import {RotationTable} from './rotation';
import {capacityLimit, countAssignment, creditAssignment, Eligibility} from './eligibility';
import {Memory} from './memory';
import {pseudonymFor} from './pseudonym';
import {normalizedValues, readPath} from './lead';
import {emailDomain, normalizeText} from './normalize/text';
import {copyState} from './state';
import type {PickContext} from './strategies';
import {clear} from './scratch';
import {isoTimestamp, localTime, toEpochMs} from './time';
import {addWarning, availabilityUnknown, emptyLead} from './warnings';
import {Levels, type MatchPass} from './territories';
import {accountSkippedText, DecisionText, fallbackClause, WhyTally, unassignedReason, type Outcome} from './reasons';
import type {
  BatchResult,
  Candidate,
  Decision,
  DedupeEntry,
  HeldEntry,
  Instant,
  RepCounters,
  RotationState,
  RouteOptions,
  RouteResult,
  RoutingWarning,
  Stage,
  Why,
} from './types';
import type {RoutingConfig} from './config/schema';

export interface Router {
  /**
   * The decision for one lead at `now`; `index` is its position (the leadId when it has none).
   * `extra`: warnings a shell found while reading this lead (a roster cell, its time); they come
   * first in the decision's `warnings`, before the core's own.
   */
  route(lead: unknown, now: Instant, index?: number, extra?: readonly RoutingWarning[]): Decision;
  /** The current state as plain JSON (a fresh copy). */
  state(): RotationState;
  /**
   * Forgets that the ledger assigned `lead` (rep declined, reassigned by hand): its holder's day,
   * week and month counts are credited back and its dedupe and held entries dropped. Returns the
   * holder it had, or null when the ledger does not know the lead (nothing changes).
   */
  release(lead: unknown, now: Instant): {ownerId: string; assignedAt: number} | null;
  readonly compiled: CompiledConfig;
}

export function createRouter(config: unknown, state?: unknown, options: RouteOptions = {}): Router {
  return new CascadeRouter(compileConfig(config), copyState(state), options.trace !== false, options.secret);
}

/** Pure: releases one lead from the ledger (see Router.release); the input state is not modified. */
export function releaseLead(
  lead: unknown,
  config: RoutingConfig | CompiledConfig | unknown,
  state: RotationState | undefined,
  now: Instant,
  options?: RouteOptions,
): {released: {ownerId: string; assignedAt: number} | null; state: RotationState} {
  const router = createRouter(config, state, options);
  const released = router.release(lead, now);
  return {released, state: router.state()};
}

/** Most leads the ledger remembers as held (for re-route credit), newest kept. */
export const HELD_MAX = 5000;
/** Held entries older than this are dropped: past a month's end a credit changes no count. */
export const HELD_MAX_AGE_MS = 32 * 86400000;

/** Pure: the decision for one lead and the state after it (the input state is not modified). */
export function route(
  lead: unknown,
  config: RoutingConfig | CompiledConfig | unknown,
  state: RotationState | undefined,
  now: Instant,
  options?: RouteOptions,
): RouteResult {
  const router = createRouter(config, state, options);
  const decision = router.route(lead, now, 0);
  return {decision, state: router.state()};
}

/** Pure: one decision per lead, in input order, and the state after all of them. */
export function routeBatch(
  leads: unknown[],
  config: RoutingConfig | CompiledConfig | unknown,
  state: RotationState | undefined,
  now: Instant,
  options?: RouteOptions,
): BatchResult {
  const router = createRouter(config, state, options);
  const decisions = leads.map((lead, i) => router.route(lead, now, i));
  return {decisions, state: router.state()};
}

const NO_CANDIDATES: Candidate[] = [];

class CascadeRouter implements Router {
  private readonly rotation: RotationTable;
  private readonly counters: Record<string, RepCounters>;
  /** The same counter objects by rep position (undefined until a rep has any). */
  private readonly countersByIdx: Array<RepCounters | undefined>;
  // Keys are 53-bit pseudonyms (numbers) in memory; persisted as "k…"/"d…"/"l…" base-36 strings
  // (upper-case prefix when keyed by a secret).
  private readonly learned: Memory<string>;
  private readonly dedupe: Memory<DedupeEntry>;
  private readonly held: Memory<HeldEntry>;
  /** The dedupe entry this lead matched (even if its owner could not take it): a previous holder. */
  private matchedEntry: DedupeEntry | undefined;
  // Per-lead scratch, indexed by rep position.
  private readonly whyStamp: Int32Array;
  private readonly whyCache: Array<Why | null>;
  private readonly stageStamp: Int32Array;
  private readonly anyStamp: Int32Array;
  private stageList: number[] = [];
  private readonly level: number[] = [];
  private readonly levels = new Levels();
  private readonly text: DecisionText;
  private readonly eligibility: Eligibility;
  private readonly tally = new WhyTally();
  private readonly territoryOutcome: Outcome = {
    stage: 'exact',
    rep: 0,
    territory: 0,
    score: 0,
    strategy: 'round_robin',
    tied: 0,
    skipped: 0,
    matched: 0,
    total: 0,
    picked: -1,
  };
  private anyList: number[] = [];
  // Per lead, for the fallback reasons: territories matched, why their reps failed, specialist tried,
  // and an account owner passed over (rep index, -1 when none).
  private territoriesMatched = 0;
  private territoryFailures = '';
  private specialistTried = false;
  private accountSkipped = -1;
  private accountDomain = '';
  /** The core's warnings for the lead being routed (scratch; copied into the decision when any). */
  private readonly notes: RoutingWarning[] = [];
  private unknownOwners: string[] = [];
  private seq = 0;
  private exactPass: MatchPass | null = null;
  private exactSeq = -1;
  private ms = 0;
  private decidedAt = '';
  private excluded: ReadonlySet<string> | null = null;
  private readonly pickCtx: PickContext;

  constructor(
    readonly compiled: CompiledConfig,
    state: RotationState,
    private readonly trace: boolean,
    secret?: string,
  ) {
    this.counters = state.reps;
    this.countersByIdx = compiled.reps.map(r =>
      Object.prototype.hasOwnProperty.call(state.reps, r.id) ? state.reps[r.id] : undefined,
    );
    const keyed = !!secret;
    const pseudonym = pseudonymFor(secret);
    this.learned = new Memory(state.accounts, 'd', keyed, pseudonym, compiled.account?.maxLearned ?? Infinity);
    this.dedupe = new Memory(state.dedupe, 'k', keyed, pseudonym, compiled.dedupe?.maxEntries ?? Infinity);
    this.held = new Memory(state.held, 'l', keyed, pseudonym, HELD_MAX);
    const n = compiled.reps.length;
    this.text = new DecisionText(compiled.matcher.territories, n, compiled.territoryFlat);
    this.eligibility = new Eligibility(n);
    this.whyStamp = new Int32Array(n);
    this.whyCache = new Array(n).fill(null);
    this.stageStamp = new Int32Array(n);
    this.anyStamp = new Int32Array(n);
    this.pickCtx = {
      compiled,
      eligible: idx => this.why(idx) === null,
      counters: idx => this.countersByIdx[idx],
      openLoad: idx => this.eligibility.openLoad(compiled.reps[idx]),
      ms: 0,
      exhaustive: trace,
    };
    this.rotation = new RotationTable(compiled, state.pools, this.pickCtx);
  }

  state(): RotationState {
    const windowMs = this.compiled.dedupe?.windowMs ?? 0;
    const ms = this.ms;
    const held = this.held.toRecord(e => !ms || ms - e[1] < HELD_MAX_AGE_MS, true);
    return copyState({
      v: 1,
      pools: this.rotation.toRecord(),
      reps: this.counters,
      accounts: this.learned.toRecord(),
      // Unkeyed dedupe entries are dropped once their window has passed (keyed ones are evicted by age as before).
      dedupe: this.dedupe.toRecord(e => !ms || Math.abs(ms - e[1]) < windowMs),
      held: Object.keys(held).length ? held : undefined,
    });
  }

  release(lead: unknown, now: Instant): {ownerId: string; assignedAt: number} | null {
    this.setNow(now);
    if (lead === null || typeof lead !== 'object' || Array.isArray(lead)) return null;
    const idMaterial = leadIdMaterial(lead, this.compiled.paths.id);
    const heldKey = idMaterial === null ? -1 : this.held.keyOf(idMaterial);
    const byId = idMaterial === null ? undefined : this.held.get(heldKey, idMaterial);
    const material = this.compiled.dedupe ? this.dedupeMaterial(lead) : null;
    const dedupeKey = material === null ? -1 : this.dedupe.keyOf(material);
    const byKey = material === null ? undefined : this.dedupe.get(dedupeKey, material);
    // As in commit(): the dedupe entry stands for the lead only when the lead has no id of its own.
    const holder: HeldEntry | undefined = byId ?? (idMaterial === null && byKey ? [byKey[0], byKey[1]] : undefined);
    if (!holder) return null;
    this.credit(holder);
    if (byId) this.held.delete(heldKey);
    if (byKey && byKey[0] === holder[0]) this.dedupe.delete(dedupeKey);
    return {ownerId: holder[0], assignedAt: holder[1]};
  }

  /** Takes back the assignment `holder` made (its rep's counts in that day/week/month). */
  private credit(holder: HeldEntry): void {
    const idx = this.compiled.repIndex.get(holder[0]);
    const counters = idx === undefined ? undefined : this.countersByIdx[idx];
    if (!counters) return;
    creditAssignment(counters, localTime(this.compiled.reps[idx!].tz, holder[1]));
  }

  private setNow(now: Instant): void {
    const ms = toEpochMs(now);
    if (ms !== this.ms || !this.decidedAt) {
      this.ms = ms;
      this.pickCtx.ms = ms;
      this.decidedAt = isoTimestamp(ms);
    }
  }

  private why(idx: number): Why | null {
    this.consider(idx);
    if (this.whyStamp[idx] === this.seq) return this.whyCache[idx];
    const rep = this.compiled.reps[idx];
    const w = this.eligibility.of(rep, this.countersByIdx[idx], this.ms, this.excluded);
    this.whyStamp[idx] = this.seq;
    this.whyCache[idx] = w;
    return w;
  }

  private consider(idx: number): void {
    // The per-stage list only feeds the candidate trace; the any-stage list also explains default/unassigned.
    if (this.trace && this.stageStamp[idx] !== this.seq) {
      this.stageStamp[idx] = this.seq;
      this.stageList.push(idx);
    }
    if (this.anyStamp[idx] !== this.seq) {
      this.anyStamp[idx] = this.seq;
      this.anyList.push(idx);
    }
  }

  private newStage(): void {
    // A fresh stage list; stamps are shifted by using a negative marker for "seen in an earlier stage".
    if (this.stageList.length === 0) return;
    for (const idx of this.stageList) this.stageStamp[idx] = -this.seq;
    clear(this.stageList);
  }

  route(lead: unknown, now: Instant, index = 0, extra?: readonly RoutingWarning[]): Decision {
    clear(this.notes);
    const d = this.decide(lead, now, index);
    if (this.compiled.presenceUnknown) {
      const unknown = this.unknownPresence();
      if (unknown) this.notes.push(unknown);
    }
    const notes = this.notes;
    if (extra !== undefined && extra.length !== 0) d.warnings = notes.length ? extra.concat(notes) : extra.slice();
    else if (notes.length !== 0) d.warnings = notes.slice();
    return d;
  }

  /** The `availability_unknown` warning when a rep considered for this lead had no readable presence. */
  private unknownPresence(): RoutingWarning | null {
    const names: string[] = [];
    const ids: string[] = [];
    for (const idx of this.anyList) {
      const rep = this.compiled.reps[idx];
      if (rep.presenceUnknown) {
        names.push(rep.name);
        ids.push(rep.id);
      }
    }
    return names.length === 0 ? null : availabilityUnknown(names, ids);
  }

  private decide(lead: unknown, now: Instant, index: number): Decision {
    const c = this.compiled;
    this.setNow(now);
    this.matchedEntry = undefined;
    if (++this.seq > 0x3fffffff) this.resetStamps();
    clear(this.stageList);
    clear(this.anyList);
    clear(this.unknownOwners);
    this.territoriesMatched = 0;
    this.territoryFailures = '';
    this.specialistTried = false;
    this.accountSkipped = -1;

    if (lead === null || typeof lead !== 'object' || Array.isArray(lead)) {
      const got = lead === null ? 'null' : Array.isArray(lead) ? 'an array' : typeof lead;
      return this.decision(index, null, {
        stage: 'unassigned',
        reason: `The lead is not an object (got ${got}), so it cannot be routed.`,
      });
    }
    const blank = blankFields(lead);
    if (blank > 0) {
      this.notes.push(emptyLead(blank));
      return this.decision(index, null, {
        stage: 'unassigned',
        reason: 'The lead holds no value (every field is blank, as in an empty spreadsheet row), so it was not routed.',
      });
    }
    this.excluded = excludedReps(lead);
    const leadId = leadIdOf(lead, c.paths.id, index);

    let intentKeywords: string[] | undefined;
    if (c.intent) {
      const text = readPath(lead, c.intent.path);
      intentKeywords = c.intent.matcher.find(
        typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text),
      );
      const applies = c.intent.sources === null || c.intent.sources.has(normalizeText(readPath(lead, c.paths.source)));
      if (c.intent.required && applies && intentKeywords.length === 0) {
        const d = this.decision(leadId, null, {
          stage: 'unassigned',
          reason: `No sales-intent keyword in "${c.config.intent!.field}" (looked for: ${c.config.intent!.keywords.join(', ')}).`,
        });
        d.intentKeywords = intentKeywords;
        return d;
      }
    }

    const material = c.dedupe ? this.dedupeMaterial(lead) : null;
    const dedupeKey = material === null ? null : this.dedupe.keyOf(material);
    let outcome: Outcome | null = null;
    if (dedupeKey !== null) outcome = this.duplicateStage(dedupeKey, material!);
    let domain = '';
    if (!outcome && c.account) {
      this.newStage();
      domain = emailDomain(readPath(lead, c.paths.email));
      if (domain) outcome = this.accountStage(domain);
    }
    if (!outcome) {
      for (const stage of c.cascade) {
        this.newStage();
        outcome = this.cascadeStage(stage, lead);
        if (outcome) break;
      }
    }

    let d: Decision;
    if (!outcome) {
      d = this.decision(leadId, null, {stage: 'unassigned', reason: ''}, true);
      d.reason = unassignedReason(d.candidates, id => this.nameOf(id));
    } else {
      if (outcome.stage === 'specialist' || outcome.stage === 'pool' || outcome.stage === 'default') {
        outcome.before = this.fallbackBefore(outcome.stage !== 'specialist' && this.specialistTried);
      }
      d = this.decision(leadId, outcome.rep ?? null, outcome);
      if (outcome.stage !== 'duplicate') {
        const from = this.commit(outcome, dedupeKey, domain, lead);
        if (from !== null) {
          const prev = c.repIndex.get(from);
          d.reroutedFrom = from;
          d.reason += ` Re-routed from ${prev === undefined ? from : c.reps[prev].name}: that assignment was credited back.`;
        }
      }
    }
    if (this.accountSkipped >= 0) {
      const skipped = this.compiled.reps[this.accountSkipped];
      d.reason = accountSkippedText(skipped.name, this.accountDomain, this.whyCache[this.accountSkipped]!) + d.reason;
      if (this.trace && !d.candidates.some(x => x.repId === skipped.id)) {
        d.candidates.unshift({repId: skipped.id, eligible: false, why: this.whyCache[this.accountSkipped]});
      }
    }
    if (intentKeywords !== undefined) d.intentKeywords = intentKeywords;
    return d;
  }

  private duplicateStage(key: number, material: string): Outcome | null {
    const entry = this.dedupe.get(key, material);
    if (!entry) return null;
    this.matchedEntry = entry;
    const age = this.ms - entry[1];
    if (Math.abs(age) >= this.compiled.dedupe!.windowMs) return null;
    const idx = this.compiled.repIndex.get(entry[0]);
    if (idx === undefined) {
      this.unknownOwners.push(entry[0]);
      return null;
    }
    // The candidate trace keeps the rep's first failure in the documented order (capacity before
    // excluded, settled reading 13); a duplicate itself takes no capacity, so only then is capacity waived.
    let why = this.why(idx);
    if (why === 'at_capacity') {
      why = this.eligibility.of(this.compiled.reps[idx], this.countersByIdx[idx], this.ms, this.excluded, true);
      if (why === null) this.whyCache[idx] = null;
    }
    if (why !== null) return null;
    const t = entry[2] === null ? undefined : this.compiled.territoryIndex.get(entry[2]);
    return {
      stage: 'duplicate',
      rep: idx,
      firstAt: entry[1],
      viaTerritory: t !== undefined ? this.compiled.matcher.territories[t].name : null,
    };
  }

  private accountStage(domain: string): Outcome | null {
    const a = this.compiled.account!;
    let owner = a.accounts.get(domain);
    let learned = false;
    if (owner === undefined) {
      owner = this.learned.get(this.learned.keyOf(domain), domain);
      learned = owner !== undefined;
    }
    if (owner === undefined) return null;
    const idx = this.compiled.repIndex.get(owner);
    if (idx === undefined) {
      this.unknownOwners.push(owner);
      return null;
    }
    if (this.why(idx) !== null) {
      this.accountSkipped = idx;
      this.accountDomain = domain;
      return null;
    }
    return {stage: 'account', rep: idx, domain, learned};
  }

  private cascadeStage(stage: Stage, lead: object): Outcome | null {
    const c = this.compiled;
    switch (stage) {
      case 'exact':
      case 'partial': {
        const m = stage === 'exact' ? this.exactOnce(lead) : c.matcher.partial(lead, this.exactSeq === this.seq);
        const notes = c.matcher.notes;
        for (let i = 0; i < notes.length; i++) addWarning(this.notes, notes[i]);
        let skipped = 0;
        const level = this.level;
        const levels = this.levels.reset(m);
        for (let score = levels.next(level); score !== -Infinity; score = levels.next(level)) {
          const single = level.length === 1;
          const pool = single ? null : tiedPool(c, level);
          const rep = pool === null ? this.rotation.pickTerritory(level[0]) : this.rotation.pick(pool);
          if (rep >= 0) {
            const t = single ? level[0] : firstTerritoryWith(c, level, rep);
            const strategy = pool !== null ? pool.strategy : territoryStrategy(c, t);
            // One outcome is alive per decision: this one is reused (one allocation less per lead).
            const o = this.territoryOutcome;
            o.stage = stage;
            o.rep = rep;
            o.territory = t;
            o.score = score;
            o.strategy = strategy;
            o.tied = level.length;
            o.skipped = skipped;
            // (only the partial reason quotes these)
            o.matched = stage === 'partial' ? m.hits[t] : 0;
            o.total = stage === 'partial' ? c.matcher.territories[t].total : 0;
            o.picked = pool === null ? this.rotation.picked : -1;
            return o;
          }
          skipped += level.length;
        }
        if (m.territories.length > this.territoriesMatched) {
          this.territoriesMatched = m.territories.length;
          this.territoryFailures = this.failuresBeforeDefault();
        }
        return null;
      }
      case 'specialist':
        // (a skill met twice is tried twice: its pool still has no eligible rep, so nothing changes)
        if (c.specialists.size === 0) return null;
        return this.specialistFor(lead, c.paths.productLine) ?? this.specialistFor(lead, c.paths.industry);
      case 'pool': {
        if (!c.pool) return null;
        const rep = this.rotation.pick(c.pool);
        return rep >= 0 ? {stage, rep, strategy: c.pool.strategy} : null;
      }
      case 'default': {
        if (c.defaultOwner < 0) return null;
        const failures = this.failuresBeforeDefault();
        this.why(c.defaultOwner);
        return {stage, rep: c.defaultOwner, failures};
      }
      default:
        return null;
    }
  }

  private specialistFor(lead: object, path: string[]): Outcome | null {
    const v = normalizedValues('text', readPath(lead, path));
    if (v === null) return null;
    if (typeof v === 'string') return this.specialist(v);
    for (const skill of v) {
      const outcome = this.specialist(skill);
      if (outcome) return outcome;
    }
    return null;
  }

  private specialist(skill: string): Outcome | null {
    const pool = this.compiled.specialists.get(skill);
    if (!pool) return null;
    this.specialistTried = true;
    const rep = this.rotation.pick(pool);
    return rep >= 0 ? {stage: 'specialist', rep, skill, strategy: pool.strategy} : null;
  }

  private exactOnce(lead: object): MatchPass {
    if (this.exactSeq !== this.seq || !this.exactPass) {
      this.exactPass = this.compiled.matcher.exact(lead);
      this.exactSeq = this.seq;
    }
    return this.exactPass;
  }

  /** Counts the assignment; returns the previous holder's id when the lead was re-routed from another rep. */
  private commit(outcome: Outcome, dedupeKey: number | null, domain: string, lead: object): string | null {
    const c = this.compiled;
    const rep = c.reps[outcome.rep!];
    let counters = this.countersByIdx[rep.idx];
    if (!counters) this.counters[rep.id] = this.countersByIdx[rep.idx] = counters = {};
    countAssignment(counters, this.eligibility.localTime(rep, this.ms), this.ms);
    this.eligibility.assigned(rep);
    // Re-route credit: the ledger's previous holder of this lead (by id, else by its dedupe entry).
    let previous: HeldEntry | undefined;
    const idMaterial = leadIdMaterial(lead, c.paths.id);
    if (idMaterial !== null) {
      const key = this.held.keyOf(idMaterial);
      previous = this.held.get(key, idMaterial);
      this.held.set(key, [rep.id, this.ms]);
    }
    const entry = this.matchedEntry;
    // A lead with an id of its own is held under that id only: another lead that shares its e-mail is not it.
    if (idMaterial === null && entry !== undefined && Math.abs(this.ms - entry[1]) < c.dedupe!.windowMs) {
      previous = [entry[0], entry[1]];
    }
    let from: string | null = null;
    if (previous !== undefined && previous[0] !== rep.id) {
      this.credit(previous);
      from = previous[0];
    }
    if (dedupeKey !== null) {
      const territory = outcome.territory !== undefined ? c.matcher.territories[outcome.territory].id : null;
      this.dedupe.set(dedupeKey, [rep.id, this.ms, territory]);
    }
    const a = c.account;
    if (
      a &&
      a.learn &&
      domain &&
      !a.freeMail.has(domain) &&
      !a.accounts.has(domain) &&
      (outcome.stage === 'exact' ||
        outcome.stage === 'partial' ||
        outcome.stage === 'specialist' ||
        outcome.stage === 'pool')
    ) {
      const key = this.learned.keyOf(domain);
      if (this.learned.get(key, domain) === undefined) this.learned.set(key, rep.id);
    }
    return from;
  }

  /** The text a lead's dedupe key is the pseudonym of (its dedupe fields, normalised), or null when all are empty. */
  private dedupeMaterial(lead: object): string | null {
    const parts: string[] = [];
    let any = false;
    for (const f of this.compiled.dedupe!.fields) {
      const v = normalizedValues(f.kind, readPath(lead, f.path));
      const s = v === null ? '' : typeof v === 'string' ? v : v.join(',');
      if (s) any = true;
      parts.push(s);
    }
    return any ? parts.join('\u001f') : null;
  }

  /** What the territory and specialist stages found, for a fallback stage's reason (see `fallbackClause`). */
  private fallbackBefore(specialistTried: boolean): string {
    const c = this.compiled;
    const hasTerritories =
      c.matcher.territories.length !== 0 && (c.cascade.includes('exact') || c.cascade.includes('partial'));
    return fallbackClause(hasTerritories, this.territoriesMatched, this.territoryFailures, specialistTried);
  }

  /** Why every rep considered so far (but the default owner) failed, as in `allCandidates`. */
  private failuresBeforeDefault(): string {
    const tally = this.tally.reset();
    if (this.unknownOwners.length !== 0) tally.add('unknown_rep', this.unknownOwners.length);
    for (const idx of this.anyList) {
      const why = this.whyCache[idx];
      if (why !== null && idx !== this.compiled.defaultOwner) tally.add(why);
    }
    return tally.text();
  }

  private nameOf(id: string): string {
    const idx = this.compiled.repIndex.get(id);
    return idx === undefined ? id : this.compiled.reps[idx].name;
  }

  private allCandidates(): Candidate[] {
    const out: Candidate[] = this.unknownOwners.map(id => ({repId: id, eligible: false, why: 'unknown_rep' as Why}));
    for (const idx of this.anyList) out.push(this.candidate(idx));
    return out;
  }

  private stageCandidates(): Candidate[] {
    const out: Candidate[] = [];
    for (const idx of this.stageList) out.push(this.candidate(idx));
    return out;
  }

  /** Rep idx in the trace: its verdict for this lead, the presence that made it away, the cap it hit. */
  private candidate(idx: number): Candidate {
    const why = this.whyCache[idx];
    const rep = this.compiled.reps[idx];
    const c: Candidate = {repId: rep.id, eligible: why === null, why};
    if (why === 'away') c.presence = rep.presence;
    else if (why === 'at_capacity') {
      const limit = capacityLimit(
        rep,
        this.countersByIdx[idx],
        this.eligibility.localTime(rep, this.ms),
        this.eligibility.openLoad(rep),
      );
      if (limit) c.capacityLimit = limit;
    }
    return c;
  }

  private decision(leadId: string | number, rep: number | null, outcome: Outcome, unassigned = false): Decision {
    const c = this.compiled;
    const r = rep === null ? null : c.reps[rep];
    const t = outcome.territory ?? -1;
    return {
      leadId,
      ownerId: r ? r.id : null,
      ownerName: r ? r.name : null,
      ownerEmail: r ? r.email : null,
      stage: outcome.stage,
      territoryId: t >= 0 ? this.text.id(t) : null,
      territoryName: t >= 0 ? this.text.name(t) : null,
      score: t >= 0 ? (outcome.score ?? null) : null,
      reason: r ? this.text.reason(outcome, r) : (outcome.reason ?? ''),
      // The default owner is the safety net: its trace shows every rep that failed before it.
      candidates:
        unassigned || (this.trace && outcome.stage === 'default')
          ? this.allCandidates()
          : this.trace
            ? this.stageCandidates()
            : NO_CANDIDATES,
      configVersion: c.version,
      decidedAt: this.decidedAt,
    };
  }

  private resetStamps(): void {
    this.seq = 1;
    this.whyStamp.fill(0);
    this.stageStamp.fill(0);
    this.anyStamp.fill(0);
  }
}

/** Of tied territories, the first in config order that lists the rep. */
function firstTerritoryWith(c: CompiledConfig, territories: number[], rep: number): number {
  let best = -1;
  for (const t of territories) if ((best < 0 || t < best) && c.territoryPools[t].reps.includes(rep)) best = t;
  return best;
}

/** The text a lead's held entry is the pseudonym of: its own id (string or finite number), else null. */
function leadIdMaterial(lead: object, path: string[]): string | null {
  const v = leadIdOf(lead, path, -1);
  return v === -1 ? null : typeof v === 'number' ? 'n' + v : 's' + v;
}

function leadIdOf(lead: object, path: string[], index: number): string | number {
  // (a named read when the id field is the usual "id": readPath's keyed read sees every field name)
  let v = path.length === 1 && path[0] === 'id' ? (lead as {id?: unknown}).id : undefined;
  if (v === undefined) v = readPath(lead, path);
  if (typeof v === 'string' && v !== '' && (v.charCodeAt(0) > 32 || v.trim() !== '')) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return index;
}

/**
 * How many fields `lead` has when every one is blank (undefined, null, or text of white space only:
 * an empty spreadsheet row read as a record), else 0. A lead without fields (`{}`) is not a row and
 * gives 0: it is routed on no data, as callers that route bare items expect. Stops at the first value.
 */
function blankFields(lead: object): number {
  let n = 0;
  for (const key in lead) {
    if (!Object.prototype.hasOwnProperty.call(lead, key)) continue;
    const v = (lead as Record<string, unknown>)[key];
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '')) return 0;
    n++;
  }
  return n;
}

function excludedReps(lead: object): ReadonlySet<string> | null {
  const raw = (lead as {excludeReps?: unknown}).excludeReps;
  if (raw === undefined || raw === null || raw === '') return null;
  const list = Array.isArray(raw) ? raw : String(raw).split(/[,;]/); // "a, b" or a multi-select's "a;b"
  const ids = list.map(x => String(x).trim()).filter(x => x.length > 0);
  return ids.length ? new Set(ids) : null;
}
