import { DER } from '@noble/curves/abstract/weierstrass.js';
import { bigIntToBytes, bytesToBigInt, hex } from '../../bytes.js';

/*
 * WebCrypto's ECDSA signatures are IEEE P1363 `r ‖ s` (W3C WebCrypto §23.4, each `fieldBytes` long);
 * keysmith's seam carries X9.62 DER `Ecdsa-Sig-Value` (src/provider/types.ts). Converted both ways here.
 */

/** P1363 `r ‖ s` → DER. */
export function p1363ToDer(sig: Uint8Array, fieldBytes: number): Uint8Array {
  if (sig.length !== 2 * fieldBytes) throw new Error('ECDSA signature of unexpected length');
  return hex(DER.hexFromSig({ r: bytesToBigInt(sig.subarray(0, fieldBytes)), s: bytesToBigInt(sig.subarray(fieldBytes)) }));
}

/** DER → P1363 `r ‖ s`, or undefined for anything malformed or out of range (verify then says false). */
export function derToP1363(der: Uint8Array, fieldBytes: number): Uint8Array | undefined {
  if (der.length > 2 * fieldBytes + 16) return undefined;
  let r: bigint, s: bigint;
  try {
    ({ r, s } = DER.toSig(der));
  } catch {
    return undefined;
  }
  const max = 1n << BigInt(8 * fieldBytes);
  if (r < 1n || s < 1n || r >= max || s >= max) return undefined;
  const out = new Uint8Array(2 * fieldBytes);
  out.set(bigIntToBytes(r, fieldBytes), 0);
  out.set(bigIntToBytes(s, fieldBytes), fieldBytes);
  return out;
}
