// Peer 1: the same territories as json-rules-engine rules (one rule per territory, its conditions
// under `all`/`any`). Every top-level condition gets a result (same-priority conditions are all
// evaluated), which gives the score; exact/partial are read from the rule results.
import {Engine, RuleResult, TopLevelCondition} from 'json-rules-engine';
import {AsyncMatcher, Best} from './pick';
import type {SynthCondition, SynthConfig} from './synth';

type RuleCondition = TopLevelCondition | {fact: string; operator: string; value: unknown};

function toRuleCondition(c: SynthCondition): RuleCondition {
  if (c.op === 'between') {
    return {
      all: [
        {fact: 'zipNum', operator: 'greaterThanInclusive', value: Number(c.values[0])},
        {fact: 'zipNum', operator: 'lessThanInclusive', value: Number(c.values[1])},
      ],
    };
  }
  if (c.op === 'prefix') return {fact: c.field, operator: 'startsWith', value: c.values[0]};
  return {fact: c.field, operator: 'in', value: c.values};
}

interface TopCondition {
  result?: boolean;
}

export function jreMatcher(config: SynthConfig): AsyncMatcher {
  const engine = new Engine([], {allowUndefinedFacts: true});
  engine.addOperator('startsWith', (a: unknown, b: unknown) => typeof a === 'string' && a.startsWith(String(b)));
  const territories = config.territories;
  territories.forEach((t, idx) => {
    const list = t.conditions.map(toRuleCondition);
    engine.addRule({
      name: String(idx),
      conditions: (t.match === 'all' ? {all: list} : {any: list}) as TopLevelCondition,
      event: {type: 'territory', params: {idx}},
    });
  });
  const score = (r: RuleResult, best: Best) => {
    const idx = Number(r.name);
    const t = territories[idx];
    const root = r.conditions as unknown as {all?: TopCondition[]; any?: TopCondition[]};
    const top = root.all ?? root.any ?? [];
    let held = 0;
    let s = t.priority;
    top.forEach((c, k) => {
      if (c.result === true) {
        held++;
        s += t.conditions[k].weight;
      }
    });
    best.add(idx, t.match === 'all', held, t.conditions.length, s);
  };
  return async lead => {
    const {results, failureResults} = await engine.run({
      zip: lead.zip,
      zipNum: Number(lead.zip),
      state: lead.state,
      productLine: lead.productLine,
    });
    const best = new Best(territories, config.partialMinScore);
    for (const r of results) score(r, best);
    for (const r of failureResults) score(r, best);
    return best.result();
  };
}
