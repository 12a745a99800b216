import type { AnyKey } from '../core/key.js';
import { keyIdentifier } from '../wrap/identify.js';

/** How the CLI names a key in its output: `keyCheckValue` for a secret key, `spkiSha256` otherwise. */
export interface CliIdentity {
  readonly keyCheckValue?: string;
  readonly spkiSha256?: string;
}

export async function identify(key: AnyKey): Promise<CliIdentity> {
  const id = await keyIdentifier(key);
  return id.kind === 'key-check-value' ? { keyCheckValue: id.value } : { spkiSha256: id.value };
}
