// The persisted state's schema (contract: docs/contract.md "State"). Used by parseState only: the
// router reads state through copyState, which trusts what parseState let through.
import * as z from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const poolState = z.object({
  last: z.string().optional(),
  lastIdx: finite.optional(),
  cw: z.record(z.string(), finite).optional(),
});

const repCounters = z.object({
  d: z.string().optional(),
  dn: finite.optional(),
  w: z.string().optional(),
  wn: finite.optional(),
  m: z.string().optional(),
  mn: finite.optional(),
  at: finite.optional(),
  n: finite.optional(),
});

/** [ownerId, first routed at (epoch ms), territory id or null] */
const dedupeEntry = z.tuple([z.string(), finite, z.string().nullable()]);

/** [ownerId, assigned at (epoch ms)] */
const heldEntry = z.tuple([z.string(), finite]);

/** Format 1. Unknown top-level keys are refused: a newer writer adds parts under a new `v`. */
export const stateSchema = z.strictObject({
  v: z.literal(1),
  pools: z.record(z.string(), poolState).optional(),
  reps: z.record(z.string(), repCounters).optional(),
  accounts: z.record(z.string(), z.string()).optional(),
  dedupe: z.record(z.string(), dedupeEntry).optional(),
  held: z.record(z.string(), heldEntry).optional(),
});

/** The top-level keys a lead-routing state can have (format 1). */
export const STATE_KEYS = ['v', 'pools', 'reps', 'accounts', 'dedupe', 'held'];

/** The newest state format this version reads and writes. */
export const STATE_FORMAT = 1;
