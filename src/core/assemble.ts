import type { AsymmetricSpec, KeySpec, Usage } from '../model/spec.js';
import { publicAttributes, type KeyAttributes } from '../model/attributes.js';
import type { KeyMaterialProvider, ProviderHandle, ProviderKeyPair } from '../provider/types.js';
import { Key, KeyPair, type PublicKey, type SecretKey } from './key.js';
import { pairwiseConsistencyTest } from './pct.js';

/** Releases handles after a failed creation; a failure to release must not hide the first error. */
export async function releaseQuietly(provider: KeyMaterialProvider, ...handles: ProviderHandle[]): Promise<void> {
  await Promise.allSettled(handles.map(async (h) => provider.release(h)));
}

export function secretKey(spec: KeySpec, usage: Usage, provider: KeyMaterialProvider, handle: ProviderHandle, attributes: KeyAttributes): SecretKey {
  return new Key(spec, usage, 'secret', provider, handle, attributes);
}

export function publicKey(spec: KeySpec, usage: Usage, provider: KeyMaterialProvider, handle: ProviderHandle, attributes: KeyAttributes): PublicKey {
  return new Key(spec, usage, 'public', provider, handle, publicAttributes(attributes));
}

/**
 * A KeyPair from a provider's pair of handles, after the pairwise consistency test; on any failure both
 * handles are released and the error is rethrown.
 */
export async function checkedKeyPair(
  spec: AsymmetricSpec,
  usage: Usage,
  provider: KeyMaterialProvider,
  pair: ProviderKeyPair,
  attributes: KeyAttributes,
  check?: () => Promise<void>,
): Promise<KeyPair> {
  try {
    await check?.();
    await pairwiseConsistencyTest(provider, spec, usage, pair);
  } catch (e) {
    await releaseQuietly(provider, pair.privateKey, pair.publicKey);
    throw e;
  }
  return new KeyPair(new Key(spec, usage, 'private', provider, pair.privateKey, attributes), publicKey(spec, usage, provider, pair.publicKey, attributes));
}
