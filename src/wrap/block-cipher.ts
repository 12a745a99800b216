import { ecb } from '@noble/ciphers/aes.js';
import smCrypto from 'sm-crypto';
import { fail, rethrowAs } from '../errors.js';

/** A 128-bit block cipher under one key, applied block by block (ECB, no padding). */
export interface BlockCipher {
  readonly name: 'AES' | 'SM4';
  readonly blockSize: 16;
  /** Encrypts whole blocks; `data.length` must be a multiple of 16. */
  encryptBlocks(data: Uint8Array): Uint8Array;
  decryptBlocks(data: Uint8Array): Uint8Array;
}

function checkBlocks(data: Uint8Array): void {
  if (!(data instanceof Uint8Array) || data.length % 16 !== 0) fail('INVALID_ARGUMENT', 'input must be whole 16-byte blocks');
}

export function aesCipher(key: Uint8Array): BlockCipher {
  if (!(key instanceof Uint8Array) || ![16, 24, 32].includes(key.length)) fail('INVALID_ARGUMENT', 'AES key must be 16, 24 or 32 bytes');
  // The caller's key buffer is used as is (no copy to forget): callers zero their ephemeral keys afterwards.
  const k = key;
  return {
    name: 'AES',
    blockSize: 16,
    encryptBlocks(data) {
      checkBlocks(data);
      return rethrowAs('INVALID_ARGUMENT', 'AES encryption failed', () => ecb(k, { disablePadding: true }).encrypt(data));
    },
    decryptBlocks(data) {
      checkBlocks(data);
      return rethrowAs('INVALID_ARGUMENT', 'AES decryption failed', () => ecb(k, { disablePadding: true }).decrypt(data));
    },
  };
}

export function sm4Cipher(key: Uint8Array): BlockCipher {
  if (!(key instanceof Uint8Array) || key.length !== 16) fail('INVALID_ARGUMENT', 'SM4 key must be 16 bytes');
  const run = (data: Uint8Array, dir: 'encrypt' | 'decrypt'): Uint8Array => {
    checkBlocks(data);
    if (data.length === 0) return new Uint8Array(0);
    // sm-crypto takes number arrays: make the copies per call and clear them, so none outlives the call
    const k = Array.from(key);
    const input = Array.from(data);
    let out: number[] = [];
    try {
      out = rethrowAs('INVALID_ARGUMENT', `SM4 ${dir}ion failed`, () => smCrypto.sm4[dir](input, k, { padding: 'none', output: 'array' }));
      return Uint8Array.from(out);
    } finally {
      k.fill(0);
      input.fill(0);
      out.fill(0);
    }
  };
  return { name: 'SM4', blockSize: 16, encryptBlocks: (d) => run(d, 'encrypt'), decryptBlocks: (d) => run(d, 'decrypt') };
}

/** The block cipher named by a symmetric spec's `algorithm` field. */
export const blockCiphers: Readonly<Record<'AES' | 'SM4', (key: Uint8Array) => BlockCipher>> = Object.freeze({
  AES: aesCipher,
  SM4: sm4Cipher,
});
