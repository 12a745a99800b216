import type { AnyKey } from '../../src/core/key.js';
import { keyIdentifier } from '../../src/wrap/identify.js';

/** What identifies a key without showing it: KCV for secret keys, SPKI fingerprint for pairs (keyIdentifier). */
export async function idOf(k: AnyKey): Promise<string> {
  return (await keyIdentifier(k)).value;
}
