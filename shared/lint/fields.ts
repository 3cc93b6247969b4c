// Field checks: condition fields that no `fields` mapping names and no lead has.
import {CANONICAL_FIELDS} from '../config/schema';
import type {CompiledConfig} from '../compile';
import type {LintFinding} from './types';

/**
 * `field_unmapped`: a condition field that is neither a canonical field (read through `fields` or its
 * default export headers) nor a header `fields` maps to, and that no sample lead has (or no sample was given): the
 * condition reads the lead key of that name, which is often a typo. `field_missing_in_sample`: a
 * mapped or canonical condition field that no sample lead has. One finding per field, at its first
 * condition. `present`: field name -> sample leads that had a value there (absent: no sample).
 */
export function fieldChecks(c: CompiledConfig, present?: ReadonlyMap<string, number>): LintFinding[] {
  const out: LintFinding[] = [];
  const done = new Set<string>();
  const canonical = new Set<string>(CANONICAL_FIELDS);
  c.config.territories.forEach((t, i) =>
    t.conditions.forEach((cond, j) => {
      if (done.has(cond.field)) return;
      done.add(cond.field);
      const mapped = canonical.has(cond.field) || Object.values(c.config.fields).includes(cond.field);
      const seen = present?.get(cond.field) ?? 0;
      if (seen > 0) return;
      const place = {path: `territories[${i}].conditions[${j}].field`, subject: cond.field};
      const uses = c.config.territories.filter(x => x.conditions.some(y => y.field === cond.field)).length;
      const where = `${uses} territor${uses === 1 ? 'y' : 'ies'}`;
      if (!mapped) {
        out.push({
          code: 'field_unmapped',
          ...place,
          message: `Condition field "${cond.field}" (in ${where}) is in no "fields" mapping${present ? ' and in no sample lead' : ''}: check the name or map it in "fields".`,
        });
      } else if (present) {
        out.push({
          code: 'field_missing_in_sample',
          ...place,
          message: `No sample lead has a value for condition field "${cond.field}" (in ${where}): its conditions never hold for these leads.`,
        });
      }
    }),
  );
  return out;
}
