// Issue 11 #8: names that are properties of every JS object are ordinary names (or rejected with their path).
import {compileConfig} from '../compile';
import {validateConfig} from '../config/validate';
import {createRouter} from '../router';
import {NOW} from './helpers';

const SPECIAL = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

describe.each(SPECIAL)('field named %s', name => {
  const lead = (v: string | null, id: number) => JSON.parse(`{"id": ${id}${v === null ? '' : `, "${name}": "${v}"`}}`);
  const cfg = {
    reps: [{id: 'ana'}, {id: 'ben'}, {id: 'cy'}],
    territories: [{id: 't', conditions: [{field: name, op: 'in', values: ['x']}], reps: ['ana']}],
    cascade: ['exact', 'pool'],
    pool: {reps: ['ben', 'cy']},
    dedupe: {fields: [name]},
  };

  it('validates and compiles', () => {
    expect(validateConfig(cfg).ok).toBe(true);
    expect(() => compileConfig(cfg)).not.toThrow();
  });

  it('is read only when the lead has it as its own field', () => {
    const router = createRouter(cfg);
    expect(router.route(lead('x', 1), NOW, 0).ownerId).toBe('ana');
    // a lead without the field: the condition does not hold (nothing read from Object.prototype)
    expect(router.route(lead(null, 2), NOW, 1).stage).toBe('pool');
    expect(router.route(lead('y', 3), NOW, 2).stage).toBe('pool');
  });

  it('is a dedupe field like any other', () => {
    const router = createRouter(cfg);
    const first = router.route(lead('q', 1), NOW, 0);
    const again = router.route(lead('q', 2), NOW, 1);
    expect(again.stage).toBe('duplicate');
    expect(again.ownerId).toBe(first.ownerId);
    // leads without the field are never duplicates of each other
    expect(router.route(lead(null, 3), NOW, 2).stage).toBe('pool');
    expect(router.route(lead(null, 4), NOW, 3).stage).toBe('pool');
  });

  it('may be the target of a fields mapping', () => {
    const mapped = {
      ...cfg,
      fields: {state: name},
      territories: [{id: 'tx', conditions: [{field: 'state', op: 'in', values: ['TX']}], reps: ['ana']}],
    };
    expect(validateConfig(mapped).ok).toBe(true);
    expect(createRouter(mapped).route(lead('Texas', 1), NOW, 0).ownerId).toBe('ana');
    expect(createRouter(mapped).route(lead(null, 1), NOW, 0).stage).toBe('pool');
  });
});

describe('ids named like Object.prototype properties', () => {
  it.each(SPECIAL)('rep id %s keeps its counters (a daily cap of 1 holds)', id => {
    const cfg = {reps: [{id, capacity: {daily: 1}}, {id: 'b'}], cascade: ['pool'], pool: {reps: [id, 'b']}};
    const router = createRouter(cfg);
    const owners = [0, 1, 2, 3].map(i => router.route({}, NOW, i).ownerId);
    expect(owners.filter(o => o === id)).toHaveLength(1);
    const state = router.state();
    expect(Object.prototype.hasOwnProperty.call(state.reps, id)).toBe(true);
    expect(state.reps[id].dn).toBe(1);
    // and the counters survive a round trip through JSON
    const again = createRouter(cfg, JSON.parse(JSON.stringify(state)));
    expect(again.route({}, NOW, 4).ownerId).toBe('b');
  });

  it.each(SPECIAL)('rep id %s takes its share under every pool strategy', id => {
    for (const strategy of ['round_robin', 'weighted', 'least_loaded', 'longest_idle']) {
      const cfg = {reps: [{id, weight: 2}, {id: 'b'}], cascade: ['pool'], pool: {reps: [id, 'b'], strategy}};
      let state;
      const owners: Array<string | null> = [];
      for (let i = 0; i < 6; i++) {
        // a new router on the JSON round trip of the state each time, as a state file or store gives it
        const router = createRouter(cfg, state === undefined ? undefined : JSON.parse(JSON.stringify(state)));
        owners.push(router.route({id: i}, Date.parse(NOW) + i * 60_000, i).ownerId);
        state = router.state();
      }
      expect(owners).not.toContain(null);
      // the heavier rep goes first under weighted; alone in its pool it still takes every lead
      if (strategy === 'weighted') expect(owners[0]).toBe(id);
      const alone = createRouter({reps: [{id}], cascade: ['pool'], pool: {reps: [id], strategy}});
      expect(alone.route({id: 'x'}, NOW, 0).ownerId).toBe(id);
      const share = owners.filter(o => o === id).length;
      expect(strategy === 'weighted' ? share : share > 0).toBe(strategy === 'weighted' ? 4 : true);
    }
  });

  it.each(SPECIAL)('territory id %s keeps its rotation', id => {
    const cfg = {reps: [{id: 'a'}, {id: 'b'}], territories: [{id, reps: ['a', 'b']}], cascade: ['exact']};
    const router = createRouter(cfg);
    const first = router.route({}, NOW, 0).ownerId;
    const state = JSON.parse(JSON.stringify(router.state()));
    expect(createRouter(cfg, state).route({}, NOW, 1).ownerId).not.toBe(first);
  });
});

describe('hours keyed by a special name', () => {
  it.each(SPECIAL)('hours {"%s": "09:00-17:00"} is rejected with its path', key => {
    const cfg = {reps: [{id: 'a', hours: JSON.parse(`{"${key}": "09:00-17:00"}`)}]};
    const result = validateConfig(cfg);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(i => i.path)).toContain(`reps[0].hours.${key}`);
  });

  it('a real day key next to it still counts', () => {
    const cfg = {reps: [{id: 'a', hours: JSON.parse('{"mon-fri": "09:00-17:00"}')}]};
    expect(validateConfig(cfg).ok).toBe(true);
  });
});

describe('account owners keyed by a special domain', () => {
  it('"__proto__" as a domain is rejected with its path; "constructor" is an ordinary key', () => {
    const cfg = (accounts: string) => ({
      reps: [{id: 'a'}, {id: 'b'}],
      accountOwner: {accounts: JSON.parse(accounts)},
      cascade: ['pool'],
      pool: {reps: ['a']},
    });
    const bad = validateConfig(cfg('{"__proto__": "b", "acme.com": "b"}'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map(i => i.path)).toEqual(['accountOwner.accounts.__proto__']);
    const unknown = validateConfig(cfg('{"constructor": "nobody"}'));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues.map(i => i.path)).toEqual(['accountOwner.accounts.constructor']);
    expect(createRouter(cfg('{"acme.com": "b"}')).route({email: 'jo@acme.com'}, NOW, 0).ownerId).toBe('b');
  });
});
