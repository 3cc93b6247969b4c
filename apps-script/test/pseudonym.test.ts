// Issue 17 #7: the add-on computes HMAC-SHA-256 with Apps Script's Utilities.computeHmacSha256Signature
// (apps-script/src/hmacSha256.ts, swapped in for the core's @noble/hashes one by apps-script/build.mjs).
// The keyed pseudonyms it stores must be the ones the core (n8n nodes, CLI) computes for the same
// secret and e-mail, so a state moved between surfaces keeps its dedupe keys and learned domains.
import {routeBatch} from '../../shared';
import {callsOf} from './fakes';
import {run} from './loadBundle';
import {simpleConfig, simpleLeads, worldFor} from './harness';
import {SECRET_KEY} from '../src/secret';
import {stateFromProperties} from '../src/stateStore';

const NOW = '2026-03-02T15:00:00Z';
// Non-ASCII in the secret and the e-mails: bytes above 127 are negative in Apps Script's Byte[].
const SECRET = 'installation-secret-ü-7f3a-日本';
const leads = [
  ...simpleLeads(4),
  {Name: 'Jürgen Müller', Email: 'jürgen.müller@exämple.de', State: 'TX', Zip: '75010'},
  {Name: 'Zoë', Email: 'zoë@例え.jp', State: 'CA', Zip: '90001'},
];

/** The dedupe keys the add-on stores after one run of the built bundle under `secret`. */
function addOnDedupeKeys(secret: string): {keys: string[]; hmacCalls: number} {
  const world = worldFor(simpleConfig(), leads, {
    now: NOW,
    settings: {dedupe: {enabled: true, fields: ['Email'], windowHours: 24}},
  });
  world.props.script.set(SECRET_KEY, secret);
  run(world, 'assignNewLeads');
  const state = stateFromProperties(Object.fromEntries(world.props.document));
  return {keys: Object.keys(state.dedupe).sort(), hmacCalls: callsOf(world, 'Utilities.computeHmacSha256Signature')};
}

/** The dedupe keys the core (as the n8n nodes and the CLI run it, with @noble/hashes) stores for the same leads. */
function coreDedupeKeys(secret: string): string[] {
  const config = {...simpleConfig(), dedupe: {fields: ['Email'], windowHours: 24}};
  const {state} = routeBatch(leads, config, undefined, NOW, {secret});
  return Object.keys(state.dedupe).sort();
}

describe('keyed pseudonyms: the add-on (Apps Script Utilities) and the core (@noble/hashes) agree', () => {
  test('same secret and e-mails give the same stored dedupe keys, byte for byte', () => {
    const addOn = addOnDedupeKeys(SECRET);
    const core = coreDedupeKeys(SECRET);
    // one Utilities call per new lead: its dedupe key (no account owner, no lead ids here)
    expect(addOn.hmacCalls).toBe(leads.length);
    // one keyed entry (upper-case prefix) per lead's e-mail
    expect(core).toHaveLength(leads.length);
    for (const k of core) expect(k).toMatch(/^K[0-9a-z]+$/);
    expect(addOn.keys).toEqual(core);
  });

  test('another secret gives other keys (the comparison above is not vacuous)', () => {
    const other = addOnDedupeKeys(`${SECRET}-other`).keys;
    expect(other).toHaveLength(leads.length);
    expect(other.filter(k => coreDedupeKeys(SECRET).includes(k))).toEqual([]);
    expect(other).toEqual(coreDedupeKeys(`${SECRET}-other`));
  });
});
