// `simulate`: back-test a config (or two side by side) over a leads file from empty state.
import type {Writable} from 'node:stream';
import {choiceFlag, stringFlag} from '../args';
import {checkHeaders, readConfig} from '../io';
import {leadClock} from '../leadClock';
import {Progress} from '../progress';
import {formatSimulation, simulate} from '../simulate';
import {UsageError, type Verb} from '../verb';
import {LEAD_FLAGS, openLeadFlags} from './common';

export const simulateVerb: Verb = {
  name: 'simulate',
  summary: 'back-test a config (or compare two) over a leads file',
  synopsis:
    '--config A.json [--compare B.json] --leads L.csv|-  [--format text|json]\n' +
    '       [--now ISO] [--time-field PATH] [--timezone IANA] [--date-order MDY|DMY]',
  flags: {
    config: {type: 'string', value: 'FILE', help: 'the routing config (JSON)'},
    compare: {type: 'string', value: 'FILE', help: 'a second config, routed side by side'},
    ...LEAD_FLAGS,
    format: {type: 'string', value: 'text|json', help: 'report format (default text)'},
    json: {type: 'boolean', help: 'same as --format json'},
  },
  details:
    'Routes every lead from empty state (the state file is never touched) and prints counts per rep,\n' +
    'territory, stage and warning, fairness, and with --compare how many leads change owner.',
  examples: [
    'lead-routing simulate --config routing.json --leads last-quarter.csv --time-field createdAt',
    'lead-routing simulate --config routing.json --compare proposed.json --leads leads.csv --format json',
  ],
  async run(flags, io) {
    const configFile = stringFlag(flags, 'config', true);
    const compareFile = stringFlag(flags, 'compare');
    let format = choiceFlag(flags, 'format', ['text', 'json'] as const) ?? 'text';
    if (flags.json === true) {
      if (flags.format !== undefined && format !== 'json') throw new UsageError('--json contradicts --format');
      format = 'json';
    }
    const configA = readConfig(configFile);
    const configB = compareFile ? readConfig(compareFile) : undefined;
    const clock = leadClock(flags, io.clock, configA);
    const source = await openLeadFlags(flags, io);
    checkHeaders(source.headers, configA, source.name, source.delimiter, [clock.field]);
    const quiet = flags.quiet === true;
    const progress = new Progress(io.stderr, source.bytesRead, source.size, quiet);
    const sim = await simulate(source.leads, configA, configB, clock.timeOf, () => progress.tick());
    progress.done();
    const {warningTally, ...result} = sim;
    if (clock.field && result.a.summary.leads > 0 && clock.present === 0) {
      warningTally.note(`--time-field ${clock.field}: no lead has this field; every lead was routed at --now`);
    }
    await writeAll(
      io.stdout,
      format === 'json' ? JSON.stringify(result) : formatSimulation(result, configFile, compareFile),
    );
    if (!quiet) warningTally.print(io.stderr, result.a.summary.leads);
    return 0;
  },
};

function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise(resolve => {
    stream.once('error', () => resolve());
    if (stream.write(text + '\n')) resolve();
    else stream.once('drain', () => resolve());
  });
}
