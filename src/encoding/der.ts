import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import { bytesToBigInt, equalBytes, hex } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { derCap } from './limits.js';
import { specs } from '../registry/specs.js';

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
  fail('INVALID_KEY', `${what}: a ${describeOid(parsed.namedCurve)} key, expected ${describeOid(curveOid)}`);
}

export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}

/**
 * Well-known algorithm and curve OIDs by name (RFC 8017, RFC 5480 §2.1.1.1, RFC 8410, SEC 2, GM/T 0006), plus
 * every curve of the registry. A message names an OID only from this list: an OID is caller data, and its
 * arcs can carry anything.
 */
const OID_NAMES: ReadonlyMap<string, string> = new Map([
  [OID_RSA_ENCRYPTION, 'rsaEncryption'],
  ['1.2.840.113549.1.1.10', 'RSASSA-PSS'],
  ['1.2.840.113549.1.1.7', 'RSAES-OAEP'],
  [OID_EC_PUBLIC_KEY, 'id-ecPublicKey'],
  ['1.2.840.10040.4.1', 'DSA'],
  ['1.2.840.10046.2.1', 'DH'],
  ['1.3.101.110', 'X25519'],
  ['1.3.101.111', 'X448'],
  ['1.3.101.112', 'Ed25519'],
  ['1.3.101.113', 'Ed448'],
  ['1.2.840.10045.3.1.7', 'P-256'],
  ['1.3.132.0.34', 'P-384'],
  ['1.3.132.0.35', 'P-521'],
  ['1.3.132.0.10', 'secp256k1'],
  ['1.2.156.10197.1.301', 'sm2p256v1'],
  ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1'],
  ...specs.flatMap((s) => (s.family === 'ec' ? [[s.curveOid, s.curve] as [string, string]] : [])),
]);

/** An OID for a message: its well-known name, else "an unknown OID" (never the caller's arcs). */
export function describeOid(oid: unknown): string {
  return (typeof oid === 'string' && OID_NAMES.get(oid)) || 'an unknown OID';
}

