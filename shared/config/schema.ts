import * as z from 'zod';

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

const id = z.string().trim().min(1, 'must not be empty');

/**
 * Scores add a territory's priority and its conditions' weights: bounding each keeps every score
 * finite and exact to the unit (issue 11 #11: two weights of 1e308 summed to Infinity).
 */
export const MAX_SCORE_PART = 1e9;
const scorePart = z
  .number()
  .finite()
  .min(-MAX_SCORE_PART, 'must be between -1,000,000,000 and 1,000,000,000')
  .max(MAX_SCORE_PART, 'must be between -1,000,000,000 and 1,000,000,000');
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const condition = z.strictObject({
  field: z.string().trim().min(1, 'must name a field'),
  op: z.enum(OPERATORS),
  values: z.array(scalar).default([]),
  weight: scorePart.default(1),
});

const capacity = z.strictObject({
  daily: z.number().int().min(0).optional(),
  weekly: z.number().int().min(0).optional(),
  monthly: z.number().int().min(0).optional(),
  /** Most open records the rep may own (compared with `openLoad`); 0 takes no leads. */
  open: z.number().int().min(0).optional(),
});

const rep = z.strictObject({
  id,
  name: z.string().optional(),
  email: z.string().optional(),
  available: z.boolean().default(true),
  /** The platform's live presence as it says it (see shared/presence.ts); null = could not be read. */
  presence: z.union([z.string(), z.boolean(), z.null()]).optional(),
  /** Open records the rep owns right now, as the platform counts them. */
  openLoad: z.number().finite().min(0).optional(),
  /** Share in weighted rotation and least-loaded; bounded so sums of weights stay exact. */
  weight: z.number().finite().positive().max(1e6, 'must be at most 1,000,000').default(1),
  skills: z.array(z.string()).default([]),
  capacity: capacity.optional(),
  timezone: z.string().optional(),
  hours: z.record(z.string(), z.string()).optional(),
  outOfOffice: z.array(z.strictObject({from: isoDate, to: isoDate})).default([]),
});

const territory = z.strictObject({
  id,
  name: z.string().optional(),
  priority: scorePart.default(0),
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(condition).default([]),
  reps: z.array(id).min(1, 'a territory needs at least one rep'),
  strategy: z.enum(STRATEGIES).default('round_robin'),
});

const fields = z.strictObject(
  Object.fromEntries(CANONICAL_FIELDS.map(f => [f, z.string().trim().min(1).optional()])) as Record<
    CanonicalField,
    z.ZodOptional<z.ZodString>
  >,
);

export const configSchema = z.strictObject({
  version: z.literal(1).default(1),
  fields: fields.default({}),
  /** IANA zone for zone-less lead timestamps and for reps without `timezone` (absent: UTC). */
  timezone: z.string().trim().min(1).optional(),
  /** Day/month order of slash dates such as 3/10/2026 (absent: MDY, with a warning when ambiguous). */
  dateOrder: z.enum(['MDY', 'DMY']).optional(),
  reps: z.array(rep).min(1, 'at least one rep is needed'),
  territories: z.array(territory).default([]),
  cascade: z.array(z.enum(CASCADE_STAGES)).default(DEFAULT_CASCADE),
  partialMinScore: scorePart.default(1),
  pool: z
    .strictObject({
      reps: z.union([z.literal('all'), z.array(id)]).default('all'),
      strategy: z.enum(STRATEGIES).default('round_robin'),
    })
    .default({reps: 'all', strategy: 'round_robin'}),
  defaultOwner: id.optional(),
  dedupe: z
    .strictObject({
      fields: z.array(z.string().trim().min(1)).min(1, 'name at least one field'),
      windowHours: z.number().positive().default(720),
      maxEntries: z.number().int().positive().max(1000000).default(10000),
    })
    .optional(),
  accountOwner: z
    .strictObject({
      by: z.literal('emailDomain').default('emailDomain'),
      accounts: z.record(z.string(), id).default({}),
      learn: z.boolean().default(true),
      freeMailDomains: z.array(z.string()).default([]),
      maxLearned: z.number().int().positive().max(1000000).default(10000),
    })
    .optional(),
  availability: z
    .strictObject({
      /** Presence values that mean available (case- and space-insensitive); default DEFAULT_AVAILABLE_VALUES. */
      availableValues: z.array(z.string()).optional(),
    })
    .optional(),
  intent: z
    .strictObject({
      field: z.string().trim().min(1).default('message'),
      keywords: z.array(z.string().trim().min(1)).min(1, 'name at least one keyword'),
      required: z.boolean().default(false),
      /** Apply the requirement only to leads whose source is one of these (e.g. ["email"]). */
      sources: z.array(z.string()).optional(),
    })
    .optional(),
});

/** A validated config with every default filled in. */
export type RoutingConfig = z.output<typeof configSchema>;
/** A config as written by a user (defaults optional). */
export type RoutingConfigInput = z.input<typeof configSchema>;
export type RepConfig = RoutingConfig['reps'][number];
export type TerritoryConfig = RoutingConfig['territories'][number];
export type ConditionConfig = TerritoryConfig['conditions'][number];
