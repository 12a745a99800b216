import { hmac } from '@noble/hashes/hmac.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { fail } from '../errors.js';
import { sm3 } from '../sm/sm3.js';

/**
 * HMAC (RFC 2104, FIPS 198-1) with SHA-2 (@noble/hashes) and SM3 (GB/T 32905-2016, the project's src/sm/sm3.ts),
 * named as AWS names the MAC algorithms. Tags are the full digest (AWS GenerateMac returns the full length).
 */
export type HmacAlgorithm = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512' | 'HMAC_SM3';

export interface HmacParams {
  readonly algorithm: HmacAlgorithm;
  /** Digest (and tag) length L in bytes. */
  readonly tagBytes: number;
  /** Hash block length B in bytes (RFC 2104 §2). */
  readonly blockBytes: number;
}

export const HMAC_PARAMS: Readonly<Record<HmacAlgorithm, HmacParams>> = Object.freeze({
  HMAC_SHA_224: Object.freeze({ algorithm: 'HMAC_SHA_224', tagBytes: 28, blockBytes: 64 }),
  HMAC_SHA_256: Object.freeze({ algorithm: 'HMAC_SHA_256', tagBytes: 32, blockBytes: 64 }),
  HMAC_SHA_384: Object.freeze({ algorithm: 'HMAC_SHA_384', tagBytes: 48, blockBytes: 128 }),
  HMAC_SHA_512: Object.freeze({ algorithm: 'HMAC_SHA_512', tagBytes: 64, blockBytes: 128 }),
  HMAC_SM3: Object.freeze({ algorithm: 'HMAC_SM3', tagBytes: 32, blockBytes: 64 }),
} as const);

const SHA2 = { HMAC_SHA_224: sha224, HMAC_SHA_256: sha256, HMAC_SHA_384: sha384, HMAC_SHA_512: sha512 } as const;

export function hmacParams(algorithm: HmacAlgorithm): HmacParams {
  const p = (HMAC_PARAMS as Record<string, HmacParams | undefined>)[algorithm];
  if (p === undefined) fail('INVALID_ARGUMENT', `unknown MAC algorithm; known: ${Object.keys(HMAC_PARAMS).join(', ')}`);
  return p;
}

function bytes(b: Uint8Array, what: string): Uint8Array {
  if (!(b instanceof Uint8Array)) fail('INVALID_ARGUMENT', `${what} must be bytes`);
  return b;
}

/** HMAC-SM3 by RFC 2104 §2 directly: H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text)), as sm3 is a one-shot function. */
function hmacSm3(key: Uint8Array, message: Uint8Array): Uint8Array {
  const B = HMAC_PARAMS.HMAC_SM3.blockBytes;
  const k0 = new Uint8Array(B);
  k0.set(key.length > B ? sm3(key) : key);
  const inner = new Uint8Array(B + message.length);
  const outer = new Uint8Array(B + 32);
  for (let i = 0; i < B; i++) {
    inner[i] = k0[i]! ^ 0x36;
    outer[i] = k0[i]! ^ 0x5c;
  }
  inner.set(message, B);
  outer.set(sm3(inner), B);
  const tag = sm3(outer);
  k0.fill(0);
  inner.fill(0, 0, B);
  outer.fill(0);
  return tag;
}

/**
 * The MAC of `message` under `key`. Any key length is accepted here, as RFC 2104 does; the spec (the key's
 * length, e.g. the digest length AWS and GCP require) is the registry's business.
 */
export function hmacGenerate(algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  const p = hmacParams(algorithm);
  bytes(key, 'key');
  bytes(message, 'message');
  return p.algorithm === 'HMAC_SM3' ? hmacSm3(key, message) : hmac(SHA2[p.algorithm], key, message);
}

/** Equality in time that depends only on the lengths, not on where the first difference is. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Verifies a full-length tag (AWS VerifyMac compares the whole MAC). A truncated or over-long tag is simply not
 * valid: accepting a prefix would let a forger guess a short tag (Wycheproof's ModifiedTag cases).
 */
export function hmacVerify(algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array, tag: Uint8Array): boolean {
  bytes(tag, 'tag');
  const expected = hmacGenerate(algorithm, key, message);
  const ok = constantTimeEqual(expected, tag);
  expected.fill(0);
  return ok;
}
