// The config's schema, on zod/mini: the same zod checks and messages as its classic API, in a
// fraction of the bundle (the add-on's pasted Code.js, issue 17 #7; docs/performance.md). zod 4
// numbers already refuse NaN and ±Infinity, so no check says "finite".
import * as z from 'zod/mini';
import {en} from 'zod/locales';

// zod/mini loads no messages: English, the one every error here is written in (as classic zod does).
z.config(en());

export const CANONICAL_FIELDS = [
  'id',
  'zip',
  'state',
  'country',
  'industry',
  'productLine',
  'source',
  'email',
  'companySize',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export const OPERATORS = ['in', 'notIn', 'prefix', 'between', 'contains', 'exists', 'gte', 'lte'] as const;
export const STRATEGIES = ['round_robin', 'weighted', 'least_loaded', 'longest_idle'] as const;
export const CASCADE_STAGES = ['exact', 'partial', 'specialist', 'pool', 'default'] as const;
export const DEFAULT_CASCADE = [...CASCADE_STAGES];

const id = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/**
 * Scores add a territory's priority and its conditions' weights: bounding each keeps every score
 * finite and exact to the unit (issue 11 #11: two weights of 1e308 summed to Infinity).
 */
export const MAX_SCORE_PART = 1e9;
const scorePart = z
  .number()
  .check(
    z.minimum(-MAX_SCORE_PART, 'must be between -1,000,000,000 and 1,000,000,000'),
    z.maximum(MAX_SCORE_PART, 'must be between -1,000,000,000 and 1,000,000,000'),
  );
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'));

const condition = z.strictObject({
  field: z.string().check(z.trim(), z.minLength(1, 'must name a field')),
  op: z.enum(OPERATORS),
  values: z._default(z.array(scalar), []),
  weight: z._default(scorePart, 1),
});

const count = () => z.optional(z.int().check(z.minimum(0)));
const capacity = z.strictObject({
  daily: count(),
  weekly: count(),
  monthly: count(),
  /** Most open records the rep may own (compared with `openLoad`); 0 takes no leads. */
  open: count(),
});

const rep = z.strictObject({
  id,
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  available: z._default(z.boolean(), true),
  /** The platform's live presence as it says it (see shared/presence.ts); null = could not be read. */
  presence: z.optional(z.union([z.string(), z.boolean(), z.null()])),
  /** Open records the rep owns right now, as the platform counts them. */
  openLoad: z.optional(z.number().check(z.minimum(0))),
  /** Share in weighted rotation and least-loaded; bounded so sums of weights stay exact. */
  weight: z._default(z.number().check(z.positive(), z.maximum(1e6, 'must be at most 1,000,000')), 1),
  skills: z._default(z.array(z.string()), []),
  capacity: z.optional(capacity),
  timezone: z.optional(z.string()),
  hours: z.optional(z.record(z.string(), z.string())),
  outOfOffice: z._default(z.array(z.strictObject({from: isoDate, to: isoDate})), []),
});

const territory = z.strictObject({
  id,
  name: z.optional(z.string()),
  priority: z._default(scorePart, 0),
  match: z._default(z.enum(['all', 'any']), 'all'),
  conditions: z._default(z.array(condition), []),
  reps: z.array(id).check(z.minLength(1, 'a territory needs at least one rep')),
  strategy: z._default(z.enum(STRATEGIES), 'round_robin'),
});

const nonEmpty = () => z.string().check(z.trim(), z.minLength(1));
const fields = z.strictObject(
  Object.fromEntries(CANONICAL_FIELDS.map(f => [f, z.optional(nonEmpty())])) as Record<
    CanonicalField,
    z.ZodMiniOptional<z.ZodMiniString>
  >,
);
const upTo1e6 = (fallback: number) => z._default(z.int().check(z.positive(), z.maximum(1000000)), fallback);

export const configSchema = z.strictObject({
  version: z._default(z.literal(1), 1),
  fields: z._default(fields, {}),
  /** IANA zone for zone-less lead timestamps and for reps without `timezone` (absent: UTC). */
  timezone: z.optional(nonEmpty()),
  /** Day/month order of slash dates such as 3/10/2026 (absent: MDY, with a warning when ambiguous). */
  dateOrder: z.optional(z.enum(['MDY', 'DMY'])),
  reps: z.array(rep).check(z.minLength(1, 'at least one rep is needed')),
  territories: z._default(z.array(territory), []),
  cascade: z._default(z.array(z.enum(CASCADE_STAGES)), DEFAULT_CASCADE),
  partialMinScore: z._default(scorePart, 1),
  pool: z._default(
    z.strictObject({
      reps: z._default(z.union([z.literal('all'), z.array(id)]), 'all'),
      strategy: z._default(z.enum(STRATEGIES), 'round_robin'),
    }),
    {reps: 'all', strategy: 'round_robin'},
  ),
  defaultOwner: z.optional(id),
  dedupe: z.optional(
    z.strictObject({
      fields: z.array(nonEmpty()).check(z.minLength(1, 'name at least one field')),
      windowHours: z._default(z.number().check(z.positive()), 720),
      maxEntries: upTo1e6(10000),
    }),
  ),
  accountOwner: z.optional(
    z.strictObject({
      by: z._default(z.literal('emailDomain'), 'emailDomain'),
      accounts: z._default(z.record(z.string(), id), {}),
      learn: z._default(z.boolean(), true),
      freeMailDomains: z._default(z.array(z.string()), []),
      maxLearned: upTo1e6(10000),
    }),
  ),
  availability: z.optional(
    z.strictObject({
      /** Presence values that mean available (case- and space-insensitive); default DEFAULT_AVAILABLE_VALUES. */
      availableValues: z.optional(z.array(z.string())),
    }),
  ),
  intent: z.optional(
    z.strictObject({
      field: z._default(nonEmpty(), 'message'),
      keywords: z.array(nonEmpty()).check(z.minLength(1, 'name at least one keyword')),
      required: z._default(z.boolean(), false),
      /** Apply the requirement only to leads whose source is one of these (e.g. ["email"]). */
      sources: z.optional(z.array(z.string())),
    }),
  ),
});

/** A validated config with every default filled in. */
export type RoutingConfig = z.output<typeof configSchema>;
/** A config as written by a user (defaults optional). */
export type RoutingConfigInput = z.input<typeof configSchema>;
export type RepConfig = RoutingConfig['reps'][number];
export type TerritoryConfig = RoutingConfig['territories'][number];
export type ConditionConfig = TerritoryConfig['conditions'][number];
