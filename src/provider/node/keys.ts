import { createPrivateKey, createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { EcSpec, KeySpec } from '../../model/spec.js';
import type { KeyComponents, PrivateComponents, PublicComponents, SecretComponents } from '../../model/components.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, fromBase64Url, toBase64Url } from '../../bytes.js';
import { fail } from '../../errors.js';

/**
 * keysmith components ⇄ node KeyObjects, through JWK (RFC 7517/7518; RFC 8037 OKP for Ed25519): node reads and
 * writes RSA, the EC curves the registry gives a JWK `crv` (P-256, secp256k1, P-384, P-521) and Ed25519 as JWK.
 * node's JWK has no SM2 curve; SM2 never reaches these functions (the node provider does not hold SM2 keys, see
 * provider.ts). Secret keys (AES, SM4, HMAC) cross as raw bytes.
 */

const b64u = (n: bigint): string => toBase64Url(bigIntToBytes(n));
const big = (s: string | undefined): bigint => bytesToBigInt(fromBase64Url(s ?? ''));

function ecCurve(spec: KeySpec): { spec: EcSpec; crv: string } {
  if (spec.family !== 'ec' || spec.jwk === undefined) return fail('UNSUPPORTED', `node provider: no JWK curve for ${spec.name}`);
  return { spec, crv: spec.jwk.crv };
}

/** A JWK field as exactly `n` bytes (left-padded: some writers drop leading zeros; P-521 fields are 66 bytes). */
function fixed(s: string | undefined, n: number): Uint8Array {
  const raw = fromBase64Url(s ?? '');
  if (raw.length > n) fail('PROVIDER_ERROR', 'node provider: JWK field longer than the key defines');
  if (raw.length === n) return raw;
  const out = new Uint8Array(n);
  out.set(raw, n - raw.length);
  raw.fill(0);
  return out;
}

/** An OKP JWK field, which is a fixed-length octet string (RFC 8037 §2: not an integer, so never padded). */
function exact(s: string | undefined, n: number): Uint8Array {
  const raw = fromBase64Url(s ?? '');
  if (raw.length !== n) fail('PROVIDER_ERROR', `node provider: an OKP JWK field is ${n} bytes`);
  return raw;
}

function okpCurve(spec: KeySpec): string {
  if (spec.family !== 'edwards') return fail('UNSUPPORTED', `node provider: no OKP curve for ${spec.name}`);
  return spec.jwk.crv;
}

/** A KeyObject for components the core validated. The caller keeps (and zeroes) its own components. */
export function keyObjectOf(spec: KeySpec, c: KeyComponents): KeyObject {
  switch (c.kind) {
    case 'secret':
      return createSecretKey(c.key); // node copies the bytes into its own (OpenSSL-side) buffer
    case 'rsa-public':
      return createPublicKey({ key: { kty: 'RSA', n: b64u(c.n), e: b64u(c.e) }, format: 'jwk' });
    case 'rsa-private':
      return createPrivateKey({
        key: { kty: 'RSA', n: b64u(c.n), e: b64u(c.e), d: b64u(c.d), p: b64u(c.p), q: b64u(c.q), dp: b64u(c.dp), dq: b64u(c.dq), qi: b64u(c.qi) },
        format: 'jwk',
      });
    case 'ec-public':
    case 'ec-private': {
      const { spec: ec, crv } = ecCurve(spec);
      const n = ec.fieldBytes;
      const jwk: JsonWebKey = { kty: 'EC', crv, x: toBase64Url(c.publicKey.subarray(1, 1 + n)), y: toBase64Url(c.publicKey.subarray(1 + n)) };
      return c.kind === 'ec-public' ? createPublicKey({ key: jwk, format: 'jwk' }) : createPrivateKey({ key: { ...jwk, d: toBase64Url(c.d) }, format: 'jwk' });
    }
    case 'okp-public':
    case 'okp-private': {
      // RFC 8037 §2: d is the 32-byte seed, x the encoded point A (the core has derived and checked it)
      const jwk: JsonWebKey = { kty: 'OKP', crv: okpCurve(spec), x: toBase64Url(c.publicKey) };
      return c.kind === 'okp-public' ? createPublicKey({ key: jwk, format: 'jwk' }) : createPrivateKey({ key: { ...jwk, d: toBase64Url(c.seed) }, format: 'jwk' });
    }
    default:
      return fail('UNSUPPORTED', `node provider does not hold ${spec.name} keys`);
  }
}

/** The secret bytes of a secret KeyObject; the caller owns (and zeroes) the copy. */
export function secretOf(key: KeyObject): SecretComponents {
  const buf = key.export();
  const out = new Uint8Array(buf);
  buf.fill(0);
  return { kind: 'secret', key: out };
}

/** The components of an asymmetric KeyObject, private or public. */
export function asymmetricOf(spec: KeySpec, key: KeyObject): PrivateComponents | PublicComponents {
  const jwk = key.export({ format: 'jwk' });
  if (spec.family === 'rsa') {
    if (key.type === 'public') return { kind: 'rsa-public', n: big(jwk.n), e: big(jwk.e) };
    return { kind: 'rsa-private', n: big(jwk.n), e: big(jwk.e), d: big(jwk.d), p: big(jwk.p), q: big(jwk.q), dp: big(jwk.dp), dq: big(jwk.dq), qi: big(jwk.qi) };
  }
  if (spec.family === 'edwards') {
    const publicKey = exact(jwk.x, spec.publicKeyBytes);
    if (key.type === 'public') return { kind: 'okp-public', publicKey };
    return { kind: 'okp-private', seed: exact(jwk.d, spec.seedBytes), publicKey };
  }
  const { spec: ec } = ecCurve(spec);
  const [x, y] = [fixed(jwk.x, ec.fieldBytes), fixed(jwk.y, ec.fieldBytes)];
  const publicKey = concatBytes(Uint8Array.of(4), x, y);
  if (key.type === 'public') return { kind: 'ec-public', publicKey };
  return { kind: 'ec-private', d: fixed(jwk.d, ec.fieldBytes), publicKey };
}

/** The public KeyObject of a private or public one. */
export function publicKeyObject(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

