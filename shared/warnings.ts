// The warnings channel: what a surface could not read exactly, or had to assume, said once per
// decision as a machine-readable code and one human sentence. Codes are listed in docs/contract.md
// ("Warnings"); other modules add theirs here so the list stays in one place.
import type {RoutingWarning} from './types';

/**
 * Every warning code. snake_case, stable (users filter on them). Add new codes here and in
 * docs/contract.md.
 */
export const WARNING_CODES = {
  /** A US ZIP given as a number or 3–4 / 7–8 digits had its leading zeros restored. */
  zipZeroRestored: 'zip_zero_restored',
  /** A range value (a company-size bucket such as `1001-5000`) lies partly inside a numeric bound. */
  rangeStraddlesBound: 'range_straddles_bound',
  /** A roster / Reps cell could not be read; the rep is routed without it. */
  rosterCellUnreadable: 'roster_cell_unreadable',
  /** The lead's time could not be read; the lead is routed at `now`. (helper "semantics") */
  timeUnreadable: 'time_unreadable',
  /** The lead's time field is absent or empty; the lead is routed at `now`. (helper "semantics") */
  timeMissing: 'time_missing',
  /** A slash date reads both as month/day and day/month and no `dateOrder` was declared; read as MDY. */
  dateOrderAssumed: 'date_order_assumed',
  /** A number such as "5.000" reads both as 5 (decimal point) and 5000 (European grouping); read as 5. */
  numberAmbiguous: 'number_ambiguous',
  /** A value met by a numeric condition (gte, lte, between) is neither a number nor a range; the condition does not hold. */
  numberUnreadable: 'number_unreadable',
  /** A presence value could not be read; the rep is routed on its configured flags. (helper "avail") */
  availabilityUnknown: 'availability_unknown',
  /** A CSV header names two columns and this lead's copies differ; the first non-empty was used. (CLI) */
  duplicateColumn: 'duplicate_column',
  /** The lead holds no value at all (an empty row, `;;;;`); it is unassigned, taking no rep's turn. */
  emptyLead: 'empty_lead',
} as const;

export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];

/** Quotes a value for a sentence, cut to 60 characters (a warning names the value, never a whole record). */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(s.length > 60 ? s.slice(0, 57) + '...' : s);
}

/** A warning; `value` is kept as text (cut like `quote`) so the object stays plain JSON. */
export function warning(code: string, message: string, field?: string, value?: unknown): RoutingWarning {
  const w: RoutingWarning = {code, message};
  if (field !== undefined) w.field = field;
  if (value !== undefined && value !== null) {
    const s = typeof value === 'string' ? value : String(value);
    w.value = s.length > 60 ? s.slice(0, 57) + '...' : s;
  }
  return w;
}

/** zip_zero_restored: `field` "2134" -> "02134". */
export function zipZeroRestored(field: string, raw: unknown, zip: string): RoutingWarning {
  return warning(
    WARNING_CODES.zipZeroRestored,
    `${field} ${quote(String(raw))} read as the US ZIP ${zip} (its leading zero was lost, as spreadsheets do).`,
    field,
    raw,
  );
}

/** range_straddles_bound: `companySize` "1001-5000" against gte 5000. */
export function rangeStraddlesBound(field: string, raw: string, op: string, bound: string): RoutingWarning {
  const text =
    op === 'gte'
      ? `only part of it is at or above ${bound}`
      : op === 'lte'
        ? `only part of it is at or below ${bound}`
        : `only part of it is between ${bound}`;
  return warning(
    WARNING_CODES.rangeStraddlesBound,
    `${field} ${quote(raw)} is a range and ${text}, so the condition ${op} ${bound} was read as not met.`,
    field,
    raw,
  );
}

/** roster_cell_unreadable: rep `rep`, column `cell`, value `raw`, and what was done instead. */
export function rosterCellUnreadable(rep: string, cell: string, raw: unknown, assumed: string): RoutingWarning {
  return warning(
    WARNING_CODES.rosterCellUnreadable,
    `Rep ${quote(rep)}: the ${cell} cell ${quote(raw)} could not be read; ${assumed}.`,
    cell,
    raw,
  );
}

/** Adds `w` to `list` unless the same code, field and value is there already. */
export function addWarning(list: RoutingWarning[], w: RoutingWarning): void {
  for (const x of list) if (x.code === w.code && x.field === w.field && x.value === w.value) return;
  list.push(w);
}

/**
 * availability_unknown: the live presence of these reps (names and ids in the same order) could not be read.
 * `value` lists every id (not cut: a surface filters on it).
 */
export function availabilityUnknown(names: string[], ids: string[]): RoutingWarning {
  const who = names.length === 1 ? names[0] : `${names.length} reps (${names.join(', ')})`;
  return {
    code: WARNING_CODES.availabilityUnknown,
    field: 'presence',
    value: ids.join(','),
    message: `The live availability of ${who} could not be read; routed on the configured availability, hours and caps.`,
  };
}

/** number_ambiguous: `companySize` "5.000" read as 5, though European exports write 5000 so. */
export function numberAmbiguous(field: string, raw: string, read: number): RoutingWarning {
  return warning(
    WARNING_CODES.numberAmbiguous,
    `${field} ${quote(raw)} read as ${read} (a decimal point); if it means ${read * 1000} (European thousands), ` +
      'write it without the dot.',
    field,
    raw,
  );
}

/** number_unreadable: `companySize` "$5,000" under `gte 5000`: not a number, so the condition does not hold. */
export function numberUnreadable(field: string, raw: string, op: string, bound: string): RoutingWarning {
  return warning(
    WARNING_CODES.numberUnreadable,
    `${field} ${quote(raw)} is not a number, so "${op} ${bound}" does not hold for it.`,
    field,
    raw,
  );
}

/** empty_lead: every field of the lead is blank (an empty spreadsheet row such as `;;;;;`). */
export function emptyLead(fields: number): RoutingWarning {
  return warning(
    WARNING_CODES.emptyLead,
    `All ${fields} field${fields === 1 ? ' is' : 's are'} blank (an empty row); the lead was left unassigned and took no rep's turn.`,
  );
}
