import { resolveSpecName, resolveUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../model/spec.js';
import { publicAttributes, resolveAttributes, type KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { isPublicComponents, publicOf, wipeComponents, type KeyComponents } from '../model/components.js';
import { fail } from '../errors.js';
import type { Key, KeyPair } from './key.js';
import { callProvider, optionsObject, requireSupport, resolveProvider } from './options.js';
import { validateComponents } from './validate.js';
import { checkedKeyPair, publicKey, releaseQuietly, secretKey } from './assemble.js';
import { checkFormat, decodeComponents, type KeyFormat } from '../encoding/formats.js';

export interface ImportOptions {
  /** Defaults to the spec's default usage. */
  readonly usage?: Usage;
  /** Defaults to the pure TypeScript provider. */
  readonly provider?: KeyMaterialProvider;
  /** `extractable` (default: the provider's), and for tokens `label`, `id`, `persistent`. */
  readonly attributes?: KeyAttributesInput;
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
  checkFormat(format);
  const attributes = resolveAttributes(o.attributes, provider.extractableByDefault);
  requireSupport(provider, s, usage, 'import');
  if (attributes.persistent) requireSupport(provider, s, usage, 'persist');

  const decoded = decodeComponents(s, data, format);
  let components: KeyComponents | undefined;
  try {
    components = validateComponents(s, decoded);
  } finally {
    if (components !== decoded) wipeComponents(decoded);
  }
  return importValidated(s, usage, provider, components, attributes);
}

/** @internal Hands validated components to the provider and wipes them; private keys are tested as a pair. */
export async function importValidated(
  s: KeySpec,
  usage: Usage,
  provider: KeyMaterialProvider,
  components: KeyComponents,
  attributes: ReturnType<typeof resolveAttributes>,
): Promise<Key | KeyPair> {
  try {
    const take = (c: KeyComponents, a = attributes) => callProvider(provider, 'import', () => provider.importComponents(s, usage, c, a));
    if (components.kind === 'secret') return secretKey(s, usage, provider, await take(components), attributes);
    if (s.family === 'symmetric') fail('INVALID_KEY', `${s.name} takes a secret key`);
    if (isPublicComponents(components)) {
      return publicKey(s, usage, provider, await take(components, publicAttributes(attributes)), attributes);
    }
    const priv = components;
    const privateKey = await take(priv);
    let publicHandle: unknown;
    try {
      publicHandle = await take(publicOf(priv), publicAttributes(attributes));
    } catch (e) {
      await releaseQuietly(provider, privateKey);
      throw e;
    }
    return await checkedKeyPair(s, usage, provider, { privateKey, publicKey: publicHandle }, attributes);
  } finally {
    wipeComponents(components);
  }
}
