// Leads as a stream: CSV (delimiter sniffed), JSON Lines or a JSON array, from a file or stdin, in
// UTF-8, UTF-16 or Windows-1252. The format is read from the content (or --leads-format), never
// from the file name alone; memory stays flat in the number of leads (one record at a time).
import fs from 'node:fs';
import readline from 'node:readline';
import {Readable} from 'node:stream';
import {parse as parseCsv} from 'csv-parse';
import {parse as parseCsvSync} from 'csv-parse/sync';
import {parser as jsonParser} from 'stream-json';
import Pick from 'stream-json/filters/Pick';
import StreamArray from 'stream-json/streamers/StreamArray';
import {quote, warning, WARNING_CODES} from '../shared/warnings';
import type {RoutingWarning} from '../shared/types';
import {toUtf8} from './decode';
import {csvHead, JsonSniffer, type CsvHead} from './sniff';
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
  /** Warnings found while reading this lead (a duplicated column holding two values), for Router.route's `extra`. */
  warningsOf(lead: unknown): RoutingWarning[] | undefined;
  /** What was assumed about the whole file (its encoding, duplicated headers), as sentences; grows while reading. */
  notes: string[];
  /** Bytes consumed so far and the file's size (null for stdin or a pipe): for progress. */
  bytesRead(): number;
  size: number | null;
}

export interface LeadsOptions {
  format?: LeadsFormat;
  delimiter?: string;
  /** A WHATWG encoding label (`utf-8`, `windows-1252`, `utf-16le`, …); default: found from the bytes. */
  encoding?: string;
  /** Called with each note as it is found (see LeadSource.notes). */
  onNote?: (note: string) => void;
}

const CHUNK_BYTES = 64 * 1024;
/** A CSV header record longer than this is an unterminated quote, not a header. */
const MAX_HEADER_CHARS = 1024 * 1024;

/**
 * Opens `spec` ("-" for stdin), decodes it to UTF-8 (see toUtf8: BOM, UTF-16, Windows-1252 said
 * out loud) and decides its format: `--leads-format` when given, else the first non-blank
 * character (`[` a JSON array; `{` JSON Lines, or one JSON document when a line break or a
 * top-level `"leads": [` comes before the first value closes; anything else CSV). Reads as far as
 * the first record needs (a JSON Lines line, a CSV header with quoted line breaks), no further.
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
    raw = fs.createReadStream(spec, {fd, highWaterMark: CHUNK_BYTES});
  }
  let bytes = 0;
  async function* rawChunks(): AsyncGenerator<Buffer> {
    for await (const c of raw as AsyncIterable<Buffer | string>) {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      bytes += b.length;
      yield b;
    }
  }
  const notes: string[] = [];
  const note = (text: string) => {
    notes.push(text);
    opts.onNote?.(text);
  };
  const it = toUtf8(rawChunks(), name, opts.encoding, found => {
    if (found.note) note(found.note);
  })[Symbol.asyncIterator]();

  // Read until the format and the first record are known.
  const head: Buffer[] = [];
  let text = ''; // kept for a CSV header (bounded) and to find the first non-blank character
  let done = false;
  let format = opts.format;
  let firstChar = '';
  let json: JsonSniffer | null = null;
  let csv: CsvHead | null = null;
  for (;;) {
    const r = await it.next().catch(e => {
      throw new CliError(`cannot read leads ${name}: ${(e as Error).message}`);
    });
    let fresh = '';
    if (r.done) done = true;
    else {
      head.push(r.value);
      fresh = r.value.toString('utf8');
      if (firstChar === '' || format === 'csv' || (format === undefined && json === null)) text += fresh;
    }
    if (firstChar === '') {
      firstChar = text.trimStart().charAt(0);
      if (firstChar === '' && !done) continue;
      if (firstChar === '{' && format === undefined) {
        json = new JsonSniffer();
        fresh = text;
      } else if (format === undefined) format = firstChar === '[' ? 'json' : 'csv';
    }
    if (json && format === undefined) {
      format = json.feed(fresh) ?? (done ? json.end() : undefined);
      if (format === undefined) continue;
    }
    if (format === 'csv') {
      csv = csvHead(text, done);
      if (!csv) {
        if (text.length > MAX_HEADER_CHARS) {
          throw new CliError(
            `leads ${name}: the CSV header row does not end within ${MAX_HEADER_CHARS / 1024} KiB (an unterminated quote?)`,
          );
        }
        continue;
      }
    }
    break;
  }

  const skip = csv ? Buffer.byteLength(text.slice(0, csv.start)) : 0;
  async function* body(): AsyncGenerator<Buffer> {
    let left = skip;
    for (const b of head) {
      if (left >= b.length) {
        left -= b.length;
        continue;
      }
      yield left ? b.subarray(left) : b;
      left = 0;
    }
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  const stream = Readable.from(body(), {objectMode: false});
  const none = () => undefined;
  const base = {name, format: format!, bytesRead: () => bytes, size, notes, warningsOf: none};
  if (format === 'csv') {
    const delimiter = opts.delimiter ?? csv!.sep ?? sniffDelimiter(csv!.header);
    const headers = csv!.header.trim() === '' ? [] : headerRow(csv!.header, delimiter);
    const dups = duplicateHeaders(headers);
    const perLead = new WeakMap<object, RoutingWarning[]>();
    if (dups.size) {
      for (const [header, columns] of dups) {
        note(
          `leads ${name}: column ${JSON.stringify(header)} appears ${columns.length} times (columns ${columns.join(', ')}); ` +
            'each lead takes the first non-empty of them (a lead whose copies differ gets the warning duplicate_column)',
        );
      }
    }
    return {
      ...base,
      delimiter,
      headers,
      leads: csvLeads(stream, name, delimiter, dups, perLead),
      warningsOf: lead => (typeof lead === 'object' && lead !== null ? perLead.get(lead) : undefined),
    };
  }
  if (format === 'jsonl') return {...base, leads: jsonlLeads(stream, name)};
  return {...base, leads: jsonLeads(stream, name, firstChar === '{')};
}

/** The format of a leads file from its first characters, as openLeads decides it (without a length limit). */
export function sniffFormat(peek: string): LeadsFormat {
  const text = peek.trimStart();
  if (text.startsWith('[')) return 'json';
  if (!text.startsWith('{')) return 'csv';
  const json = new JsonSniffer();
  return json.feed(text) ?? json.end();
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

/** Header names given to more than one column (blank names aside) -> their 1-based column numbers. */
export function duplicateHeaders(headers: string[]): Map<string, number[]> {
  const at = new Map<string, number[]>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const list = at.get(h);
    if (list) list.push(i + 1);
    else at.set(h, [i + 1]);
  });
  for (const [h, list] of at) if (list.length < 2) at.delete(h);
  return at;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * A record csv-parse built with `group_columns_by_name` (a duplicated header's values as an array)
 * back to one value per field: the first non-empty copy. A warning when the copies disagree.
 */
function firstOfDuplicates(rec: Record<string, unknown>, dups: Map<string, number[]>): RoutingWarning[] | undefined {
  let warnings: RoutingWarning[] | undefined;
  for (const [header, columns] of dups) {
    const values = rec[header];
    if (!Array.isArray(values)) continue;
    const filled = values.filter(v => !isBlank(v));
    const chosen = filled.length ? filled[0] : (values[0] ?? '');
    rec[header] = chosen;
    const distinct = [...new Set(filled.map(v => String(v).trim()))];
    if (distinct.length > 1) {
      (warnings ??= []).push(
        warning(
          WARNING_CODES.duplicateColumn,
          `Column ${JSON.stringify(header)} appears ${columns.length} times and this lead holds ` +
            `${distinct.map(v => quote(v)).join(' and ')} there; the first non-empty, ${quote(chosen)}, was used.`,
          header,
          chosen,
        ),
      );
    }
  }
  return warnings;
}

async function* csvLeads(
  stream: Readable,
  name: string,
  delimiter: string,
  dups: Map<string, number[]>,
  perLead: WeakMap<object, RoutingWarning[]>,
): AsyncGenerator<unknown> {
  const parser = stream.pipe(
    parseCsv({
      columns: true,
      group_columns_by_name: dups.size > 0,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      delimiter,
    }),
  );
  stream.on('error', e => parser.destroy(e));
  try {
    for await (const rec of parser) {
      if (dups.size) {
        const w = firstOfDuplicates(rec, dups);
        if (w) perLead.set(rec, w);
      }
      yield rec;
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
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
