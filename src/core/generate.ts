import { resolveSpecName, resolveUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../model/spec.js';
import { resolveAttributes, type KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import type { RandomSource } from '../random.js';
import type { KeyPair, SecretKey } from './key.js';
import type { KeyShapeOf, SpecName, UsageOf, WideString } from '../registry/names.js';
import { callProvider, optionsObject, randomFor, requireSupport, resolveProvider } from './options.js';
import { checkedKeyPair, secretKey } from './assemble.js';

export interface GenerateOptions<U extends Usage = Usage> {
  /**
   * What the key is for (`ENCRYPT_DECRYPT`, `SIGN_VERIFY`, …); one of the spec's `usages`. Default: the usage
   * the spec's name implies (Tencent's `ASYMMETRIC_DECRYPT_*` / `ASYMMETRIC_SIGN_VERIFY_*`), else the spec's
   * `defaultUsage` (ENCRYPT_DECRYPT for AES and SM4; SIGN_VERIFY for RSA, EC and SM2; `keysmith specs` lists
   * each). A usage the spec does not allow, or one that conflicts with the name's, is INVALID_USAGE.
   */
  readonly usage?: U | undefined;
  /**
   * Where key bytes come from. Default: the platform CSPRNG (`crypto.getRandomValues`). Pass
   * `seededRandom(seed)` for reproducible keys; a provider that does not honour it (WebCrypto, PKCS#11) says
   * UNSUPPORTED.
   */
  readonly random?: RandomSource | undefined;
  /** The backend that makes and holds the key. Default: the installed default provider (the pure TypeScript one). */
  readonly provider?: KeyMaterialProvider | undefined;
  /**
   * `extractable` (default: the provider's `extractableByDefault`; true for pure), and for token providers
   * `label`, `id`, `persistent` (default false).
   */
  readonly attributes?: KeyAttributesInput | undefined;
}

/** What generateKey gives for a spec (name or object): a `SecretKey` or a `KeyPair`. */
export type GeneratedKey<N> = KeyShapeOf<N> extends infer S ? (S extends 'secret' ? SecretKey : KeyPair) : never;

/**
 * Generates key material for a spec (any of its names). Symmetric specs give a secret `Key`; asymmetric
 * specs give a `KeyPair` that has passed a pairwise consistency test.
 *
 * Types: a spec name literal (keysmith's or any cloud's: `'AES_256'`, `'SYMMETRIC_DEFAULT'`,
 * `'ASYMMETRIC_DECRYPT_RSA_2048'`) gives `Promise<SecretKey>` or `Promise<KeyPair>`, and `usage` takes only
 * the spec's usages; a misspelt literal does not compile.
 */
export function generateKey<N extends SpecName | KeySpec>(spec: N, options?: GenerateOptions<UsageOf<N>>): Promise<GeneratedKey<N>>;
/**
 * The wide overload: a spec name that is a `string` from outside (a CLI argument, a request). It is checked
 * at run time (UNKNOWN_SPEC) and gives `SecretKey | KeyPair`; narrow with `isKeyPair`.
 */
export function generateKey<S extends string>(spec: WideString<S> | KeySpec, options?: GenerateOptions): Promise<SecretKey | KeyPair>;
export async function generateKey(spec: string | KeySpec, options?: GenerateOptions): Promise<SecretKey | KeyPair> {
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
