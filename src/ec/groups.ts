import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { sm2Point } from '../sm/sm2-curve.js';
import type { CurveName } from '../model/spec.js';

/** The noble point group behind each named curve (point decoding and validation). */
const points: Readonly<Record<CurveName, WeierstrassPointCons<bigint>>> = Object.freeze({
  'P-256': p256.Point,
  'P-384': p384.Point,
  secp256k1: secp256k1.Point,
  sm2p256v1: sm2Point,
  'P-521': p521.Point,
});

export function pointGroupByCurve(curve: CurveName): WeierstrassPointCons<bigint> {
  return points[curve];
}
