import { fail } from '../errors.js';
import { exportKey } from '../core/export.js';
import { assertKey, isKeyPair, type AnyKey } from '../core/key.js';
import { keyCheckValueOf } from './kcv.js';

export { spkiFingerprint } from '../core/fingerprint.js';

/** The key check value of a keysmith secret key (AES or SM4), see keyCheckValueOf. */
export async function keyCheckValue(key: AnyKey): Promise<string> {
  assertKey(key);
  if (isKeyPair(key) || key.spec.family !== 'symmetric') fail('UNSUPPORTED', 'key check values are for secret keys; use spkiFingerprint');
  const raw = (await exportKey(key, 'raw')) as Uint8Array;
  try {
    return keyCheckValueOf(key.spec.algorithm, raw);
  } finally {
    raw.fill(0);
  }
}
