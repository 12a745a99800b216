import { fail } from '../errors.js';
import type { RsaPrivateComponents, RsaPublicComponents } from '../model/components.js';

/** The parts of an RSA public key the primitives use (extra fields, such as `kind`, are ignored). */
export type RsaPublicKeyLike = Pick<RsaPublicComponents, 'n' | 'e'>;

/** RFC 8017 §3.2 second representation, plus d (unused by the CRT primitive but part of the key). */
export type RsaPrivateKeyLike = Omit<RsaPrivateComponents, 'kind'>;

function isPositive(x: unknown): x is bigint {
  return typeof x === 'bigint' && x > 0n;
}

/** RFC 8017 §3.1: n odd and > 2 here, 3 ≤ e ≤ n − 1. Anything else is INVALID_KEY. */
export function checkPublicKey(key: unknown): RsaPublicKeyLike {
  if (key === null || typeof key !== 'object') fail('INVALID_KEY', 'RSA public key required');
  const { n, e } = key as Record<string, unknown>;
  if (!isPositive(n) || n < 3n || (n & 1n) === 0n) fail('INVALID_KEY', 'RSA modulus must be an odd integer > 2');
  if (!isPositive(e) || e < 3n || e >= n) fail('INVALID_KEY', 'RSA public exponent out of range');
  return key as RsaPublicKeyLike;
}

/**
 * RFC 8017 §3.2: n = p·q, 0 < dP < p, 0 < dQ < q, 0 < qInv < p, 0 < d < n. Consistency of the CRT exponents
 * with e is caught by the result check in rsadp.
 */
export function checkPrivateKey(key: unknown): RsaPrivateKeyLike {
  const pub = checkPublicKey(key);
  const { d, p, q, dp, dq, qi } = key as Record<string, unknown>;
  if (!isPositive(d) || !isPositive(p) || !isPositive(q) || !isPositive(dp) || !isPositive(dq) || !isPositive(qi)) {
    fail('INVALID_KEY', 'RSA private key components must be positive integers');
  }
  if (p < 3n || q < 3n || p * q !== pub.n) fail('INVALID_KEY', 'RSA private key primes do not match the modulus');
  if (d >= pub.n || dp >= p || dq >= q || qi >= p) fail('INVALID_KEY', 'RSA private key component out of range');
  return key as RsaPrivateKeyLike;
}

/** k, the length of the modulus in octets. */
export function modulusBytes(n: bigint): number {
  return Math.ceil(n.toString(16).length / 2);
}
