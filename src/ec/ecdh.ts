import type { EcSpec } from '../model/spec.js';
import { bigIntToBytes } from '../bytes.js';
import { fail } from '../errors.js';
import { decodePoint, scalarFromBytes } from './curves.js';

/**
 * The ECC CDH primitive (SP 800-56A r3 §5.7.1.2; SEC 1 §3.3.2): Z = x(h·d·Q) with cofactor h = 1 on every
 * keysmith curve, `fieldBytes` long, big-endian (FE2OS), no KDF. `peer` is validated first (on the spec's
 * curve, not infinity: §5.6.2.3.3 full public-key validation; prime order n, so n·Q = ∞ holds for every
 * point on the curve). The multiplication is noble's constant-time ladder, not the fast path's variable-time
 * mulAdd, because d is secret here.
 */
export function ecdhSharedSecret(spec: EcSpec, d: Uint8Array, peer: Uint8Array): Uint8Array {
  const Q = decodePoint(spec, peer);
  const k = scalarFromBytes(spec, d);
  const P = Q.multiply(k);
  if (P.is0()) fail('INVALID_KEY', `${spec.name}: the shared point is the point at infinity`);
  return bigIntToBytes(P.toAffine().x, spec.fieldBytes);
}
