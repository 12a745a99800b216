import { describe, expect, it } from 'vitest';
import { isProbablePrime, mrRoundsFor } from '../src/rsa/primes.js';
import { smallOddPrimes } from '../src/rsa/small-primes.js';
import { seededRandom } from '../src/random.js';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';

/** Wycheproof BigInt: two's-complement big-endian hex. */
function twosComplement(hex: string): bigint {
  if (hex.length === 0) return 0n;
  const v = BigInt('0x' + hex);
  return parseInt(hex[0]!, 16) >= 8 ? v - (1n << BigInt(hex.length * 4)) : v;
}

describe.skipIf(!sharedAvailable)('Wycheproof primality_test.json', () => {
  it('all 317 cases', () => {
    const file = readSharedJson('wycheproof/testvectors_v1/primality_test.json');
    const random = seededRandom('keysmith primality bases');
    const counts = { valid: 0, invalid: 0, acceptable: 0 };
    for (const group of file.testGroups) {
      for (const t of group.tests) {
        const result = knownResult(t.result) as keyof typeof counts;
        const w = twosComplement(t.value);
        const got = isProbablePrime(w, { rounds: 40, random });
        if (result === 'valid') expect(got, `tcId ${t.tcId}`).toBe(true);
        else if (result === 'invalid') expect(got, `tcId ${t.tcId}`).toBe(false);
        else expect(w < 0n, `tcId ${t.tcId} acceptable only for negatives`).toBe(true);
        counts[result]++;
      }
    }
    expect(counts).toEqual({ valid: 66, invalid: 243, acceptable: 8 });
    expect(counts.valid + counts.invalid + counts.acceptable).toBe(file.numberOfTests);
  });
});

describe('isProbablePrime', () => {
  const random = seededRandom('small');
  it('agrees with the sieve below 70000 and on small edge values', () => {
    const primes = new Set(smallOddPrimes());
    for (let i = -5; i < 70000; i++) {
      const expected = i === 2 || (i > 2 && i < 65536 ? primes.has(i) : i > 2 && isPrimeSlow(i));
      expect(isProbablePrime(BigInt(i), { rounds: 2, random })).toBe(expected);
    }
  });

  it('Mersenne primes and composites above 2^32', () => {
    for (const p of [61, 89, 107, 127, 521, 607, 1279]) expect(isProbablePrime((1n << BigInt(p)) - 1n, { rounds: 8, random })).toBe(true);
    for (const c of [67, 101, 257, 1024]) expect(isProbablePrime((1n << BigInt(c)) - 1n, { rounds: 8, random })).toBe(false);
    // product of two primes > 2^16: no small factor, must be caught by Miller–Rabin
    expect(isProbablePrime(4294967291n * 4294967279n, { rounds: 8, random })).toBe(false);
    expect(isProbablePrime(4294967291n, { rounds: 8, random })).toBe(true);
  });

  it('rejects bad arguments', () => {
    expect(codeOfSync(() => isProbablePrime(7 as unknown as bigint, { rounds: 4, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => isProbablePrime(7n, { rounds: 0, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => isProbablePrime(7n, { rounds: 1.5, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => isProbablePrime(7n, undefined as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => isProbablePrime(7n, { rounds: 4, random: 'x' as never }))).toBe('INVALID_ARGUMENT');
  });

  it('a random source that never yields a usable base is RNG_FAILURE, not a hang', () => {
    const zeros = (n: number) => new Uint8Array(n);
    const big = (1n << 127n) - 1n;
    expect(codeOfSync(() => isProbablePrime(big, { rounds: 4, random: zeros }))).toBe('RNG_FAILURE');
    expect(codeOfSync(() => isProbablePrime(big, { rounds: 4, random: () => new Uint8Array(1) }))).toBe('RNG_FAILURE');
  });
});

describe('mrRoundsFor', () => {
  it('meets FIPS 186-5 Table B.1 for RSA 2048/3072/4096 primes', () => {
    expect(mrRoundsFor(1024)).toBeGreaterThanOrEqual(5);
    expect(mrRoundsFor(1536)).toBeGreaterThanOrEqual(4);
    expect(mrRoundsFor(2048)).toBeGreaterThanOrEqual(4);
    expect(mrRoundsFor(512)).toBeGreaterThanOrEqual(7);
    expect(mrRoundsFor(100)).toBeGreaterThanOrEqual(40);
    expect(codeOfSync(() => mrRoundsFor(0))).toBe('INVALID_ARGUMENT');
  });
});

function isPrimeSlow(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
