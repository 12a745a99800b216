import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { sha3_256, shake256 } from '@noble/hashes/sha3.js';
import { equalBytes, zeroize } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { systemRandom, type RandomSource } from '../random.js';
import { drawSeed, keyFromSeed } from './seed.js';

/** FIPS 203 parameter sets (Table 2, Table 3) with their OIDs (NIST CSOR kems 1-3). */
export type MlKemLevel = 512 | 768 | 1024;

export interface MlKemParams {
  readonly level: MlKemLevel;
  readonly name: string;
  readonly oid: string;
  readonly k: number;
  /** d ‖ z (FIPS 203 Algorithm 16). */
  readonly seedBytes: 64;
  readonly publicKeyBytes: number;
  readonly expandedKeyBytes: number;
  readonly ciphertextBytes: number;
  readonly sharedSecretBytes: 32;
}

export const ML_KEM_PARAMS: Readonly<Record<MlKemLevel, MlKemParams>> = Object.freeze({
  512: Object.freeze({ level: 512, name: 'ML-KEM-512', oid: '2.16.840.1.101.3.4.4.1', k: 2, seedBytes: 64, publicKeyBytes: 800, expandedKeyBytes: 1632, ciphertextBytes: 768, sharedSecretBytes: 32 }),
  768: Object.freeze({ level: 768, name: 'ML-KEM-768', oid: '2.16.840.1.101.3.4.4.2', k: 3, seedBytes: 64, publicKeyBytes: 1184, expandedKeyBytes: 2400, ciphertextBytes: 1088, sharedSecretBytes: 32 }),
  1024: Object.freeze({ level: 1024, name: 'ML-KEM-1024', oid: '2.16.840.1.101.3.4.4.3', k: 4, seedBytes: 64, publicKeyBytes: 1568, expandedKeyBytes: 3168, ciphertextBytes: 1568, sharedSecretBytes: 32 }),
} as const);

const IMPL = { 512: ml_kem512, 768: ml_kem768, 1024: ml_kem1024 } as const;
const MSG_BYTES = 32;

export function mlKemParams(level: MlKemLevel): MlKemParams {
  const p = (ML_KEM_PARAMS as Record<number, MlKemParams | undefined>)[level];
  if (p === undefined) fail('INVALID_ARGUMENT', 'unknown ML-KEM parameter set');
  return p;
}

export interface MlKemKeyPair {
  /** ek, the encapsulation key. */
  readonly publicKey: Uint8Array;
  /** dk = dk_PKE ‖ ek ‖ H(ek) ‖ z, the `expandedKey` of the LAMPS draft. */
  readonly expandedKey: Uint8Array;
}

/** ML-KEM.KeyGen_internal(d, z) (FIPS 203 Algorithm 16) from the 64-byte seed d ‖ z. */
export function mlKemKeyFromSeed(level: MlKemLevel, seed: Uint8Array): MlKemKeyPair {
  return keyFromSeed(mlKemParams(level), (s) => IMPL[level].keygen(s), seed);
}

/** ML-KEM.KeyGen (FIPS 203 Algorithm 19): d ‖ z from `random`. The caller owns (and zeroes) `seed`. */
export function mlKemGenerate(level: MlKemLevel, random: RandomSource = systemRandom): MlKemKeyPair & { readonly seed: Uint8Array } {
  const seed = drawSeed(mlKemParams(level), random);
  return { seed, ...mlKemKeyFromSeed(level, seed) };
}

/** Encapsulation key checks of FIPS 203 §7.2: the length and the modulus check (ByteEncode12(ByteDecode12(ek)) = ek). */
export function mlKemCheckPublicKey(level: MlKemLevel, publicKey: Uint8Array): void {
  const p = mlKemParams(level);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== p.publicKeyBytes) fail('INVALID_KEY', `${p.name}: the public key must be ${p.publicKeyBytes} bytes`);
  for (let i = 0; i < 384 * p.k; i += 3) {
    const a = publicKey[i]! | ((publicKey[i + 1]! & 0x0f) << 8);
    const b = (publicKey[i + 1]! >> 4) | (publicKey[i + 2]! << 4);
    if (a >= 3329 || b >= 3329) fail('INVALID_KEY', `${p.name}: public key coefficient not reduced mod q`);
  }
}

/**
 * Checks an expanded decapsulation key and returns its encapsulation key: the length, the hash check of FIPS 203
 * §7.3 (H(ek) as stored), ek's modulus check, and a pairwise consistency test (encapsulate to ek, decapsulate
 * with dk; SP 800-140C / the LAMPS draft's bad example 2). The PCT message is derived from the key so the check
 * is deterministic.
 */
export function mlKemPublicKeyFromExpanded(level: MlKemLevel, expandedKey: Uint8Array): Uint8Array {
  const p = mlKemParams(level);
  if (!(expandedKey instanceof Uint8Array) || expandedKey.length !== p.expandedKeyBytes) fail('INVALID_KEY', `${p.name}: the expanded key must be ${p.expandedKeyBytes} bytes`);
  const ekStart = 384 * p.k;
  const ek = expandedKey.slice(ekStart, ekStart + p.publicKeyBytes);
  const h = expandedKey.subarray(ekStart + p.publicKeyBytes, ekStart + p.publicKeyBytes + 32);
  if (!equalBytes(sha3_256(ek), h)) fail('INVALID_KEY', `${p.name}: expanded key fails the hash check (FIPS 203 §7.3)`);
  mlKemCheckPublicKey(level, ek);
  const m = shake256(expandedKey, { dkLen: MSG_BYTES });
  const { cipherText, sharedSecret } = IMPL[level].encapsulate(ek, m);
  const back = rethrowAs('INVALID_KEY', `${p.name}: decapsulation failed`, () => IMPL[level].decapsulate(cipherText, expandedKey));
  const ok = equalBytes(sharedSecret, back);
  zeroize(m, sharedSecret, back);
  if (!ok) fail('INVALID_KEY', `${p.name}: expanded key fails the pairwise consistency test`);
  return ek;
}

export interface MlKemEncapsulation {
  readonly ciphertext: Uint8Array;
  readonly sharedSecret: Uint8Array;
}

/** ML-KEM.Encaps (FIPS 203 Algorithm 20): the 32-byte m comes from `random`. */
export function mlKemEncapsulate(level: MlKemLevel, publicKey: Uint8Array, random: RandomSource = systemRandom): MlKemEncapsulation {
  const p = mlKemParams(level);
  mlKemCheckPublicKey(level, publicKey);
  const m = random(MSG_BYTES);
  if (!(m instanceof Uint8Array) || m.length !== MSG_BYTES) fail('RNG_FAILURE', `random source did not return ${MSG_BYTES} bytes`);
  try {
    const { cipherText, sharedSecret } = rethrowAs('INVALID_KEY', `${p.name}: encapsulation failed`, () => IMPL[level].encapsulate(publicKey, m));
    return { ciphertext: cipherText, sharedSecret };
  } finally {
    zeroize(m);
  }
}

/**
 * ML-KEM.Decaps (FIPS 203 Algorithm 21). A ciphertext of the right length never fails (implicit rejection
 * returns a pseudorandom secret); one of the wrong length is INVALID_ARGUMENT (§7.3 input check).
 */
export function mlKemDecapsulate(level: MlKemLevel, expandedKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const p = mlKemParams(level);
  if (!(expandedKey instanceof Uint8Array) || expandedKey.length !== p.expandedKeyBytes) fail('INVALID_KEY', `${p.name}: the expanded key must be ${p.expandedKeyBytes} bytes`);
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length !== p.ciphertextBytes) fail('INVALID_ARGUMENT', `${p.name}: the ciphertext must be ${p.ciphertextBytes} bytes`);
  return rethrowAs('INVALID_KEY', `${p.name}: decapsulation key fails the hash check`, () => IMPL[level].decapsulate(ciphertext, expandedKey));
}
