import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { zeroize } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { systemRandom, type RandomSource } from '../random.js';
import { drawSeed, keyFromSeed } from './seed.js';
import { mlDsaExpandedPublicKey } from './ml-dsa-expanded.js';

/** FIPS 204 parameter sets (Table 1, Table 2) with their RFC 9881 OIDs. */
export type MlDsaLevel = 44 | 65 | 87;

export interface MlDsaParams {
  readonly level: MlDsaLevel;
  readonly name: string;
  readonly oid: string;
  readonly k: number;
  readonly l: number;
  readonly eta: 2 | 4;
  readonly seedBytes: 32;
  readonly publicKeyBytes: number;
  readonly expandedKeyBytes: number;
  readonly signatureBytes: number;
}

export const ML_DSA_PARAMS: Readonly<Record<MlDsaLevel, MlDsaParams>> = Object.freeze({
  44: Object.freeze({ level: 44, name: 'ML-DSA-44', oid: '2.16.840.1.101.3.4.3.17', k: 4, l: 4, eta: 2, seedBytes: 32, publicKeyBytes: 1312, expandedKeyBytes: 2560, signatureBytes: 2420 }),
  65: Object.freeze({ level: 65, name: 'ML-DSA-65', oid: '2.16.840.1.101.3.4.3.18', k: 6, l: 5, eta: 4, seedBytes: 32, publicKeyBytes: 1952, expandedKeyBytes: 4032, signatureBytes: 3309 }),
  87: Object.freeze({ level: 87, name: 'ML-DSA-87', oid: '2.16.840.1.101.3.4.3.19', k: 8, l: 7, eta: 2, seedBytes: 32, publicKeyBytes: 2592, expandedKeyBytes: 4896, signatureBytes: 4627 }),
} as const);

/** μ is 64 bytes (FIPS 204 Algorithm 7 line 6, Algorithm 8 line 7). */
export const ML_DSA_MU_BYTES = 64;
const RND_BYTES = 32;
const MAX_CONTEXT = 255;

const IMPL = { 44: ml_dsa44, 65: ml_dsa65, 87: ml_dsa87 } as const;

export function mlDsaParams(level: MlDsaLevel): MlDsaParams {
  const p = (ML_DSA_PARAMS as Record<number, MlDsaParams | undefined>)[level];
  if (p === undefined) fail('INVALID_ARGUMENT', 'unknown ML-DSA parameter set');
  return p;
}

export interface MlDsaKeyPair {
  readonly publicKey: Uint8Array;
  /** The FIPS 204 skEncode form (the `expandedKey` of RFC 9881). */
  readonly expandedKey: Uint8Array;
}

/** ML-DSA.KeyGen_internal(ξ) (FIPS 204 Algorithm 6): the key pair a 32-byte seed ξ determines. */
export function mlDsaKeyFromSeed(level: MlDsaLevel, seed: Uint8Array): MlDsaKeyPair {
  return keyFromSeed(mlDsaParams(level), (s) => IMPL[level].keygen(s), seed);
}

/** ML-DSA.KeyGen (FIPS 204 Algorithm 1): ξ from `random`, then Algorithm 6. The caller owns (and zeroes) `seed`. */
export function mlDsaGenerate(level: MlDsaLevel, random: RandomSource = systemRandom): MlDsaKeyPair & { readonly seed: Uint8Array } {
  const seed = drawSeed(mlDsaParams(level), random);
  return { seed, ...mlDsaKeyFromSeed(level, seed) };
}

/**
 * Checks a FIPS 204 expanded private key against itself and returns its public key: tr must be H(pk) and t0
 * must be what s1, s2 imply (RFC 9881 Appendix C.4, examples 2 and 3). INVALID_KEY otherwise.
 */
export function mlDsaPublicKeyFromExpanded(level: MlDsaLevel, expandedKey: Uint8Array): Uint8Array {
  const p = mlDsaParams(level);
  if (!(expandedKey instanceof Uint8Array) || expandedKey.length !== p.expandedKeyBytes) fail('INVALID_KEY', `${p.name}: the expanded key must be ${p.expandedKeyBytes} bytes`);
  return mlDsaExpandedPublicKey(p, expandedKey);
}

export interface MlDsaSignOptions {
  /** Deterministic variant (rnd = 0^32, FIPS 204 §3.4); hedged (rnd from `random`) when false or absent. */
  readonly deterministic?: boolean;
  readonly random?: RandomSource;
  /** The FIPS 204 context string ctx (at most 255 bytes); empty when absent, as AWS and RFC 9881 use it. */
  readonly context?: Uint8Array;
}

function rndFor(opts: MlDsaSignOptions): Uint8Array {
  if (opts.deterministic === true) return new Uint8Array(RND_BYTES);
  const rnd = (opts.random ?? systemRandom)(RND_BYTES);
  if (!(rnd instanceof Uint8Array) || rnd.length !== RND_BYTES) fail('RNG_FAILURE', `random source did not return ${RND_BYTES} bytes`);
  return rnd;
}

function checkExpandedKey(p: MlDsaParams, expandedKey: Uint8Array): void {
  if (!(expandedKey instanceof Uint8Array) || expandedKey.length !== p.expandedKeyBytes) fail('INVALID_KEY', `${p.name}: the expanded key must be ${p.expandedKeyBytes} bytes`);
}

function checkPublicKey(p: MlDsaParams, publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== p.publicKeyBytes) fail('INVALID_KEY', `${p.name}: the public key must be ${p.publicKeyBytes} bytes`);
}

function messageBytes(m: Uint8Array, what: string): Uint8Array {
  if (!(m instanceof Uint8Array)) fail('INVALID_ARGUMENT', `${what} must be bytes`);
  return m;
}

function contextBytes(ctx: Uint8Array | undefined): Uint8Array {
  if (ctx === undefined) return new Uint8Array(0);
  if (!(ctx instanceof Uint8Array) || ctx.length > MAX_CONTEXT) fail('INVALID_ARGUMENT', `ML-DSA context must be at most ${MAX_CONTEXT} bytes`);
  return ctx;
}

/**
 * μ = H(H(pk, 64) ‖ 0 ‖ |ctx| ‖ ctx ‖ M, 64): FIPS 204 Algorithm 2 line 10 with Algorithm 7 line 6, i.e. the
 * "external μ" a caller hands to AWS's ML_DSA_SHAKE_256 with MessageType EXTERNAL_MU.
 */
export function mlDsaMu(level: MlDsaLevel, publicKey: Uint8Array, message: Uint8Array, context?: Uint8Array): Uint8Array {
  const p = mlDsaParams(level);
  checkPublicKey(p, publicKey);
  const ctx = contextBytes(context);
  const tr = shake256(publicKey, { dkLen: 64 });
  return shake256.create({ dkLen: ML_DSA_MU_BYTES }).update(tr).update(Uint8Array.of(0, ctx.length)).update(ctx).update(messageBytes(message, 'message')).digest();
}

/** ML-DSA.Sign (FIPS 204 Algorithm 2), pure ML-DSA. */
export function mlDsaSign(level: MlDsaLevel, expandedKey: Uint8Array, message: Uint8Array, opts: MlDsaSignOptions = {}): Uint8Array {
  const p = mlDsaParams(level);
  checkExpandedKey(p, expandedKey);
  const msg = messageBytes(message, 'message');
  const context = contextBytes(opts.context);
  const rnd = rndFor(opts);
  try {
    return rethrowAs('INVALID_KEY', `${p.name}: signing failed`, () => IMPL[level].sign(msg, expandedKey, { context, extraEntropy: rnd }));
  } finally {
    zeroize(rnd);
  }
}

/** ML-DSA.Sign_internal (FIPS 204 Algorithm 7) from a caller-computed 64-byte μ (line 6 skipped). */
export function mlDsaSignMu(level: MlDsaLevel, expandedKey: Uint8Array, mu: Uint8Array, opts: Omit<MlDsaSignOptions, 'context'> = {}): Uint8Array {
  const p = mlDsaParams(level);
  checkExpandedKey(p, expandedKey);
  if (!(mu instanceof Uint8Array) || mu.length !== ML_DSA_MU_BYTES) fail('INVALID_ARGUMENT', `${p.name}: μ must be ${ML_DSA_MU_BYTES} bytes`);
  const rnd = rndFor(opts);
  try {
    return rethrowAs('INVALID_KEY', `${p.name}: signing failed`, () => IMPL[level].internal.sign(mu, expandedKey, { externalMu: true, extraEntropy: rnd }));
  } finally {
    zeroize(rnd);
  }
}

/** ML-DSA.Verify (FIPS 204 Algorithm 3). A signature of the wrong length is simply not valid. */
export function mlDsaVerify(level: MlDsaLevel, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, context?: Uint8Array): boolean {
  const p = mlDsaParams(level);
  checkPublicKey(p, publicKey);
  const msg = messageBytes(message, 'message');
  const ctx = contextBytes(context);
  if (!(signature instanceof Uint8Array) || signature.length !== p.signatureBytes) return false;
  return safeVerify(() => IMPL[level].verify(signature, msg, publicKey, { context: ctx }));
}

/** ML-DSA.Verify_internal (FIPS 204 Algorithm 8) on a 64-byte μ. */
export function mlDsaVerifyMu(level: MlDsaLevel, publicKey: Uint8Array, mu: Uint8Array, signature: Uint8Array): boolean {
  const p = mlDsaParams(level);
  checkPublicKey(p, publicKey);
  if (!(mu instanceof Uint8Array) || mu.length !== ML_DSA_MU_BYTES) fail('INVALID_ARGUMENT', `${p.name}: μ must be ${ML_DSA_MU_BYTES} bytes`);
  if (!(signature instanceof Uint8Array) || signature.length !== p.signatureBytes) return false;
  return safeVerify(() => IMPL[level].internal.verify(signature, mu, publicKey, { externalMu: true }));
}

/** A malformed signature encoding (e.g. hints out of order) is an invalid signature, not an error. */
function safeVerify(fn: () => boolean): boolean {
  try {
    return fn() === true;
  } catch {
    return false;
  }
}

