import type {RoutingConfigInput} from '../config/schema';
import {createRouter} from '../router';
import type {Decision} from '../types';

/** A small valid config; override any part. */
export function config(overrides: Partial<RoutingConfigInput> = {}): RoutingConfigInput {
  return {
    reps: [
      {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'},
      {id: 'ben', name: 'Ben Ode', email: 'ben@example.com'},
      {id: 'manager', name: 'Sales Manager', email: 'manager@example.com'},
    ],
    territories: [],
    defaultOwner: 'manager',
    ...overrides,
  };
}

/** Monday 23 Nov 2026, 16:00 UTC (10:00 in Chicago). */
export const MONDAY_NOON_CHICAGO = '2026-11-23T18:00:00Z';
export const NOW = '2026-11-23T16:00:00Z';

export function owners(cfg: unknown, leads: unknown[], now = NOW): Decision[] {
  const router = createRouter(cfg);
  return leads.map((l, i) => router.route(l, now, i));
}
