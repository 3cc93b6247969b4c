// Deciding what a leads file is from its first record, however long that record is: a JSON Lines
// file whose first lead is 200 KB, or a CSV header cell holding a quoted line break, must not be
// mistaken for something else because a fixed-size peek ended inside it.

export type JsonShape = 'json' | 'jsonl';

/**
 * Reads the start of a text that begins with `{` a chunk at a time and decides whether it is JSON
 * Lines (the first value closes on its first line and something follows, if only a line break) or
 * one JSON document (a line break inside the first value, as pretty-printed JSON has, a top-level
 * `"leads": [` as in `{"leads": [...]}`, or a lone value that ends the file).
 * Holds no text: memory stays flat however long the first line is.
 */
export class JsonSniffer {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The first characters of the current string at depth 1 (a key is at most "leads" long to matter). */
  private key = '';
  private awaitColon = false;
  private leadsKey = false;
  private awaitValue = false;
  private started = false;
  /** The first value has closed: the next character decides. */
  private closed = false;
  decided: JsonShape | null = null;

  /** Feeds the next text; returns the decision once there is one. */
  feed(text: string): JsonShape | null {
    for (let i = 0; i < text.length && this.decided === null; i++) {
      const c = text[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 1) {
            this.awaitColon = true;
            this.leadsKey = this.key === 'leads';
          }
        } else if (this.depth === 1 && this.key.length < 6) this.key += c;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (this.closed) {
        // Whatever follows the first value (a line break, the next value) makes it a line of JSON Lines.
        this.decided = 'jsonl';
        continue;
      }
      if (c === '\n') {
        if (this.depth >= 1) this.decided = 'json';
        continue;
      }
      if (!this.started) {
        this.started = true;
        if (c !== '{') this.decided = c === '[' ? 'json' : 'jsonl';
        this.depth = 1;
        continue;
      }
      if (this.awaitColon && c === ':') {
        this.awaitColon = false;
        this.awaitValue = this.leadsKey;
        continue;
      }
      if (this.awaitValue && c === '[' && this.depth === 1) {
        this.decided = 'json';
        continue;
      }
      this.awaitColon = false;
      this.awaitValue = false;
      if (c === '"') {
        this.inString = true;
        this.key = '';
      } else if (c === '{' || c === '[') this.depth++;
      else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth === 0) this.closed = true;
      }
    }
    return this.decided;
  }

  /**
   * The decision at the end of the input: one value and nothing after it, not even a line break, is
   * one JSON document (`{"x": 1}` is not an array of leads: an error); a first value that never
   * closed is read as JSON Lines, so the error names its line.
   */
  end(): JsonShape {
    return this.decided ?? (this.closed ? 'json' : 'jsonl');
  }
}

/** Where a CSV file's header record is, in the text read so far. */
export interface CsvHead {
  /** Excel's `sep=;` first line: the delimiter it declares (the line is not data). */
  sep?: string;
  /** The header record's text (line breaks inside quotes kept), where it starts, and the index just after it. */
  header: string;
  start: number;
  end: number;
}

const SEP_LINE = /^sep=(.)[ \t]*$/i;

/**
 * The header record of CSV `text`: leading blank lines skipped, an Excel `sep=X` line taken as
 * the delimiter, then everything up to the first line break outside double quotes. Null while
 * `text` may still be cut inside it (pass `atEnd` when no more text will come).
 */
export function csvHead(text: string, atEnd: boolean): CsvHead | null {
  let start = 0;
  let sep: string | undefined;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      if (!atEnd) return null;
      break;
    }
    const line = text.slice(start, nl).replace(/\r$/, '');
    if (line.trim() === '') {
      start = nl + 1;
      continue;
    }
    const m = sep === undefined ? SEP_LINE.exec(line) : null;
    if (m) {
      sep = m[1];
      start = nl + 1;
      continue;
    }
    break;
  }
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) {
      return {sep, header: text.slice(start, i).replace(/\r$/, ''), start, end: i + 1};
    }
  }
  if (!atEnd) return null;
  return {sep, header: text.slice(start).replace(/\r$/, ''), start, end: text.length};
}
