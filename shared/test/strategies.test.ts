import {createRouter, routeBatch} from '../router';
import {config, NOW} from './helpers';
import type {Strategy} from '../types';

const reps = ['a', 'b', 'c', 'd'].map(id => ({id}));
const poolOf = (strategy: Strategy, extra: Array<{id: string; [k: string]: unknown}> = reps) =>
  config({
    reps: [...extra, {id: 'manager'}],
    pool: {reps: extra.map(r => r.id), strategy},
    cascade: ['pool', 'default'],
  });

function sequence(cfg: unknown, n: number, now: string | ((i: number) => string) = NOW): string[] {
  const r = createRouter(cfg);
  return Array.from({length: n}, (_, i) => r.route({}, typeof now === 'string' ? now : now(i), i).ownerId!);
}

describe('round_robin', () => {
  test('next eligible rep after the last assignee, in listed order, wrapping', () => {
    expect(sequence(poolOf('round_robin'), 6)).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
  });

  test('skips ineligible reps without losing its place', () => {
    const cfg = poolOf('round_robin', [{id: 'a'}, {id: 'b', available: false}, {id: 'c'}]);
    expect(sequence(cfg, 4)).toEqual(['a', 'c', 'a', 'c']);
  });

  test('remembers the last assignee by id: adding or removing reps keeps the rotation', () => {
    const first = routeBatch([{}, {}], poolOf('round_robin'), undefined, NOW); // a, b
    expect(first.state.pools.pool.last).toBe('b');
    const added = poolOf('round_robin', [{id: 'a'}, {id: 'b'}, {id: 'x'}, {id: 'c'}, {id: 'd'}]);
    expect(routeBatch([{}, {}], added, first.state, NOW).decisions.map(d => d.ownerId)).toEqual(['x', 'c']);
    const removed = poolOf('round_robin', [{id: 'a'}, {id: 'c'}, {id: 'd'}]); // b left: continue with its successor c
    expect(routeBatch([{}, {}], removed, first.state, NOW).decisions.map(d => d.ownerId)).toEqual(['c', 'd']);
  });
});

describe('weighted (smooth weighted round robin)', () => {
  test('shares equal the weights exactly over a whole cycle, interleaved', () => {
    const cfg = poolOf('weighted', [
      {id: 'a', weight: 5},
      {id: 'b', weight: 1},
      {id: 'c', weight: 1},
    ]);
    const seq = sequence(cfg, 14);
    expect(seq.slice(0, 7)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
    expect(seq.slice(7)).toEqual(seq.slice(0, 7));
  });

  test('ties go in listed order', () => {
    expect(sequence(poolOf('weighted'), 4)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('least_loaded', () => {
  test('fewest assignments today relative to weight; ties by round robin', () => {
    const cfg = poolOf('least_loaded', [{id: 'a', weight: 2}, {id: 'b'}]);
    // a:0 b:0 tie -> a; b:0; a:0.5<1 -> a; a:1=b:1 tie -> after a, b; a:1<2 -> a; a:1.5<2 -> a
    expect(sequence(cfg, 6)).toEqual(['a', 'b', 'a', 'b', 'a', 'a']);
  });

  test('counts reset with the rep day, so yesterday does not weigh on today', () => {
    const cfg = poolOf('least_loaded', [{id: 'a'}, {id: 'b', timezone: 'Asia/Tokyo'}]);
    const r = createRouter(cfg);
    // a gets 2 leads, b 1 on the 23rd; next day (in both zones) they start level again.
    const day1 = ['2026-11-23T02:00:00Z', '2026-11-23T03:00:00Z', '2026-11-23T04:00:00Z'].map(
      t => r.route({}, t).ownerId,
    );
    expect(day1).toEqual(['a', 'b', 'a']);
    expect(r.route({}, '2026-11-24T16:00:00Z').ownerId).toBe('b');
  });
});

describe('longest_idle', () => {
  test('the rep whose last assignment is oldest; never-assigned first, ties in listed order', () => {
    const cfg = poolOf('longest_idle', [{id: 'a'}, {id: 'b'}, {id: 'c'}]);
    const seq = sequence(cfg, 5, i => new Date(Date.parse(NOW) + i * 60000).toISOString());
    expect(seq).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  test('a rep who was busy elsewhere waits longer', () => {
    const cfg = config({
      reps: [{id: 'a'}, {id: 'b'}, {id: 'manager'}],
      territories: [{id: 'only-a', conditions: [{field: 'kind', op: 'in', values: ['x']}], reps: ['a']}],
      pool: {reps: ['a', 'b'], strategy: 'longest_idle'},
      cascade: ['exact', 'pool'],
    });
    const r = createRouter(cfg);
    expect(r.route({}, '2026-11-23T10:00:00Z').ownerId).toBe('a'); // pool: both never assigned
    expect(r.route({}, '2026-11-23T10:01:00Z').ownerId).toBe('b');
    expect(r.route({kind: 'x'}, '2026-11-23T10:02:00Z').ownerId).toBe('a'); // territory
    expect(r.route({}, '2026-11-23T10:03:00Z').ownerId).toBe('b'); // b idle since 10:01, a since 10:02
  });
});
