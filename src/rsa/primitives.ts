import { fail } from '../errors.js';
import { bytesToBigInt } from '../bytes.js';
import { bitLen, gcd, modInverse, modPow } from './math.js';
import { systemRandom } from '../random.js';
import { checkPrivateKey, checkPublicKey, type RsaPrivateKeyLike, type RsaPublicKeyLike } from './key-shape.js';

/** RFC 8017 §4.1 I2OSP: x as exactly `len` big-endian octets; INVALID_ARGUMENT when x ≥ 256^len or x < 0. */
export function i2osp(x: bigint, len: number): Uint8Array {
  if (typeof x !== 'bigint' || x < 0n) fail('INVALID_ARGUMENT', 'integer must be a non-negative bigint');
  if (!Number.isSafeInteger(len) || len < 0) fail('INVALID_ARGUMENT', 'length must be a non-negative integer');
  const out = new Uint8Array(len);
  let v = x;
  for (let i = len - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v > 0n) fail('INVALID_ARGUMENT', 'integer too large');
  return out;
}

/** RFC 8017 §4.2 OS2IP: big-endian octets to a non-negative integer. */
export function os2ip(bytes: Uint8Array): bigint {
  if (!(bytes instanceof Uint8Array)) fail('INVALID_ARGUMENT', 'octet string must be a Uint8Array');
  return bytesToBigInt(bytes);
}

/** RFC 8017 §5.1.1 RSAEP (also RSAVP1, §5.2.2): m^e mod n for 0 ≤ m < n. */
export function rsaep(pub: RsaPublicKeyLike, m: bigint): bigint {
  const { n, e } = checkPublicKey(pub);
  if (typeof m !== 'bigint' || m < 0n || m >= n) fail('INVALID_ARGUMENT', 'representative out of range');
  return modPow(m, e, n);
}

/**
 * The first steps of both RSA signature verifications (RFC 8017 §8.1.2 and §8.2.2, steps 1–2): a signature
 * of exactly k = |n| bytes, s = OS2IP(S) < n, and m = RSAVP1(s). Null where the signature is malformed
 * (a verifier answers false, never an error); a malformed key is still INVALID_ARGUMENT.
 */
export function signatureRepresentative(pub: RsaPublicKeyLike, signature: Uint8Array): { m: bigint; n: bigint; k: number } | null {
  if (!(signature instanceof Uint8Array)) fail('INVALID_ARGUMENT', 'signature must be a Uint8Array');
  const { n } = checkPublicKey(pub);
  const k = Math.ceil(bitLen(n) / 8);
  if (signature.length !== k) return null;
  const s = os2ip(signature);
  if (s >= n) return null;
  return { m: rsaep(pub, s), n, k };
}

/** A blinding factor r in [2, n−1] with gcd(r, n) = 1, from 8 bytes more than n (bias below 2^-64). */
function blindingFactor(n: bigint): bigint {
  const k = Math.ceil(bitLen(n) / 8);
  for (;;) {
    const r = (os2ip(systemRandom(k + 8)) % (n - 2n)) + 2n;
    if (gcd(r, n) === 1n) return r;
  }
}

/**
 * RFC 8017 §5.1.2 RSADP (also RSASP1, §5.2.1) with the CRT, step 2.b (u = 2), on a blinded input: c is
 * multiplied by r^e for a fresh random r and the result by r^-1 (Kocher 1996 §10), so the timing of the
 * (not constant-time) BigInt exponentiations does not follow c. The result is raised to e and compared
 * with c before it is returned: a fault in either half-exponentiation would otherwise leak a factor of n
 * (Boneh–DeMillo–Lipton); a mismatch is INVALID_KEY. The blinding draws from the system CSPRNG: it does
 * not change the output, so it never consumes a caller's (possibly seeded) stream.
 */
export function rsadp(priv: RsaPrivateKeyLike, c: bigint): bigint {
  const { n, e, p, q, dp, dq, qi } = checkPrivateKey(priv);
  if (typeof c !== 'bigint' || c < 0n || c >= n) fail('INVALID_ARGUMENT', 'representative out of range');
  const r = blindingFactor(n);
  const cb = (c * modPow(r, e, n)) % n;
  const m1 = modPow(cb, dp, p);
  const m2 = modPow(cb, dq, q);
  let h = ((m1 - m2) * qi) % p;
  if (h < 0n) h += p;
  const m = ((m2 + q * h) * modInverse(r, n)) % n;
  if (modPow(m, e, n) !== c) fail('INVALID_KEY', 'RSA private operation failed its consistency check');
  return m;
}
