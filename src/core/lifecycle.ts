import { fail, KeysmithError } from '../errors.js';
import { assertKey, handleOf, isKeyPair, retire, type AnyKey, type Key } from './key.js';

/**
 * Deletes a key's persistent objects from its backend (a token's CKA_TOKEN objects) and retires the key.
 * `release` / `destroy` never do this. UNSUPPORTED where the provider has no persistent storage.
 */
export async function deleteKey(key: AnyKey): Promise<void> {
  assertKey(key);
  const halves: Key[] = isKeyPair(key) ? [key.privateKey, key.publicKey] : [key];
  const provider = halves[0]!.provider;
  if (typeof provider.deleteKey !== 'function') fail('UNSUPPORTED', `${provider.name} provider has no persistent keys to delete`);
  for (const half of halves) handleOf(half);
  for (const half of halves) {
    const handle = retire(half);
    if (handle === undefined) continue;
    try {
      await provider.deleteKey(handle);
    } catch (e) {
      if (e instanceof KeysmithError) throw e;
      throw new KeysmithError('PROVIDER_ERROR', `${provider.name} provider: delete failed`, { cause: e });
    }
  }
}

