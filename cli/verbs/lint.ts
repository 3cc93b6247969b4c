// `lint`: what a config does that its author probably did not mean (the core's shared/lint), and with
// sample leads the share each territory and stage catches.
import {compileConfig} from '../../shared/compile';
import {findingPlace, lintConfig, SampleTally, type LintReport} from '../../shared/lint';
import {choiceFlag, stringFlag} from '../args';
import {checkHeaders, readConfig} from '../io';
import {leadClock} from '../leadClock';
import {Progress} from '../progress';
import {table} from '../table';
import {println, type Verb} from '../verb';
import {shellWarnings, WarningTally} from '../warnings';
import {LEAD_FLAGS, openLeadFlags} from './common';

export const lintVerb: Verb = {
  name: 'lint',
  summary: 'find rules that never win, ties, ZIP gaps, idle reps… (optionally on sample leads)',
  synopsis:
    '--config C.json [--leads sample.csv] [--strict] [--format text|json]\n' +
    '       [--now ISO] [--time-field PATH] [--timezone IANA] [--date-order MDY|DMY]',
  flags: {
    config: {type: 'string', value: 'FILE', file: 'in', help: 'the routing config (JSON)'},
    ...LEAD_FLAGS,
    leads: {
      type: 'string',
      value: 'FILE',
      help: 'sample leads (optional): coverage per territory and stage; "-" reads stdin',
    },
    strict: {type: 'boolean', help: 'exit 1 when there is any warning'},
    format: {type: 'string', value: 'text|json', help: 'report format (default text)'},
  },
  details:
    'Each warning has a code, the config path it is about and one sentence; codes are listed in\n' +
    'docs/contract.md "Lint findings". With --leads, the leads are routed from empty state (at --now,\n' +
    'or each at its --time-field) and the report adds the share of leads each territory catches and\n' +
    'the share falling to specialist, pool and default, with the sample leads’ own warnings by code\n' +
    'and what was assumed about the file (encoding, a header given to two columns). Exit 0 (warnings\n' +
    'or not) unless --strict; exit 1 for an invalid config, unreadable leads, or with --strict any\n' +
    'warning (of the config; the sample leads’ warnings do not count).',
  examples: [
    'lead-routing lint --config routing.json',
    'lead-routing lint --config routing.json --leads last-month.csv --time-field createdAt',
    'lead-routing lint --config routing.json --strict --format json',
  ],
  async run(flags, io) {
    const file = stringFlag(flags, 'config', true);
    const format = choiceFlag(flags, 'format', ['text', 'json'] as const) ?? 'text';
    const config = readConfig(file);
    const compiled = compileConfig(config);
    let sample: SampleTally | undefined;
    let about: SampleReport | undefined;
    let warningLines: string[] = [];
    if (flags.leads !== undefined) {
      const clock = leadClock(flags, io.clock, config);
      // What was assumed about the file (a duplicated header, its encoding) goes in the report, not stderr.
      const source = await openLeadFlags(flags, io, {notes: false});
      checkHeaders(source.headers, config, source.name, source.delimiter, [clock.field]);
      sample = new SampleTally(compiled);
      const warnings = new WarningTally();
      const progress = new Progress(io.stderr, source.bytesRead, source.size, flags.quiet === true);
      for await (const lead of source.leads) {
        const {time, warning} = clock.timeOf(lead);
        warnings.add(sample.add(lead, time, shellWarnings(warning, source.warningsOf(lead))).warnings);
        progress.tick();
      }
      progress.done();
      about = {
        file: source.name,
        notes: source.notes,
        warnings: warnings.counts(),
        leadsWithWarnings: warnings.leadsWithWarnings,
      };
      for (const n of source.notes) warnings.note(n);
      warningLines = warnings.lines(sample.coverage().leads);
    }
    const report = lintConfig(compiled, sample);
    const json = about ? {...report, sample: about} : report;
    println(io.stdout, format === 'json' ? JSON.stringify(json) : formatLint(report, file, about, warningLines));
    return flags.strict === true && report.findings.length > 0 ? 1 : 0;
  },
};

/** The findings as lines `code  path "name": message` (empty when there are none). */
export function findingLines(report: LintReport): string[] {
  const w = Math.max(0, ...report.findings.map(f => f.code.length));
  return report.findings.map(f => `  ${f.code.padEnd(w)}  ${findingPlace(f)}: ${f.message}`);
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '0.0%');

/** What lint --leads says about the sample file itself: notes on reading it, lead warnings by code. */
export interface SampleReport {
  /** The leads file as given, or "stdin". */
  file: string;
  /** What was assumed about the whole file (a header given to two columns, its encoding). */
  notes: string[];
  /** Sample leads per warning code (a lead counted once per code), e.g. duplicate_column. */
  warnings: Record<string, number>;
  leadsWithWarnings: number;
}

/** The text report; `warningLines`: the sample's warnings and notes (WarningTally.lines). */
export function formatLint(
  report: LintReport,
  file: string,
  sample?: SampleReport,
  warningLines: string[] = [],
): string {
  const n = report.findings.length;
  const out = [n ? `${file}: ${n} warning${n === 1 ? '' : 's'}` : `${file}: no warnings`, ...findingLines(report)];
  const cov = report.coverage;
  if (cov) {
    const name = sample?.file ?? 'leads';
    out.push('', `sample ${name}: ${cov.leads} lead${cov.leads === 1 ? '' : 's'} routed from empty state`);
    out.push(...warningLines.map(l => `  ${l}`), '');
    out.push(
      table(
        ['territory', 'exact', 'partial', 'share'],
        cov.territories.map(t => [t.id, t.exact, t.partial, pct(t.exact + t.partial, cov.leads)]),
      ),
    );
    out.push(
      '',
      table(
        ['stage', 'leads', 'share'],
        cov.stageOrder.map(s => [s, cov.stages[s] ?? 0, pct(cov.stages[s] ?? 0, cov.leads)]),
      ),
    );
  }
  return out.join('\n');
}
