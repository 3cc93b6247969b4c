import {compilePath, readPath} from './lead';
import type {Instant} from './types';

/**
 * When to route a lead: the value at `path` (an ISO timestamp or epoch ms) when it is a valid time,
 * else `fallback`. Shells use it for back-tests and replays; the core itself only takes `now`.
 */
export function leadTime(lead: unknown, path: string | undefined, fallback: Instant): Instant {
  if (!path) return fallback;
  const v = readPath(lead, compilePath(path));
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  return fallback;
}
