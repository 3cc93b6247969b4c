// The routing config the examples ship with: two territories, a manager, unmatched leads unassigned
// (so the managers' channel sees them). Rep ids are the platform's user ids, so the write-back needs no lookup.
import type {Params} from './n8n';

export interface RepIds {
  ana: string | number;
  ben: string | number;
  cara: string | number;
}

export function demoConfig(ids: RepIds, extra: Params = {}): Params {
  return {
    version: 1,
    reps: [
      {id: String(ids.ana), name: 'Ana Diaz', email: 'ana@example.com', available: true},
      {id: String(ids.ben), name: 'Ben Ode', email: 'ben@example.com', available: true},
      {id: String(ids.cara), name: 'Cara Lin', email: 'cara@example.com', available: true},
    ],
    territories: [
      {
        id: 'south-central',
        name: 'South Central',
        match: 'any',
        conditions: [
          {field: 'zip', op: 'between', values: ['70000', '79999'], weight: 10},
          {field: 'state', op: 'in', values: ['TX', 'OK', 'LA', 'AR'], weight: 5},
        ],
        reps: [String(ids.ana), String(ids.ben)],
        strategy: 'round_robin',
      },
      {
        id: 'west',
        name: 'West',
        match: 'any',
        conditions: [
          {field: 'zip', op: 'between', values: ['90000', '99499'], weight: 10},
          {field: 'state', op: 'in', values: ['CA', 'OR', 'WA', 'NV', 'AZ'], weight: 5},
        ],
        reps: [String(ids.cara)],
        strategy: 'round_robin',
      },
    ],
    cascade: ['exact'],
    ...extra,
  };
}

/**
 * demoConfig with every rep's `capacity.open` set to `open`: a number, or a mark a caller replaces with an n8n
 * expression once the config is JSON (a Config value such as Zoho's assignment threshold).
 */
export function demoConfigWithOpenCap(ids: RepIds, open: number | string): Params {
  const config = demoConfig(ids);
  for (const rep of config.reps as Array<Record<string, unknown>>) rep.capacity = {open};
  return config;
}

/** A Texas lead (South Central, Ana first), a Californian (West, Cara) and a New Yorker (no territory: managers). */
export const PEOPLE = {
  tx: {
    first: 'Jordan',
    last: 'Reyes',
    email: 'jordan.reyes@example.com',
    phone: '+15125550142',
    company: 'Reyes Roofing',
    street: '1200 Main St',
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    country: 'United States',
  },
  ca: {
    first: 'Priya',
    last: 'Shah',
    email: 'priya.shah@example.org',
    phone: '+14155550199',
    company: 'Shah Solar',
    street: '55 Market St',
    city: 'San Francisco',
    state: 'CA',
    zip: '94105',
    country: 'United States',
  },
  ny: {
    first: 'Sam',
    last: 'Okafor',
    email: 'sam.okafor@example.net',
    phone: '+12125550123',
    company: 'Okafor Design',
    street: '10 Hudson St',
    city: 'New York',
    state: 'NY',
    zip: '10013',
    country: 'United States',
  },
};

/**
 * Cascade fallback for the live-availability examples whose sample lead lands in a one-rep territory (West):
 * when that rep is away the lead goes to the whole team's rotation instead of the managers' channel.
 */
export const TEAM_FALLBACK = {cascade: ['exact', 'pool'], pool: {reps: 'all', strategy: 'round_robin'}};
