import { _splitEndoScalar } from '@noble/curves/abstract/weierstrass.js';
import type { CurveName } from '../model/spec.js';
import { curveData, type CurveData } from './curve-data.js';
import { INFINITY, jacobian, type Affine, type Jac, type JacobianArithmetic } from './jacobian.js';

/** Width of the wNAF window for a variable point (odd multiples 1·P … 15·P). */
const VAR_WINDOW = 5;

/**
 * Signed base-2^w digits d_i ∈ [−2^(w−1), 2^(w−1)] with k = Σ d_i·2^(w·i), for the fixed-base table.
 * `count` digits (one more window than the scalar needs, for the final carry).
 */
function signedWindows(k: bigint, w: number, count: number): Int16Array {
  const out = new Int16Array(count);
  const mask = BigInt((1 << w) - 1);
  const half = 1 << (w - 1);
  const full = 1 << w;
  const W = BigInt(w);
  let carry = 0;
  for (let i = 0; i < count; i++) {
    let v = Number(k & mask) + carry;
    k >>= W;
    if (v > half) {
      v -= full;
      carry = 1;
    } else carry = 0;
    out[i] = v;
  }
  return out;
}

/** Width-w NAF digits of k ≥ 0, least significant first: every non-zero digit odd, |d| < 2^(w−1). */
function wnaf(k: bigint, w: number): Int8Array {
  const s = k.toString(2);
  const len = s.length;
  const bit = (i: number) => (i < len ? s.charCodeAt(len - 1 - i) - 48 : 0);
  const out = new Int8Array(len + 1);
  const full = 1 << w;
  const half = 1 << (w - 1);
  let carry = 0;
  for (let i = 0; i <= len; ) {
    if (((bit(i) + carry) & 1) === 0) {
      carry = (bit(i) + carry) >> 1;
      i++;
      continue;
    }
    let v = carry;
    for (let j = 0; j < w; j++) v += bit(i + j) << j;
    v &= full - 1; // the carry into the lowest bit cannot overflow past the window: v is odd here
    if (v >= half) {
      out[i] = v - full;
      carry = 1;
    } else {
      out[i] = v;
      carry = 0;
    }
    i += w;
  }
  return out;
}

/** Odd multiples P, 3P, …, (2^(w−1)−1)·P. */
function oddMultiples(J: JacobianArithmetic, P: Jac, w: number): Jac[] {
  const out = [P];
  const P2 = J.double(P);
  for (let i = 1; i < 1 << (w - 2); i++) out.push(J.add(out[i - 1]!, P2));
  return out;
}

export interface CurveMultiplier {
  readonly arithmetic: JacobianArithmetic;
  /** k·G for 0 < k < n, as a Jacobian point; the same number of additions whatever k's digits. */
  baseMul(k: bigint): Jac;
  /** u1·G + u2·Q for public scalars 0 ≤ u1, u2 < n (ECDSA and SM2 verification). Variable time. */
  mulAdd(u1: bigint, Q: Affine, u2: bigint): Jac;
  /** Builds the fixed-base table now (it is otherwise built on first use). Returns its point count. */
  warm(): number;
}

function multiplier(data: CurveData): CurveMultiplier {
  const J = jacobian(data);
  const w = data.baseWindow;
  const windows = Math.ceil((data.n.toString(2).length + 1) / w);
  const rowLen = 1 << (w - 1);
  let table: Affine[][] | undefined;

  /** table[i][j] = (j + 1)·2^(w·i)·G, affine in the field domain: built lazily, once per curve. */
  function baseTable(): Affine[][] {
    if (table) return table;
    const flat: Jac[] = [];
    let base: Jac = J.fromAffine(data.Gx, data.Gy);
    for (let i = 0; i < windows; i++) {
      let acc = base;
      flat.push(acc);
      for (let j = 1; j < rowLen; j++) flat.push((acc = J.add(acc, base)));
      base = J.double(acc); // 2^(w−1)·base doubled: the next window's unit
    }
    const aff = J.toAffineBatch(flat).map(({ x, y }) => ({ x: J.toDomain(x), y: J.toDomain(y) }));
    const rows: Affine[][] = [];
    for (let i = 0; i < windows; i++) rows.push(aff.slice(i * rowLen, (i + 1) * rowLen));
    return (table = rows);
  }

  function fixedBase(k: bigint, uniform: boolean): Jac {
    const T = baseTable();
    const digits = signedWindows(k, w, windows);
    let acc: Jac = INFINITY;
    let dummy: Jac = INFINITY;
    for (let i = 0; i < windows; i++) {
      const d = digits[i]!;
      if (d === 0) {
        // Keep the count of additions independent of the digits (BigInt is not constant-time anyway).
        if (uniform) dummy = J.addAffine(dummy, T[i]![0]!.x, T[i]![0]!.y);
        continue;
      }
      const pt = T[i]![(d < 0 ? -d : d) - 1]!;
      acc = J.addAffine(acc, pt.x, d < 0 ? -pt.y : pt.y);
    }
    return acc;
  }

  const endo = data.endo;
  const beta = endo ? J.toDomain(endo.beta) : 0n;
  function mulAdd(u1: bigint, Q: Affine, u2: bigint): Jac {
    const Qj = J.fromAffine(Q.x, Q.y);
    const tables: Jac[][] = [];
    const digits: Int8Array[] = [];
    if (u2 !== 0n) {
      if (endo) {
        const { k1neg, k1, k2neg, k2 } = _splitEndoScalar(u2, endo.basis as [[bigint, bigint], [bigint, bigint]], data.n);
        const t = oddMultiples(J, Qj, VAR_WINDOW);
        const psi = t.map((P) => ({ X: J.red(P.X * beta), Y: P.Y, Z: P.Z }));
        tables.push(k1neg ? t.map(J.neg) : t, k2neg ? psi.map(J.neg) : psi);
        digits.push(wnaf(k1, VAR_WINDOW), wnaf(k2, VAR_WINDOW));
      } else {
        tables.push(oddMultiples(J, Qj, VAR_WINDOW));
        digits.push(wnaf(u2, VAR_WINDOW));
      }
    }
    let acc: Jac = INFINITY;
    const top = Math.max(0, ...digits.map((d) => d.length)) - 1;
    for (let i = top; i >= 0; i--) {
      acc = J.double(acc);
      for (let t = 0; t < digits.length; t++) {
        const d = digits[t]![i] ?? 0;
        if (d > 0) acc = J.add(acc, tables[t]![(d - 1) >> 1]!);
        else if (d < 0) acc = J.add(acc, J.neg(tables[t]![(-d - 1) >> 1]!));
      }
    }
    return u1 === 0n ? acc : J.add(acc, fixedBase(u1, false));
  }

  return Object.freeze({
    arithmetic: J,
    baseMul: (k: bigint) => fixedBase(k, true),
    mulAdd,
    warm: () => baseTable().length * rowLen,
  });
}

const cache = new Map<CurveName, CurveMultiplier>();

/** The fast multiplier for a curve, created on first use (its G table is built lazily too). */
export function curveMultiplier(curve: CurveName): CurveMultiplier {
  let m = cache.get(curve);
  if (!m) cache.set(curve, (m = multiplier(curveData[curve])));
  return m;
}
