import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';
import type { SymmetricSpec } from '../../model/spec.js';
import { fail } from '../../errors.js';
import type { BlockCipher } from '../../wrap/block-cipher.js';
import { cmac } from '../../wrap/cmac.js';
import { KCV_BYTES } from '../../wrap/kcv.js';

/** OpenSSL's ECB cipher for a secret key of `spec`: AES-128/192/256 by length, or SM4. */
export function ecbCipherName(spec: SymmetricSpec): string {
  if (spec.algorithm === 'SM4') return 'sm4-ecb';
  if (![16, 24, 32].includes(spec.keyBytes)) fail('UNSUPPORTED', `node provider: no AES cipher for ${spec.keyBytes}-byte keys`);
  return `aes-${spec.keyBytes * 8}-ecb`;
}

/**
 * A BlockCipher whose block operation is OpenSSL's (node:crypto ECB, no padding) under a KeyObject, so the
 * key stays in node.
 */
export function nodeBlockCipher(spec: SymmetricSpec, key: KeyObject): BlockCipher {
  const name = ecbCipherName(spec);
  const run = (decrypt: boolean, data: Uint8Array): Uint8Array => {
    if (data.length % 16 !== 0) fail('INVALID_ARGUMENT', 'input must be whole 16-byte blocks');
    const c = (decrypt ? createDecipheriv(name, key, null) : createCipheriv(name, key, null)).setAutoPadding(false);
    const out = Buffer.concat([c.update(data), c.final()]);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
  return { name: spec.algorithm as 'AES' | 'SM4', blockSize: 16, encryptBlocks: (d) => run(false, d), decryptBlocks: (d) => run(true, d) };
}

/**
 * The key check value: the first 3 bytes of CMAC(key, 0¹²⁸) (ANSI X9.24-1 CMAC method). node has no CMAC
 * API, so the SP 800-38B construction (src/wrap/cmac.ts: subkeys, last-block rule) runs over OpenSSL's
 * block encryption.
 */
export function nodeKcv(spec: SymmetricSpec, key: KeyObject): Uint8Array {
  const tag = cmac(nodeBlockCipher(spec, key), new Uint8Array(16));
  const out = tag.slice(0, KCV_BYTES);
  tag.fill(0);
  return out;
}
