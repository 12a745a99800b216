import { fail } from '../errors.js';

/** Raises INVALID_ARGUMENT unless `x` is a bigint. Keeps raw TypeErrors from escaping BigInt arithmetic. */
export function requireBigInt(x: unknown, what: string): bigint {
  if (typeof x !== 'bigint') fail('INVALID_ARGUMENT', `${what} must be a bigint`);
  return x;
}

/** a mod m in [0, m), also for negative a. */
export function mod(a: bigint, m: bigint): bigint {
  requireBigInt(a, 'a');
  requireBigInt(m, 'modulus');
  if (m <= 0n) fail('INVALID_ARGUMENT', 'modulus must be positive');
  const r = a % m;
  return r < 0n ? r + m : r;
}

// Window width by exponent size, as OpenSSL's BN_window_bits_for_exponent_size.
function windowBits(expBits: number): number {
  if (expBits > 671) return 6;
  if (expBits > 239) return 5;
  if (expBits > 79) return 4;
  if (expBits > 23) return 3;
  return 1;
}

/**
 * base^exp mod m by left-to-right sliding-window exponentiation with V8's BigInt `%` as the reduction.
 * Montgomery and Barrett reduction written with BigInt were measured slower (bench/rsa-keygen.bench.ts,
 * Node 20: full-size exponent, 1024/1536/2048-bit modulus: `%` 1.4/4.4/10.5 ms, Montgomery 1.7/5.3/11.6 ms,
 * Barrett 1.8/5.2/12.6 ms): a 2048-bit `%` costs ~1.6 multiplications, REDC needs three (BigInt has no
 * half product). Not constant time: V8 BigInt arithmetic is variable time.
 */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  requireBigInt(base, 'base');
  requireBigInt(exp, 'exponent');
  requireBigInt(m, 'modulus');
  if (m <= 0n) fail('INVALID_ARGUMENT', 'modulus must be positive');
  if (exp < 0n) fail('INVALID_ARGUMENT', 'exponent must be non-negative');
  if (m === 1n) return 0n;
  const b = mod(base, m);
  if (exp === 0n) return 1n;
  if (b === 0n) return 0n;
  const bits = exp.toString(2);
  const len = bits.length;
  const k = windowBits(len);
  // odd powers b^1, b^3, ..., b^(2^k - 1)
  const table: bigint[] = [b];
  if (k > 1) {
    const b2 = (b * b) % m;
    for (let i = 1; i < 1 << (k - 1); i++) table.push((table[i - 1]! * b2) % m);
  }
  let r = 1n;
  let i = 0;
  let started = false;
  while (i < len) {
    if (bits.charCodeAt(i) === 48 /* '0' */) {
      if (started) r = (r * r) % m;
      i++;
      continue;
    }
    let j = Math.min(i + k, len);
    while (bits.charCodeAt(j - 1) === 48) j--;
    const w = parseInt(bits.slice(i, j), 2);
    if (started) {
      for (let t = i; t < j; t++) r = (r * r) % m;
      r = (r * table[(w - 1) >> 1]!) % m;
    } else {
      r = table[(w - 1) >> 1]!;
      started = true;
    }
    i = j;
  }
  return r;
}

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  requireBigInt(a, 'a');
  requireBigInt(b, 'b');
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Least common multiple of |a| and |b| (0 when either is 0). */
export function lcm(a: bigint, b: bigint): bigint {
  const g = gcd(a, b);
  if (g === 0n) return 0n;
  const r = (a / g) * b;
  return r < 0n ? -r : r;
}

/** a^-1 mod m for m > 1; INVALID_ARGUMENT when gcd(a, m) != 1. */
export function modInverse(a: bigint, m: bigint): bigint {
  requireBigInt(a, 'a');
  requireBigInt(m, 'modulus');
  if (m <= 1n) fail('INVALID_ARGUMENT', 'modulus must be greater than 1');
  let r0 = m;
  let r1 = mod(a, m);
  let t0 = 0n;
  let t1 = 1n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1n) fail('INVALID_ARGUMENT', 'value is not invertible modulo m');
  return t0 < 0n ? t0 + m : t0;
}

/** Number of bits of a non-negative bigint (0 for 0). */
export function bitLen(n: bigint): number {
  if (n <= 0n) return 0;
  // toString(16) is much cheaper than toString(2) for large values
  const h = n.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0]!, 16)));
}
