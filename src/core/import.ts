import { resolveSpecName, resolveUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../registry/types.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { fail } from '../errors.js';
import { publicOf, wipeComponents, type KeyComponents } from './components.js';
import { Key, KeyPair } from './key.js';
import { callProvider, optionsObject, resolveProvider } from './options.js';
import { pairwiseConsistencyTest } from './pct.js';
import { validateComponents } from './validate.js';
import { decodeComponents, KEY_FORMATS, type KeyFormat } from '../encoding/formats.js';

export interface ImportOptions {
  /** Defaults to the spec's default usage. */
  readonly usage?: Usage;
  readonly provider?: KeyMaterialProvider;
}

/**
 * Reads key material in any format `exportKey` writes, validates it (structure, algorithm and curve,
 * point on curve, scalar range, RSA component consistency, then a pairwise consistency test for private
 * keys) and hands it to the provider. Private formats return a `KeyPair`, public formats a public `Key`,
 * symmetric raw/JWK a secret `Key`.
 */
export async function importKey(spec: string | KeySpec, data: Uint8Array | string | object, format: KeyFormat, options?: ImportOptions): Promise<Key | KeyPair> {
  const { spec: s, impliedUsage } = resolveSpecName(spec);
  const o = optionsObject<ImportOptions>(options, 'importKey');
  const usage = resolveUsage(s, o.usage, impliedUsage);
  const provider = resolveProvider(o.provider);
  if (typeof format !== 'string' || !(KEY_FORMATS as readonly string[]).includes(format)) {
    fail('INVALID_ARGUMENT', `unknown format; known: ${KEY_FORMATS.join(', ')}`);
  }

  const decoded = decodeComponents(s, data, format);
  let components: KeyComponents | undefined;
  try {
    components = validateComponents(s, decoded);
  } finally {
    if (components !== decoded) wipeComponents(decoded);
  }
  try {
    if (components.kind === 'secret') {
      const handle = await callProvider(provider, 'import', () => provider.importComponents(s, usage, components!));
      return new Key(s, usage, 'secret', provider, handle);
    }
    if (s.family === 'symmetric') fail('INVALID_KEY', `${s.name} takes a secret key`);
    if (components.kind === 'rsa-public' || components.kind === 'ec-public') {
      const handle = await callProvider(provider, 'import', () => provider.importComponents(s, usage, components!));
      return new Key(s, usage, 'public', provider, handle);
    }
    const priv = components;
    const privateKey = await callProvider(provider, 'import', () => provider.importComponents(s, usage, priv));
    const publicKey = await callProvider(provider, 'import', () => provider.importComponents(s, usage, publicOf(priv)));
    try {
      await pairwiseConsistencyTest(provider, s, usage, { privateKey, publicKey });
    } catch (e) {
      provider.destroy(privateKey);
      provider.destroy(publicKey);
      throw e;
    }
    return new KeyPair(new Key(s, usage, 'private', provider, privateKey), new Key(s, usage, 'public', provider, publicKey));
  } finally {
    wipeComponents(components);
  }
}
