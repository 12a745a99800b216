import { SM2_PARAMS, sm2Point } from './sm2-curve.js';
import { sm3 } from './sm3.js';
import { randomScalar } from './sm2-sign.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, equalBytes, zeroize } from '../bytes.js';
import { fail, KeysmithError } from '../errors.js';
import type { RandomSource } from '../random.js';

const C1_LEN = 65;
const C3_LEN = 32;

/** KDF(Z, klen), GB/T 32918.4-2016 §5.4.3, with SM3. */
function kdf(z: Uint8Array, klen: number): Uint8Array {
  const out = new Uint8Array(klen);
  const ct = new Uint8Array(4);
  for (let off = 0, i = 1; off < klen; off += 32, i++) {
    new DataView(ct.buffer).setUint32(0, i);
    out.set(sm3(concatBytes(z, ct)).subarray(0, Math.min(32, klen - off)), off);
  }
  return out;
}

const allZero = (b: Uint8Array) => b.every((x) => x === 0);

/**
 * Encryption with a caller-chosen k (GB/T 32918.4-2016 §6.1, A1–A8), for the standard's known answers.
 * Returns raw C1 ‖ C3 ‖ C2 (C1 uncompressed), or undefined when t is all zero and k must be redrawn.
 */
export function sm2EncryptWithNonce(publicPoint: Uint8Array, plaintext: Uint8Array, k: bigint): Uint8Array | undefined {
  const P = sm2Point.fromBytes(publicPoint);
  P.assertValidity();
  const c1 = sm2Point.BASE.multiply(k).toBytes(false);
  const { x, y } = P.multiply(k).toAffine();
  const x2 = bigIntToBytes(x, 32);
  const y2 = bigIntToBytes(y, 32);
  const t = kdf(concatBytes(x2, y2), plaintext.length);
  try {
    if (allZero(t)) return undefined;
    const c2 = plaintext.map((m, i) => m ^ t[i]!);
    const c3 = sm3(concatBytes(x2, plaintext, y2));
    return concatBytes(c1, c3, c2);
  } finally {
    zeroize(t, x2, y2);
  }
}

/** SM2 public-key encryption with SM3; returns raw C1 ‖ C3 ‖ C2 (GB/T 32918.4-2016 §6.1, 2016 ordering). */
export function sm2Encrypt(publicPoint: Uint8Array, plaintext: Uint8Array, random: RandomSource): Uint8Array {
  if (plaintext.length === 0) fail('INVALID_ARGUMENT', 'SM2 encryption needs a non-empty plaintext');
  try {
    sm2Point.fromBytes(publicPoint).assertValidity();
  } catch (e) {
    fail('INVALID_KEY', 'SM2 public key is not a point on sm2p256v1', e);
  }
  for (;;) {
    const c = sm2EncryptWithNonce(publicPoint, plaintext, randomScalar(random, SM2_PARAMS.n));
    if (c) return c;
  }
}

/**
 * SM2 decryption of raw C1 ‖ C3 ‖ C2 (§7.1, B1–B7). Every failure (bad length, C1 off the curve, all-zero t,
 * C3 mismatch) is the same UNWRAP_FAILED: callers learn nothing about which check failed.
 */
export function sm2Decrypt(d: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const failed = (cause?: unknown): never => {
    throw new KeysmithError('UNWRAP_FAILED', 'SM2 decryption failed', cause === undefined ? undefined : { cause });
  };
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length <= C1_LEN + C3_LEN) failed();
  const dn = bytesToBigInt(d);
  let S;
  try {
    const c1 = sm2Point.fromBytes(ciphertext.subarray(0, C1_LEN));
    c1.assertValidity();
    S = c1.multiply(dn).toAffine();
  } catch (e) {
    return failed(e);
  }
  const c3 = ciphertext.subarray(C1_LEN, C1_LEN + C3_LEN);
  const c2 = ciphertext.subarray(C1_LEN + C3_LEN);
  const x2 = bigIntToBytes(S.x, 32);
  const y2 = bigIntToBytes(S.y, 32);
  const t = kdf(concatBytes(x2, y2), c2.length);
  const m = c2.map((c, i) => c ^ t[i]!);
  const ok = !allZero(t) && equalBytes(sm3(concatBytes(x2, m, y2)), c3);
  zeroize(t, x2, y2);
  if (!ok) {
    zeroize(m);
    failed();
  }
  return m;
}
