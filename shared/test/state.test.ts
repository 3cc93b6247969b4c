// Issue 11 #1-#3: parseState refuses what is not a lead-routing state, a newer format, and damage.
import {emptyState, parseState, route, StateError} from '..';
import {config, NOW} from './helpers';

function refusal(input: unknown): StateError {
  try {
    parseState(input, 'State file "s.json"');
  } catch (e) {
    expect(e).toBeInstanceOf(StateError);
    return e as StateError;
  }
  throw new Error('parseState accepted ' + JSON.stringify(input));
}

describe('parseState', () => {
  test.each([
    ['[]', []],
    ['42', 42],
    ['null', null],
    ['an empty file', ''],
    ['{"pools":5}', {pools: 5}],
    ['{"pools":"x"}', {pools: 'x'}],
    ['{}', {}],
    ['a routing config', config()],
    ['a leads array', [{id: 'L1', email: 'a@b.com'}]],
    ['a leads array as text', '[{"id":"L1"}]'],
    ['a config as text', JSON.stringify(config())],
  ])('refuses %s as not a state, naming where', (_, input) => {
    const e = refusal(input);
    expect(e.kind).toBe('not_state');
    expect(e.message).toMatch(/^State file "s.json" /);
    expect(e.message).toMatch(/not a lead-routing state|routing config/);
  });

  test('a config is named as a config', () => {
    expect(refusal(config()).message).toContain('(it is a routing config)');
  });

  test('refuses a newer format instead of downgrading it', () => {
    const e = refusal({v: 2, pools: {}, reps: {}, accounts: {}, dedupe: {}, teams: {x: 1}});
    expect(e.kind).toBe('newer_version');
    expect(e.message).toContain('written by a newer version');
  });

  test.each([
    ['text that is not JSON', 'garbage{'],
    ['a plain string', 'hello'],
    ['a v1 state with pools of the wrong type', {v: 1, pools: 'x'}],
    ['a counter that is a string', {v: 1, reps: {ana: {dn: 'three'}}}],
    ['a dedupe entry that is not a tuple', {v: 1, dedupe: {k1: 'ana'}}],
    ['an unknown part', {v: 1, pools: {}, mystery: []}],
    ['v that is not a number', {v: 'one', pools: {}}],
  ])('reports %s as corrupt', (_, input) => {
    const e = refusal(input);
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/^State file "s.json" /);
  });

  test('a corrupt message names the path of the damage', () => {
    expect(refusal({v: 1, reps: {ana: {dn: 'three'}}}).message).toContain('reps.ana.dn');
  });

  test('accepts a state the router wrote, as text or object, and returns an equal copy', () => {
    const cfg = config({pool: {reps: 'all'}, cascade: ['pool'], dedupe: {fields: ['email']}});
    const {state} = route({id: 'L1', email: 'a@acme.com'}, cfg, undefined, NOW);
    expect(parseState(state, 'x')).toEqual(state);
    expect(parseState(JSON.stringify(state), 'x')).toEqual(state);
    expect(parseState(emptyState(), 'x')).toEqual(emptyState());
  });

  test('accepts a v1 state with parts missing (older writers)', () => {
    expect(parseState({v: 1, pools: {pool: {last: 'ana'}}}, 'x').pools.pool.last).toBe('ana');
  });
});
