// Flags shared by the verbs that read leads.
import {choiceFlag, stringFlag} from '../args';
import {LEADS_FORMATS, openLeads, type LeadSource} from '../leads';
import {UsageError, type CliIO, type FlagSpec, type Flags} from '../verb';

export const LEAD_FLAGS: Record<string, FlagSpec> = {
  leads: {type: 'string', value: 'FILE', file: 'in', help: 'leads: CSV, JSON Lines or a JSON array; "-" reads stdin'},
  'leads-format': {type: 'string', value: 'csv|jsonl|json', help: 'the leads’ format (default: read from the content)'},
  delimiter: {type: 'string', value: 'CHAR', help: 'CSV delimiter (default: sniffed from the header row: , ; tab |)'},
  now: {type: 'string', value: 'ISO', help: 'the routing time (default: the current time)'},
  'time-field': {type: 'string', value: 'PATH', help: 'route each lead at the time in this field (back-tests)'},
  timezone: {
    type: 'string',
    value: 'IANA',
    help: 'zone for timestamps written without one (default: the config’s, else UTC)',
  },
  'date-order': {type: 'string', value: 'MDY|DMY', help: 'how to read ambiguous dates like 03/04/2026 (default MDY)'},
  quiet: {type: 'boolean', short: 'q', help: 'no progress line and no warnings summary on stderr'},
};

/** Opens --leads with --leads-format and --delimiter. */
export async function openLeadFlags(flags: Flags, io: CliIO): Promise<LeadSource> {
  const spec = stringFlag(flags, 'leads', true);
  const format = choiceFlag(flags, 'leads-format', LEADS_FORMATS);
  let delimiter = stringFlag(flags, 'delimiter');
  if (delimiter !== undefined) {
    if (delimiter === '\\t' || delimiter.toLowerCase() === 'tab') delimiter = '\t';
    if (delimiter.length !== 1)
      throw new UsageError(`--delimiter must be one character (or "tab"), not "${delimiter}"`);
  }
  return openLeads(spec, io.stdin, {format, delimiter});
}
