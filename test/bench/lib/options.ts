import {FULL, QUICK, TimingOptions} from './measure';

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  n8n: boolean;
  /** Sections to run (--only=core,peers,memory,sizes,apps-script,cli,n8n); all by default. */
  only: Set<string> | null;
  /** Leads per synthetic scenario. */
  leads: number;
  timing: TimingOptions;
  /** Territory counts of the synthetic maps. */
  sizes: number[];
  /** Territory counts for the peers (json-rules-engine is slow past 1,000). */
  peerSizes: number[];
  /** Leads routed for the state-size measurement. */
  stateLeads: number;
  /** Leads in the generated CSV of the command-line section (1,000,000; --quick 100,000). */
  cliLeads: number;
  /** Project root (for samples and bundle sizes). */
  root: string;
  log: (line: string) => void;
}

export function parseArgs(argv: string[], root: string): BenchOptions {
  const quick = argv.includes('--quick');
  const json = argv.includes('--json');
  const onlyArg = argv.find(a => a.startsWith('--only='));
  return {
    quick,
    json,
    n8n: argv.includes('--n8n') || argv.some(a => a.startsWith('--only=') && a.includes('n8n')),
    only: onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null,
    leads: quick ? 5_000 : 20_000,
    timing: quick ? QUICK : FULL,
    sizes: [10, 100, 1000, 10000],
    peerSizes: [10, 100, 1000],
    stateLeads: 100_000,
    cliLeads: quick ? 100_000 : 1_000_000,
    root,
    // With --json, progress goes to stderr so stdout ends with the JSON line.
    log: json ? line => process.stderr.write(line + '\n') : line => process.stdout.write(line + '\n'),
  };
}
