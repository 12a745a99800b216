import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import type { EcSpec } from '../model/spec.js';
import { bigIntToBytes, bytesToBigInt, concatBytes } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { pointGroupByCurve } from './groups.js';
import { curveMultiplier } from './scalar-mult.js';

type Point = WeierstrassPointCons<bigint>;

export function pointGroup(spec: EcSpec): Point {
  return pointGroupByCurve(spec.curve);
}

export function curveOrder(spec: EcSpec): bigint {
  return pointGroup(spec).Fn.ORDER;
}

/**
 * The range a private scalar may take: [1, n-1], or [1, n-2] for SM2, whose signature computes
 * (1 + d)^-1 mod n (GB/T 32918.1-2016 §6.1).
 */
export function maxPrivateScalar(spec: EcSpec): bigint {
  return curveOrder(spec) - (spec.signature === 'SM2DSA' ? 2n : 1n);
}

/** Decodes a SEC 1 point (compressed or not) and checks that it is on the curve and not infinity. */
export function decodePoint(spec: EcSpec, bytes: Uint8Array): WeierstrassPoint<bigint> {
  const P = pointGroup(spec);
  const point = rethrowAs('INVALID_KEY', `${spec.name}: public key is not a valid point on ${spec.curve}`, () => {
    const pt = P.fromBytes(bytes);
    pt.assertValidity();
    return pt;
  });
  if (point.is0()) fail('INVALID_KEY', `${spec.name}: public key is the point at infinity`);
  return point;
}

/** Uncompressed SEC 1 encoding 04 || X || Y. */
export function encodePoint(point: WeierstrassPoint<bigint>): Uint8Array {
  return point.toBytes(false);
}

export function scalarFromBytes(spec: EcSpec, d: Uint8Array): bigint {
  if (d.length !== spec.fieldBytes) fail('INVALID_KEY', `${spec.name}: private scalar must be ${spec.fieldBytes} bytes`);
  const k = bytesToBigInt(d);
  if (k < 1n || k > maxPrivateScalar(spec)) fail('INVALID_KEY', `${spec.name}: private scalar out of range`);
  return k;
}

export function scalarToBytes(spec: EcSpec, k: bigint): Uint8Array {
  return bigIntToBytes(k, spec.fieldBytes);
}

/** Q = d·G, uncompressed (04 ‖ X ‖ Y), on the fixed-base table of scalar-mult.ts. */
export function publicFromPrivate(spec: EcSpec, d: Uint8Array): Uint8Array {
  const M = curveMultiplier(spec.curve);
  const { x, y } = M.arithmetic.toAffine(M.baseMul(scalarFromBytes(spec, d)));
  return concatBytes(Uint8Array.of(4), bigIntToBytes(x, spec.fieldBytes), bigIntToBytes(y, spec.fieldBytes));
}
