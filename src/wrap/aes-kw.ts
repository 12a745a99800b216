import { aeskw, aeskwp } from '@noble/ciphers/aes.js';
import { fail, KeysmithError } from '../errors.js';

function checkKek(kek: Uint8Array): void {
  if (!(kek instanceof Uint8Array) || ![16, 24, 32].includes(kek.length)) {
    fail('INVALID_ARGUMENT', 'AES key-encryption key must be 16, 24 or 32 bytes');
  }
}

function checkBytes(b: Uint8Array, what: string): void {
  if (!(b instanceof Uint8Array)) fail('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
}

function unwrapWith(make: typeof aeskw, kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  checkKek(kek);
  checkBytes(wrapped, 'wrapped key');
  try {
    return make(kek).decrypt(wrapped);
  } catch (e) {
    // No cause: which check failed (length, IV, padding) is not the caller's business.
    if (e instanceof KeysmithError) throw e;
    throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
  }
}

/** AES-KW (RFC 3394 §2.2.1, NIST SP 800-38F KW). Data: a multiple of 8 bytes, at least 16. */
export function aesKwWrap(kek: Uint8Array, data: Uint8Array): Uint8Array {
  checkKek(kek);
  checkBytes(data, 'key data');
  if (data.length < 16 || data.length % 8 !== 0) fail('INVALID_ARGUMENT', 'AES-KW wraps a multiple of 8 bytes, at least 16');
  return aeskw(kek).encrypt(data);
}

/** RFC 3394 §2.2.2 with the §2.2.3 integrity check; any failure is UNWRAP_FAILED. */
export function aesKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  return unwrapWith(aeskw, kek, wrapped);
}

/** AES-KWP (RFC 5649 §4.1, NIST SP 800-38F KWP). Data: 1 byte up to 2^32 - 1 bytes. */
export function aesKwpWrap(kek: Uint8Array, data: Uint8Array): Uint8Array {
  checkKek(kek);
  checkBytes(data, 'key data');
  if (data.length < 1 || data.length > 0xffffffff) fail('INVALID_ARGUMENT', 'AES-KWP wraps 1 to 2^32-1 bytes');
  return aeskwp(kek).encrypt(data);
}

/** RFC 5649 §4.2 with the §3 AIV and padding checks; any failure is UNWRAP_FAILED. */
export function aesKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  return unwrapWith(aeskwp, kek, wrapped);
}
