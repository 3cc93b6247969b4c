import {compileConfig} from '../../shared/compile';
import {lintConfig} from '../../shared/lint';
import {stringFlag} from '../args';
import {readConfig} from '../io';
import {println, type Verb} from '../verb';
import {findingLines} from './lint';

export const validateVerb: Verb = {
  name: 'validate',
  summary: 'check a config: every problem with its path, then lint warnings',
  synopsis: '--config C.json',
  flags: {config: {type: 'string', value: 'FILE', file: 'in', help: 'the routing config (JSON)'}},
  details:
    'Exit 0 when valid (a one-line summary on stdout, then the warnings of "lead-routing lint" if any);\n' +
    'exit 1 listing every problem with its path. Warnings alone never fail validate (use lint --strict).',
  examples: ['lead-routing validate --config routing.json'],
  async run(flags, io) {
    const file = stringFlag(flags, 'config', true);
    const config = readConfig(file);
    const compiled = compileConfig(config);
    println(
      io.stdout,
      `${file}: valid — ${config.reps.length} reps, ${config.territories.length} territories, ` +
        `cascade ${config.cascade.join(' → ')}, version ${compiled.version}`,
    );
    const report = lintConfig(compiled);
    if (report.findings.length) {
      const n = report.findings.length;
      println(
        io.stdout,
        [`${n} warning${n === 1 ? '' : 's'} (see "lead-routing lint"):`, ...findingLines(report)].join('\n'),
      );
    }
    return 0;
  },
};
