// The text forms the Google Sheets layout (and Airtable, and roster rows in n8n) uses for a rep's
// `Hours` and `Out of office` cells, read the same way by every surface.

const HOURS_PART = /^([a-z]{3}(?:\s*-\s*[a-z]{3})?)\s*[=:]?\s*(\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})$/i;
const OOO_PART = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|\bto\b|–|—|\s-\s)\s*(\d{4}-\d{2}-\d{2}))?$/;

/** "mon-fri 09:00-17:00; sat=10:00-14:00" -> {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}, and the parts it could not read. */
export function hoursFromText(text: string): {hours: Record<string, string>; bad: string[]} {
  const hours: Record<string, string> = {};
  const bad: string[] = [];
  for (const part of text.split(/[;\n]+/).map(s => s.trim())) {
    if (!part) continue;
    const m = HOURS_PART.exec(part);
    if (m) hours[m[1].replace(/\s+/g, '').toLowerCase()] = m[2].replace(/\s+/g, '');
    else bad.push(part);
  }
  return {hours, bad};
}

/** "2026-12-24..2026-12-31; 2027-01-05" -> [{from, to}, {from, to}], and the parts it could not read. */
export function outOfOfficeFromText(text: string): {periods: Array<{from: string; to: string}>; bad: string[]} {
  const periods: Array<{from: string; to: string}> = [];
  const bad: string[] = [];
  for (const part of text.split(/[;,\n]+/).map(s => s.trim())) {
    if (!part) continue;
    const m = OOO_PART.exec(part);
    if (m) periods.push({from: m[1], to: m[2] ?? m[1]});
    else bad.push(part);
  }
  return {periods, bad};
}
