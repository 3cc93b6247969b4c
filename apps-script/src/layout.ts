// Sheet names and headers of the add-on (contract: shared/spec/routing.md, "Google Sheets layout").
export const SHEETS = {
  reps: 'Reps',
  territories: 'Territories',
  leads: 'Leads',
  log: 'Routing Log',
  dashboard: 'Dashboard',
} as const;

export const REP_HEADERS = [
  'Name',
  'Email',
  'Available',
  'Id',
  'Weight',
  'Skills',
  'Daily cap',
  'Weekly cap',
  'Monthly cap',
  'Timezone',
  'Hours',
  'Out of office',
] as const;

export const TERRITORY_HEADERS = [
  'Territory',
  'Match',
  'Field',
  'Operator',
  'Values',
  'Weight',
  'Priority',
  'Reps',
  'Strategy',
] as const;

/** The columns the add-on writes into the lead table (Sheet or Airtable). */
export const ASSIGNMENT_HEADERS = ['Assigned To', 'Assigned At', 'Territory', 'Routing Reason'] as const;

/** Columns a fresh Leads sheet starts with (any others the source writes are kept as they are). */
export const STARTER_LEAD_HEADERS = ['Name', 'Email', 'Company', 'Zip', 'State', 'Country', 'Industry', 'Product Line'];

export const LOG_HEADERS = [
  'Routed At',
  'Source',
  'Row / Record',
  'Lead',
  'Assigned To',
  'Owner Id',
  'Stage',
  'Territory',
  'Score',
  'Routing Reason',
  'Config Version',
  'Warnings',
] as const;

/** Header lookup key: case, spaces, dashes and underscores do not matter ("Assigned to" = "assigned_to"). */
export function headerKey(h: unknown): string {
  return String(h ?? '')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

/** Column index (0-based) of each wanted header in a header row, -1 when missing. */
export function columnIndex(headerRow: readonly unknown[], wanted: readonly string[]): Record<string, number> {
  const byKey = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const k = headerKey(h);
    if (k && !byKey.has(k)) byKey.set(k, i);
  });
  const out: Record<string, number> = {};
  for (const w of wanted) out[w] = byKey.has(headerKey(w)) ? byKey.get(headerKey(w))! : -1;
  return out;
}
