// Baseline 2: a hand-indexed matcher, the practical limit for this work in plain JS. Maps from
// state, 3-digit zip prefix and product line to the territories that test them; only those
// candidates are scored.
import {
  Best,
  FIELD_PRODUCT,
  FIELD_STATE,
  FIELD_ZIP,
  holds,
  Matcher,
  OP_BETWEEN,
  OP_IN,
  OP_PREFIX,
  plainTerritories,
} from './pick';
import type {SynthConfig} from './synth';

function addTo<K>(map: Map<K, number[]>, key: K, idx: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [idx]);
  else if (list[list.length - 1] !== idx) list.push(idx);
}

export function indexedMatcher(config: SynthConfig): Matcher {
  const territories = plainTerritories(config);
  const partialMin = config.partialMinScore;
  const byZip3 = new Map<number, number[]>();
  const byState = new Map<string, number[]>();
  const byProduct = new Map<string, number[]>();
  const always: number[] = [];
  for (const t of territories) {
    let indexed = false;
    for (const c of t.conditions) {
      if (c.field === FIELD_ZIP && c.op === OP_BETWEEN) {
        for (let p = Math.floor(c.lo / 100); p <= Math.floor(c.hi / 100); p++) addTo(byZip3, p, t.idx);
        indexed = true;
      } else if (c.field === FIELD_ZIP && c.op === OP_PREFIX && c.prefix.length >= 3) {
        addTo(byZip3, Number(c.prefix.slice(0, 3)), t.idx);
        indexed = true;
      } else if (c.field === FIELD_ZIP && c.op === OP_IN) {
        for (const z of c.set) addTo(byZip3, Math.floor(Number(z) / 100), t.idx);
        indexed = true;
      } else if (c.field === FIELD_STATE && c.op === OP_IN) {
        for (const s of c.set) addTo(byState, s, t.idx);
        indexed = true;
      } else if (c.field === FIELD_PRODUCT && c.op === OP_IN) {
        for (const p of c.set) addTo(byProduct, p, t.idx);
        indexed = true;
      }
    }
    if (!indexed) always.push(t.idx);
  }
  const seen = new Int32Array(territories.length).fill(-1);
  let stamp = 0;
  const empty: number[] = [];
  return lead => {
    const zip = lead.zip;
    const zipNum = Number(zip);
    const state = lead.state;
    const product = lead.productLine;
    const best = new Best(territories, partialMin);
    const s = stamp++;
    const lists = [
      byZip3.get(Math.floor(zipNum / 100)) ?? empty,
      byState.get(state) ?? empty,
      byProduct.get(product) ?? empty,
      always,
    ];
    for (const list of lists) {
      for (let k = 0; k < list.length; k++) {
        const idx = list[k];
        if (seen[idx] === s) continue;
        seen[idx] = s;
        const t = territories[idx];
        let held = 0;
        let score = t.priority;
        for (const c of t.conditions) {
          if (holds(c, zip, zipNum, state, product)) {
            held++;
            score += c.weight;
          }
        }
        best.add(idx, t.all, held, t.conditions.length, score);
      }
    }
    return best.result();
  };
}
