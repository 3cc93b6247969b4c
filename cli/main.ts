// lead-routing: validate, route and back-test routing configs (a thin shell over the core).
import {parseArgs, stringFlag, UsageError, type ParsedArgs} from './args';
import {CliError, readConfig, readLeads, readState, writeState} from './io';
import {simulate, formatSimulation} from './simulate';
import {compileConfig} from '../shared/compile';
import {createRouter} from '../shared/router';
import {withAliases} from '../shared/index';
import {configJsonSchema} from '../shared/index';
import {leadTime} from '../shared/leadTime';
import type {Instant} from '../shared/types';

const HELP = `lead-routing — validate, route and back-test lead routing configs

  lead-routing validate --config C.json
  lead-routing route    --config C.json --leads L.(json|jsonl|csv) [--state S.json] [--now ISO]
                        [--time-field createdAt] [--no-trace] [--aliases]
  lead-routing simulate --config A.json [--compare B.json] --leads L.csv [--json]
                        [--now ISO] [--time-field createdAt]
  lead-routing schema   (prints the config's JSON Schema)

--now        the routing time (default: the current time)
--time-field route each lead at the time in this field (back-tests); leads without one use --now
`;

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, clock: () => number): number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    switch (args.command) {
      case 'validate':
        return validate(args, out);
      case 'route':
        return routeCommand(args, out, clock);
      case 'simulate':
        return simulateCommand(args, out, clock);
      case 'schema':
        out(JSON.stringify(configJsonSchema(), null, 2));
        return 0;
      case '':
      case 'help':
      case '--help':
        out(HELP);
        return args.command ? 0 : 2;
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`lead-routing: ${e.message}\n\n${HELP}`);
      return 2;
    }
    if (e instanceof CliError) {
      err(`lead-routing: ${e.message}`);
      return 1;
    }
    err(`lead-routing: unexpected error: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

function validate(args: ParsedArgs, out: (s: string) => void): number {
  const file = stringFlag(args.flags, 'config', true);
  const config = readConfig(file);
  const compiled = compileConfig(config);
  out(
    `${file}: valid — ${config.reps.length} reps, ${config.territories.length} territories, ` +
      `cascade ${config.cascade.join(' → ')}, version ${compiled.version}`,
  );
  return 0;
}

function baseNow(args: ParsedArgs, clock: () => number): number {
  const now = stringFlag(args.flags, 'now');
  if (now === undefined) return clock();
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new CliError(`--now "${now}" is not an ISO timestamp`);
  return ms;
}

/** The time each lead is routed at: its --time-field value when valid, else the base time. */
export function leadClock(args: ParsedArgs, clock: () => number): (lead: unknown) => Instant {
  const base = baseNow(args, clock);
  const field = stringFlag(args.flags, 'time-field');
  return lead => leadTime(lead, field, base);
}

function routeCommand(args: ParsedArgs, out: (s: string) => void, clock: () => number): number {
  const config = readConfig(stringFlag(args.flags, 'config', true));
  const leads = readLeads(stringFlag(args.flags, 'leads', true));
  const stateFile = stringFlag(args.flags, 'state');
  const state = stateFile ? readState(stateFile) : undefined;
  const timeOf = leadClock(args, clock);
  const router = createRouter(config, state, {trace: args.flags['no-trace'] !== true});
  const aliases = args.flags.aliases === true;
  const lines: string[] = [];
  leads.forEach((lead, i) => {
    const d = router.route(lead, timeOf(lead), i);
    lines.push(JSON.stringify(aliases ? withAliases(d) : d));
  });
  if (lines.length) out(lines.join('\n'));
  if (stateFile) writeState(stateFile, router.state());
  return 0;
}

function simulateCommand(args: ParsedArgs, out: (s: string) => void, clock: () => number): number {
  const configFile = stringFlag(args.flags, 'config', true);
  const compareFile = stringFlag(args.flags, 'compare');
  const configA = readConfig(configFile);
  const configB = compareFile ? readConfig(compareFile) : undefined;
  const leads = readLeads(stringFlag(args.flags, 'leads', true));
  const result = simulate(leads, configA, configB, leadClock(args, clock));
  if (args.flags.json === true) out(JSON.stringify(result));
  else out(formatSimulation(result, configFile, compareFile));
  return 0;
}

if (require.main === module) {
  const code = main(
    process.argv.slice(2),
    s => process.stdout.write(s + '\n'),
    s => process.stderr.write(s + '\n'),
    () => Date.now(),
  );
  process.exitCode = code;
}
