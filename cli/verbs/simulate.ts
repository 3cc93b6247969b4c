// `simulate`: back-test a config (or two side by side) over a leads file from empty state, and
// report the figures RevOps reads first (text, JSON, CSV or a self-contained HTML page).
import {choiceFlag, stringFlag} from '../args';
import {csvRow} from '../csvCell';
import {checkHeaders, readConfig} from '../io';
import {leadClock} from '../leadClock';
import {Sink} from '../output';
import {Progress} from '../progress';
import {csvReport} from '../report/csv';
import {htmlReport} from '../report/html';
import {textReport} from '../report/text';
import {simulate, type Change, type Simulation} from '../simulate';
import {UsageError, type Verb} from '../verb';
import {LEAD_FLAGS, openLeadFlags} from './common';

export const REPORT_FORMATS = ['text', 'json', 'csv', 'html'] as const;

/** Columns of the --changes CSV (one row per lead whose owner or stage differs). */
export const CHANGE_COLUMNS = [
  'index',
  'leadId',
  'ownerA',
  'ownerB',
  'stageA',
  'stageB',
  'territoryA',
  'territoryB',
] as const;

export const simulateVerb: Verb = {
  name: 'simulate',
  summary: 'back-test a config (or compare two) over a leads file; report rates, load, fairness',
  synopsis:
    '--config A.json [--compare B.json [--changes FILE]] --leads L.csv|-\n' +
    '       [--format text|json|csv|html] [--out FILE] [--raw-csv] [--now ISO] [--time-field PATH] [--timezone IANA]\n' +
    '       [--date-order MDY|DMY]',
  flags: {
    config: {type: 'string', value: 'FILE', file: 'in', help: 'the routing config (JSON)'},
    compare: {
      type: 'string',
      value: 'FILE',
      file: 'in',
      help: 'a second config, routed side by side over the same leads',
    },
    changes: {
      type: 'string',
      value: 'FILE',
      file: 'out',
      help: 'with --compare: every lead whose owner or stage differs, as CSV',
    },
    ...LEAD_FLAGS,
    format: {type: 'string', value: 'text|json|csv|html', help: 'report format (default text)'},
    json: {type: 'boolean', help: 'same as --format json'},
    out: {type: 'string', value: 'FILE', file: 'out', help: 'write the report here instead of stdout'},
    'raw-csv': {
      type: 'boolean',
      help: "--changes and --format csv: cells as they are (no ' before =, +, -, @; for programs)",
    },
  },
  details:
    'Routes every lead from empty state (the state file is never touched) and reports: match rate\n' +
    '(exact, partial), fallback rate per stage, unassigned leads by reason, duplicates, account hits\n' +
    '(configured vs learned domains), load against capacity per rep and territory, fairness within each\n' +
    'pool (share over weight-expected share), leads by hour in the owners’ zones and warnings; with\n' +
    '--compare, both configs and the per-lead diff. --format html is one self-contained page with charts.',
  examples: [
    'lead-routing simulate --config routing.json --leads last-quarter.csv --time-field createdAt',
    'lead-routing simulate --config routing.json --leads leads.csv --format html --out report.html',
    'lead-routing simulate --config routing.json --compare proposed.json --leads leads.csv --changes changes.csv',
  ],
  async run(flags, io) {
    const configFile = stringFlag(flags, 'config', true);
    const compareFile = stringFlag(flags, 'compare');
    const changesFile = stringFlag(flags, 'changes');
    if (changesFile !== undefined && compareFile === undefined) {
      throw new UsageError('--changes needs --compare (the diff is between two configs)');
    }
    if (changesFile === '-' && (stringFlag(flags, 'out') ?? '-') === '-') {
      throw new UsageError('--changes - and the report cannot both go to stdout: give --out FILE');
    }
    let format = choiceFlag(flags, 'format', REPORT_FORMATS) ?? 'text';
    if (flags.json === true) {
      if (flags.format !== undefined && format !== 'json') throw new UsageError('--json contradicts --format');
      format = 'json';
    }
    const raw = flags['raw-csv'] === true;
    if (raw && changesFile === undefined && format !== 'csv') {
      throw new UsageError('--raw-csv applies to --changes and --format csv only');
    }
    const outFile = stringFlag(flags, 'out');
    const configA = readConfig(configFile);
    const configB = compareFile ? readConfig(compareFile) : undefined;
    const clock = leadClock(flags, io.clock, configA);
    const source = await openLeadFlags(flags, io);
    checkHeaders(source.headers, configA, source.name, source.delimiter, [clock.field]);
    const quiet = flags.quiet === true;
    const progress = new Progress(io.stderr, source.bytesRead, source.size, quiet);
    const changes = changesFile === undefined ? undefined : Sink.open(changesFile, io.stdout);
    if (changes) await changes.write(csvRow(CHANGE_COLUMNS));
    // Lead ids are lead data: a value a spreadsheet would run as a formula is written with a leading quote
    // (the rule of route's CSV and the add-on, csvCell), unless --raw-csv.
    const sim = await simulate(source.leads, configA, configB, clock.timeOf, {
      context: {
        now: new Date(clock.now).toISOString(),
        timeField: clock.field ?? null,
        leadTimeZone: clock.timeZone ?? 'UTC',
        dateOrder: clock.dateOrder ?? 'MDY',
      },
      fileA: configFile,
      fileB: compareFile,
      onLead: () => progress.tick(),
      onChange: changes ? (c: Change) => changes.write(changeRow(c, raw)) : undefined,
    });
    await changes?.end();
    progress.done();
    const {warningTally, ...result} = sim;
    if (clock.field && result.a.summary.leads > 0 && clock.present === 0) {
      const note = `--time-field ${clock.field}: no lead has this field; every lead was routed at --now`;
      warningTally.note(note);
      result.notes = [note];
    }
    const sink = Sink.open(outFile, io.stdout);
    await sink.write(render(result, format, raw));
    await sink.end();
    if (!quiet) warningTally.print(io.stderr, result.a.summary.leads);
    return 0;
  },
};

/** One row of the --changes CSV. */
function changeRow(c: Change, raw: boolean): string {
  const cells = CHANGE_COLUMNS.map(k => c[k]);
  return csvRow(cells, raw);
}

function render(sim: Simulation, format: (typeof REPORT_FORMATS)[number], raw: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(sim) + '\n';
    case 'csv':
      return csvReport(sim, raw);
    case 'html':
      return htmlReport(sim);
    default:
      return textReport(sim) + '\n';
  }
}
