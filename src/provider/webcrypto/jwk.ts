import type { AsymmetricSpec, EcSpec } from '../../model/spec.js';
import type { PrivateComponents, PublicComponents } from '../../model/components.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, fromBase64Url, toBase64Url } from '../../bytes.js';
import { namedCurve } from './algorithms.js';

/*
 * Components ↔ JWK (RFC 7518 §6.2, §6.3; RFC 8037 §2 for Ed25519's OKP): how public keys enter WebCrypto and how
 * keys leave it (private keys enter as PKCS#8).
 */

const b64u = (n: bigint) => toBase64Url(bigIntToBytes(n));
const big = (s: unknown) => bytesToBigInt(fromBase64Url(String(s)));

export function toJwk(spec: AsymmetricSpec, c: PrivateComponents | PublicComponents): JsonWebKey {
  if (c.kind === 'rsa-public') return { kty: 'RSA', n: b64u(c.n), e: b64u(c.e) };
  if (c.kind === 'rsa-private') {
    return { kty: 'RSA', n: b64u(c.n), e: b64u(c.e), d: b64u(c.d), p: b64u(c.p), q: b64u(c.q), dp: b64u(c.dp), dq: b64u(c.dq), qi: b64u(c.qi) };
  }
  if (c.kind === 'okp-public' || c.kind === 'okp-private') {
    const jwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(c.publicKey) };
    return c.kind === 'okp-private' ? { ...jwk, d: toBase64Url(c.seed) } : jwk;
  }
  if (c.kind !== 'ec-public' && c.kind !== 'ec-private') throw new Error(`no JWK for ${c.kind} in WebCrypto`);
  const f = (spec as { fieldBytes: number }).fieldBytes;
  const point = c.publicKey;
  const jwk: JsonWebKey = { kty: 'EC', crv: namedCurve(spec), x: toBase64Url(point.subarray(1, 1 + f)), y: toBase64Url(point.subarray(1 + f)) };
  return c.kind === 'ec-private' ? { ...jwk, d: toBase64Url(c.d) } : jwk;
}

export function publicFromJwk(spec: AsymmetricSpec, jwk: JsonWebKey): PublicComponents {
  if (spec.family === 'rsa') return { kind: 'rsa-public', n: big(jwk.n), e: big(jwk.e) };
  if (spec.family === 'edwards') return { kind: 'okp-public', publicKey: fromBase64Url(String(jwk.x)) };
  const f = (spec as EcSpec).fieldBytes;
  return { kind: 'ec-public', publicKey: concatBytes(Uint8Array.of(4), bigIntToBytes(big(jwk.x), f), bigIntToBytes(big(jwk.y), f)) };
}

export function privateFromJwk(spec: AsymmetricSpec, jwk: JsonWebKey): PrivateComponents {
  if (spec.family === 'rsa') {
    return { kind: 'rsa-private', n: big(jwk.n), e: big(jwk.e), d: big(jwk.d), p: big(jwk.p), q: big(jwk.q), dp: big(jwk.dp), dq: big(jwk.dq), qi: big(jwk.qi) };
  }
  const pub = publicFromJwk(spec, jwk) as { publicKey: Uint8Array };
  if (spec.family === 'edwards') return { kind: 'okp-private', seed: fromBase64Url(String(jwk.d)), publicKey: pub.publicKey };
  const raw = fromBase64Url(String(jwk.d));
  const d = bigIntToBytes(bytesToBigInt(raw), (spec as EcSpec).fieldBytes);
  raw.fill(0);
  return { kind: 'ec-private', d, publicKey: pub.publicKey };
}
