import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import { bytesToBigInt, equalBytes, hex } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { derCap } from './limits.js';

/** The algorithm identifiers keysmith reads and writes (RFC 8017 App. A.1, RFC 5480 §2.1.1). */
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** DER NULL: rsaEncryption's parameters MUST be NULL (RFC 8017 App. A.1). A function so no caller can alter a shared buffer. */
export function derNull(): Uint8Array {
  return hex('0500');
}

type Schema<T> = new () => T;

export function serialize(value: object): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

/**
 * Parses `bytes` as `schema` and requires that re-encoding the result gives the same bytes back. The
 * parser is BER-lenient (long-form lengths, non-zero unused bits, trailing data); DER (X.690 §10) has one
 * encoding per value, so any difference means the input was not canonical DER.
 */
export function parseDer<T extends object>(bytes: Uint8Array, schema: Schema<T>, what: string, maxBytes: number = derCap()): T {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) fail('INVALID_FORMAT', `${what}: expected DER bytes`);
  // bounded before any parsing (src/encoding/limits.ts): no key in the registry is larger
  if (bytes.length > maxBytes) fail('INVALID_FORMAT', `${what}: ${bytes.length} bytes is larger than any key it can hold (at most ${maxBytes})`);
  const parsed = rethrowAs('INVALID_FORMAT', `${what}: malformed DER`, () => AsnConvert.parse(bytes, schema));
  const again = rethrowAs('INVALID_FORMAT', `${what}: malformed DER`, () => serialize(parsed));
  if (!equalBytes(again, bytes)) fail('INVALID_FORMAT', `${what}: not canonical DER`);
  return parsed;
}

/** INTEGER contents for a non-negative value: minimal two's complement (X.690 §8.3.2). */
export function uintToAsn(n: bigint): ArrayBuffer {
  if (typeof n !== 'bigint' || n < 0n) fail('INVALID_ARGUMENT', 'integer component must be a non-negative bigint');
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  if (parseInt(h.slice(0, 2), 16) >= 0x80) h = '00' + h;
  return toArrayBuffer(hex(h));
}

/** Reads INTEGER contents that must be minimal and non-negative. */
export function asnToUint(contents: ArrayBuffer, what: string): bigint {
  const b = new Uint8Array(contents);
  if (b.length === 0) fail('INVALID_FORMAT', `${what}: empty INTEGER`);
  if (b[0]! >= 0x80) fail('INVALID_FORMAT', `${what}: negative INTEGER`);
  if (b.length > 1 && b[0] === 0 && b[1]! < 0x80) fail('INVALID_FORMAT', `${what}: INTEGER not minimally encoded`);
  return bytesToBigInt(b);
}

/** The DER of a namedCurve OID, as it appears in AlgorithmIdentifier.parameters (RFC 5480 §2.1.1.1). */
export function namedCurveDer(curveOid: string): Uint8Array {
  return serialize(new ECParameters({ namedCurve: curveOid }));
}

/**
 * Checks EC domain parameters against the spec's named curve. A different named curve is a well-formed key
 * for another curve (INVALID_KEY); explicit (specifiedCurve) or implicitCurve parameters are refused because
 * keysmith only accepts named curves (RFC 5480 §2.1.1: namedCurve is the only form PKIX allows).
 */
export function checkCurveParameters(params: ArrayBuffer | Uint8Array | undefined, curveOid: string, what: string): void {
  if (params === undefined) fail('INVALID_FORMAT', `${what}: EC parameters missing`);
  const got = new Uint8Array(params);
  if (equalBytes(got, namedCurveDer(curveOid))) return;
  if (got[0] !== 0x06) fail('UNSUPPORTED', `${what}: only named curves are supported`);
  const parsed = parseDer(got, ECParameters, what);
  if (parsed.namedCurve === undefined) fail('UNSUPPORTED', `${what}: only named curves are supported`);
  fail('INVALID_KEY', `${what}: key is on curve ${parsed.namedCurve}, expected ${curveOid}`);
}

export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}

export function describeOid(oid: string): string {
  return /^[0-9.]{1,64}$/.test(oid) ? oid : 'an unknown OID';
}

