import { sm4Cipher } from './block-cipher.js';
import { ecbPkcs7Decrypt, ecbPkcs7Encrypt } from './ecb-pkcs7.js';

/** SM4 (GB/T 32907-2016) in ECB mode with PKCS#7 padding. */
export function sm4EcbEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return ecbPkcs7Encrypt(sm4Cipher(key), plaintext);
}

/** Reverses sm4EcbEncrypt; a bad length or padding is UNWRAP_FAILED. */
export function sm4EcbDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return ecbPkcs7Decrypt(sm4Cipher(key), ciphertext);
}
