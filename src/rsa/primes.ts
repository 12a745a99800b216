import { fail } from '../errors.js';
import { checkedRandom, type RandomSource } from '../random.js';
import { bytesToBigInt, zeroize } from '../bytes.js';
import { bitLen, gcd, modPow, requireBigInt } from './math.js';
import { hasSmallFactor, isSmallPrime, SMALL_PRIME_BOUND } from './small-primes.js';

const SMALL_LIMIT = BigInt(SMALL_PRIME_BOUND) * BigInt(SMALL_PRIME_BOUND);
// A broken source (all zeros, say) would otherwise never produce a base in [2, w-2].
const MAX_BASE_DRAWS = 1000;
export const MAX_MR_ROUNDS = 1000;

function bytesToBigIntMasked(b: Uint8Array, bits: number): bigint {
  const x = bytesToBigInt(b);
  const extra = b.length * 8 - bits;
  return extra > 0 ? x & ((1n << BigInt(bits)) - 1n) : x;
}

/** The fixed part of Miller–Rabin for w (FIPS 186-5 B.3.1 steps 1–3): w − 1 = 2^a · m, m odd. */
interface MrSetup {
  readonly w: bigint;
  readonly wMinus1: bigint;
  readonly m: bigint;
  readonly a: number;
  readonly wlen: number;
  readonly nBytes: number;
}

function mrSetup(w: bigint): MrSetup {
  const wMinus1 = w - 1n;
  let m = wMinus1;
  let a = 0;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    a++;
  }
  const wlen = bitLen(w);
  return { w, wMinus1, m, a, wlen, nBytes: Math.ceil(wlen / 8) };
}

/** Steps 4.1–4.2: a fresh wlen-bit string from `random`, redrawn while b ≤ 1 or b ≥ w − 1. */
function drawBase(s: MrSetup, random: RandomSource): bigint {
  for (let draws = 0; ; draws++) {
    if (draws >= MAX_BASE_DRAWS) fail('RNG_FAILURE', 'random source produced no usable Miller-Rabin base');
    const raw = random(s.nBytes);
    const b = bytesToBigIntMasked(raw, s.wlen);
    zeroize(raw);
    if (b > 1n && b < s.wMinus1) return b;
  }
}

/** Steps 4.3–4.7 for one base: true when w is a strong probable prime to base b. */
function strongProbablePrime(s: MrSetup, b: bigint): boolean {
  const { w, wMinus1 } = s;
  let z = modPow(b, s.m, w);
  if (z === 1n || z === wMinus1) return true;
  for (let j = 1; j < s.a; j++) {
    z = (z * z) % w;
    if (z === wMinus1) return true;
    if (z === 1n) return false;
  }
  return false;
}

/**
 * Miller–Rabin, FIPS 186-5 Appendix B.3.1, for odd w > 3. Each base b is a fresh wlen-bit string from
 * `random`, redrawn while b ≤ 1 or b ≥ w − 1 (steps 4.1–4.2), so bases are uniform in [2, w − 2].
 */
export function millerRabin(w: bigint, rounds: number, random: RandomSource): boolean {
  const s = mrSetup(w);
  for (let round = 0; round < rounds; round++) {
    if (!strongProbablePrime(s, drawBase(s, random))) return false;
  }
  return true;
}

/** x^e mod f for safe integers, f < 2^26 so that every product stays below 2^53 (exact in a double). */
function powModSmall(x: number, e: number, f: number): number {
  let r = 1;
  let b = x % f;
  while (e > 0) {
    if (e & 1) r = (r * b) % f;
    b = (b * b) % f;
    e >>>= 1;
  }
  return r;
}

/** Largest factor `millerRabinOnComposite` accepts (Number arithmetic modulo it must stay exact). */
export const MAX_KNOWN_FACTOR = 1 << 26;

/**
 * For an odd w with a known odd prime factor f < 2^26 (f < w): draws from `random` exactly what
 * `millerRabin(w, rounds, random)` would draw, without its full-size exponentiation in all but rare
 * cases. A base b that passes a round of B.3.1 has b^(w−1) ≡ 1 (mod w), hence (mod f); so when
 * b^((w−1) mod (f−1)) ≢ 1 (mod f) (Fermat's little theorem) b is a witness and `millerRabin` would stop
 * after this base. Otherwise (probability gcd(w−1, f−1)/(f−1)) the round is run in full; the same holds
 * for each following round while they pass. The result is always "composite": in the event, of probability below
 * 4^−rounds, that every round passes, the draws are the same and the known composite is still refused.
 */
export function millerRabinOnComposite(w: bigint, f: number, rounds: number, random: RandomSource): void {
  const s = mrSetup(w);
  const bigF = BigInt(f);
  const e = Number(s.wMinus1 % BigInt(f - 1));
  for (let round = 0; round < rounds; round++) {
    const b = drawBase(s, random);
    const t = Number(b % bigF);
    // t = 0: b shares the factor f with w, so no power of b is ±1 mod w; a witness as well.
    if (t === 0 || powModSmall(t, e, f) !== 1) return;
    if (!strongProbablePrime(s, b)) return;
  }
}

/**
 * Probable-prime test: negatives, 0 and 1 are not prime; values below 2^32 are decided exactly by trial
 * division; larger values are trial-divided by the odd primes < 2^16 and then given `rounds` Miller–Rabin
 * rounds with bases drawn from `random`.
 */
export function isProbablePrime(w: bigint, opts: { rounds: number; random: RandomSource }): boolean {
  requireBigInt(w, 'w');
  if (opts === null || typeof opts !== 'object') fail('INVALID_ARGUMENT', 'options are required');
  const { rounds } = opts;
  if (!Number.isSafeInteger(rounds) || rounds < 1 || rounds > MAX_MR_ROUNDS) {
    fail('INVALID_ARGUMENT', `rounds must be an integer in [1, ${MAX_MR_ROUNDS}]`);
  }
  const random = checkedRandom(opts.random);
  if (w < 2n) return false;
  if (w < SMALL_LIMIT) return isSmallPrime(Number(w));
  if (hasSmallFactor(w)) return false;
  return millerRabin(w, rounds, random);
}

/**
 * Miller–Rabin rounds for a random prime candidate of `primeBits` bits: FIPS 186-5 Table B.1
 * (M-R tests only): p, q of 1024 bits → 5 (2^-112), 1536 bits → 4 (2^-128), 2048 bits → 4 (2^-144);
 * sizes between rows take the row below (more rounds). 512-bit primes: 7 (FIPS 186-4 Table C.2).
 * Smaller sizes are outside the tables: 64 rounds, the worst-case bound 4^-64.
 */
export function mrRoundsFor(primeBits: number): number {
  if (!Number.isSafeInteger(primeBits) || primeBits < 1) fail('INVALID_ARGUMENT', 'primeBits must be a positive integer');
  if (primeBits >= 1536) return 4;
  if (primeBits >= 1024) return 5;
  if (primeBits >= 512) return 7;
  return 64;
}

/**
 * Failing step, in the numbering of FIPS 186-4 B.3.3 (= FIPS 186-5 A.1.3) that NIST's CAVP KAT uses:
 * 4.4 / 5.5 p or q below √2·2^(nlen/2−1) (or longer than nlen/2 bits); 5.4 |p − q| ≤ 2^(nlen/2−100);
 * 4.5 / 5.6 gcd(e, p−1) ≠ 1 for an otherwise prime candidate; 4.7 / 5.8 candidate not (probably) prime.
 */
export type PrimeCandidateStep = '4.4' | '4.5' | '4.7' | '5.4' | '5.5' | '5.6' | '5.8';
export type PrimeCandidateResult = { ok: true } | { ok: false; step: PrimeCandidateStep };

export interface PrimeCandidateOptions {
  /** Modulus length in bits (even, 2048..16384). */
  readonly nlen: number;
  /** Public exponent: odd, 2^16 < e < 2^256 (FIPS 186-5 A.1.1). */
  readonly e: bigint;
  readonly random: RandomSource;
  /** Miller–Rabin rounds; default `mrRoundsFor(nlen / 2)`. */
  readonly rounds?: number;
  /** When given, the candidate is q and is checked against this p (steps 5.x); otherwise it is p (steps 4.x). */
  readonly p?: bigint;
}

export function validateNlen(nlen: unknown): number {
  if (typeof nlen !== 'number' || !Number.isSafeInteger(nlen) || nlen % 2 !== 0 || nlen < 2048 || nlen > 16384) {
    fail('INVALID_ARGUMENT', 'nlen must be an even integer in [2048, 16384]');
  }
  return nlen;
}

export function validatePublicExponent(e: unknown): bigint {
  if (typeof e !== 'bigint' || (e & 1n) === 0n || e <= 1n << 16n || e >= 1n << 256n) {
    fail('INVALID_ARGUMENT', 'public exponent must be odd with 2^16 < e < 2^256');
  }
  return e;
}

/** FIPS 186-5 A.1.3 step 4.4 / 5.5: c ≥ √2·2^(h−1) ⇔ c² ≥ 2^(2h−1) for c ≥ 0, checked exactly; and c < 2^h. */
export function inPrimeRange(c: bigint, halfBits: number): boolean {
  return c > 0n && c * c >= 1n << BigInt(2 * halfBits - 1) && c < 1n << BigInt(halfBits);
}

/** FIPS 186-5 A.1.3 step 5.4: |p − q| > 2^(nlen/2 − 100). */
export function farEnough(p: bigint, q: bigint, halfBits: number): boolean {
  const diff = p > q ? p - q : q - p;
  return diff > 1n << BigInt(halfBits - 100);
}

/**
 * The acceptance checks FIPS 186-5 A.1.3 applies to a candidate p (steps 4.4–4.7) or q (5.4–5.8).
 * The candidate is taken as given: making it odd (steps 4.3 / 5.3) is the caller's job; an even
 * candidate is "not prime". Primality is decided before the gcd so that a composite is reported as
 * 4.7 / 5.8 whatever its gcd, as the CAVP file does; the accepted set is the same in either order.
 */
export function checkPrimeCandidate(candidate: bigint, opts: PrimeCandidateOptions): PrimeCandidateResult {
  requireBigInt(candidate, 'candidate');
  if (opts === null || typeof opts !== 'object') fail('INVALID_ARGUMENT', 'options are required');
  const nlen = validateNlen(opts.nlen);
  const e = validatePublicExponent(opts.e);
  const half = nlen / 2;
  const rounds = opts.rounds ?? mrRoundsFor(half);
  const isQ = opts.p !== undefined;
  if (isQ) {
    const p = requireBigInt(opts.p, 'p');
    if (!farEnough(p, candidate, half)) return { ok: false, step: '5.4' };
  }
  if (!inPrimeRange(candidate, half)) return { ok: false, step: isQ ? '5.5' : '4.4' };
  if (!isProbablePrime(candidate, { rounds, random: opts.random })) return { ok: false, step: isQ ? '5.8' : '4.7' };
  if (gcd(candidate - 1n, e) !== 1n) return { ok: false, step: isQ ? '5.6' : '4.5' };
  return { ok: true };
}
