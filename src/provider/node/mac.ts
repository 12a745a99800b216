import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { MacAlgorithmName } from '../../model/algorithms.js';
import { fail } from '../../errors.js';
import { KCV_BYTES } from '../../wrap/kcv.js';

/**
 * HMAC (RFC 2104, FIPS 198-1) with OpenSSL's own digests, the key kept in its KeyObject. Every MAC algorithm
 * keysmith names has its OpenSSL digest in 3.0 (SM3 included: GB/T 32905-2016, in the default provider).
 */
const NODE_HMAC_HASHES: Readonly<Record<MacAlgorithmName, string>> = Object.freeze({
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
  HMAC_SM3: 'sm3',
});

/** Whether node computes `algorithm` (a name from the MAC table; anything else is false). */
export function nodeHasMac(algorithm: unknown): algorithm is MacAlgorithmName {
  return typeof algorithm === 'string' && Object.hasOwn(NODE_HMAC_HASHES, algorithm);
}

/** The full-length tag (AWS GenerateMac returns the whole digest). */
export function nodeHmac(algorithm: MacAlgorithmName, key: KeyObject, message: Uint8Array): Uint8Array {
  if (!nodeHasMac(algorithm)) fail('UNSUPPORTED', `node provider has no MAC algorithm ${String(algorithm)}`);
  const tag = createHmac(NODE_HMAC_HASHES[algorithm], key).update(message).digest();
  const out = new Uint8Array(tag);
  tag.fill(0);
  return out;
}

/**
 * AWS VerifyMac: the whole tag, compared in constant time (timingSafeEqual). A truncated or over-long tag is
 * false, not a prefix match (timingSafeEqual throws on a length mismatch, so the length is checked first).
 */
export function nodeHmacVerify(algorithm: MacAlgorithmName, key: KeyObject, message: Uint8Array, tag: Uint8Array): boolean {
  const expected = nodeHmac(algorithm, key, message);
  try {
    return expected.length === tag.length && timingSafeEqual(expected, tag);
  } finally {
    expected.fill(0);
  }
}

/**
 * An HMAC key's check value as keysmith defines it (src/wrap/kcv.ts `kcvBytesFor`): the first 3 bytes of
 * HMAC(key, 0¹²⁸) with the spec's own MAC algorithm.
 */
export function nodeHmacKcv(algorithm: MacAlgorithmName, key: KeyObject): Uint8Array {
  const tag = nodeHmac(algorithm, key, new Uint8Array(16));
  const out = tag.slice(0, KCV_BYTES);
  tag.fill(0);
  return out;
}
