import {compileConfig} from '../../shared/compile';
import {stringFlag} from '../args';
import {readConfig} from '../io';
import {println, type Verb} from '../verb';

export const validateVerb: Verb = {
  name: 'validate',
  summary: 'check a config: every problem with its path',
  synopsis: '--config C.json',
  flags: {config: {type: 'string', value: 'FILE', help: 'the routing config (JSON)'}},
  details: 'Exit 0 when valid (a one-line summary on stdout); exit 1 listing every problem with its path.',
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
    return 0;
  },
};
