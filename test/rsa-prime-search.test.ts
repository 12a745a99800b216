import { describe, expect, it } from 'vitest';
import { searchPrime, MAX_DRAWS, MAX_WINDOWS } from '../src/rsa/prime-search.js';
import { farEnough, inPrimeRange, millerRabin, millerRabinOnComposite, mrRoundsFor } from '../src/rsa/primes.js';
import { deepSieve, MAX_DEEP_BOUND } from '../src/rsa/deep-sieve.js';
import { smallOddPrimes, smallPrimeResidues, SMALL_PRIME_BOUND } from '../src/rsa/small-primes.js';
import { bitLen, gcd, modPow } from '../src/rsa/math.js';
import { checkedRandom, seededRandom, type RandomSource } from '../src/random.js';

// The random stream is the contract (vectors/golden-keys.json): every search must ask its source for the
// same byte counts, in the same order, as the plain search did before the second sieve. This is that plain
// search, kept here as the reference: sieve by the odd primes < 2^16, then gcd, then Miller–Rabin.

const toBig = (b: Uint8Array) => (b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex')));

function referenceMillerRabin(w: bigint, rounds: number, random: RandomSource): boolean {
  let m = w - 1n;
  let a = 0;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    a++;
  }
  const wlen = bitLen(w);
  for (let round = 0; round < rounds; round++) {
    let b: bigint;
    do b = toBig(random(Math.ceil(wlen / 8))) & ((1n << BigInt(wlen)) - 1n);
    while (b <= 1n || b >= w - 1n);
    let z = modPow(b, m, w);
    if (z === 1n || z === w - 1n) continue;
    let passed = false;
    for (let j = 1; j < a && !passed; j++) {
      z = (z * z) % w;
      if (z === w - 1n) passed = true;
      else if (z === 1n) break;
    }
    if (!passed) return false;
  }
  return true;
}

/** The search before the second sieve; `tested` collects every candidate given to Miller–Rabin. */
function referenceSearch(halfBits: number, rounds: number, random: RandomSource, tested: bigint[], p?: bigint): bigint | null {
  const primes = smallOddPrimes();
  const limit = 5 * halfBits;
  const top = 1n << BigInt(halfBits);
  let i = 0;
  for (let windows = 0; windows < MAX_WINDOWS; windows++) {
    let start = 0n;
    for (let draws = 0; draws < MAX_DRAWS; draws++) {
      start = toBig(random(halfBits / 8)) | 1n;
      if (inPrimeRange(start, halfBits) && (p === undefined || farEnough(p, start, halfBits))) break;
    }
    const span = Math.min(1024, Number((top - 1n - start) / 2n + 1n));
    const res = smallPrimeResidues(start);
    const composite = new Uint8Array(span);
    primes.forEach((sp, k) => {
      for (let j = 0; j < span; j++) if ((res[k]! + 2 * j) % sp === 0) for (; j < span; j += sp) composite[j] = 1;
    });
    for (let j = 0; j < span; j++) {
      if (++i > limit) return null;
      if (composite[j]) continue;
      const c = start + BigInt(2 * j);
      if (p !== undefined && !farEnough(p, c, halfBits)) continue;
      if (gcd(c - 1n, 65537n) !== 1n) continue;
      tested.push(c);
      if (referenceMillerRabin(c, rounds, random)) return c;
    }
  }
  throw new Error('reference search gave up');
}

/** A seeded source that logs the byte count of every request. */
function logged(seed: string): { random: RandomSource; log: number[] } {
  const inner = seededRandom(seed);
  const log: number[] = [];
  return { random: (n) => (log.push(n), inner(n)), log };
}

/** The odd primes in [2^16, bound), by trial division with the small-prime table. */
function primesFrom2To16(bound: number): number[] {
  const out: number[] = [];
  for (let x = SMALL_PRIME_BOUND + 1; x < bound; x += 2) {
    let prime = true;
    for (const q of smallOddPrimes()) {
      if (q * q > x) break;
      if (x % q === 0) {
        prime = false;
        break;
      }
    }
    if (prime) out.push(x);
  }
  return out;
}
const deepPrimes = primesFrom2To16(1 << 18);

/** Tested candidates that have a prime factor in [2^16, 2^18): the ones the second sieve answers. */
function withDeepFactor(tested: bigint[]): number {
  return tested.filter((c) => deepPrimes.some((q) => c % BigInt(q) === 0n)).length;
}

describe('prime search: the random stream is unchanged by the second sieve', () => {
  const cases: { halfBits: number; deepBound?: number; seeds: number }[] = [
    { halfBits: 512, deepBound: 1 << 22, seeds: 6 },
    { halfBits: 1024, seeds: 2 }, // the RSA-2048 default bound
  ];
  it.each(cases)('halfBits $halfBits, deepBound $deepBound', ({ halfBits, deepBound, seeds }) => {
    const rounds = mrRoundsFor(halfBits);
    const tested: bigint[] = [];
    for (let s = 0; s < seeds; s++) {
      const ref = logged(`search ${halfBits} ${s}`);
      const ours = logged(`search ${halfBits} ${s}`);
      const budget = { draws: 0, windows: 0 };
      const rp = referenceSearch(halfBits, rounds, ref.random, tested);
      const op = searchPrime(halfBits, 65537n, rounds, checkedRandom(ours.random), budget, undefined, deepBound);
      expect(op).toBe(rp);
      // q: the same with the |p − q| check in play
      const rq = referenceSearch(halfBits, rounds, ref.random, tested, rp!);
      const oq = searchPrime(halfBits, 65537n, rounds, checkedRandom(ours.random), budget, op!, deepBound);
      expect(oq).toBe(rq);
      expect(ours.log).toEqual(ref.log);
    }
    // the replay path really ran: some tested candidates had a factor the second sieve finds
    expect(withDeepFactor(tested)).toBeGreaterThan(0);
  });
});

/** A source that answers from a script of values, each as `n` big-endian bytes, and logs the requests. */
function scripted(values: bigint[]): { random: RandomSource; log: number[] } {
  const log: number[] = [];
  let k = 0;
  return {
    random: (n) => {
      log.push(n);
      const v = values[k++];
      if (v === undefined) throw new Error('script exhausted');
      return Uint8Array.from(Buffer.from(v.toString(16).padStart(2 * n, '0'), 'hex'));
    },
    log,
  };
}

describe('millerRabinOnComposite draws what millerRabin draws', () => {
  it('random composites with a known factor, random bases (the common case: the first base is a witness)', () => {
    const random = seededRandom('known factor');
    for (let t = 0; t < 40; t++) {
      const f = [65537, 65539, 1048573, 16777213][t % 4]!;
      const w = BigInt(f) * ((toBig(random(40)) | 1n) | (1n << 319n));
      const a = logged(`bases ${t}`);
      const b = logged(`bases ${t}`);
      expect(millerRabin(w, 5, a.random)).toBe(false);
      millerRabinOnComposite(w, f, 5, b.random);
      expect(b.log).toEqual(a.log);
      expect(a.random(4)).toEqual(b.random(4)); // and the streams are at the same place
    }
  });

  it('a base that is 1 modulo the factor falls back to the full round', () => {
    const f = 65537n;
    const w = f * 1000000000000000000000000000057n; // odd composite, 113 bits
    const base = 1n + f * 12345678901234567n; // ≡ 1 (mod f): the Fermat check modulo f cannot decide
    const a = scripted([base]);
    const b = scripted([base]);
    expect(millerRabin(w, 3, a.random)).toBe(false);
    millerRabinOnComposite(w, Number(f), 3, b.random);
    expect(b.log).toEqual(a.log);
    expect(a.log.length).toBe(1);
  });

  it('a strong pseudoprime: every round passes, every base is drawn, out-of-range bases are redrawn', () => {
    // 3215031751 = 151 · 751 · 28351 is a strong pseudoprime to the bases 2, 3, 5 and 7
    const w = 3215031751n;
    const script = [0n, 1n, w - 1n, 2n, 3n, 5n, 7n];
    const a = scripted(script);
    const b = scripted(script);
    expect(millerRabin(w, 4, a.random)).toBe(true);
    millerRabinOnComposite(w, 151, 4, b.random);
    expect(b.log).toEqual(a.log);
    expect(a.log.length).toBe(script.length);
  });

  it('a base sharing the factor is a witness', () => {
    const f = 65537n;
    const w = f * 340282366920938463463374607431768211507n;
    const a = scripted([f * 3n, 99n]);
    const b = scripted([f * 3n, 99n]);
    expect(millerRabin(w, 2, a.random)).toBe(false);
    millerRabinOnComposite(w, Number(f), 2, b.random);
    expect(b.log).toEqual(a.log);
    expect(a.log.length).toBe(1);
  });
});

describe('deepSieve', () => {
  it('marks a prime factor ≥ 2^16 of exactly the candidates that have one below the bound', () => {
    const random = seededRandom('deep sieve');
    const bound = 1 << 18;
    const deep = deepPrimes;
    for (const bits of [512, 1024, 2048]) {
      const start = toBig(random(bits / 8)) | 1n;
      const factor = new Uint32Array(1024).fill(7);
      deepSieve(start, 1000, bound, factor);
      expect(factor[1000]).toBe(7); // nothing written past span
      const divisors: number[][] = Array.from({ length: 1000 }, () => []);
      deep.forEach((q) => {
        const r = Number(start % BigInt(q));
        for (let j = 0; j < 1000; j++) if ((r + 2 * j) % q === 0) divisors[j]!.push(q);
      });
      for (let j = 0; j < 1000; j++) {
        if (divisors[j]!.length === 0) expect(factor[j], `j=${j}`).toBe(0);
        else expect(divisors[j]).toContain(factor[j]);
      }
    }
  });

  it('finds factors up to the largest bound', () => {
    const f = 16777213; // the largest prime below 2^24
    const start = BigInt(f) * 123456789123456789123456789n - 2n * 77n;
    const factor = new Uint32Array(1024);
    deepSieve(start, 1024, MAX_DEEP_BOUND, factor);
    expect((start + 2n * 77n) % BigInt(factor[77]!)).toBe(0n);
    deepSieve(start, 1024, 1 << 17, factor);
    expect(factor[77]).toBe(0);
  });
});
