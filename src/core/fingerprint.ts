import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '../bytes.js';
import { fail } from '../errors.js';
import { exportKey } from './export.js';
import { assertKey, type AnyKey, type SecretKey } from './key.js';

/**
 * SHA-256 of the public key's SubjectPublicKeyInfo DER, lowercase hex: the same value as
 * `openssl pkey -pubout -outform DER | sha256sum`. It names a key pair without showing it.
 *
 * Types: a `KeyPair`, `PrivateKey` or `PublicKey`; a key known to be a `SecretKey` does not compile (secret
 * keys have a key check value instead: `keyCheckValue`). A key of unknown type (`AnyKey`) is checked at run
 * time (UNSUPPORTED).
 */
export async function spkiFingerprint<K extends AnyKey>(key: [K] extends [SecretKey] ? never : K): Promise<string> {
  assertKey(key);
  if (key.spec.family === 'symmetric') fail('UNSUPPORTED', 'secret keys have no SPKI; use a key check value');
  const der = await exportKey(key as AnyKey, 'spki-der' as string) as Uint8Array;
  return bytesToHex(sha256(der));
}
