import { fail } from '../errors.js';
import type { BlockCipher } from './block-cipher.js';

/** ECB with PKCS#7 padding (RFC 5652 §6.3): always adds 1..16 bytes. */
export function ecbPkcs7Encrypt(cipher: BlockCipher, plaintext: Uint8Array): Uint8Array {
  if (!(plaintext instanceof Uint8Array)) fail('INVALID_ARGUMENT', 'plaintext must be a Uint8Array');
  const pad = cipher.blockSize - (plaintext.length % cipher.blockSize);
  const buf = new Uint8Array(plaintext.length + pad);
  buf.set(plaintext);
  buf.fill(pad, plaintext.length);
  try {
    return cipher.encryptBlocks(buf);
  } finally {
    buf.fill(0);
  }
}

/**
 * Reverses ecbPkcs7Encrypt. Every failure (length, padding) is UNWRAP_FAILED with one message, and the
 * padding is checked without an early exit so that its position does not show in the timing.
 */
export function ecbPkcs7Decrypt(cipher: BlockCipher, ciphertext: Uint8Array): Uint8Array {
  const bs = cipher.blockSize;
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length === 0 || ciphertext.length % bs !== 0) {
    fail('UNWRAP_FAILED', 'unwrap failed');
  }
  const buf = cipher.decryptBlocks(ciphertext);
  const pad = buf[buf.length - 1]!;
  let bad = (pad === 0 ? 1 : 0) | (pad > bs ? 1 : 0);
  for (let i = 1; i <= bs; i++) {
    const inPad = i <= pad ? 1 : 0;
    bad |= inPad & (buf[buf.length - i] !== pad ? 1 : 0);
  }
  if (bad) {
    buf.fill(0);
    fail('UNWRAP_FAILED', 'unwrap failed');
  }
  const out = buf.slice(0, buf.length - pad);
  buf.fill(0);
  return out;
}

/** ECB without padding: the input must already be whole blocks (used for 32-byte SM2 scalars). */
export function ecbEncrypt(cipher: BlockCipher, plaintext: Uint8Array): Uint8Array {
  if (!(plaintext instanceof Uint8Array) || plaintext.length === 0 || plaintext.length % cipher.blockSize !== 0) {
    fail('INVALID_ARGUMENT', 'ECB without padding needs whole blocks');
  }
  return cipher.encryptBlocks(plaintext);
}

export function ecbDecrypt(cipher: BlockCipher, ciphertext: Uint8Array): Uint8Array {
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length === 0 || ciphertext.length % cipher.blockSize !== 0) {
    fail('UNWRAP_FAILED', 'unwrap failed');
  }
  return cipher.decryptBlocks(ciphertext);
}
