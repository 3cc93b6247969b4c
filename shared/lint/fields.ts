// Field checks: condition fields that no `fields` mapping names and no lead has.
import {CANONICAL_FIELDS, type CanonicalField} from '../config/schema';
import {hasOwn} from '../dict';
import {DEFAULT_HEADERS} from '../normalize/headers';
import type {CompiledConfig} from '../compile';
import type {LintFinding} from './types';

/**
 * `field_unmapped`: a condition field that is neither a canonical field (read through `fields` or its
 * default export headers) nor a header `fields` maps to, and that no sample lead has (or no sample was given): the
 * condition reads the lead key of that name, which is often a typo. `field_missing_in_sample`: a
 * mapped or canonical condition field that no sample lead has. One finding per field, at its first
 * condition. `present`: field name -> sample leads that had a value there (absent: no sample);
 * `columns`: the sample leads' top-level keys, to name a column that differs from the name read
 * only in case or spacing (`State` for `fields.state: "state"`).
 */
export function fieldChecks(
  c: CompiledConfig,
  present?: ReadonlyMap<string, number>,
  columns: ReadonlySet<string> = new Set(),
): LintFinding[] {
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
          message: `Condition field "${cond.field}" (in ${where}) is in no "fields" mapping${present ? ' and in no sample lead' : ''}, so it reads a lead key of exactly that name; check the name, or map it in "fields".`,
        });
      } else if (present) {
        const fields = c.config.fields as Record<string, string | undefined>;
        const own = hasOwn(fields, cond.field) ? fields[cond.field] : undefined;
        const read = own ?? cond.field;
        const near = nearColumn(columns, own === undefined ? readNames(cond.field) : [own]);
        const problem = `No sample lead has a value for condition field "${cond.field}" (read from "${read}", in ${where})`;
        out.push({
          code: 'field_missing_in_sample',
          ...place,
          message: near
            ? `${problem}, but the sample has a column "${near}", which differs only in case or spacing: set "fields": {"${cond.field}": "${near}"} (names are matched exactly).`
            : `${problem}: its conditions never hold for these leads; map "fields.${cond.field}" to the sample's column for it, or check the sample is the right file.`,
        });
      }
    }),
  );
  return out;
}

/** The names a field is read under when `fields` does not map it: its own, then a canonical field's default headers. */
function readNames(field: string): readonly string[] {
  return [field, ...(hasOwn(DEFAULT_HEADERS, field) ? DEFAULT_HEADERS[field as CanonicalField] : [])];
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** A column that differs from one of `names` only in case, spaces, `_` or `-` (not equal to it), or undefined. */
function nearColumn(columns: ReadonlySet<string>, names: readonly string[]): string | undefined {
  const wanted = new Set(names.map(squash));
  for (const k of columns) if (!names.includes(k) && wanted.has(squash(k))) return k;
  return undefined;
}
