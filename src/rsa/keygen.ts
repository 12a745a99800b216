import { fail } from '../errors.js';
import { checkedRandom, type RandomSource } from '../random.js';
import type { RsaPrivateComponents } from '../model/components.js';
import { lcm, modInverse } from './math.js';
import { mrRoundsFor, validatePublicExponent } from './primes.js';
import { searchPrime, type SearchBudget } from './prime-search.js';

export const MIN_RSA_BITS = 2048;
export const MAX_RSA_BITS = 8192;

/**
 * Modulus sizes accepted: multiples of 256 from 2048 to 8192 (FIPS 186-5 §5.1 asks nlen ≥ 2048; multiples
 * of 256 keep p and q whole bytes and cover every size KMSs offer).
 */
export function validateRsaBits(bits: unknown): number {
  if (typeof bits !== 'number' || !Number.isSafeInteger(bits) || bits % 256 !== 0 || bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
    fail('INVALID_ARGUMENT', `RSA modulus size must be a multiple of 256 in [${MIN_RSA_BITS}, ${MAX_RSA_BITS}]`);
  }
  return bits;
}

/**
 * An RSA private key by FIPS 186-5 A.1.3 (random probable primes): p, q of exactly nlen/2 bits,
 * ≥ √2·2^(nlen/2−1), |p − q| > 2^(nlen/2−100), gcd(e, p−1) = gcd(e, q−1) = 1, Miller–Rabin rounds per
 * Table B.1; d = e^-1 mod lcm(p−1, q−1) with d > 2^(nlen/2) (A.1.1), otherwise the primes are regenerated.
 * p is the larger prime, as PKCS#1 and OpenSSL order them. All randomness comes from `random`, so a
 * deterministic source gives the same key every time.
 */
export function generateRsaPrivate(bits: number, e: bigint, random: RandomSource): RsaPrivateComponents {
  const nlen = validateRsaBits(bits);
  validatePublicExponent(e);
  const rng = checkedRandom(random);
  const half = nlen / 2;
  const rounds = mrRoundsFor(half);
  const budget: SearchBudget = { draws: 0, windows: 0 };
  const dMin = 1n << BigInt(half);
  for (;;) {
    // A null search is A.1.3's FAILURE; start over (the budget bounds the retries).
    const p0 = searchPrime(half, e, rounds, rng, budget);
    if (p0 === null) continue;
    const q0 = searchPrime(half, e, rounds, rng, budget, p0);
    if (q0 === null) continue;
    const [p, q] = p0 > q0 ? [p0, q0] : [q0, p0];
    const d = modInverse(e, lcm(p - 1n, q - 1n));
    if (d <= dMin) continue;
    return {
      kind: 'rsa-private',
      n: p * q,
      e,
      d,
      p,
      q,
      dp: d % (p - 1n),
      dq: d % (q - 1n),
      qi: modInverse(q, p),
    };
  }
}
