// Territory Match only scores, so reps are optional: a placeholder rep stands in where the
// contract requires one (territory without reps, config without reps). It never appears in output.
const PLACEHOLDER = '__territory_match__';

export function scoringConfig(raw: Record<string, unknown>): Record<string, unknown> {
  const reps = Array.isArray(raw.reps) ? [...(raw.reps as unknown[])] : [];
  let needPlaceholder = reps.length === 0;
  const territories = Array.isArray(raw.territories)
    ? (raw.territories as unknown[]).map(t => {
        if (!t || typeof t !== 'object') return t;
        const tt = t as Record<string, unknown>;
        if (Array.isArray(tt.reps) && tt.reps.length) return tt;
        needPlaceholder = true;
        return {...tt, reps: [PLACEHOLDER]};
      })
    : raw.territories;
  if (needPlaceholder) reps.push({id: PLACEHOLDER});
  return {...raw, reps, territories};
}
