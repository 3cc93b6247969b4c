// Flags shared by the verbs that read leads.
import {choiceFlag, stringFlag} from '../args';
import {LEADS_FORMATS, openLeads, type LeadSource} from '../leads';
import {encodingName} from '../decode';
import {UsageError, println, type CliIO, type FlagSpec, type Flags} from '../verb';

export const LEAD_FLAGS: Record<string, FlagSpec> = {
  leads: {type: 'string', value: 'FILE', file: 'in', help: 'leads: CSV, JSON Lines or a JSON array; "-" reads stdin'},
  'leads-format': {type: 'string', value: 'csv|jsonl|json', help: 'the leads’ format (default: read from the content)'},
  delimiter: {type: 'string', value: 'CHAR', help: 'CSV delimiter (default: sniffed from the header row: , ; tab |)'},
  encoding: {
    type: 'string',
    value: 'NAME',
    help: 'the leads’ text encoding, e.g. windows-1252, utf-16le (default: UTF-8, UTF-16 by its mark, else Windows-1252 with a warning)',
  },
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

/**
 * Opens --leads with --leads-format, --delimiter and --encoding; notes about the file go to stderr
 * unless --quiet or `opts.notes` is false (a verb whose report carries LeadSource.notes).
 */
export async function openLeadFlags(flags: Flags, io: CliIO, opts: {notes?: boolean} = {}): Promise<LeadSource> {
  const spec = stringFlag(flags, 'leads', true);
  const format = choiceFlag(flags, 'leads-format', LEADS_FORMATS);
  let delimiter = stringFlag(flags, 'delimiter');
  if (delimiter !== undefined) {
    if (delimiter === '\\t' || delimiter.toLowerCase() === 'tab') delimiter = '\t';
    if (delimiter.length !== 1)
      throw new UsageError(`--delimiter must be one character (or "tab"), not "${delimiter}"`);
  }
  const label = stringFlag(flags, 'encoding');
  const encoding = label === undefined ? undefined : encodingName(label);
  if (encoding === null) {
    throw new UsageError(
      `--encoding "${label}" is not an encoding name (e.g. utf-8, windows-1252, utf-16le, iso-8859-15)`,
    );
  }
  const quiet = flags.quiet === true || opts.notes === false;
  return openLeads(spec, io.stdin, {
    format,
    delimiter,
    encoding,
    onNote: quiet ? undefined : note => println(io.stderr, `lead-routing: warning: ${note}`),
  });
}
