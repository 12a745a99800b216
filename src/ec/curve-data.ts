import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { SM2_PARAMS } from '../sm/sm2-curve.js';
import type { CurveName } from '../model/spec.js';

/**
 * Frozen domain data the fast arithmetic (jacobian.ts, scalar-mult.ts) is built from: one factory, one
 * parameter object per curve (every curve keysmith has runs on the fast path; none falls back to noble). The prime-field constants come from noble's own curve definitions (and
 * SM2_PARAMS), so the two implementations cannot drift apart.
 */
export interface CurveData {
  readonly name: CurveName;
  readonly p: bigint;
  readonly n: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly Gx: bigint;
  readonly Gy: bigint;
  /** Byte length of a field element. */
  readonly bytes: number;
  /**
   * Pseudo-Mersenne fold for p = 2^bits − c with small c: x ≡ (x mod 2^bits) + ⌊x / 2^bits⌋·c, applied
   * `rounds` times. Absent: plain BigInt `%`, which measured faster for primes whose c is large.
   */
  readonly fold?: { readonly bits: bigint; readonly c: bigint; readonly rounds: number };
  /** GLV endomorphism ψ(x, y) = (β·x, y) acting as multiplication by λ, with a reduced lattice basis. */
  readonly endo?: { readonly beta: bigint; readonly basis: readonly [readonly [bigint, bigint], readonly [bigint, bigint]] };
  /** Window width of the lazily built fixed-base table for G. */
  readonly baseWindow: number;
}

function fromNoble(name: CurveName, c: { p: bigint; n: bigint; a: bigint; b: bigint; Gx: bigint; Gy: bigint }, extra: Partial<CurveData> & { baseWindow: number }): CurveData {
  const { p, n, a, b, Gx, Gy } = c;
  return Object.freeze({ name, p, n, a, b, Gx, Gy, bytes: (p.toString(2).length + 7) >> 3, ...extra });
}

export const curveData: Readonly<Record<CurveName, CurveData>> = Object.freeze({
  'P-256': fromNoble('P-256', p256.Point.CURVE(), { baseWindow: 8 }),
  'P-384': fromNoble('P-384', p384.Point.CURVE(), { baseWindow: 8 }),
  secp256k1: fromNoble('secp256k1', secp256k1.Point.CURVE(), {
    baseWindow: 8,
    fold: Object.freeze({ bits: 256n, c: 0x1000003d1n, rounds: 2 }),
    // SEC 2 §2.4.1 / noble-curves secp256k1 GLV parameters (β a cube root of unity mod p).
    endo: Object.freeze({
      beta: 0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501een,
      basis: Object.freeze([
        Object.freeze([0x3086d221a7d46bcde86c90e49284eb15n, -0xe4437ed6010e88286f547fa90abfe4c3n] as const),
        Object.freeze([0x114ca50f7a8e2f3f657c1108d9d44cfd8n, 0x3086d221a7d46bcde86c90e49284eb15n] as const),
      ] as const),
    }),
  }),
  sm2p256v1: fromNoble('sm2p256v1', SM2_PARAMS as { p: bigint; n: bigint; a: bigint; b: bigint; Gx: bigint; Gy: bigint }, { baseWindow: 8 }),
  // P-521: p = 2^521 − 1 (a Mersenne prime), so the fold is exact with c = 1. Window 6 keeps the lazily built G
  // table at 87 rows × 32 points (the scalar has 521 bits).
  'P-521': fromNoble('P-521', p521.Point.CURVE(), { baseWindow: 6, fold: Object.freeze({ bits: 521n, c: 1n, rounds: 2 }) }),
});
