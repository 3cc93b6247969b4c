// Text files as people save them, turned into UTF-8 before anything parses them: a UTF-8 BOM is
// dropped, UTF-16 (Excel's "Unicode text", with its byte-order mark) is decoded, and a file that is
// not valid UTF-8 (Excel's "CSV" on Windows writes Windows-1252: `Qu\xe9bec`) is read as
// Windows-1252 and said so, never silently mangled. Decoding is the platform's TextDecoder (WHATWG
// Encoding Standard: every label it knows can be asked for with --encoding).
import {isAscii, isUtf8} from 'node:buffer';
import {TextDecoder} from 'node:util';

/** What the reader decided about a file's encoding; `note` is set when it was a guess worth a warning. */
export interface EncodingFound {
  /** The WHATWG name: `utf-8`, `utf-16le`, `windows-1252`, …. */
  encoding: string;
  note?: string;
}

/**
 * The WHATWG encoding name for `label` (`latin1` → `windows-1252`, `UTF8` → `utf-8`), or null when
 * the platform's TextDecoder does not know it.
 */
export function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** The encoding a byte-order mark announces, with the mark's length; null without one. */
export function bomOf(b: Uint8Array): {encoding: string; length: number} | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return {encoding: 'utf-8', length: 3};
  if (b[0] === 0xff && b[1] === 0xfe) return {encoding: 'utf-16le', length: 2};
  if (b[0] === 0xfe && b[1] === 0xff) return {encoding: 'utf-16be', length: 2};
  return null;
}

/** UTF-16 without a mark, from the first characters being ASCII with a zero byte beside each. */
function bomlessUtf16(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  const n = Math.min(b.length - (b.length % 2), 64);
  let le = true;
  let be = true;
  for (let i = 0; i < n; i += 2) {
    if (!(b[i] !== 0 && b[i + 1] === 0)) le = false;
    if (!(b[i] === 0 && b[i + 1] !== 0)) be = false;
  }
  return le ? 'utf-16le' : be ? 'utf-16be' : null;
}

/** Index of the first byte of `b` that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length || !isUtf8(b.subarray(i, i + len))) return i;
    i += len;
  }
  return -1;
}

/** How many bytes at the end of `b` start a UTF-8 sequence that the next chunk completes. */
function incompleteTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back];
    if (c < 0x80) return 0;
    if (c >= 0xc0) {
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return len > back ? back : 0;
    }
  }
  return 0;
}

/** Line breaks in `b` before index `end` (native indexOf: no per-byte JavaScript loop). */
function newlines(b: Buffer, end = b.length): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0 && i < end; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Re-encodes a byte stream as UTF-8 chunks (each ending on a whole character), deciding the
 * encoding from its first bytes: `forced` (a WHATWG label) when given; else a byte-order mark (UTF-8,
 * UTF-16 LE/BE; the mark is dropped); else UTF-16 recognised by zero bytes beside ASCII (noted);
 * else UTF-8, switching to Windows-1252 at the first byte that is not UTF-8 (noted, with the line).
 * `onEncoding` is called once the encoding is known, and again if it switches.
 */
export async function* toUtf8(
  chunks: AsyncIterable<Buffer>,
  name: string,
  forced: string | undefined,
  onEncoding: (found: EncodingFound) => void,
): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = null;
  let started = false;
  let pending: Buffer = Buffer.alloc(0);
  let lines = 0;
  let nonAscii = false;
  let offset = 0;
  for await (const chunk of chunks) {
    let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    if (!started) {
      if (buf.length < 4 && !forced) {
        pending = buf; // too little to see a mark yet
        continue;
      }
      started = true;
      const bom = bomOf(buf);
      if (forced) decoder = new TextDecoder(forced);
      else if (bom && bom.encoding !== 'utf-8') {
        decoder = new TextDecoder(bom.encoding);
        onEncoding({encoding: bom.encoding});
      } else {
        const utf16 = bom ? null : bomlessUtf16(buf);
        if (utf16) {
          decoder = new TextDecoder(utf16);
          onEncoding({
            encoding: utf16,
            note: `leads ${name} has no byte-order mark but reads as ${utf16.toUpperCase()} (a zero byte beside each character); read as ${utf16.toUpperCase()} (give --encoding to choose)`,
          });
        } else {
          if (bom) buf = buf.subarray(3);
          onEncoding({encoding: 'utf-8'});
        }
      }
    }
    if (decoder) {
      const text = decoder.decode(buf, {stream: true});
      if (text) yield Buffer.from(text, 'utf8');
      continue;
    }
    const tail = incompleteTail(buf);
    const body = tail ? buf.subarray(0, buf.length - tail) : buf;
    if (isUtf8(body)) {
      if (tail) pending = Buffer.from(buf.subarray(buf.length - tail));
      if (!nonAscii && !isAscii(body)) nonAscii = true;
      lines += newlines(body);
      offset += body.length;
      if (body.length) yield body;
      continue;
    }
    const bad = firstInvalidUtf8(body);
    decoder = new TextDecoder('windows-1252');
    onEncoding({
      encoding: 'windows-1252',
      note:
        `leads ${name} is not UTF-8 (byte 0x${body[bad].toString(16).toUpperCase()} on line ${lines + newlines(body, bad) + 1}); ` +
        'read as Windows-1252, as Excel saves CSV on Windows' +
        (nonAscii ? ` (from byte ${offset}; the text before it was valid UTF-8)` : '') +
        ' — give --encoding to choose',
    });
    const text = decoder.decode(buf, {stream: true});
    if (text) yield Buffer.from(text, 'utf8');
  }
  if (!started && pending.length) {
    // A file of fewer than four bytes: too short for anything but a UTF-8 mark.
    const bom = bomOf(pending);
    const rest = bom?.encoding === 'utf-8' ? pending.subarray(3) : pending;
    const text = new TextDecoder(forced ?? (bom && bom.encoding !== 'utf-8' ? bom.encoding : 'utf-8')).decode(rest);
    onEncoding({encoding: forced ?? bom?.encoding ?? 'utf-8'});
    if (text) yield Buffer.from(text, 'utf8');
    return;
  }
  if (decoder) {
    const text = decoder.decode();
    if (text) yield Buffer.from(text, 'utf8');
  } else if (pending.length) {
    // The file ends inside a UTF-8 sequence: not UTF-8 after all.
    const text = new TextDecoder('windows-1252').decode(pending);
    onEncoding({
      encoding: 'windows-1252',
      note: `leads ${name} ends with bytes that are not UTF-8; the last ${pending.length} read as Windows-1252 — give --encoding to choose`,
    });
    yield Buffer.from(text, 'utf8');
  }
}

/**
 * A whole small text file (a config, a state) as a string: a UTF-8 or UTF-16 byte-order mark is
 * honoured and dropped; otherwise the bytes must be UTF-8. Throws Error (message: which byte on
 * which line) when they are not, so the caller can name the file.
 */
export function decodeText(b: Buffer): string {
  const bom = bomOf(b);
  if (bom) return new TextDecoder(bom.encoding).decode(b.subarray(bom.length));
  const utf16 = bomlessUtf16(b);
  if (utf16) return new TextDecoder(utf16).decode(b);
  if (isUtf8(b)) return b.toString('utf8');
  const bad = firstInvalidUtf8(b);
  throw new Error(
    `it is not UTF-8 (byte 0x${b[bad].toString(16).toUpperCase()} on line ${newlines(b, bad) + 1}); save it as UTF-8`,
  );
}
