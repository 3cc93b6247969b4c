// `route`: leads in, one decision per lead out as it is made; the state file read and written under a lock.
import {createRouter} from '../../shared/router';
import {withAliases} from '../../shared/index';
import type {RouteOptions} from '../../shared/types';
import {choiceFlag, stringFlag} from '../args';
import {checkHeaders, readConfig} from '../io';
import {leadClock} from '../leadClock';
import {DecisionWriter, OUTPUT_FORMATS, Sink} from '../output';
import {Progress} from '../progress';
import {lockState, readStateFile, stateSecret, stateTarget, writeStateFile, type StateLock} from '../stateFile';
import {UsageError, println, type Verb} from '../verb';
import {shellWarnings, WarningTally} from '../warnings';
import {LEAD_FLAGS, openLeadFlags} from './common';

export const routeVerb: Verb = {
  name: 'route',
  summary: 'route leads: one decision per lead, streamed',
  synopsis:
    '--config C.json --leads L.csv|-  [--state S.json] [--out FILE] [--format jsonl|csv|json]\n' +
    '       [--now ISO] [--time-field PATH] [--timezone IANA] [--date-order MDY|DMY] [--aliases] [--no-trace]',
  flags: {
    config: {type: 'string', value: 'FILE', file: 'in', help: 'the routing config (JSON)'},
    ...LEAD_FLAGS,
    state: {
      type: 'string',
      value: 'FILE',
      file: 'state',
      help: 'rotation state: read, then written when every lead is routed',
    },
    'lock-timeout': {type: 'string', value: 'SECONDS', help: 'wait this long for another run on --state (default 30)'},
    out: {type: 'string', value: 'FILE', file: 'out', help: 'write decisions here instead of stdout'},
    format: {type: 'string', value: 'jsonl|csv|json', help: 'decision format (default jsonl)'},
    aliases: {type: 'boolean', help: 'add matched_territory_id, priority_score, assignment_reason'},
    'no-trace': {type: 'boolean', help: 'leave out each decision’s candidates (smaller, faster)'},
    'raw-csv': {type: 'boolean', help: "with --format csv: cells as they are (no ' before =, +, -, @; for programs)"},
  },
  details:
    'Decisions are written as each lead is routed; memory does not grow with the number of leads.\n' +
    'The state file is written only when every lead was routed and written out; two runs on one\n' +
    'state file take turns (the second waits up to --lock-timeout, then exits 1).',
  examples: [
    'lead-routing route --config routing.json --leads leads.csv --state state.json > decisions.jsonl',
    'cat leads.jsonl | lead-routing route --config routing.json --leads - --format csv --out decisions.csv',
    'lead-routing route --config routing.json --leads export.csv --time-field createdAt --timezone America/Chicago',
  ],
  async run(flags, io) {
    const config = readConfig(stringFlag(flags, 'config', true));
    const format = choiceFlag(flags, 'format', OUTPUT_FORMATS) ?? 'jsonl';
    if (flags['raw-csv'] === true && format !== 'csv') throw new UsageError('--raw-csv applies to --format csv only');
    const clock = leadClock(flags, io.clock, config);
    const lockWait = lockTimeout(flags);
    const quiet = flags.quiet === true;
    const source = await openLeadFlags(flags, io);
    checkHeaders(source.headers, config, source.name, source.delimiter, [clock.field]);

    const stateFile = stringFlag(flags, 'state');
    let lock: StateLock | undefined;
    let target = '';
    try {
      let state;
      // Keyed pseudonyms (RouteOptions.secret): env LEAD_ROUTING_SECRET, else the key file beside the state.
      let secret = io.env.LEAD_ROUTING_SECRET || undefined;
      if (stateFile) {
        target = stateTarget(stateFile);
        lock = await lockState(target, stateFile, lockWait);
        state = readStateFile(target, stateFile);
        secret = stateSecret(target, io.env);
      }
      const options: RouteOptions & {secret?: string} = {trace: flags['no-trace'] !== true, secret};
      const router = createRouter(config, state, options);
      const aliases = flags.aliases === true;
      const writer = new DecisionWriter(Sink.open(stringFlag(flags, 'out'), io.stdout), format, {
        trace: options.trace,
        aliases,
        raw: flags['raw-csv'] === true,
      });
      const warnings = new WarningTally();
      const progress = new Progress(io.stderr, source.bytesRead, source.size, quiet);
      let n = 0;
      for await (const lead of source.leads) {
        if (writer.closed) break;
        const {time, warning} = clock.timeOf(lead);
        const d = router.route(lead, time, n++, shellWarnings(warning, source.warningsOf(lead)));
        warnings.add(d.warnings);
        await writer.write(aliases ? withAliases(d) : d);
        progress.tick();
      }
      await writer.end();
      progress.done();
      if (writer.closed) {
        if (stateFile)
          println(io.stderr, `lead-routing: output closed after ${n} decisions; state ${stateFile} not updated`);
        return 0;
      }
      if (stateFile) writeStateFile(target, stateFile, router.state());
      if (clock.field && n > 0 && clock.present === 0) {
        warnings.note(`--time-field ${clock.field}: no lead has this field; every lead was routed at --now`);
      }
      if (!quiet) warnings.print(io.stderr, n);
      return 0;
    } finally {
      lock?.release();
    }
  },
};

function lockTimeout(flags: Record<string, unknown>): number {
  const text = stringFlag(flags as never, 'lock-timeout');
  if (text === undefined) return 30_000;
  const s = Number(text);
  if (!Number.isFinite(s) || s < 0) throw new UsageError(`--lock-timeout must be a number of seconds, not "${text}"`);
  return s * 1000;
}
