// Peer 2: the same territories as one @gorules/zen-engine decision table (hit policy "collect"),
// one row per territory condition; the rows that hit give each territory's held conditions, from
// which exact/partial and the score follow exactly as in the other matchers.
import {ZenDecision, ZenEngine} from '@gorules/zen-engine';
import {AsyncMatcher, Best} from './pick';
import type {SynthCondition, SynthConfig} from './synth';

const quote = (v: string) => JSON.stringify(v);

function cell(c: SynthCondition): {column: 'zn' | 'z' | 's' | 'p'; test: string} {
  if (c.op === 'between') return {column: 'zn', test: `[${Number(c.values[0])}..${Number(c.values[1])}]`};
  if (c.op === 'prefix') return {column: 'z', test: `startsWith($, ${quote(c.values[0])})`};
  const list = c.values.map(quote).join(', ');
  return {column: c.field === 'zip' ? 'z' : c.field === 'state' ? 's' : 'p', test: list};
}

export function zenContent(config: SynthConfig): object {
  const rules: Record<string, string>[] = [];
  config.territories.forEach((t, idx) => {
    t.conditions.forEach((c, k) => {
      const row: Record<string, string> = {
        _id: `${idx}.${k}`,
        zn: '',
        z: '',
        s: '',
        p: '',
        t: String(idx),
        c: String(k),
      };
      const {column, test} = cell(c);
      row[column] = test;
      rules.push(row);
    });
  });
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      {id: 'in', type: 'inputNode', name: 'Lead', position: {x: 0, y: 0}},
      {
        id: 'territories',
        type: 'decisionTableNode',
        name: 'Territories',
        position: {x: 300, y: 0},
        content: {
          hitPolicy: 'collect',
          inputs: [
            {id: 'zn', name: 'Zip (number)', field: 'zipNum'},
            {id: 'z', name: 'Zip', field: 'zip'},
            {id: 's', name: 'State', field: 'state'},
            {id: 'p', name: 'Product line', field: 'productLine'},
          ],
          outputs: [
            {id: 't', name: 'Territory', field: 't'},
            {id: 'c', name: 'Condition', field: 'c'},
          ],
          rules,
        },
      },
      {id: 'out', type: 'outputNode', name: 'Hits', position: {x: 600, y: 0}},
    ],
    edges: [
      {id: 'e1', type: 'edge', sourceId: 'in', targetId: 'territories'},
      {id: 'e2', type: 'edge', sourceId: 'territories', targetId: 'out'},
    ],
  };
}

export interface ZenPeer {
  match: AsyncMatcher;
  dispose(): void;
}

export function zenMatcher(config: SynthConfig): ZenPeer {
  const engine = new ZenEngine();
  const decision: ZenDecision = engine.createDecision(zenContent(config));
  const territories = config.territories;
  const match: AsyncMatcher = async lead => {
    const res = await decision.evaluate({
      zipNum: Number(lead.zip),
      zip: lead.zip,
      state: lead.state,
      productLine: lead.productLine,
    });
    const hits = (res.result ?? []) as {t: number; c: number}[];
    const held = new Map<number, {n: number; score: number}>();
    for (const h of hits) {
      const t = territories[h.t];
      const acc = held.get(h.t) ?? {n: 0, score: t.priority};
      acc.n++;
      acc.score += t.conditions[h.c].weight;
      held.set(h.t, acc);
    }
    const best = new Best(territories, config.partialMinScore);
    for (const [idx, acc] of held) {
      const t = territories[idx];
      best.add(idx, t.match === 'all', acc.n, t.conditions.length, acc.score);
    }
    return best.result();
  };
  return {match, dispose: () => engine.dispose()};
}
