import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, toBase64Url, utf8 } from '../bytes.js';
import { fail } from '../errors.js';
import { jwkMembers, privateMember, publicMember } from './jwk.js';
import { mlDsaKeyFromSeed, mlDsaParams, type MlDsaLevel } from '../pq/ml-dsa.js';

/**
 * ML-DSA keys as JWK of key type AKP (draft-ietf-cose-dilithium, "Algorithm Key Pair Type" and the ML-DSA
 * section; "AKP" is in IANA's JSON Web Key Types registry as a temporary registration): { kty: "AKP",
 * alg: "ML-DSA-44" | "ML-DSA-65" | "ML-DSA-87", pub, priv? }, pub the FIPS 204 public key and priv the 32-byte seed.
 * The draft defines no representation of the expanded key, so a key without its seed has no private AKP JWK.
 */
export interface AkpJwk {
  kty: 'AKP';
  alg: string;
  pub: string;
  priv?: string;
  [member: string]: unknown;
}

export function encodeMlDsaJwk(level: MlDsaLevel, key: { seed?: Uint8Array; publicKey: Uint8Array }, wantPrivate: boolean): AkpJwk {
  const p = mlDsaParams(level);
  if (key.publicKey.length !== p.publicKeyBytes) fail('INVALID_KEY', `${p.name}: the public key must be ${p.publicKeyBytes} bytes`);
  const jwk: AkpJwk = { kty: 'AKP', alg: p.name, pub: toBase64Url(key.publicKey) };
  if (!wantPrivate) return jwk;
  if (key.seed === undefined) fail('UNSUPPORTED', `${p.name}: an AKP JWK carries the seed, and this key was imported without it`);
  if (!equalBytes(mlDsaKeyFromSeed(level, key.seed).publicKey, key.publicKey)) fail('INVALID_KEY', `${p.name}: the public key does not match the seed`);
  jwk.priv = toBase64Url(key.seed);
  return jwk;
}

/** Reads an AKP JWK for `level`: another ML-DSA alg is INVALID_KEY, pub must be the seed's public key. */
export function decodeMlDsaJwk(level: MlDsaLevel, data: unknown, wantPrivate: boolean): { seed?: Uint8Array; publicKey: Uint8Array; expandedKey?: Uint8Array } {
  const p = mlDsaParams(level);
  const jwk = jwkMembers(data, ['kty', 'alg', 'pub', 'priv']);
  if (jwk.kty !== 'AKP') fail('INVALID_FORMAT', `JWK: kty must be "AKP" for ${p.name}`);
  if (typeof jwk.alg !== 'string') fail('INVALID_FORMAT', 'JWK: "alg" is REQUIRED for AKP keys');
  if (jwk.alg !== p.name) fail(/^ML-DSA-(44|65|87)$/.test(jwk.alg) ? 'INVALID_KEY' : 'INVALID_FORMAT', `JWK: alg must be "${p.name}"`);
  const publicKey = publicMember(jwk, 'pub');
  if (publicKey.length !== p.publicKeyBytes) fail('INVALID_KEY', `${p.name}: the public key must be ${p.publicKeyBytes} bytes`);
  const seed = privateMember(jwk, 'priv', wantPrivate);
  if (seed === undefined) return { publicKey };
  if (seed.length !== p.seedBytes) fail('INVALID_KEY', `${p.name}: "priv" must be the ${p.seedBytes}-byte seed`);
  const derived = mlDsaKeyFromSeed(level, seed);
  if (!equalBytes(derived.publicKey, publicKey)) fail('INVALID_KEY', 'JWK: "pub" is not the public key of "priv"');
  return { seed, publicKey, expandedKey: derived.expandedKey };
}

/** RFC 7638 thumbprint with the members the draft names for AKP, in lexicographic order: alg, kty, pub. */
export function akpThumbprint(jwk: AkpJwk): string {
  return toBase64Url(sha256(utf8(JSON.stringify({ alg: jwk.alg, kty: jwk.kty, pub: jwk.pub }))));
}
