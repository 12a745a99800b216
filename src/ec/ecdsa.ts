import { DER } from '@noble/curves/abstract/weierstrass.js';
import { invert } from '@noble/curves/abstract/modular.js';
import { createHmacDrbg } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import type { CHash } from '@noble/hashes/utils.js';
import type { CurveName } from '../model/spec.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, hex } from '../bytes.js';
import { systemRandom } from '../random.js';
import { curveData } from './curve-data.js';
import { curveMultiplier } from './scalar-mult.js';
import { decodeAffine } from './point-codec.js';

/*
 * ECDSA (FIPS 186-5 §6.4) on the fast multiplier, producing the same bytes as noble's
 * `ecdsa(Point, hash).sign(message, d, { format: 'der', extraEntropy })`: RFC 6979 §3.2 HMAC-DRBG nonce
 * with the extra entropy of §3.6, the message hashed first, low-s normalisation — and accepting exactly
 * what noble's `verify(..., { format: 'der', lowS: false })` accepts (test/ec-fast.test.ts checks both).
 */

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

/** SEC 1 §4.1.3 step 5 / RFC 6979 bits2int: the leftmost bitlen(n) bits of the digest. */
function bits2int(bytes: Uint8Array, nBits: number): bigint {
  const num = bytesToBigInt(bytes);
  const delta = bytes.length * 8 - nBits;
  return delta > 0 ? num >> BigInt(delta) : num;
}

/**
 * DER ECDSA signature of hash(message) under d (nBytes big-endian), RFC 6979 nonce hedged with `extraEntropy`.
 * With `prehashed`, `message` is the digest itself (a KMS's MessageType DIGEST); `hash` still drives the nonce DRBG.
 */
export function ecdsaSign(curve: CurveName, hash: CHash, message: Uint8Array, d: Uint8Array, extraEntropy: Uint8Array, prehashed = false): Uint8Array {
  const { n } = curveData[curve];
  const nBits = n.toString(2).length;
  const nBytes = (nBits + 7) >> 3;
  const m = mod(bits2int(prehashed ? message : hash(message), nBits), n);
  const x = bytesToBigInt(d);
  if (d.length !== nBytes || x < 1n || x >= n) throw new Error('invalid private key');
  const M = curveMultiplier(curve);
  const seed = concatBytes(bigIntToBytes(x, nBytes), bigIntToBytes(m, nBytes), extraEntropy);
  const drbg = createHmacDrbg<{ r: bigint; s: bigint }>(hash.outputLen, nBytes, (key: Uint8Array, msg: Uint8Array) => hmac(hash, key, msg));
  const sig = drbg(seed, (kBytes) => {
    const k = bits2int(kBytes, nBits);
    if (k < 1n || k >= n) return undefined;
    const r = mod(M.arithmetic.toAffine(M.baseMul(k)).x, n);
    if (r === 0n) return undefined;
    // s = k⁻¹(m + rd) computed as (bk)⁻¹(bm + bdr) with a random blind b, so the variable-time
    // inversion never sees k (Minerva); b does not change s, so signatures stay deterministic.
    const b = mod(bytesToBigInt(systemRandom(nBytes + 16)), n - 1n) + 1n;
    let s = mod(invert(mod(b * k, n), n) * mod(b * m + mod(b * x, n) * r, n), n);
    if (s === 0n) return undefined;
    if (s > n >> 1n) s = n - s; // low-s, as noble signs by default
    return { r, s };
  });
  return hex(DER.hexFromSig(sig));
}

/** SEC 1 §4.1.4 verification of a DER signature over hash(message) (or over `message` itself when `prehashed`); any malformed input is `false`. */
export function ecdsaVerify(curve: CurveName, hash: CHash, message: Uint8Array, publicKey: Uint8Array, signature: Uint8Array, prehashed = false): boolean {
  const { n, p } = curveData[curve];
  const nBits = n.toString(2).length;
  const nBytes = (nBits + 7) >> 3;
  let r: bigint, s: bigint;
  try {
    if (signature.length > 2 * nBytes + 16) return false;
    ({ r, s } = DER.toSig(signature, nBytes + 1));
  } catch {
    return false;
  }
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const Q = decodeAffine(curve, publicKey);
  if (!Q) return false;
  const e = mod(bits2int(prehashed ? message : hash(message), nBits), n);
  const w = invert(s, n);
  const M = curveMultiplier(curve);
  const R = M.mulAdd(mod(e * w, n), Q, mod(r * w, n));
  return xMatches(M.arithmetic, R, r, n, p);
}

/**
 * R.x mod n = r without leaving Jacobian coordinates: X ≡ x·Z², and x is r or r + n (when < p).
 */
export function xMatches(J: { norm(x: bigint): bigint; fromDomain(x: bigint): bigint }, R: { X: bigint; Z: bigint }, r: bigint, n: bigint, p: bigint): boolean {
  const Z = J.fromDomain(R.Z);
  if (Z === 0n) return false;
  const X = J.fromDomain(R.X);
  const ZZ = J.norm(Z * Z);
  for (let x = r; x < p; x += n) if (J.norm(x * ZZ) === X) return true;
  return false;
}
