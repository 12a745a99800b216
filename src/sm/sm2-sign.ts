import { DER } from '@noble/curves/abstract/weierstrass.js';
import { mod, invert } from '@noble/curves/abstract/modular.js';
import { SM2_PARAMS, sm2Point } from './sm2-curve.js';
import { sm3 } from './sm3.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, hex, utf8 } from '../bytes.js';
import { fail, isKeysmithError } from '../errors.js';
import { curveMultiplier } from '../ec/scalar-mult.js';
import { xMatches } from '../ec/ecdsa.js';
import type { RandomSource } from '../random.js';

const { n, p } = SM2_PARAMS;
/** The fast fixed-base and double-scalar multiplier (src/ec/scalar-mult.ts) on sm2p256v1. */
const M = curveMultiplier('sm2p256v1');

/** GM/T 0009-2012 §10: the user ID signers use when none is agreed. */
export const SM2_DEFAULT_ID = utf8('1234567812345678');

/** ZA = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), GB/T 32918.2-2016 §5.5. */
export function sm2Za(publicPoint: Uint8Array, id: Uint8Array = SM2_DEFAULT_ID): Uint8Array {
  if (id.length > 8191) fail('INVALID_ARGUMENT', 'SM2 user ID longer than 8191 bytes');
  const P = sm2Point.fromBytes(publicPoint).toAffine();
  const entl = Uint8Array.of((id.length * 8) >> 8, (id.length * 8) & 0xff);
  const f = (x: bigint) => bigIntToBytes(x, 32);
  return sm3(concatBytes(entl, id, f(SM2_PARAMS.a), f(SM2_PARAMS.b), f(SM2_PARAMS.Gx), f(SM2_PARAMS.Gy), f(P.x), f(P.y)));
}

/** e = SM3(ZA ‖ M), GB/T 32918.2-2016 §6.1 A1–A2: what a KMS's `MessageType: DIGEST` takes for SM2DSA. */
export function sm2Digest(publicPoint: Uint8Array, message: Uint8Array, id: Uint8Array = SM2_DEFAULT_ID): Uint8Array {
  return sm3(concatBytes(sm2Za(publicPoint, id), message));
}

function digest(publicPoint: Uint8Array, message: Uint8Array, id: Uint8Array): bigint {
  return bytesToBigInt(sm2Digest(publicPoint, message, id));
}

function checkE(e: Uint8Array): bigint {
  if (!(e instanceof Uint8Array) || e.length !== 32) fail('INVALID_ARGUMENT', 'an SM2DSA digest e = SM3(ZA ‖ M) is 32 bytes');
  return bytesToBigInt(e);
}

/** A nonce in [1, n-1] from 40 random bytes (bias below 2^-64, as FIPS 186-5 A.3.1). */
export function randomScalar(random: RandomSource, order: bigint, bytes = 40): bigint {
  return mod(bytesToBigInt(random(bytes)), order - 1n) + 1n;
}

/**
 * SM2 signature with a caller-chosen nonce, GB/T 32918.2-2016 §6.1 (A1–A7). Exposed for the standard's
 * known-answer test; `sm2Sign` draws k itself. Returns (r, s), or undefined when k must be redrawn.
 */
export function sm2SignWithNonce(d: bigint, publicPoint: Uint8Array, message: Uint8Array, k: bigint, id = SM2_DEFAULT_ID): { r: bigint; s: bigint } | undefined {
  return signE(d, digest(publicPoint, message, id), k);
}

/** A3–A7 from e. */
function signE(d: bigint, e: bigint, k: bigint): { r: bigint; s: bigint } | undefined {
  const x1 = M.arithmetic.toAffine(M.baseMul(k)).x;
  const r = mod(e + x1, n);
  if (r === 0n || r + k === n) return undefined;
  const s = mod(invert(1n + d, n) * (k - r * d), n);
  if (s === 0n) return undefined;
  return { r, s };
}

/** SM2 signature over `message` (ZA computed from `id`), DER SEQUENCE { r, s } as GM/T 0009 and OpenSSL write it. */
export function sm2Sign(d: Uint8Array, publicPoint: Uint8Array, message: Uint8Array, random: RandomSource, id = SM2_DEFAULT_ID): Uint8Array {
  return sm2SignDigest(d, sm2Digest(publicPoint, message, id), random);
}

/** SM2 signature over e = SM3(ZA ‖ M) computed by the caller (GB/T 32918.2-2016 §6.1 A3–A7), DER. */
export function sm2SignDigest(d: Uint8Array, e: Uint8Array, random: RandomSource): Uint8Array {
  const en = checkE(e);
  const dn = bytesToBigInt(d);
  if (dn < 1n || dn > n - 2n) fail('INVALID_KEY', 'SM2 private scalar out of range');
  for (;;) {
    const sig = signE(dn, en, randomScalar(random, n));
    if (sig) return hex(DER.hexFromSig(sig));
  }
}

/** GB/T 32918.2-2016 §7.1 (B1–B7). Any malformed input is simply `false`. */
export function sm2Verify(publicPoint: Uint8Array, message: Uint8Array, signature: Uint8Array, id = SM2_DEFAULT_ID): boolean {
  let e: Uint8Array;
  try {
    e = sm2Digest(publicPoint, message, id);
  } catch (err) {
    if (isKeysmithError(err, 'INVALID_ARGUMENT')) throw err; // an over-long ID is the caller's mistake
    return false; // a public point that does not decode
  }
  return sm2VerifyDigest(publicPoint, e, signature);
}

/** B3–B7 against e = SM3(ZA ‖ M) computed by the caller. */
export function sm2VerifyDigest(publicPoint: Uint8Array, e: Uint8Array, signature: Uint8Array): boolean {
  const en = checkE(e);
  let sig: { r: bigint; s: bigint };
  let P: ReturnType<typeof sm2Point.fromBytes>;
  try {
    sig = DER.toSig(signature);
    P = sm2Point.fromBytes(publicPoint);
    P.assertValidity();
  } catch {
    return false;
  }
  const { r, s } = sig;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  if (hex(DER.hexFromSig(sig)).length !== signature.length) return false; // trailing bytes
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const sum = M.mulAdd(s, P.toAffine(), t); // (x1, y1) = s·G + t·P, B5
  // B7: (e + x1) mod n = r, i.e. x1 ≡ r − e (mod n); a sum at infinity matches nothing.
  return xMatches(M.arithmetic, sum, mod(r - en, n), n, p);
}
