// Keyed pseudonyms for what the state remembers about leads (dedupe keys, learned e-mail domains,
// held lead ids): HMAC-SHA-256 under a per-installation secret (RFC 2104 / FIPS 180-4; ./hmacSha256:
// @noble/hashes in Node, Apps Script's own Utilities in the add-on). Runs in Node and Apps Script:
// the bytes are encoded here (Apps Script has no TextEncoder or crypto globals).
import {hash53} from './hash';
import {hmacSha256Keyed} from './hmacSha256';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** HMAC-SHA-256 of `message` under `secret` (both UTF-8), as 64 hex digits. */
export function hmacSha256Hex(secret: string, message: string): string {
  const mac = hmacSha256Keyed(utf8Bytes(secret))(utf8Bytes(message));
  let hex = '';
  for (const b of mac) hex += (b < 16 ? '0' : '') + b.toString(16);
  return hex;
}

/** A function from text to a 53-bit pseudonym (a safe integer, used as a Map key in memory). */
export type Pseudonym = (input: string) => number;

/**
 * The pseudonym function for a secret: the HMAC-SHA-256(secret, input)'s first 7 bytes with the top 3 bits cleared (53 bits). Without
 * the secret a list of candidate e-mails or domains cannot be matched against stored keys.
 * With no secret (undefined or ''), the unkeyed public hash53 (format of states before keyed
 * pseudonyms; anyone can recompute it).
 */
export function pseudonymFor(secret: string | undefined): Pseudonym {
  if (!secret) return s => hash53(s);
  const mac256 = hmacSha256Keyed(utf8Bytes(secret));
  return input => {
    const mac = mac256(utf8Bytes(input));
    // 5 + 48 bits: below 2^53, so exact as a JS number.
    return (
      (mac[0] & 0x1f) * 2 ** 48 +
      mac[1] * 2 ** 40 +
      mac[2] * 2 ** 32 +
      ((mac[3] << 24) >>> 0) +
      (mac[4] << 16) +
      (mac[5] << 8) +
      mac[6]
    );
  };
}
