import { invert } from '@noble/curves/abstract/modular.js';
import type { CurveData } from './curve-data.js';

/**
 * A point in Jacobian coordinates (x, y) = (X/Z², Y/Z³); Z === 0n is the point at infinity.
 * Coordinates live in the field domain (see `jacobian`) and are kept lazily reduced: each is congruent to the true value mod p and bounded by a
 * small multiple of p (it may be negative), so additions and subtractions need no reduction and
 * only products are reduced. `toAffine` returns canonical values in [0, p).
 */
export interface Jac {
  readonly X: bigint;
  readonly Y: bigint;
  readonly Z: bigint;
}

/** Affine point with canonical coordinates. */
export interface Affine {
  readonly x: bigint;
  readonly y: bigint;
}

export const INFINITY: Jac = Object.freeze({ X: 1n, Y: 1n, Z: 0n });

export interface JacobianArithmetic {
  readonly data: CurveData;
  /** Reduces any product of two lazily reduced values to a lazily reduced value. */
  red(x: bigint): bigint;
  /** Canonical representative in [0, p) of a plain (not domain) value. */
  norm(x: bigint): bigint;
  /** Plain value → field domain (identity unless Montgomery). */
  toDomain(x: bigint): bigint;
  /** Field domain → canonical plain value in [0, p). */
  fromDomain(x: bigint): bigint;
  /** Affine plain coordinates → Jacobian point in the field domain. */
  fromAffine(x: bigint, y: bigint): Jac;
  /** True when a (lazily reduced) value is ≡ 0 (mod p). */
  isZero(x: bigint): boolean;
  double(P: Jac): Jac;
  /** P + (x, y) with (x, y) affine (mixed addition). Handles P = ±(x, y) and P = ∞. */
  addAffine(P: Jac, x: bigint, y: bigint): Jac;
  /** P + Q, both Jacobian. Handles every special case. */
  add(P: Jac, Q: Jac): Jac;
  neg(P: Jac): Jac;
  toAffine(P: Jac): Affine;
  /** Canonical affine forms of many points with one inversion (Montgomery's trick). None may be ∞. */
  toAffineBatch(points: readonly Jac[]): Affine[];
}

/**
 * Jacobian-coordinate group law over BigInt for a short-Weierstrass curve y² = x³ + ax + b, written once
 * and specialised only by the frozen curve data: a = −3 (P-256, P-384, SM2) and a = 0 (secp256k1) take
 * the cheaper doubling formulas, and a pseudo-Mersenne prime takes a shift-and-add reduction.
 * Formulas: Explicit-Formulas Database (dbl-2001-b, dbl-2009-l, dbl-2007-bl, madd-2004-hmv, add-1998-cmo-2).
 */
export function jacobian(data: CurveData): JacobianArithmetic {
  const { p, a } = data;
  const norm = (x: bigint) => {
    x %= p;
    return x < 0n ? x + p : x;
  };
  // The field "domain" is the plain residue today; formulas keep red() arguments homogeneous so a
  // Montgomery domain could be dropped in behind toDomain / fromDomain.
  let red: (x: bigint) => bigint;
  const isZero = (x: bigint) => x % p === 0n;
  const toDomain = (x: bigint) => x;
  const fromDomain = norm;
  if (data.fold) {
    const { bits, c, rounds } = data.fold;
    const mask = (1n << bits) - 1n;
    red = rounds === 2
      ? (x) => {
          x = (x & mask) + (x >> bits) * c;
          return (x & mask) + (x >> bits) * c;
        }
      : (x) => {
          for (let i = 0; i < rounds; i++) x = (x & mask) + (x >> bits) * c;
          return x;
        };
  } else {
    // Plain BigInt `%`. A one-step Montgomery REDC (values kept as x·R mod p; the hooks toDomain /
    // fromDomain exist for it) measured no faster on P-256, P-384 or SM2 here, so it is not used.
    red = (x) => x % p;
  }
  const ONE = toDomain(1n);

  const aMinus3 = norm(a) === p - 3n;
  const aZero = a === 0n;
  const aRed = toDomain(norm(a));

  // Every red() argument below is a sum of products of two domain values (homogeneous, as Montgomery
  // form requires); sums of reduced values stay outside red() and are bounded by a small multiple of p.
  function double(P: Jac): Jac {
    const { X, Y, Z } = P;
    if (Z === 0n) return INFINITY;
    if (aMinus3) {
      const delta = red(Z * Z);
      const gamma = red(Y * Y);
      const beta = red(X * gamma);
      const alpha = red(3n * (X - delta) * (X + delta));
      const X3 = red(alpha * alpha) - (beta << 3n);
      return { X: X3, Y: red(alpha * ((beta << 2n) - X3) - ((gamma * gamma) << 3n)), Z: red((Y * Z) << 1n) };
    }
    const A = red(X * X);
    const B = red(Y * Y);
    const C = red(B * B);
    const D = red((X * B) << 2n);
    let M = 3n * A;
    if (!aZero) {
      const ZZ = red(Z * Z);
      M += red(aRed * red(ZZ * ZZ));
    }
    const X3 = red(M * M) - (D << 1n);
    return { X: X3, Y: red(M * (D - X3)) - (C << 3n), Z: red((Y * Z) << 1n) };
  }

  function addAffine(P: Jac, x: bigint, y: bigint): Jac {
    const { X, Y, Z } = P;
    if (Z === 0n) return { X: x, Y: y, Z: ONE };
    const ZZ = red(Z * Z);
    const H = red(x * ZZ) - X;
    const r = red(y * red(Z * ZZ)) - Y;
    if (isZero(H)) return isZero(r) ? double(P) : INFINITY;
    const HH = red(H * H);
    const HHH = red(H * HH);
    const V = red(X * HH);
    const X3 = red(r * r) - HHH - (V << 1n);
    return { X: X3, Y: red(r * (V - X3) - Y * HHH), Z: red(Z * H) };
  }

  function add(P: Jac, Q: Jac): Jac {
    if (P.Z === 0n) return Q;
    if (Q.Z === 0n) return P;
    const Z1Z1 = red(P.Z * P.Z);
    const Z2Z2 = red(Q.Z * Q.Z);
    const U1 = red(P.X * Z2Z2);
    const S1 = red(P.Y * red(Q.Z * Z2Z2));
    const H = red(Q.X * Z1Z1) - U1;
    const r = red(Q.Y * red(P.Z * Z1Z1)) - S1;
    if (isZero(H)) return isZero(r) ? double(P) : INFINITY;
    const HH = red(H * H);
    const HHH = red(H * HH);
    const V = red(U1 * HH);
    const X3 = red(r * r) - HHH - (V << 1n);
    return { X: X3, Y: red(r * (V - X3) - S1 * HHH), Z: red(red(P.Z * Q.Z) * H) };
  }

  const neg = (P: Jac): Jac => ({ X: P.X, Y: -P.Y, Z: P.Z });

  const fromAffine = (x: bigint, y: bigint): Jac => ({ X: toDomain(x), Y: toDomain(y), Z: ONE });

  function toAffine(P: Jac): Affine {
    const Z = fromDomain(P.Z);
    if (Z === 0n) throw new Error('point at infinity has no affine form');
    const zi = invert(Z, p);
    const zi2 = norm(zi * zi);
    return { x: norm(fromDomain(P.X) * zi2), y: norm(norm(fromDomain(P.Y) * zi2) * zi) };
  }

  function toAffineBatch(points: readonly Jac[]): Affine[] {
    const prefix: bigint[] = new Array(points.length);
    const Zs = points.map((P) => fromDomain(P.Z));
    let acc = 1n;
    for (let i = 0; i < points.length; i++) {
      prefix[i] = acc;
      acc = norm(acc * Zs[i]!);
    }
    let inv = invert(acc, p);
    const out: Affine[] = new Array(points.length);
    for (let i = points.length - 1; i >= 0; i--) {
      const P = points[i]!;
      const zi = norm(inv * prefix[i]!);
      inv = norm(inv * Zs[i]!);
      const zi2 = norm(zi * zi);
      out[i] = { x: norm(fromDomain(P.X) * zi2), y: norm(norm(fromDomain(P.Y) * zi2) * zi) };
    }
    return out;
  }

  return Object.freeze({ data, red, norm, isZero, toDomain, fromDomain, fromAffine, double, addAffine, add, neg, toAffine, toAffineBatch });
}
