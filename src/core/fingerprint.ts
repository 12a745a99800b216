import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '../bytes.js';
import { fail } from '../errors.js';
import { exportKey } from './export.js';
import { assertKey, type AnyKey } from './key.js';

/**
 * SHA-256 of the public key's SubjectPublicKeyInfo DER, lowercase hex: the same value as
 * `openssl pkey -pubout -outform DER | sha256sum`. It names a key pair without showing it.
 */
export async function spkiFingerprint(key: AnyKey): Promise<string> {
  assertKey(key);
  if (key.spec.family === 'symmetric') fail('UNSUPPORTED', 'secret keys have no SPKI; use a key check value');
  const der = (await exportKey(key, 'spki-der')) as Uint8Array;
  return bytesToHex(sha256(der));
}
