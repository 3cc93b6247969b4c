import {configJsonSchema} from '../../shared/index';
import {println, type Verb} from '../verb';

export const schemaVerb: Verb = {
  name: 'schema',
  summary: 'print the config’s JSON Schema',
  synopsis: '',
  flags: {},
  examples: ['lead-routing schema > routing-config.schema.json'],
  async run(_flags, io) {
    println(io.stdout, JSON.stringify(configJsonSchema(), null, 2));
    return 0;
  },
};
