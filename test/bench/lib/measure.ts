// Timing: warm up, then several timed runs; the median run is reported. Work is done in chunks
// sized so the clock is read about once a millisecond.
export interface Timing {
  /** Operations per second, median run. */
  perSec: number;
  /** Nanoseconds per operation, median run. */
  nsPerOp: number;
  runs: number[];
  /** Operations done in all timed runs. */
  ops: number;
}

export interface TimingOptions {
  runs: number;
  runMs: number;
  warmupMs: number;
}

export const QUICK: TimingOptions = {runs: 3, runMs: 120, warmupMs: 80};
export const FULL: TimingOptions = {runs: 7, runMs: 300, warmupMs: 300};

/** Keeps results alive so the JIT cannot drop the work. */
export let sink = 0;
export function consume(x: unknown): void {
  if (x !== null && x !== undefined) sink++;
}

const nowNs = () => process.hrtime.bigint();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function summary(rates: number[], ops: number): Timing {
  const perSec = median(rates);
  return {perSec, nsPerOp: 1e9 / perSec, runs: rates, ops};
}

/** `op(i)` is called with i = 0, 1, 2, ... (callers index their inputs modulo their length). */
export function timeSync(op: (i: number) => void, opts: TimingOptions): Timing {
  let i = 0;
  let chunk = 1;
  // Warm-up, growing the chunk until one takes about a millisecond.
  const warmEnd = nowNs() + BigInt(opts.warmupMs * 1e6);
  while (nowNs() < warmEnd) {
    const t0 = nowNs();
    for (let k = 0; k < chunk; k++) op(i++);
    if (Number(nowNs() - t0) < 1e6 && chunk < 1 << 20) chunk *= 2;
  }
  const rates: number[] = [];
  let ops = 0;
  for (let r = 0; r < opts.runs; r++) {
    const t0 = nowNs();
    const end = t0 + BigInt(opts.runMs * 1e6);
    let n = 0;
    let t = t0;
    do {
      for (let k = 0; k < chunk; k++) op(i++);
      n += chunk;
      t = nowNs();
    } while (t < end);
    rates.push(n / (Number(t - t0) / 1e9));
    ops += n;
  }
  return summary(rates, ops);
}

/** Async operations, `inFlight` at a time (1 = awaited one by one). */
export async function timeAsync(op: (i: number) => Promise<unknown>, inFlight: number, opts: TimingOptions): Promise<Timing> {
  let i = 0;
  const runFor = async (ms: number): Promise<{n: number; ns: number}> => {
    const t0 = nowNs();
    const end = t0 + BigInt(Math.round(ms * 1e6));
    let n = 0;
    const worker = async () => {
      while (nowNs() < end) {
        consume(await op(i++));
        n++;
      }
    };
    await Promise.all(Array.from({length: inFlight}, worker));
    return {n, ns: Number(nowNs() - t0)};
  };
  await runFor(opts.warmupMs);
  const rates: number[] = [];
  let ops = 0;
  for (let r = 0; r < opts.runs; r++) {
    const {n, ns} = await runFor(opts.runMs);
    rates.push(n / (ns / 1e9));
    ops += n;
  }
  return summary(rates, ops);
}
