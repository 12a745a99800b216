import { fail, isKeysmithError, KeysmithError } from '../errors.js';
import { assertKey, handleOf, isKeyPair, Key, KeyPair, providerOf } from '../core/key.js';
import { callProvider, optionsObject, randomFor, requireSupport, resolveProvider } from '../core/options.js';
import { defaultProvider } from '../core/defaults.js';
import { validateComponents } from '../core/validate.js';
import { checkedKeyPair, secretKey } from '../core/assemble.js';
import { isPublicComponents, wipeComponents, type KeyComponents, type PrivateComponents, type SecretComponents } from '../model/components.js';
import { resolveAttributes, type KeyAttributes, type KeyAttributesInput } from '../model/attributes.js';
import { getSpec, resolveSpecAndUsage } from '../registry/lookup.js';
import { payloadBytes, wrappedCap } from '../encoding/limits.js';
import type { AsymmetricSpec, KeySpec, SymmetricSpec, Usage } from '../model/spec.js';
import type { KeyMaterialProvider, ProviderKeyPair } from '../provider/types.js';
import type { RandomSource } from '../random.js';
import { decodeComponents } from '../encoding/formats.js';
import { aesKekSpec, getWrappingAlgorithm, payloadFormat, WRAPPING_KEY_SPECS, type WrappingAlgorithm, type WrappingAlgorithmName } from './algorithms.js';
import { checkLayout, type Sm2Layout } from './sm2-layout.js';
import { keyFromInput, requireSameProvider, type KeyInput } from './key-input.js';
import { matchesIdentifier } from './identify.js';
import type { SpecName } from '../registry/names.js';

export interface WrapOptions {
  /** Required: one of `WRAPPING_ALGORITHMS` (keysmith's names; a cloud's names map to these in IMPORT_DIALECTS). */
  readonly algorithm: WrappingAlgorithmName;
  /**
   * AES algorithms: an AES key, or the raw 16/24/32-byte key-encryption key. RSA and SM2 algorithms: the
   * public key (or the pair) as a keysmith key, SPKI (or PKCS#8) DER, PEM, or base64 DER. Bytes and text are
   * imported into the provider of the key being wrapped; a keysmith key must be on that provider.
   */
  readonly wrappingKey: KeyInput;
  /** SM2 ciphertext layout (SM2 algorithms only; INVALID_ARGUMENT for others). Default: `C1C3C2`. */
  readonly layout?: Sm2Layout | undefined;
  /**
   * Fresh values of the wrap (OAEP seeds, ephemeral keys, envelope keys). Default: the platform CSPRNG; a provider
   * that does not honour an injected source says UNSUPPORTED.
   */
  readonly random?: RandomSource | undefined;
  /** The provider the wrap runs on; it must be the key's. Default: the key's. */
  readonly provider?: KeyMaterialProvider | undefined;
}

export interface UnwrapOptions {
  /** Required: the algorithm the blob was wrapped with, one of `WRAPPING_ALGORITHMS`. */
  readonly algorithm: WrappingAlgorithmName;
  /** Required. AES algorithms: the AES key or raw KEK bytes. RSA and SM2: the private key (keysmith key, PKCS#8 DER, PEM, base64). */
  readonly unwrappingKey: KeyInput;
  /** Required: the spec the unwrapped key must have (any of its names, or a spec object). */
  readonly spec: SpecName | KeySpec | (string & {});
  /** The unwrapped key's usage. Default: the usage the spec's name implies, else the spec's `defaultUsage`. */
  readonly usage?: Usage | undefined;
  /** SM2 ciphertext layout (SM2 algorithms only). Default: `C1C3C2`. */
  readonly layout?: Sm2Layout | undefined;
  /**
   * Optional agreement check: the key check value (secret keys) or SPKI SHA-256 fingerprint (key pairs)
   * the other side announced. A mismatch is UNWRAP_FAILED. Envelopes whose second half has no integrity
   * of its own (SM2PKE_SM4_ECB) are only tamper-evident with this check. Default: no check.
   */
  readonly expect?: string | undefined;
  /**
   * The provider the unwrapped key is created on, which also holds the unwrapping key (default: the
   * unwrapping key's provider, or the installed default for bytes and text).
   */
  readonly provider?: KeyMaterialProvider | undefined;
  /** Attributes of the unwrapped key. Default: the provider's (`extractable`: its `extractableByDefault`). */
  readonly attributes?: KeyAttributesInput | undefined;
}

function checkLayoutFor(alg: WrappingAlgorithm, layout: unknown): Sm2Layout {
  if (layout !== undefined && alg.wrappingKey !== 'sm2') fail('INVALID_ARGUMENT', `layout applies to SM2 algorithms, not ${alg.name}`);
  return checkLayout(layout);
}

const WRAPPING_KEY_NAMES = { aes: 'an AES key', rsa: 'an RSA key', sm2: 'an SM2 key' } as const;

/** The half of a wrapping key a call uses, and whether it was made here (and is released after the call). */
interface WrappingHalf {
  readonly key: Key;
  readonly owned: Key | KeyPair | undefined;
}

/** The wrapping key an algorithm's wrap or unwrap side needs, on `provider`, from whatever the caller handed over. */
async function wrappingHalf(alg: WrappingAlgorithm, input: KeyInput, side: 'wrap' | 'unwrap', provider: KeyMaterialProvider): Promise<WrappingHalf> {
  const what = side === 'wrap' ? 'wrappingKey' : 'unwrappingKey';
  if (alg.wrappingKey === 'aes' && input instanceof Uint8Array) {
    if (![16, 24, 32].includes(input.length)) fail('INVALID_ARGUMENT', `${what}: an AES key-encryption key is 16, 24 or 32 bytes`);
    const spec = aesKekSpec(getSpec('AES_256') as SymmetricSpec, input.length);
    const attributes = resolveAttributes(undefined, provider.extractableByDefault);
    const c: SecretComponents = { kind: 'secret', key: new Uint8Array(input) };
    try {
      const handle = await callProvider(provider, 'import', () => provider.importComponents(spec, 'ENCRYPT_DECRYPT', c, attributes));
      const key = secretKey(spec, 'ENCRYPT_DECRYPT', provider, handle, attributes);
      return { key, owned: key };
    } finally {
      wipeComponents(c);
    }
  }
  const key = await keyFromInput(input, {
    accept: WRAPPING_KEY_SPECS[alg.wrappingKey],
    what: `${what} (${alg.name} takes ${WRAPPING_KEY_NAMES[alg.wrappingKey]})`,
    provider,
  });
  const owned = key !== input ? key : undefined;
  try {
    if (key.usage !== 'ENCRYPT_DECRYPT') fail('INVALID_USAGE', `${what}: a wrapping key must have usage ENCRYPT_DECRYPT, not ${key.usage}`);
    const half: Key = isKeyPair(key) ? (side === 'wrap' ? key.publicKey : key.privateKey) : key;
    if (side === 'unwrap' && half.type === 'public') fail('INVALID_ARGUMENT', `${what}: unwrapping needs the private key`);
    handleOf(half);
    return { key: half, owned };
  } catch (e) {
    await owned?.release().catch(() => undefined);
    throw e;
  }
}

/**
 * UNSUPPORTED unless the provider wraps (or unwraps) `algorithm` for this target at all: checked before any
 * wrapping key is decoded or imported.
 */
function requireWrapSupport(provider: KeyMaterialProvider, alg: WrappingAlgorithm, target: KeySpec, usage: Usage, side: 'wrap' | 'unwrap'): void {
  requireSupport(provider, target, usage, side, alg.name);
}

/** UNSUPPORTED unless the provider wraps (or unwraps) `algorithm` with this wrapping key and target. */
function requireWrapping(provider: KeyMaterialProvider, alg: WrappingAlgorithm, wrapping: KeySpec, target: KeySpec, side: 'wrap' | 'unwrap'): void {
  const implemented = side === 'wrap' ? typeof provider.wrap === 'function' : typeof provider.unwrap === 'function';
  if (!implemented || (typeof provider.canWrap === 'function' && !provider.canWrap(alg.name, wrapping, target))) {
    fail('UNSUPPORTED', `${provider.name} provider cannot ${side} ${target.name} keys with ${alg.name} under a ${wrapping.name} key`);
  }
}

/**
 * Wraps a key for transport: the key's payload (raw secret bytes or PKCS#8 DER; the raw private scalar for
 * SM2PKE_SM4_ECB) encrypted under the wrapping key with `algorithm`, by the key's provider (inside the
 * backend where it has a native wrap). Returns the wrapped bytes.
 */
export async function wrapKey(key: Key | KeyPair, options: WrapOptions): Promise<Uint8Array> {
  const o = optionsObject<WrapOptions>(options, 'wrapKey');
  const alg = getWrappingAlgorithm(o.algorithm);
  const layout = checkLayoutFor(alg, o.layout);
  assertKey(key, 'key to wrap');
  if (!isKeyPair(key) && key.type === 'public') fail('INVALID_ARGUMENT', 'key to wrap: a public key carries no secret; pass the private key or the pair');
  if (!alg.targets(key.spec)) fail('UNSUPPORTED', `${alg.name} cannot carry ${key.spec.name} keys`);
  if (o.wrappingKey === undefined) fail('INVALID_ARGUMENT', 'wrappingKey is required');
  const provider = o.provider === undefined ? providerOf(key) : resolveProvider(o.provider);
  requireSameProvider(key, provider, 'the key to wrap');
  const random = randomFor(provider, o.random);
  const target = isKeyPair(key) ? key.privateKey : key;
  const targetHandle = handleOf(target);
  requireWrapSupport(provider, alg, key.spec, key.usage, 'wrap');

  const wrapping = await wrappingHalf(alg, o.wrappingKey, 'wrap', provider);
  try {
    requireWrapping(provider, alg, wrapping.key.spec, key.spec, 'wrap');
    const ws = wrapping.key.spec;
    if (alg.rsaOverhead !== undefined && ws.family === 'rsa' && payloadBytes(key.spec) > ws.bits / 8 - alg.rsaOverhead) {
      // e.g. AWS: RSAES_OAEP_SHA_* with an RSA_2048 wrapping key cannot wrap ECC_NIST_P521 key material
      fail('UNSUPPORTED', `${alg.name} under ${ws.name} carries at most ${ws.bits / 8 - alg.rsaOverhead} bytes; ${key.spec.name} key material is ${payloadBytes(key.spec)}`);
    }
    const request = {
      algorithm: alg.name,
      wrappingSpec: wrapping.key.spec,
      wrappingKey: handleOf(wrapping.key),
      targetSpec: key.spec,
      target: targetHandle,
      layout,
      random,
    };
    return await callProvider(provider, 'wrap', () => provider.wrap!(request));
  } finally {
    await wrapping.owned?.release().catch(() => undefined);
  }
}

/** The core's check of an unwrapped payload: decoded for the spec and validated like any import. */
function payloadValidator(alg: WrappingAlgorithm, spec: KeySpec): { validate: (payload: Uint8Array) => SecretComponents | PrivateComponents; refused: () => unknown } {
  let refused: unknown;
  const validate = (payload: Uint8Array): SecretComponents | PrivateComponents => {
    try {
      const decoded = decodeComponents(spec, payload, payloadFormat(alg.payload, spec));
      let c: KeyComponents | undefined;
      try {
        c = validateComponents(spec, decoded);
      } finally {
        if (c !== decoded) wipeComponents(decoded);
      }
      if (isPublicComponents(c)) fail('INVALID_KEY', `${spec.name}: a public key carries nothing to unwrap`);
      return c;
    } catch (e) {
      refused = e;
      throw e;
    }
  };
  return { validate, refused: () => refused };
}

function unwrapFailed(): KeysmithError {
  // one code, one message, no cause: which step failed is what an oracle would want to learn
  return new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
}

/**
 * Unwraps and imports a key, on one provider. The payload is decoded and validated for `spec` before
 * anything is returned (the provider hands it to the core's validation, or unwraps natively and the core
 * validates the result's public half), and key pairs pass the pairwise consistency test: a wrong key, a
 * modified or truncated blob, a wrong algorithm or an `expect` mismatch raises UNWRAP_FAILED with one
 * message; material that decrypts but does not fit `spec` raises INVALID_KEY (UNWRAP_FAILED for
 * RSAES_PKCS1_V1_5, which reports every failure the same way).
 */
export async function unwrapKey(wrapped: Uint8Array, options: UnwrapOptions): Promise<Key | KeyPair> {
  const o = optionsObject<UnwrapOptions>(options, 'unwrapKey');
  const alg = getWrappingAlgorithm(o.algorithm);
  const layout = checkLayoutFor(alg, o.layout);
  if (o.spec === undefined) fail('INVALID_ARGUMENT', 'spec is required: the spec of the key being unwrapped');
  const { spec, usage } = resolveSpecAndUsage(o.spec, o.usage);
  if (!alg.targets(spec)) fail('UNSUPPORTED', `${alg.name} cannot carry ${spec.name} keys`);
  if (!(wrapped instanceof Uint8Array)) fail('INVALID_ARGUMENT', 'wrapped key must be a Uint8Array');
  // no envelope of any registry key is larger (src/encoding/limits.ts): refused before any decryption work
  if (wrapped.length > wrappedCap()) throw unwrapFailed();
  if (o.expect !== undefined && typeof o.expect !== 'string') fail('INVALID_ARGUMENT', 'expect must be a hex string');
  if (o.unwrappingKey === undefined) fail('INVALID_ARGUMENT', 'unwrappingKey is required');
  const given = o.unwrappingKey;
  const provider =
    o.provider !== undefined ? resolveProvider(o.provider) : given instanceof Key || given instanceof KeyPair ? providerOf(given) : defaultProvider();
  const attributes = resolveAttributes(o.attributes, provider.extractableByDefault);
  if (attributes.persistent) requireSupport(provider, spec, usage, 'persist');
  requireWrapSupport(provider, alg, spec, usage, 'unwrap');

  const unwrapping = await wrappingHalf(alg, given, 'unwrap', provider);
  try {
    requireWrapping(provider, alg, unwrapping.key.spec, spec, 'unwrap');
    const { validate, refused } = payloadValidator(alg, spec);
    const request = {
      algorithm: alg.name,
      unwrappingSpec: unwrapping.key.spec,
      unwrappingKey: handleOf(unwrapping.key),
      targetSpec: spec,
      usage,
      attributes,
      wrapped,
      layout,
      validate,
    };
    const invalid = (cause: unknown): KeysmithError =>
      alg.singleError || !isKeysmithError(cause)
        ? unwrapFailed()
        : new KeysmithError('INVALID_KEY', `unwrapped material is not a valid ${spec.name} key`, { cause });

    let result: unknown;
    try {
      result = await provider.unwrap!(request);
    } catch {
      const why = refused();
      throw why === undefined ? unwrapFailed() : invalid(why);
    }
    const key = await assemble(spec, usage, provider, result, attributes).catch((e: unknown) => {
      throw invalid(e);
    });
    if (o.expect !== undefined && !(await matchesIdentifier(key, o.expect))) {
      await key.release().catch(() => undefined);
      throw unwrapFailed();
    }
    return key;
  } finally {
    await unwrapping.owned?.release().catch(() => undefined);
  }
}

/** The key an unwrap made: secret keys as they are; pairs after public-half validation and the PCT. */
async function assemble(spec: KeySpec, usage: Usage, provider: KeyMaterialProvider, result: unknown, attributes: KeyAttributes): Promise<Key | KeyPair> {
  if (spec.family === 'symmetric') return secretKey(spec, usage, provider, result, attributes);
  const pair = result as ProviderKeyPair;
  if (typeof pair !== 'object' || pair === null || !('privateKey' in pair) || !('publicKey' in pair)) {
    fail('PROVIDER_ERROR', `${provider.name} provider: unwrap of a key pair did not return a pair`);
  }
  const asym = spec as AsymmetricSpec;
  return checkedKeyPair(asym, usage, provider, pair, attributes, async () => {
    const pub = await callProvider(provider, 'export', () => provider.exportPublic(asym, pair.publicKey));
    validateComponents(asym, pub);
  });
}

