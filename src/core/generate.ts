import { resolveSpecName, resolveUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../registry/types.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import type { RandomSource } from '../random.js';
import { Key, KeyPair } from './key.js';
import { callProvider, optionsObject, resolveProvider, resolveRandom } from './options.js';
import { pairwiseConsistencyTest } from './pct.js';

export interface GenerateOptions {
  /** Defaults to the spec's default usage. */
  readonly usage?: Usage;
  /** Defaults to the platform CSPRNG; pass `seededRandom(seed)` for reproducible keys. */
  readonly random?: RandomSource;
  /** Defaults to the pure TypeScript provider. */
  readonly provider?: KeyMaterialProvider;
}

/**
 * Generates key material for a spec (any of its names). Symmetric specs give a secret `Key`; asymmetric
 * specs give a `KeyPair` that has passed a pairwise consistency test.
 */
export async function generateKey(spec: string | KeySpec, options?: GenerateOptions): Promise<Key | KeyPair> {
  const { spec: s, impliedUsage } = resolveSpecName(spec);
  const o = optionsObject<GenerateOptions>(options, 'generateKey');
  const usage = resolveUsage(s, o.usage, impliedUsage);
  const random = resolveRandom(o.random);
  const provider = resolveProvider(o.provider);

  if (s.family === 'symmetric') {
    const handle = await callProvider(provider, 'generate', () => provider.generateSecret(s, usage, random));
    return new Key(s, usage, 'secret', provider, handle);
  }
  const pair = await callProvider(provider, 'generate', () => provider.generateKeyPair(s, usage, random));
  try {
    await pairwiseConsistencyTest(provider, s, usage, pair);
  } catch (e) {
    provider.destroy(pair.privateKey);
    provider.destroy(pair.publicKey);
    throw e;
  }
  return new KeyPair(new Key(s, usage, 'private', provider, pair.privateKey), new Key(s, usage, 'public', provider, pair.publicKey));
}
