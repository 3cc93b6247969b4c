// The routing core as the benchmark sees it: passed in as a module (the freshly bundled core from
// run.mjs, or shared/ itself under jest), so the bench measures exactly what ships.
import type * as CoreModule from '../../../shared/index';
import type {Matcher} from './pick';

export type Core = typeof CoreModule;
export type Compiled = ReturnType<Core['compileConfig']>;

export function coreMatcher(core: Core, compiled: Compiled): Matcher {
  return lead => {
    const r = core.bestTerritories(compiled, lead);
    return {
      exactId: r.exact ? r.exact.territoryId : null,
      exactScore: r.exact ? r.exact.score : null,
      partialId: r.partial ? r.partial.territoryId : null,
      partialScore: r.partial ? r.partial.score : null,
    };
  };
}
