import { resolveSpecName, resolveUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../model/spec.js';
import { publicAttributes, resolveAttributes, type KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { isPublicComponents, publicOf, wipeComponents, type KeyComponents } from '../model/components.js';
import { fail } from '../errors.js';
import type { Key, KeyPair, PublicKey, SecretKey } from './key.js';
import type { ImportedAsymmetric } from './format-types.js';
import type { KeyShapeOf, SpecName, UsageOf, WideOrUnion, WideString } from '../registry/names.js';
import { callProvider, optionsObject, requireSupport, resolveProvider } from './options.js';
import { validateComponents } from './validate.js';
import { checkedKeyPair, publicKey, releaseQuietly, secretKey } from './assemble.js';
import { checkFormat, decodeComponents, type KeyFormat } from '../encoding/formats.js';

export interface ImportOptions<U extends Usage = Usage> {
  /**
   * What the key is for; one of the spec's `usages`. Default: the usage the spec's name implies (Tencent's
   * `ASYMMETRIC_DECRYPT_*` / `ASYMMETRIC_SIGN_VERIFY_*`), else the spec's `defaultUsage`. A JWK's `use` /
   * `key_ops` never set it. A usage the spec does not allow, or one that conflicts with the name's, is INVALID_USAGE.
   */
  readonly usage?: U | undefined;
  /** The backend the key is imported into. Default: the installed default provider (the pure TypeScript one). */
  readonly provider?: KeyMaterialProvider | undefined;
  /**
   * `extractable` (default: the provider's `extractableByDefault`; true for pure), and for token providers
   * `label`, `id`, `persistent` (default false).
   */
  readonly attributes?: KeyAttributesInput | undefined;
}

/** The formats importKey takes for a spec: a secret key comes as `raw` or `jwk`; a key pair's spec takes any. */
export type ImportFormatOf<N> = KeyShapeOf<N> extends 'secret' ? 'raw' | 'jwk' : KeyFormat;

/** What importKey gives: a `SecretKey`; for asymmetric specs a `KeyPair` (private formats) or `PublicKey` (public formats). */
export type ImportedKey<N, F extends KeyFormat> = KeyShapeOf<N> extends infer S ? (S extends 'secret' ? SecretKey : ImportedAsymmetric<F>) : never;

/**
 * Reads key material in any format `exportKey` writes, validates it (structure, algorithm and curve,
 * point on curve, scalar range, RSA component consistency, then a pairwise consistency test for private
 * keys) and hands it to the provider. Private formats return a `KeyPair`, public formats a public `Key`,
 * symmetric raw/JWK a secret `Key`.
 */
export function importKey<N extends SpecName | KeySpec, F extends ImportFormatOf<N>>(
  spec: N,
  data: Uint8Array | string | object,
  format: F,
  options?: ImportOptions<UsageOf<N>>,
): Promise<ImportedKey<N, F>>;
/**
 * The wide overloads: a spec name that is a `string` from outside, or a format that is (or a format held in a
 * variable of a union type). Both are checked at run time (UNKNOWN_SPEC, INVALID_ARGUMENT, UNSUPPORTED); they
 * give `SecretKey | PublicKey | KeyPair`.
 */
export function importKey<S extends string>(
  spec: WideString<S>,
  data: Uint8Array | string | object,
  format: KeyFormat | (string & {}),
  options?: ImportOptions,
): Promise<SecretKey | PublicKey | KeyPair>;
/** A spec name literal (or spec object) with a format from outside: see the overload above. */
export function importKey<F extends string>(
  spec: SpecName | KeySpec,
  data: Uint8Array | string | object,
  format: WideOrUnion<F>,
  options?: ImportOptions,
): Promise<SecretKey | PublicKey | KeyPair>;
export async function importKey(spec: string | KeySpec, data: Uint8Array | string | object, format: string, options?: ImportOptions): Promise<Key | KeyPair> {
  const { spec: s, impliedUsage } = resolveSpecName(spec);
  const o = optionsObject<ImportOptions>(options, 'importKey');
  const usage = resolveUsage(s, o.usage, impliedUsage);
  const provider = resolveProvider(o.provider);
  const f = checkFormat(format);
  const attributes = resolveAttributes(o.attributes, provider.extractableByDefault);
  requireSupport(provider, s, usage, 'import');
  if (attributes.persistent) requireSupport(provider, s, usage, 'persist');

  const decoded = decodeComponents(s, data, f);
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
