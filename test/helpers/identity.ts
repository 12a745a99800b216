import { KeyPair, type AnyKey } from '../../src/core/key.js';
import { spkiFingerprint } from '../../src/core/fingerprint.js';
import { keyCheckValue } from '../../src/wrap/identify.js';

/** What identifies a key without showing it: KCV for secret keys, SPKI fingerprint for pairs. */
export async function idOf(k: AnyKey): Promise<string> {
  return k instanceof KeyPair ? spkiFingerprint(k) : keyCheckValue(k);
}
