import { p256, p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { sm2Point } from '../sm/sm2-curve.js';
import type { CurveName, EcSpec } from '../model/spec.js';
import { bigIntToBytes, bytesToBigInt } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';

type Point = WeierstrassPointCons<bigint>;

/** The noble point group behind each named curve. */
const points: Readonly<Record<CurveName, Point>> = Object.freeze({
  'P-256': p256.Point,
  'P-384': p384.Point,
  secp256k1: secp256k1.Point,
  sm2p256v1: sm2Point,
});

export function pointGroup(spec: EcSpec): Point {
  return points[spec.curve];
}

export function curveOrder(spec: EcSpec): bigint {
  return points[spec.curve].Fn.ORDER;
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

/** Q = d·G, uncompressed. */
export function publicFromPrivate(spec: EcSpec, d: Uint8Array): Uint8Array {
  return encodePoint(pointGroup(spec).BASE.multiply(scalarFromBytes(spec, d)));
}
