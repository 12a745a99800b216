import { bytesToHex } from '../bytes.js';
import { fail } from '../errors.js';
import { blockCiphers } from './block-cipher.js';
import { cmac } from './cmac.js';

const KCV_BYTES = 3;

/**
 * Key check value: the first 3 bytes of CMAC(key, 0^128), uppercase hex (ANSI X9.24-1:2017 §7.7 CMAC
 * method; AES-CMAC per RFC 4493, SM4-CMAC the same construction per NIST SP 800-38B). It identifies a
 * symmetric key without revealing it.
 */
export function keyCheckValueOf(algorithm: 'AES' | 'SM4', key: Uint8Array): string {
  const make = typeof algorithm === 'string' && Object.hasOwn(blockCiphers, algorithm) ? blockCiphers[algorithm] : undefined;
  if (!make) fail('INVALID_ARGUMENT', 'key check value: algorithm must be AES or SM4');
  const tag = cmac(make(key), new Uint8Array(16));
  const out = bytesToHex(tag.subarray(0, KCV_BYTES)).toUpperCase();
  tag.fill(0);
  return out;
}
