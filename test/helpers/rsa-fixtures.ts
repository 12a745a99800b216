import type { JsonWebKey } from 'node:crypto';
import type { RsaPrivateKeyLike } from '../../src/rsa/key-shape.js';

/** Unsigned big-endian hex → bigint. */
export const big = (hex: string): bigint => BigInt('0x' + hex);
export const hexBytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Unsigned bigint → base64url of its minimal big-endian bytes (a JWK member). */
const b64u = (x: bigint): string => {
  let h = x.toString(16);
  if (h.length % 2) h = '0' + h;
  return Buffer.from(h, 'hex').toString('base64url');
};

/** An RSA private key as a JWK node:crypto reads (`createPrivateKey({ key, format: 'jwk' })`). */
export function toJwk(k: RsaPrivateKeyLike): JsonWebKey {
  return { kty: 'RSA', n: b64u(k.n), e: b64u(k.e), d: b64u(k.d), p: b64u(k.p), q: b64u(k.q), dp: b64u(k.dp), dq: b64u(k.dq), qi: b64u(k.qi) };
}

/** Independent reference for b^e mod m: right-to-left binary exponentiation. */
export function refModPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
