// The add-on's HMAC-SHA-256: shared/hmacSha256.ts's exports, computed by Apps Script's
// Utilities.computeHmacSha256Signature(value: Byte[], key: Byte[]) instead of @noble/hashes (6 KB of
// the pasted Code.js, issue 17 #7). apps-script/build.mjs puts this file in place of
// shared/hmacSha256.ts, so the core's pseudonyms are byte-identical on every surface
// (apps-script/test/pseudonym.test.ts). Apps Script's Byte[] is Java's signed byte (-128..127) both
// ways; the byte overload is used so no charset default is involved (the core encodes UTF-8 itself).

/** Bytes 0..255 as Apps Script's signed bytes -128..127. */
function signedBytes(bytes: Uint8Array): GoogleAppsScript.Byte[] {
  const out: number[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
  return out;
}

/** A MAC function under `key`: message bytes to the 32 bytes of HMAC-SHA-256(key, message). */
export function hmacSha256Keyed(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const k = signedBytes(key);
  return message => {
    const mac = Utilities.computeHmacSha256Signature(signedBytes(message), k);
    const out = new Uint8Array(mac.length);
    for (let i = 0; i < mac.length; i++) out[i] = mac[i] & 0xff;
    return out;
  };
}
