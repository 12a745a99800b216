import { fail } from '../errors.js';
import { bytesToBigInt, zeroize } from '../bytes.js';
import type { RandomSource } from '../random.js';
import { gcd } from './math.js';
import { farEnough, inPrimeRange, millerRabin, millerRabinOnComposite } from './primes.js';
import { deepSieve, MAX_DEEP_BOUND } from './deep-sieve.js';
import { smallOddPrimes, smallPrimeResidues } from './small-primes.js';

/** Odd candidates examined per random start (covers ~3 average prime gaps at 1024 bits). */
const WINDOW = 1024;

/**
 * Caps on how much a generation may draw, shared by all searches of one key. A working RBG stays far below
 * them (a start passes step 4.4 with probability ≈ 0.29, and a window misses a prime with probability
 * ≈ 0.06 at 1024 bits); a broken one (constant output) hits them within a second instead of looping forever.
 */
export interface SearchBudget {
  draws: number;
  windows: number;
}
export const MAX_DRAWS = 2000;
export const MAX_WINDOWS = 200;

/** Steps 4.2–4.4 / 5.2–5.5: a random odd halfBits-bit start ≥ √2·2^(halfBits−1). */
function randomStart(halfBits: number, random: RandomSource, budget: SearchBudget, p?: bigint): bigint {
  const nBytes = halfBits / 8;
  for (;;) {
    if (++budget.draws > MAX_DRAWS) fail('RNG_FAILURE', 'random source produced no usable prime candidates');
    const raw = random(nBytes);
    const x = bytesToBigInt(raw) | 1n;
    zeroize(raw);
    if (inPrimeRange(x, halfBits) && (p === undefined || farEnough(p, x, halfBits))) return x;
  }
}

/**
 * Bound of the second sieve (deep-sieve.ts) for candidates of `halfBits` bits. A prime s in the sieve costs
 * about one residue per window and saves a full Miller–Rabin exponentiation on ≈ 1/s of the candidates that
 * reach it, so it pays while s stays below (tests per window × exponentiation cost / residue cost), which
 * grows with the size; the values are measured (bench/rsa-keygen.bench.ts).
 */
export function deepSieveBound(halfBits: number): number {
  if (halfBits >= 1536) return 1 << 21;
  if (halfBits >= 1024) return 1 << 20;
  return 0;
}

/**
 * FIPS 186-5 A.1.3 step 4 (p) or step 5 (q, when `p` is given), with an incremental search: a random odd
 * start passing 4.4 / 5.5, then the odd numbers above it, sieved against the odd primes < 2^16, the
 * survivors checked for gcd(c − 1, e) = 1 and given `rounds` Miller–Rabin rounds. Every candidate examined
 * counts as one iteration i; after 5·(nlen/2) the search returns null (the FAILURE of steps 4.7 / 5.8).
 *
 * A second sieve, by the primes from 2^16 up to `deepBound`, finds a factor of many survivors that reach
 * Miller–Rabin. Those are still "tested": millerRabinOnComposite draws exactly the bases Miller–Rabin would
 * draw, so the random stream, and every key a seeded source gives, is the same as without the second sieve.
 */
export function searchPrime(
  halfBits: number,
  e: bigint,
  rounds: number,
  random: RandomSource,
  budget: SearchBudget,
  p?: bigint,
  deepBound: number = deepSieveBound(halfBits),
): bigint | null {
  if (!Number.isSafeInteger(deepBound) || deepBound > MAX_DEEP_BOUND) fail('INVALID_ARGUMENT', 'deepBound out of range');
  const primes = smallOddPrimes();
  const limit = 5 * halfBits;
  const top = 1n << BigInt(halfBits);
  const composite = new Uint8Array(WINDOW);
  const factor = new Uint32Array(WINDOW);
  let i = 0;
  for (;;) {
    if (++budget.windows > MAX_WINDOWS) fail('RNG_FAILURE', 'random source produced no usable prime candidates');
    const start = randomStart(halfBits, random, budget, p);
    // Candidates start + 2j, j < span, all below 2^halfBits.
    const room = (top - 1n - start) / 2n + 1n;
    const span = room < BigInt(WINDOW) ? Number(room) : WINDOW;
    composite.fill(0);
    const res = smallPrimeResidues(start);
    for (let k = 0; k < primes.length; k++) {
      const sp = primes[k]!;
      const r = res[k]!;
      // first j with r + 2j ≡ 0 (mod sp): j ≡ −r · 2^-1, and 2^-1 = (sp + 1) / 2 mod sp
      let j = r === 0 ? 0 : ((sp - r) * ((sp + 1) / 2)) % sp;
      for (; j < span; j += sp) composite[j] = 1;
    }
    deepSieve(start, span, deepBound, factor);
    for (let j = 0; j < span; j++) {
      if (++i > limit) return null;
      if (composite[j]) continue;
      const c = start + BigInt(2 * j);
      if (p !== undefined && !farEnough(p, c, halfBits)) continue;
      if (gcd(c - 1n, e) !== 1n) continue;
      const f = factor[j]!;
      if (f !== 0) millerRabinOnComposite(c, f, rounds, random);
      else if (millerRabin(c, rounds, random)) return c;
    }
  }
}
