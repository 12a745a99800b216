import { bytesToHex } from '../bytes.js';
import { fail } from '../errors.js';
import { blockCiphers } from './block-cipher.js';
import { cmac } from './cmac.js';
import { hmacGenerate } from '../mac/hmac.js';
import type { SymmetricSpec } from '../model/spec.js';

export const KCV_BYTES = 3;

/**
 * The first 3 bytes of CMAC(key, 0^128) (ANSI X9.24-1:2017 §7.7 CMAC method; AES-CMAC per RFC 4493,
 * SM4-CMAC the same construction per NIST SP 800-38B). The pure provider's `keyCheckValue`.
 */
export function kcvBytes(algorithm: 'AES' | 'SM4', key: Uint8Array): Uint8Array {
  const make = typeof algorithm === 'string' && Object.hasOwn(blockCiphers, algorithm) ? blockCiphers[algorithm] : undefined;
  if (!make) fail('INVALID_ARGUMENT', 'key check value: algorithm must be AES or SM4');
  const tag = cmac(make(key), new Uint8Array(16));
  const out = tag.slice(0, KCV_BYTES);
  tag.fill(0);
  return out;
}

/** A key check value as keysmith prints it: uppercase hex of the first 3 bytes. */
export function formatKcv(kcv: Uint8Array): string {
  return bytesToHex(kcv.subarray(0, KCV_BYTES)).toUpperCase();
}

/**
 * Key check value of raw key bytes: the first 3 bytes of CMAC(key, 0^128), uppercase hex. It identifies a
 * symmetric key without revealing it (given a spec: `kcvBytesFor`, so HMAC keys too). For a keysmith key use `keyCheckValue(key)`, which asks its provider.
 */
export function keyCheckValueOf(algorithm: 'AES' | 'SM4' | SymmetricSpec, key: Uint8Array): string {
  return formatKcv(typeof algorithm === 'object' && algorithm !== null ? kcvBytesFor(algorithm, key) : kcvBytes(algorithm, key));
}

/**
 * A secret key's check value by its spec: CMAC of a zero block for AES and SM4 (above); for HMAC keys, which
 * no block cipher takes, the first 3 bytes of HMAC(key, 0¹²⁸) with the spec's own MAC algorithm. X9.24-1
 * defines KCVs for block ciphers only, so the HMAC form is keysmith's choice (the same idea: a MAC of a zero
 * block, truncated); no cloud returns a KCV for HMAC keys.
 */
export function kcvBytesFor(spec: SymmetricSpec, key: Uint8Array): Uint8Array {
  if (spec.algorithm !== 'HMAC') return kcvBytes(spec.algorithm, key);
  if (spec.mac === undefined) fail('INVALID_ARGUMENT', `${spec.name}: an HMAC spec names its MAC algorithm`);
  const tag = hmacGenerate(spec.mac, key, new Uint8Array(16));
  const out = tag.slice(0, KCV_BYTES);
  tag.fill(0);
  return out;
}
