import { AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, OctetString } from '@peculiar/asn1-schema';
import { bigIntToBytes, bytesToBigInt, concatBytes } from '../bytes.js';
import { fail, KeysmithError } from '../errors.js';
import { asnToUint, parseDer, serialize, toArrayBuffer, uintToAsn } from '../encoding/der.js';

/**
 * SM2 ciphertext layouts. keysmith's SM2 engine works on raw C1 ‖ C3 ‖ C2 with C1 = 04 ‖ x ‖ y (65 bytes).
 * - `C1C3C2`: that raw form (GB/T 32918.4-2016 order; Alibaba, Tencent `SM2`, sm-crypto mode 1 with a 04 prefix).
 * - `C1C3C2_ASN1`: GM/T 0009-2012 §7.2 SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER,
 *   HASH OCTET STRING (32), CipherText OCTET STRING } (OpenSSL, Tencent `C1C3C2_ASN1`).
 * - `C1C2C3`: the 2010/2012 draft order (GM/T 0003.4-2012), legacy.
 */
export type Sm2Layout = 'C1C3C2' | 'C1C3C2_ASN1' | 'C1C2C3';
export const SM2_LAYOUTS: readonly Sm2Layout[] = Object.freeze(['C1C3C2', 'C1C3C2_ASN1', 'C1C2C3']);

const C1 = 65;
const C3 = 32;
const COORD = 32;

export class Sm2Cipher {
  x = new ArrayBuffer(0);
  y = new ArrayBuffer(0);
  hash = new OctetString();
  cipherText = new OctetString();
}
// Schema registered by calling the decorators directly, so it does not depend on the compiler's decorator mode.
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(Sm2Cipher.prototype, 'x');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(Sm2Cipher.prototype, 'y');
AsnProp({ type: OctetString })(Sm2Cipher.prototype, 'hash');
AsnProp({ type: OctetString })(Sm2Cipher.prototype, 'cipherText');

export function checkLayout(layout: unknown): Sm2Layout {
  if (layout === undefined) return 'C1C3C2';
  if (typeof layout !== 'string' || !(SM2_LAYOUTS as readonly string[]).includes(layout)) {
    fail('INVALID_ARGUMENT', `unknown SM2 ciphertext layout; known: ${SM2_LAYOUTS.join(', ')}`);
  }
  return layout as Sm2Layout;
}

/** Raw C1 ‖ C3 ‖ C2 → the requested layout. */
export function encodeSm2Ciphertext(raw: Uint8Array, layout: Sm2Layout): Uint8Array {
  if (raw.length <= C1 + C3 || raw[0] !== 0x04) fail('INVALID_ARGUMENT', 'not a raw SM2 C1C3C2 ciphertext');
  const c1 = raw.subarray(0, C1);
  const c3 = raw.subarray(C1, C1 + C3);
  const c2 = raw.subarray(C1 + C3);
  if (layout === 'C1C3C2') return raw.slice();
  if (layout === 'C1C2C3') return concatBytes(c1, c2, c3);
  const der = new Sm2Cipher();
  der.x = uintToAsn(bytesToBigInt(c1.subarray(1, 1 + COORD)));
  der.y = uintToAsn(bytesToBigInt(c1.subarray(1 + COORD)));
  der.hash = new OctetString(toArrayBuffer(c3));
  der.cipherText = new OctetString(toArrayBuffer(c2));
  return serialize(der);
}

/**
 * The requested layout → raw C1 ‖ C3 ‖ C2. A malformed blob (short, not canonical DER, a coordinate wider
 * than the field, a hash that is not 32 bytes) is UNWRAP_FAILED; the point itself is checked on decryption.
 */
export function decodeSm2Ciphertext(blob: Uint8Array, layout: Sm2Layout): Uint8Array {
  const bad = (): never => {
    throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
  };
  if (!(blob instanceof Uint8Array)) return bad();
  if (layout === 'C1C3C2') {
    if (blob.length <= C1 + C3) bad();
    return blob.slice();
  }
  if (layout === 'C1C2C3') {
    if (blob.length <= C1 + C3) bad();
    const c1 = blob.subarray(0, C1);
    const c2 = blob.subarray(C1, blob.length - C3);
    const c3 = blob.subarray(blob.length - C3);
    return concatBytes(c1, c3, c2);
  }
  let parsed: Sm2Cipher;
  let x: Uint8Array;
  let y: Uint8Array;
  try {
    parsed = parseDer(blob, Sm2Cipher, 'SM2 ciphertext');
    x = bigIntToBytes(asnToUint(parsed.x, 'SM2 ciphertext x'), COORD);
    y = bigIntToBytes(asnToUint(parsed.y, 'SM2 ciphertext y'), COORD);
  } catch {
    return bad();
  }
  const c3 = new Uint8Array(parsed.hash.buffer);
  const c2 = new Uint8Array(parsed.cipherText.buffer);
  if (c3.length !== C3 || c2.length === 0) bad();
  return concatBytes(Uint8Array.of(0x04), x, y, c3, c2);
}
