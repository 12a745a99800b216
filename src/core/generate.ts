import { resolveSpecName, resolveUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../model/spec.js';
import { resolveAttributes, type KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import type { RandomSource } from '../random.js';
import type { Key, KeyPair } from './key.js';
import { callProvider, optionsObject, randomFor, requireSupport, resolveProvider } from './options.js';
import { checkedKeyPair, secretKey } from './assemble.js';

export interface GenerateOptions {
  /** Defaults to the spec's default usage. */
  readonly usage?: Usage;
  /** Defaults to the platform CSPRNG; pass `seededRandom(seed)` for reproducible keys (providers that honour it). */
  readonly random?: RandomSource;
  /** Defaults to the pure TypeScript provider. */
  readonly provider?: KeyMaterialProvider;
  /** `extractable` (default: the provider's), and for tokens `label`, `id`, `persistent`. */
  readonly attributes?: KeyAttributesInput;
}

/**
 * Generates key material for a spec (any of its names). Symmetric specs give a secret `Key`; asymmetric
 * specs give a `KeyPair` that has passed a pairwise consistency test.
 */
export async function generateKey(spec: string | KeySpec, options?: GenerateOptions): Promise<Key | KeyPair> {
  const { spec: s, impliedUsage } = resolveSpecName(spec);
  const o = optionsObject<GenerateOptions>(options, 'generateKey');
  const usage = resolveUsage(s, o.usage, impliedUsage);
  const provider = resolveProvider(o.provider);
  const random = randomFor(provider, o.random);
  const attributes = resolveAttributes(o.attributes, provider.extractableByDefault);
  requireSupport(provider, s, usage, 'generate');
  if (attributes.persistent) requireSupport(provider, s, usage, 'persist');

  if (s.family === 'symmetric') {
    const handle = await callProvider(provider, 'generate', () => provider.generateSecret(s, usage, attributes, random));
    return secretKey(s, usage, provider, handle, attributes);
  }
  const pair = await callProvider(provider, 'generate', () => provider.generateKeyPair(s, usage, attributes, random));
  return checkedKeyPair(s, usage, provider, pair, attributes);
}
