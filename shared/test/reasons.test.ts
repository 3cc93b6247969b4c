// Issue 15 #3: each reason sentence states the real cause, the same text from the core on every surface.
import {route} from '../router';
import {config, NOW} from './helpers';

const tx = (id: string, reps: string[]) => ({
  id,
  reps,
  conditions: [{field: 'state', op: 'in' as const, values: ['TX']}],
});
const reasonOf = (cfg: unknown, lead: unknown, state?: Parameters<typeof route>[2]) =>
  route(lead, cfg, state, NOW).decision;

describe('reason sentences', () => {
  test('default owner when no territory matched: says no territory matched', () => {
    const d = reasonOf(config({territories: [tx('tx', ['ana'])], cascade: ['exact', 'default']}), {state: 'CA'});
    expect(d.stage).toBe('default');
    expect(d.reason).toBe('No territory matched; fell back to the default owner Sales Manager.');
  });

  test('default owner when territories matched but no rep was eligible: says so, and why', () => {
    const cfg = config({
      reps: [
        {id: 'ana', name: 'Ana Diaz', available: false},
        {id: 'manager', name: 'Sales Manager'},
      ],
      territories: [tx('tx', ['ana'])],
      cascade: ['exact', 'default'],
    });
    const d = reasonOf(cfg, {state: 'TX'});
    expect(d.reason).toBe(
      'A territory matched but none of its reps was eligible (1 unavailable); no other rep was eligible (1 unavailable); fell back to the default owner Sales Manager.',
    );
  });

  test('pool after no territory matched, and after territories matched with reps at capacity', () => {
    const cfg = config({
      reps: [
        {id: 'ana', name: 'Ana Diaz', capacity: {daily: 0}},
        {id: 'ben', name: 'Ben Ode'},
        {id: 'manager', name: 'Sales Manager'},
      ],
      territories: [tx('tx', ['ana']), tx('tx2', ['ana'])],
      pool: {reps: ['ben']},
      cascade: ['exact', 'pool', 'default'],
    });
    expect(reasonOf(cfg, {state: 'CA'}).reason).toBe(
      'No territory matched; Ben Ode picked from the general pool by round robin.',
    );
    expect(reasonOf(cfg, {state: 'TX'}).reason).toBe(
      '2 territories matched but none of their reps was eligible (1 at capacity); Ben Ode picked from the general pool by round robin.',
    );
  });

  test("Round Robin's config (pool only, no territories, no specialists) does not mention them", () => {
    const d = reasonOf(config({territories: [], pool: {reps: ['ana', 'ben']}, cascade: ['pool']}), {});
    expect(d.reason).toBe('Ana Diaz picked from the pool by round robin.');
    expect(d.reason).not.toMatch(/territor|specialist/i);
  });

  test('specialist after no territory matched names the specialist stage only when one was tried', () => {
    const cfg = config({
      reps: [
        {id: 'ana', name: 'Ana Diaz', skills: ['solar'], available: false},
        {id: 'ben', name: 'Ben Ode'},
        {id: 'manager', name: 'Sales Manager'},
      ],
      territories: [tx('tx', ['ben'])],
      pool: {reps: ['ben']},
    });
    expect(reasonOf(cfg, {state: 'CA', productLine: 'solar'}).reason).toBe(
      'No territory matched and no specialist rep was eligible; Ben Ode picked from the general pool by round robin.',
    );
    const withSpecialist = config({
      reps: [{id: 'ana', name: 'Ana Diaz', skills: ['solar']}, {id: 'manager'}],
      territories: [tx('tx', ['manager'])],
    });
    expect(reasonOf(withSpecialist, {state: 'CA', productLine: 'solar'}).reason).toBe(
      'No territory matched; specialist in solar: Ana Diaz picked by round robin.',
    );
  });

  test('a skipped account owner is named in the reason, with why, and listed in the candidates', () => {
    const cfg = config({
      reps: [
        {id: 'ana', name: 'Ana Diaz'},
        {id: 'ben', name: 'Ben Ode', available: false},
        {id: 'manager', name: 'Sales Manager'},
      ],
      accountOwner: {accounts: {'acme.com': 'ben'}},
      territories: [tx('tx', ['ana'])],
      cascade: ['exact', 'default'],
    });
    const d = reasonOf(cfg, {state: 'TX', email: 'jo@acme.com'});
    expect(d.ownerId).toBe('ana');
    expect(d.reason).toBe(
      'Account owner Ben Ode (acme.com) skipped: unavailable. Territory tx matched (score 1); Ana Diaz picked by round robin.',
    );
    expect(d.candidates).toContainEqual({repId: 'ben', eligible: false, why: 'unavailable'});
  });
});
