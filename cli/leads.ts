// Leads as a stream: CSV (delimiter sniffed), JSON Lines or a JSON array, from a file or stdin.
// The format is read from the content (or --leads-format), never from the file name alone; memory
// stays flat in the number of leads (one record at a time).
import fs from 'node:fs';
import readline from 'node:readline';
import {Readable} from 'node:stream';
import {parse as parseCsv} from 'csv-parse';
import {parse as parseCsvSync} from 'csv-parse/sync';
import {parser as jsonParser} from 'stream-json';
import Pick from 'stream-json/filters/Pick';
import StreamArray from 'stream-json/streamers/StreamArray';
import {CliError} from './verb';

export const LEADS_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type LeadsFormat = (typeof LEADS_FORMATS)[number];

/** Delimiters tried on a CSV header row (Excel writes `;` in European locales, exports use tab). */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

export interface LeadSource {
  /** The file name, or "stdin". */
  name: string;
  format: LeadsFormat;
  /** CSV only: the delimiter used and the header row. */
  delimiter?: string;
  headers?: string[];
  /** The leads in file order; throws CliError naming the file (and line) on unreadable input. */
  leads: AsyncIterable<unknown>;
  /** Bytes consumed so far and the file's size (null for stdin or a pipe): for progress. */
  bytesRead(): number;
  size: number | null;
}

export interface LeadsOptions {
  format?: LeadsFormat;
  delimiter?: string;
}

const PEEK_BYTES = 64 * 1024;

/**
 * Opens `spec` ("-" for stdin) and decides its format: `--leads-format` when given, else the first
 * non-blank character (`[` a JSON array, `{` JSON Lines or `{"leads": [...]}`, anything else CSV).
 */
export async function openLeads(spec: string, stdin: Readable, opts: LeadsOptions = {}): Promise<LeadSource> {
  const name = spec === '-' ? 'stdin' : spec;
  let raw: Readable;
  let size: number | null = null;
  if (spec === '-') raw = stdin;
  else {
    let fd: number;
    try {
      fd = fs.openSync(spec, 'r');
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) throw Object.assign(new Error(), {code: 'EISDIR'});
      if (st.isFile()) size = st.size;
    } catch (e) {
      throw new CliError(`cannot read leads ${spec}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    raw = fs.createReadStream(spec, {fd, highWaterMark: PEEK_BYTES});
  }
  let bytes = 0;
  const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let headLen = 0;
  let done = false;
  // Peek until the first line is complete (or 64 KiB, or the end).
  while (headLen < PEEK_BYTES) {
    const r = await it.next().catch(e => {
      throw new CliError(`cannot read leads ${name}: ${(e as Error).message}`);
    });
    if (r.done) {
      done = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    head.push(b);
    headLen += b.length;
    const text = Buffer.concat(head)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    if (/\S[^\n]*\n/.test(text)) break;
  }
  async function* body() {
    for (const b of head) {
      bytes += b.length;
      yield b;
    }
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      bytes += b.length;
      yield b;
    }
  }
  const stream = Readable.from(body(), {objectMode: false});
  const peek = Buffer.concat(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const format = opts.format ?? sniffFormat(peek);
  const base = {name, format, bytesRead: () => bytes, size};
  if (format === 'csv') {
    const firstLine = peek.split(/\r?\n/).find(l => l.trim() !== '') ?? '';
    const delimiter = opts.delimiter ?? sniffDelimiter(firstLine);
    const headers = headerRow(firstLine, delimiter);
    return {...base, delimiter, headers, leads: csvLeads(stream, name, delimiter)};
  }
  if (format === 'jsonl') return {...base, leads: jsonlLeads(stream, name)};
  return {...base, leads: jsonLeads(stream, name, peek.trimStart().startsWith('{'))};
}

/** The format of a leads file from its first characters (see openLeads). */
export function sniffFormat(peek: string): LeadsFormat {
  const text = peek.trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const nl = text.indexOf('\n');
    if (nl < 0) return 'json';
    try {
      const first = JSON.parse(text.slice(0, nl));
      return first && typeof first === 'object' && Array.isArray(first.leads) ? 'json' : 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}

/**
 * The delimiter of a CSV header row: the candidate that splits it into the most fields, as parsed
 * by csv-parse (so quoted headers holding a delimiter count once). Ties go to the comma.
 */
export function sniffDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 1;
  for (const d of CSV_DELIMITERS) {
    const n = headerRow(headerLine, d).length;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function headerRow(line: string, delimiter: string): string[] {
  try {
    const rows = parseCsvSync(line, {delimiter, bom: true, relax_quotes: true, trim: true}) as string[][];
    return rows[0] ?? [];
  } catch {
    return [line];
  }
}

async function* csvLeads(stream: Readable, name: string, delimiter: string): AsyncGenerator<unknown> {
  const parser = stream.pipe(
    parseCsv({columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, delimiter}),
  );
  stream.on('error', e => parser.destroy(e));
  try {
    for await (const rec of parser) yield rec;
  } catch (e) {
    throw new CliError(`leads ${name} is not valid CSV: ${(e as Error).message}`);
  }
}

async function* jsonlLeads(stream: Readable, name: string): AsyncGenerator<unknown> {
  const lines = readline.createInterface({input: stream, crlfDelay: Infinity});
  let n = 0;
  for await (const line of lines) {
    n++;
    const text = n === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (!text.trim()) continue;
    try {
      yield JSON.parse(text);
    } catch (e) {
      throw new CliError(`leads ${name} line ${n} is not valid JSON: ${(e as Error).message}`);
    }
  }
}

/** The part of stream-json's (v1) Assembler that builds values: `current` is the object or array being filled. */
interface ValueAssembler {
  done: boolean;
  current: unknown;
  key: string | null;
  _saveValue(value: unknown): void;
  stringValue(value: unknown): void;
}

/**
 * stream-json assembles objects with `object[key] = value`, so a lead field named `__proto__` would replace the
 * object's prototype and vanish. Store every field as an own property, as JSON.parse (and the JSON Lines reader) does.
 */
function ownFieldsAsJsonParse(items: StreamArray): StreamArray {
  const assembler = (items as unknown as {_assembler: ValueAssembler})._assembler;
  const save = function (this: ValueAssembler, value: unknown): void {
    if (this.done) this.current = value;
    else if (Array.isArray(this.current)) this.current.push(value);
    else {
      Object.defineProperty(this.current, this.key as string, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      this.key = null;
    }
  };
  assembler._saveValue = save;
  assembler.stringValue = save;
  return items;
}

async function* jsonLeads(stream: Readable, name: string, wrapped: boolean): AsyncGenerator<unknown> {
  const source = stream.pipe(jsonParser());
  stream.on('error', e => source.destroy(e));
  let picked = !wrapped;
  let tokens: Readable = source;
  if (wrapped) {
    const pick = new Pick({filter: 'leads'});
    pick.once('data', () => (picked = true));
    tokens = source.pipe(pick);
    source.on('error', e => pick.destroy(e));
  }
  const items = tokens.pipe(ownFieldsAsJsonParse(new StreamArray()));
  tokens.on('error', e => items.destroy(e));
  try {
    for await (const item of items) yield (item as {value: unknown}).value;
  } catch (e) {
    const msg = (e as Error).message;
    if (/should be an array/i.test(msg)) {
      throw new CliError(`leads ${name} must hold a JSON array of leads (or {"leads": [...]})`);
    }
    throw new CliError(`leads ${name} is not valid JSON: ${msg}`);
  }
  if (!picked) throw new CliError(`leads ${name} must hold a JSON array of leads (or {"leads": [...]})`);
}
