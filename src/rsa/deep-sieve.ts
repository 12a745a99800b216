import { SMALL_PRIME_BOUND } from './small-primes.js';

/**
 * The second sieve of the prime search: odd primes from SMALL_PRIME_BOUND (2^16) up to a bound that grows
 * with the candidate size. A candidate found divisible by one of them is composite but, unlike one caught
 * by the first sieve, would have reached Miller–Rabin in the plain search; the search keeps its random
 * draws unchanged by replaying that test cheaply modulo the factor (primes.ts, millerRabinOnComposite).
 *
 * Each prime here is larger than a search window (2^16 > 2·1024), so it divides at most one candidate of a
 * window, and one residue of the window's start per prime is all the sieve needs. The residues are the
 * costly part: one BigInt `%` per group of primes whose product stays below 2^64 (three primes up to
 * 2^21), then Number arithmetic. The table is built on first use and kept: 1.4 MB for 2^20, 2.8 MB for
 * 2^21 (measured after GC); building it took 0.1–0.2 s on this project's loaded 2-core machine.
 */

/** Largest bound this module supports: hit indices and the replay's products need primes < 2^26. */
export const MAX_DEEP_BOUND = 1 << 24;

interface DeepTable {
  readonly bound: number;
  /** The odd primes in [SMALL_PRIME_BOUND, bound), ascending. */
  readonly primes: Uint32Array;
  /** Group k holds primes[ends[k−1] .. ends[k]); its product, below 2^64, is moduli[k]. */
  readonly moduli: bigint[];
  readonly ends: Uint32Array;
  /** firsts[k]: the first prime of group k, to cut the table at a smaller bound. */
  readonly firsts: Float64Array;
}

let cached: DeepTable | undefined;

function buildTable(bound: number): DeepTable {
  // Sieve of Eratosthenes over the odd numbers below bound: index i stands for 2i + 1.
  const half = bound >> 1;
  const composite = new Uint8Array(half);
  for (let i = 1; ; i++) {
    const p = 2 * i + 1;
    if (p * p >= bound) break;
    if (composite[i]) continue;
    for (let j = (p * p) >> 1; j < half; j += p) composite[j] = 1;
  }
  let count = 0;
  for (let i = SMALL_PRIME_BOUND >> 1; i < half; i++) if (!composite[i]) count++;
  const primes = new Uint32Array(count);
  for (let i = SMALL_PRIME_BOUND >> 1, k = 0; i < half; i++) if (!composite[i]) primes[k++] = 2 * i + 1;
  const moduli: bigint[] = [];
  const ends: number[] = [];
  const firsts: number[] = [];
  // Greedy groups with product < 2^64, decided in floating point with a margin; the product is made once.
  for (let i = 0; i < primes.length; ) {
    firsts.push(primes[i]!);
    let approx = primes[i]!;
    let prod = BigInt(primes[i++]!);
    while (i < primes.length && approx * primes[i]! < 2 ** 63.9) {
      approx *= primes[i]!;
      prod *= BigInt(primes[i++]!);
    }
    moduli.push(prod);
    ends.push(i);
  }
  return { bound, primes, moduli, ends: Uint32Array.from(ends), firsts: Float64Array.from(firsts) };
}

/** The table for at least `bound`, built on first use (the largest one asked for is kept). */
function tableFor(bound: number): DeepTable {
  if (!cached || cached.bound < bound) cached = buildTable(bound);
  return cached;
}

// A group's remainder (< 2^64) is read as two 32-bit halves through this buffer instead of two more BigInt
// operations (BigUint64Array stores a BigInt modulo 2^64 without allocating).
const word = new BigUint64Array(1);
const halves = new Uint32Array(word.buffer);
const TWO32 = 2 ** 32;
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * For every j < span, sets factor[j] to an odd prime p with SMALL_PRIME_BOUND ≤ p < bound dividing
 * start + 2j, or 0 when there is none. Needs span ≤ SMALL_PRIME_BOUND / 2 and bound ≤ MAX_DEEP_BOUND.
 * Whole groups are used, so primes slightly above `bound` may take part.
 */
export function deepSieve(start: bigint, span: number, bound: number, factor: Uint32Array): void {
  factor.fill(0, 0, span);
  if (bound <= SMALL_PRIME_BOUND) return;
  const { primes, moduli, ends, firsts } = tableFor(bound);
  let groups = 0;
  while (groups < moduli.length && firsts[groups]! < bound) groups++;
  let from = 0;
  for (let k = 0; k < groups; k++) {
    word[0] = start % moduli[k]!;
    const lo = halves[LOW]!;
    const hi = halves[1 - LOW]!;
    const to = ends[k]!;
    for (let i = from; i < to; i++) {
      const p = primes[i]!;
      const inv = 1 / p;
      // x = (hi·2^32 + lo) mod p: floor-quotient reductions, each exact up to one correction at the end
      let t = hi - Math.floor(hi * inv) * p;
      t = t * (TWO32 - Math.floor(TWO32 * inv) * p) + lo;
      let x = t - Math.floor(t * inv) * p;
      if (x < 0) x += p;
      else if (x >= p) x -= p;
      // the j < p with x + 2j ≡ 0 (mod p): j = (p − x)/2 for odd x, p − x/2 for even x > 0
      const j = x === 0 ? 0 : (x & 1) === 1 ? (p - x) / 2 : p - x / 2;
      if (j < span) factor[j] = p;
    }
    from = to;
  }
}
