// Installable triggers for automatic assignment. Add-ons may run time-driven triggers at most
// once an hour, so the catch-up is hourly; form submits and changes assign within seconds.
export const TRIGGER_HANDLERS = {
  formSubmit: 'onFormSubmitAssign',
  change: 'onChangeAssign',
  catchUp: 'catchUpAssign',
} as const;

const OURS = new Set<string>(Object.values(TRIGGER_HANDLERS));

export function ourTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter(t => OURS.has(t.getHandlerFunction()));
}

export function removeTriggers(): number {
  const mine = ourTriggers();
  for (const t of mine) ScriptApp.deleteTrigger(t);
  return mine.length;
}

/** (Re)creates the triggers: form submit and change only for a Sheet source, hourly catch-up always. */
export function installTriggers(source: 'sheet' | 'airtable'): string[] {
  removeTriggers();
  const created: string[] = [];
  if (source === 'sheet') {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ScriptApp.newTrigger(TRIGGER_HANDLERS.formSubmit).forSpreadsheet(ss).onFormSubmit().create();
    ScriptApp.newTrigger(TRIGGER_HANDLERS.change).forSpreadsheet(ss).onChange().create();
    created.push('form submit', 'change');
  }
  ScriptApp.newTrigger(TRIGGER_HANDLERS.catchUp).timeBased().everyHours(1).create();
  created.push('hourly catch-up');
  return created;
}

/** Change types that can bring new lead rows (pastes, integrations appending rows). */
export function changeMayAddLeads(changeType: string | undefined): boolean {
  return changeType === undefined || ['EDIT', 'INSERT_ROW', 'OTHER', 'INSERT_GRID'].includes(String(changeType));
}
