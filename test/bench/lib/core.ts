// The routing core as the benchmark sees it: passed in as a module (the freshly bundled core from
// run.mjs, or shared/ itself under jest), so the bench measures exactly what ships.
import type * as CoreModule from '../../../shared/index';
import type {Matcher} from './pick';

export type Core = typeof CoreModule;
export type Compiled = ReturnType<Core['compileConfig']>;

export function coreMatcher(core: Core, compiled: Compiled): Matcher {
  return lead => {
    const r = core.matchTerritories(compiled, lead);
    const p = r.partial[0];
    return {
      exactId: r.winner ? r.winner.territoryId : null,
      exactScore: r.winner ? r.winner.score : null,
      partialId: p ? p.territoryId : null,
      partialScore: p ? p.score : null,
    };
  };
}
