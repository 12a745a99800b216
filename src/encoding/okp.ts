import { equalBytes, toBase64Url } from '../bytes.js';
import { jwkMembers, privateMember, publicMember } from './jwk.js';
import { fail } from '../errors.js';
import { ED25519_OID, ED25519_SEED_BYTES, ed25519CheckPublicKey, ed25519PublicKey } from '../ed25519/ed25519.js';
import { decodeBareSpki, decodeOneAsymmetricKey, encodeBareSpki, encodeOneAsymmetricKey } from './one-asymmetric-key.js';

/**
 * Ed25519 keys: PKCS#8 and SPKI per RFC 8410 (§4, §7), JWK `OKP` per RFC 8037 §2. The private key is the 32-byte
 * seed; in PKCS#8 it is wrapped once more as CurvePrivateKey ::= OCTET STRING (RFC 8410 §7), so the privateKey
 * field holds 04 20 ‖ seed, byte for byte as `openssl genpkey -algorithm ed25519` writes it.
 */

export interface Ed25519PrivateKey {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
}

const CURVE_PRIVATE_KEY_PREFIX = Uint8Array.of(0x04, ED25519_SEED_BYTES);

/** Version 0 (v1) by default, as OpenSSL writes it; v2 with the `[1] publicKey` on request (RFC 8410 §10.3). */
export function encodeEd25519Pkcs8(seed: Uint8Array, opts: { includePublicKey?: boolean } = {}): Uint8Array {
  const publicKey = ed25519PublicKey(seed);
  const inner = new Uint8Array(2 + ED25519_SEED_BYTES);
  inner.set(CURVE_PRIVATE_KEY_PREFIX);
  inner.set(seed, 2);
  return encodeOneAsymmetricKey(ED25519_OID, inner, opts.includePublicKey === true ? publicKey : undefined);
}

/** v1 or v2; a v2 public key must be the seed's (INVALID_KEY otherwise). */
export function decodeEd25519Pkcs8(der: Uint8Array): Ed25519PrivateKey {
  const { privateKey, publicKey } = decodeOneAsymmetricKey(der, ED25519_OID, 'Ed25519 PKCS#8');
  if (privateKey.length < 2 || privateKey[0] !== 0x04 || privateKey[1] !== privateKey.length - 2) fail('INVALID_FORMAT', 'Ed25519 PKCS#8: privateKey must hold a CurvePrivateKey OCTET STRING (RFC 8410 §7)');
  if (privateKey.length !== 2 + ED25519_SEED_BYTES) fail('INVALID_KEY', `Ed25519: the private key must be ${ED25519_SEED_BYTES} bytes`);
  const seed = privateKey.slice(2);
  const derived = ed25519PublicKey(seed);
  if (publicKey !== undefined && !equalBytes(publicKey, derived)) fail('INVALID_KEY', 'Ed25519 PKCS#8: the public key does not match the private key');
  return { seed, publicKey: derived };
}

export function encodeEd25519Spki(publicKey: Uint8Array): Uint8Array {
  ed25519CheckPublicKey(publicKey);
  return encodeBareSpki(ED25519_OID, publicKey);
}

export function decodeEd25519Spki(der: Uint8Array): Uint8Array {
  const pk = decodeBareSpki(der, ED25519_OID, 'Ed25519 SPKI');
  ed25519CheckPublicKey(pk);
  return pk;
}

/** RFC 8037 §2: { kty: "OKP", crv: "Ed25519", x } and, for a private key, d (the seed). */
export interface OkpJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  [member: string]: unknown;
}

export function encodeEd25519Jwk(key: { seed?: Uint8Array; publicKey: Uint8Array }): OkpJwk {
  ed25519CheckPublicKey(key.publicKey);
  const jwk: OkpJwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.publicKey) };
  if (key.seed !== undefined) {
    if (!equalBytes(ed25519PublicKey(key.seed), key.publicKey)) fail('INVALID_KEY', 'Ed25519: the public key does not match the private key');
    jwk.d = toBase64Url(key.seed);
  }
  return jwk;
}

/** Reads an OKP JWK (object or JSON text); `wantPrivate` requires d. x must be the public key of d (INVALID_KEY otherwise). */
export function decodeEd25519Jwk(data: unknown, wantPrivate: boolean): { seed?: Uint8Array; publicKey: Uint8Array } {
  const jwk = jwkMembers(data, ['kty', 'crv', 'x', 'd']);
  if (jwk.kty !== 'OKP') fail('INVALID_FORMAT', 'JWK: kty must be "OKP" for Ed25519');
  if (jwk.crv !== 'Ed25519') fail(typeof jwk.crv === 'string' ? 'INVALID_KEY' : 'INVALID_FORMAT', 'JWK: crv must be "Ed25519"');
  const publicKey = publicMember(jwk, 'x');
  ed25519CheckPublicKey(publicKey);
  const seed = privateMember(jwk, 'd', wantPrivate);
  if (seed === undefined) return { publicKey };
  if (seed.length !== ED25519_SEED_BYTES) fail('INVALID_KEY', `Ed25519: the private key must be ${ED25519_SEED_BYTES} bytes`);
  if (!equalBytes(ed25519PublicKey(seed), publicKey)) fail('INVALID_KEY', 'JWK: "x" is not the public key of "d"');
  return { seed, publicKey };
}
