import type { CurveName } from '../model/spec.js';
import { pointGroupByCurve } from './groups.js';
import type { Affine } from './jacobian.js';

/**
 * SEC 1 §2.3.4 point decoding through noble (compressed or not, on-curve and not infinity checked);
 * `undefined` for anything invalid.
 */
export function decodeAffine(curve: CurveName, bytes: Uint8Array): Affine | undefined {
  try {
    const P = pointGroupByCurve(curve).fromBytes(bytes);
    if (P.is0()) return undefined;
    return P.toAffine();
  } catch {
    return undefined;
  }
}
