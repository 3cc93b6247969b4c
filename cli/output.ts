// Decisions out as they are made: JSON Lines, CSV or one JSON array, to stdout or --out FILE.
// Writes are buffered in 64 KiB slices and wait for the stream to drain, so memory stays flat. A
// reader that goes away (`route … | head`) ends the run quietly: `closed` turns true, nothing throws.
import fs from 'node:fs';
import type {Writable} from 'node:stream';
import type {Decision} from '../shared/types';
import {csvRow} from './csvCell';
import {CliError} from './verb';

export const OUTPUT_FORMATS = ['jsonl', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const SLICE = 64 * 1024;

/** A byte sink with backpressure that never throws on a closed pipe. */
export class Sink {
  closed = false;
  private buf = '';
  private failure: Error | null = null;
  constructor(
    private readonly stream: Writable,
    private readonly name: string,
    private readonly owned: boolean,
  ) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else this.failure = e;
    });
  }

  /** Opens `file` for writing (truncating), or wraps stdout when `file` is undefined or "-". */
  static open(file: string | undefined, stdout: Writable): Sink {
    if (file === undefined || file === '-') return new Sink(stdout, 'stdout', false);
    let fd: number;
    try {
      fd = fs.openSync(file, 'w');
    } catch (e) {
      throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return new Sink(fs.createWriteStream(file, {fd}), file, true);
  }

  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= SLICE) await this.flush();
  }

  async flush(): Promise<void> {
    this.check();
    if (this.closed || !this.buf) {
      this.buf = '';
      return;
    }
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await this.drained();
    this.check();
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.owned) return;
    await new Promise<void>(resolve => this.stream.end(resolve));
    this.check();
  }

  private drained(): Promise<void> {
    return new Promise(resolve => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }

  private check(): void {
    if (this.failure) throw new CliError(`cannot write ${this.name}: ${this.failure.message}`);
  }
}

/** CSV columns of a decision (warnings as their codes joined by `;`). */
export const CSV_COLUMNS = [
  'leadId',
  'ownerId',
  'ownerName',
  'ownerEmail',
  'stage',
  'territoryId',
  'territoryName',
  'score',
  'reason',
  'decidedAt',
  'configVersion',
  'warnings',
] as const;

/** Columns `--aliases` adds (the seed's names, kept for CRM custom fields). */
export const ALIAS_COLUMNS = ['matched_territory_id', 'priority_score', 'assignment_reason'] as const;

/** How decisions are written: see DecisionWriter. */
export interface WriterOptions {
  /** False: leave each decision's `candidates` out (`--no-trace`). Default true. */
  trace?: boolean;
  /** CSV: add ALIAS_COLUMNS (the decisions carry them; JSON formats write them as keys). */
  aliases?: boolean;
  /** CSV: write cells as they are, without neutralising formulas (`--raw-csv`). */
  raw?: boolean;
}

/** Formats decisions one at a time for a sink. */
export class DecisionWriter {
  private count = 0;
  private readonly columns: readonly string[];
  constructor(
    private readonly sink: Sink,
    private readonly format: OutputFormat,
    private readonly opts: WriterOptions = {},
  ) {
    this.columns = opts.aliases ? [...CSV_COLUMNS, ...ALIAS_COLUMNS] : CSV_COLUMNS;
  }

  get closed(): boolean {
    return this.sink.closed;
  }

  async write(d: Decision | Record<string, unknown>): Promise<void> {
    const first = this.count++ === 0;
    if (this.format !== 'csv') {
      let out: object = d;
      if (this.opts.trace === false && 'candidates' in d) {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const {candidates, ...rest} = d;
        out = rest;
      }
      if (this.format === 'jsonl') return this.sink.write(JSON.stringify(out) + '\n');
      return this.sink.write((first ? '[\n' : ',\n') + JSON.stringify(out));
    }
    const header = first ? csvRow(this.columns) : '';
    const rec = d as Record<string, unknown>;
    const row = this.columns.map(c => {
      if (c !== 'warnings') return rec[c];
      const w = rec.warnings as Array<{code: string}> | undefined;
      return w ? w.map(x => x.code).join(';') : '';
    });
    return this.sink.write(header + csvRow(row, this.opts.raw));
  }

  async end(): Promise<void> {
    if (this.format === 'json') await this.sink.write(this.count ? '\n]\n' : '[]\n');
    await this.sink.end();
  }
}
