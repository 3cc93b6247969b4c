// HMAC-SHA-256 (RFC 2104 over FIPS 180-4) for keyed pseudonyms, computed by @noble/hashes (a pure-JS
// audited implementation) in Node: the n8n nodes and the CLI. The Apps Script add-on's build swaps
// this module for apps-script/src/hmacSha256.ts, which has the same exports and asks Apps Script's
// Utilities.computeHmacSha256Signature instead (issue 17 #7: @noble/hashes is 6 KB of a file users
// paste by hand). Both give the same 32 bytes for the same key and message.
import {hmac} from '@noble/hashes/hmac';
import {sha256} from '@noble/hashes/sha2';

/**
 * A MAC function under `key`: message bytes to the 32 bytes of HMAC-SHA-256(key, message).
 * The key's inner and outer pads are hashed once here, not once per message.
 */
export function hmacSha256Keyed(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const base = hmac.create(sha256, key);
  return message => base._cloneInto().update(message).digest();
}
