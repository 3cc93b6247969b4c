// Issue 11 #14: dedupe keys, learned domains and held lead ids are keyed pseudonyms (HMAC-SHA-256
// under a per-installation secret); unkeyed entries from older states are honoured until they expire.
import {createRouter, hmacSha256Hex, pseudonymFor, route, routeBatch} from '..';
import {hash53} from '../hash';
import {utf8Bytes} from '../pseudonym';
import {config, NOW} from './helpers';

const SECRET = 'installation-secret-7f3a';

describe('HMAC-SHA-256', () => {
  test('RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  test('UTF-8 is encoded without TextEncoder, as TextEncoder would', () => {
    for (const s of ['plain', 'Müller', '日本語', '😀 x', '\ud800 lone']) {
      expect(Array.from(utf8Bytes(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }
  });

  test("the pseudonym is the HMAC's first 7 bytes, top 3 bits cleared", () => {
    const p = pseudonymFor(SECRET)('acme.com');
    expect(Number.isSafeInteger(p)).toBe(true);
    const hex = hmacSha256Hex(SECRET, 'acme.com');
    expect(p).toBe((parseInt(hex.slice(0, 2), 16) & 0x1f) * 2 ** 48 + parseInt(hex.slice(2, 14), 16));
  });
});

// A batch of leads at company domains, learned as account owners and remembered for dedupe.
const domains = Array.from({length: 5000}, (_, i) => `company-${i}.example`);
const learnedDomains = domains.filter((_, i) => i % 97 === 5).slice(0, 40);
const cfg = config({
  pool: {reps: ['ana', 'ben'], strategy: 'round_robin'},
  cascade: ['pool'],
  dedupe: {fields: ['email']},
  accountOwner: {by: 'emailDomain', accounts: {}},
});
const leads = learnedDomains.map((d, i) => ({id: `L${i}`, email: `buyer${i}@${d}`}));

/** What an independent script with the exported state and a candidate list can confirm. */
function confirmed(state: ReturnType<typeof routeBatch>['state'], guess: (s: string) => number) {
  const stored = new Set(
    [...Object.keys(state.accounts), ...Object.keys(state.dedupe)].map(k => parseInt(k.slice(1), 36)),
  );
  const domainHits = domains.filter(d => stored.has(guess(d)));
  const emailHits = leads.filter(l => stored.has(guess(l.email)));
  return {domainHits: domainHits.length, emailHits: emailHits.length};
}

describe('an independent attacker with 5,000 candidate domains', () => {
  test('confirms learned domains and e-mails in an unkeyed state (the old format)', () => {
    const {state} = routeBatch(leads, cfg, undefined, NOW);
    expect(confirmed(state, s => hash53(s))).toEqual({domainHits: 40, emailHits: 40});
  });

  test('confirms nothing in a keyed state without the secret', () => {
    const {state} = routeBatch(leads, cfg, undefined, NOW, {secret: SECRET});
    expect(Object.keys(state.accounts)).toHaveLength(40);
    expect(confirmed(state, s => hash53(s))).toEqual({domainHits: 0, emailHits: 0});
    expect(confirmed(state, pseudonymFor('a-guessed-secret'))).toEqual({domainHits: 0, emailHits: 0});
    expect(confirmed(state, pseudonymFor(''))).toEqual({domainHits: 0, emailHits: 0});
    // (with the secret it would: the keys really are the keyed pseudonyms)
    expect(confirmed(state, pseudonymFor(SECRET))).toEqual({domainHits: 40, emailHits: 40});
  });
});

describe('keyed state in use', () => {
  test('a duplicate and a learned domain are recognised under the same secret', () => {
    const {state} = routeBatch(leads, cfg, undefined, NOW, {secret: SECRET});
    const router = createRouter(cfg, state, {secret: SECRET});
    const again = router.route(leads[3], NOW);
    expect(again.stage).toBe('duplicate');
    const colleague = router.route({id: 'X', email: `someone@${learnedDomains[3]}`}, NOW);
    expect(colleague.stage).toBe('account');
    expect(colleague.ownerId).toBe(again.ownerId);
  });

  test('unkeyed entries of an older state are honoured, then re-keyed', () => {
    const {state: old} = routeBatch(leads.slice(0, 4), cfg, undefined, NOW);
    expect(Object.keys(old.dedupe).every(k => k.startsWith('k'))).toBe(true);
    const {decision, state} = route(leads[1], cfg, old, NOW, {secret: SECRET});
    expect(decision.stage).toBe('duplicate');
    expect(decision.ownerId).toBe('ben');
    const colleague = route({id: 'Y', email: `other@${learnedDomains[2]}`}, cfg, old, NOW, {secret: SECRET});
    expect(colleague.decision.stage).toBe('account');
    expect(colleague.decision.ownerId).toBe('ana');
    // The matched entry is now keyed; the others stay unkeyed until they expire.
    const keys = Object.keys(state.dedupe);
    expect(keys.filter(k => k.startsWith('K'))).toHaveLength(1);
    expect(keys.filter(k => k.startsWith('k'))).toHaveLength(3);
  });

  test('unkeyed dedupe entries are dropped once their window has passed', () => {
    const {state: old} = routeBatch(leads.slice(0, 4), cfg, undefined, NOW);
    const later = new Date(Date.parse(NOW) + 31 * 86400000).toISOString();
    const {state} = route({id: 'Z', email: 'z@new.example'}, cfg, old, later, {secret: SECRET});
    expect(Object.keys(state.dedupe).filter(k => k.startsWith('k'))).toHaveLength(0);
  });

  test('without the secret (lost), keyed entries are kept but no longer match', () => {
    const {state} = routeBatch(leads.slice(0, 2), cfg, undefined, NOW, {secret: SECRET});
    const {decision, state: after} = route(leads[0], cfg, state, NOW);
    expect(decision.stage).not.toBe('duplicate');
    expect(Object.keys(after.dedupe).filter(k => k.startsWith('K'))).toHaveLength(2);
  });
});
