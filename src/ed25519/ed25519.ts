import { ed25519, ed25519ph } from '@noble/curves/ed25519.js';
import { eddsa } from '@noble/curves/abstract/edwards.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { systemRandom, type RandomSource } from '../random.js';

/** Ed25519 (RFC 8032 §5.1) on @noble/curves. The private key is the 32-byte seed (RFC 8032 §5.1.5, RFC 8410 §7). */
export const ED25519_OID = '1.3.101.112';
export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
export const SHA512_BYTES = 64;

function checkSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== ED25519_SEED_BYTES) fail('INVALID_KEY', `Ed25519: the private key must be ${ED25519_SEED_BYTES} bytes`);
}

function bytes(m: Uint8Array, what: string): Uint8Array {
  if (!(m instanceof Uint8Array)) fail('INVALID_ARGUMENT', `${what} must be bytes`);
  return m;
}

/** A = [s]B from the seed (RFC 8032 §5.1.5). */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  checkSeed(seed);
  return ed25519.getPublicKey(seed);
}

/** A fresh seed from `random` and its public key. The caller owns (and zeroes) `seed`. */
export function ed25519Generate(random: RandomSource = systemRandom): { seed: Uint8Array; publicKey: Uint8Array } {
  const seed = random(ED25519_SEED_BYTES);
  if (!(seed instanceof Uint8Array) || seed.length !== ED25519_SEED_BYTES) fail('RNG_FAILURE', `random source did not return ${ED25519_SEED_BYTES} bytes`);
  return { seed, publicKey: ed25519PublicKey(seed) };
}

/**
 * A public key is a canonical encoding of a curve point (RFC 8032 §5.1.3, strict: y < p, and x = 0 only with
 * the sign bit clear). Small-order points decode, as RFC 8032 allows; INVALID_KEY otherwise.
 */
export function ed25519CheckPublicKey(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) fail('INVALID_KEY', `Ed25519: the public key must be ${ED25519_PUBLIC_KEY_BYTES} bytes`);
  rethrowAs('INVALID_KEY', 'Ed25519: the public key is not a point on the curve', () => ed25519.Point.fromBytes(publicKey, false));
}

/** PureEdDSA Ed25519 (RFC 8032 §5.1.6): AWS ED25519_SHA_512 with MessageType RAW. Deterministic. */
export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  checkSeed(seed);
  return ed25519.sign(bytes(message, 'message'), seed);
}

/** RFC 8032 §5.1.7 with the strict (non-ZIP-215) decoding and S < L, as Wycheproof expects. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  ed25519CheckPublicKey(publicKey);
  bytes(message, 'message');
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

// Ed25519ph from the SHA-512 digest itself (AWS ED25519_PH_SHA_512 with MessageType DIGEST): the same
// scheme as noble's ed25519ph, whose prehash is SHA-512, with the prehash step already done by the caller.
const DOM2_PREFIX = utf8('SigEd25519 no Ed25519 collisions');
const ed25519phDigest = eddsa(ed25519.Point, sha512, {
  // RFC 8032 §5.1.5 step 2 clamping.
  adjustScalarBytes: (b: Uint8Array) => {
    const out = Uint8Array.from(b);
    out[0]! &= 248;
    out[31]! &= 127;
    out[31]! |= 64;
    return out;
  },
  // dom2(phflag, ctx) (RFC 8032 §2); keysmith signs with an empty context.
  domain: (data: Uint8Array, ctx: Uint8Array, phflag: boolean) => concatBytes(DOM2_PREFIX, Uint8Array.of(phflag ? 1 : 0, ctx.length), ctx, data),
  prehash: (digest: Uint8Array) => digest,
  zip215: false,
});

/** Ed25519ph (RFC 8032 §5.1, PH = SHA-512) of a message. */
export function ed25519phSign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  checkSeed(seed);
  return ed25519ph.sign(bytes(message, 'message'), seed);
}

/** Ed25519ph from the 64-byte SHA-512 digest of the message. */
export function ed25519phSignDigest(seed: Uint8Array, digest: Uint8Array): Uint8Array {
  checkSeed(seed);
  if (!(digest instanceof Uint8Array) || digest.length !== SHA512_BYTES) fail('INVALID_ARGUMENT', `Ed25519ph: the digest must be ${SHA512_BYTES} bytes`);
  return ed25519phDigest.sign(digest, seed);
}

export function ed25519phVerifyDigest(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  ed25519CheckPublicKey(publicKey);
  if (!(digest instanceof Uint8Array) || digest.length !== SHA512_BYTES) fail('INVALID_ARGUMENT', `Ed25519ph: the digest must be ${SHA512_BYTES} bytes`);
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return ed25519phDigest.verify(signature, digest, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export function ed25519phVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  return ed25519phVerifyDigest(publicKey, sha512(bytes(message, 'message')), signature);
}
