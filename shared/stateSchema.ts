// The persisted state's schema (contract: docs/contract.md "State"). Used by parseState only: the
// router reads state through copyState, which trusts what parseState let through.
import * as z from 'zod/mini';

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));

const poolState = z.object({
  last: z.optional(z.string()),
  lastIdx: z.optional(finite),
  cw: z.optional(z.record(z.string(), finite)),
});

const repCounters = z.object({
  d: z.optional(z.string()),
  dn: z.optional(finite),
  w: z.optional(z.string()),
  wn: z.optional(finite),
  m: z.optional(z.string()),
  mn: z.optional(finite),
  at: z.optional(finite),
  n: z.optional(finite),
});

/** [ownerId, first routed at (epoch ms), territory id or null] */
const dedupeEntry = z.tuple([z.string(), finite, z.nullable(z.string())]);

/** [ownerId, assigned at (epoch ms)] */
const heldEntry = z.tuple([z.string(), finite]);

/** Format 1. Unknown top-level keys are refused: a newer writer adds parts under a new `v`. */
export const stateSchema = z.strictObject({
  v: z.literal(1),
  pools: z.optional(z.record(z.string(), poolState)),
  reps: z.optional(z.record(z.string(), repCounters)),
  accounts: z.optional(z.record(z.string(), z.string())),
  dedupe: z.optional(z.record(z.string(), dedupeEntry)),
  held: z.optional(z.record(z.string(), heldEntry)),
});

/** The top-level keys a lead-routing state can have (format 1). */
export const STATE_KEYS = ['v', 'pools', 'reps', 'accounts', 'dedupe', 'held'];

/** The newest state format this version reads and writes. */
export const STATE_FORMAT = 1;
