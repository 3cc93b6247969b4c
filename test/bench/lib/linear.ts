// Baseline 1: a plain linear scan over every territory and condition, as a developer would write it.
import {Best, holds, Matcher, plainTerritories} from './pick';
import type {SynthConfig} from './synth';

export function linearMatcher(config: SynthConfig): Matcher {
  const territories = plainTerritories(config);
  const partialMin = config.partialMinScore;
  return lead => {
    const zip = lead.zip;
    const zipNum = Number(zip);
    const best = new Best(territories, partialMin);
    for (const t of territories) {
      let held = 0;
      let score = t.priority;
      for (const c of t.conditions) {
        if (holds(c, zip, zipNum, lead.state, lead.productLine)) {
          held++;
          score += c.weight;
        }
      }
      best.add(t.idx, t.all, held, t.conditions.length, score);
    }
    return best.result();
  };
}
