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

export const QUICK: TimingOptions = {runs: 3, runMs: 80, warmupMs: 60};
export const FULL: TimingOptions = {runs: 5, runMs: 250, warmupMs: 250};

/** Keeps results alive so the JIT cannot drop the work. */
export let sink = 0;
export function consume(x: unknown): void {
  if (x !== null && x !== undefined) sink++;
}

const nowNs = () => process.hrtime.bigint();

/**
 * A full collection before timing (when node runs with --expose-gc, as `npm run bench` does), so
 * the timed runs do not pay for promoting the scenario just built (leads, maps, compiled config).
 */
function settle(): void {
  const gc = (globalThis as {gc?: () => void}).gc;
  if (gc) {
    gc();
    gc();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(rates: number[], ops: number): Timing {
  const perSec = median(rates);
  return {perSec, nsPerOp: 1e9 / perSec, runs: rates, ops};
}

/** One synchronous operation under test; `op(i)` gets i = 0, 1, 2, ... (callers index inputs modulo their length). */
class SyncRunner {
  private i = 0;
  private chunk = 1;
  constructor(private readonly op: (i: number) => void) {}

  /** Runs for `ms`, growing the chunk until one takes about a millisecond. */
  warm(ms: number): void {
    const end = nowNs() + BigInt(Math.round(ms * 1e6));
    while (nowNs() < end) {
      const t0 = nowNs();
      for (let k = 0; k < this.chunk; k++) this.op(this.i++);
      if (Number(nowNs() - t0) < 1e6 && this.chunk < 1 << 20) this.chunk *= 2;
    }
  }

  /** Runs for about `ms`; returns [operations, seconds]. */
  run(ms: number): [number, number] {
    const t0 = nowNs();
    const end = t0 + BigInt(Math.round(ms * 1e6));
    let n = 0;
    let t = t0;
    do {
      for (let k = 0; k < this.chunk; k++) this.op(this.i++);
      n += this.chunk;
      t = nowNs();
    } while (t < end);
    return [n, Number(t - t0) / 1e9];
  }
}

/** One timing from several measured in separate isolates: the median over all their runs. */
export function mergeTimings(timings: Timing[]): Timing {
  return summary(
    timings.flatMap(t => t.runs),
    timings.reduce((n, t) => n + t.ops, 0),
  );
}

export function timeSync(op: (i: number) => void, opts: TimingOptions): Timing {
  return timeSyncGroup({op}, opts).op;
}

/**
 * Several operations timed in alternation (run 1 of each, then run 2 of each, ...), so a noisy
 * neighbour slows them alike and their ratios stay meaningful.
 */
export function timeSyncGroup<K extends string>(
  ops: Record<K, (i: number) => void>,
  opts: TimingOptions,
): Record<K, Timing> {
  const names = Object.keys(ops) as K[];
  const runners = names.map(k => new SyncRunner(ops[k]));
  settle();
  for (const r of runners) r.warm(opts.warmupMs);
  const rates = names.map(() => [] as number[]);
  const counts = names.map(() => 0);
  for (let run = 0; run < opts.runs; run++) {
    runners.forEach((r, k) => {
      const [n, sec] = r.run(opts.runMs);
      rates[k].push(n / sec);
      counts[k] += n;
    });
  }
  const out = {} as Record<K, Timing>;
  names.forEach((k, idx) => (out[k] = summary(rates[idx], counts[idx])));
  return out;
}

/** Async operations, `inFlight` at a time (1 = awaited one by one). */
export async function timeAsync(
  op: (i: number) => Promise<unknown>,
  inFlight: number,
  opts: TimingOptions,
): Promise<Timing> {
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
  settle();
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
