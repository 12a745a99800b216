import { fail, isKeysmithError, KeysmithError } from '../errors.js';
import { exportKey } from '../core/export.js';
import { importKey } from '../core/import.js';
import { assertKey, isKeyPair, type Key, type KeyPair } from '../core/key.js';
import { optionsObject, resolveRandom } from '../core/options.js';
import { publicOf, wipeComponents, type KeyComponents } from '../core/components.js';
import { resolveSpecAndUsage } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../registry/types.js';
import type { RandomSource } from '../random.js';
import { spkiFingerprint } from '../core/fingerprint.js';
import { wrappedCap } from '../encoding/limits.js';
import { getWrappingAlgorithm, payloadFormat, WRAPPING_KEY_SPECS, type WrappingAlgorithm, type WrappingAlgorithmName } from './algorithms.js';
import { checkLayout, type Sm2Layout } from './sm2-layout.js';
import { componentsOf, keyFromInput, type KeyInput } from './key-input.js';
import { keyCheckValue } from './identify.js';

export interface WrapOptions {
  readonly algorithm: WrappingAlgorithmName;
  /**
   * AES algorithms: an AES key, or the raw 16/24/32-byte key-encryption key. RSA and SM2 algorithms: the
   * public key (or the pair) as a keysmith key, SPKI (or PKCS#8) DER, PEM, or base64 DER.
   */
  readonly wrappingKey: KeyInput;
  /** SM2 ciphertext layout (SM2 algorithms only); default `C1C3C2`. */
  readonly layout?: Sm2Layout;
  readonly random?: RandomSource;
}

export interface UnwrapOptions {
  readonly algorithm: WrappingAlgorithmName;
  /** AES algorithms: the AES key or raw KEK bytes. RSA and SM2: the private key (keysmith key, PKCS#8 DER, PEM, base64). */
  readonly unwrappingKey: KeyInput;
  /** The spec the unwrapped key must have. */
  readonly spec: string | KeySpec;
  readonly usage?: Usage;
  readonly layout?: Sm2Layout;
  /**
   * Optional agreement check: the key check value (secret keys) or SPKI SHA-256 fingerprint (key pairs)
   * the other side announced. A mismatch is UNWRAP_FAILED. Envelopes whose second half has no integrity
   * of its own (SM2PKE_SM4_ECB) are only tamper-evident with this check.
   */
  readonly expect?: string;
}

type WrapMaterial = Uint8Array | KeyComponents;

function checkLayoutFor(alg: WrappingAlgorithm, layout: unknown): Sm2Layout {
  if (layout !== undefined && alg.wrappingKey !== 'sm2') fail('INVALID_ARGUMENT', `layout applies to SM2 algorithms, not ${alg.name}`);
  return checkLayout(layout);
}

const WRAPPING_KEY_NAMES = { aes: 'an AES key', rsa: 'an RSA key', sm2: 'an SM2 key' } as const;

/** The material an algorithm's wrap or unwrap side needs, from whatever the caller handed over. */
async function wrappingMaterial(alg: WrappingAlgorithm, input: KeyInput, side: 'wrap' | 'unwrap'): Promise<WrapMaterial> {
  const what = side === 'wrap' ? 'wrappingKey' : 'unwrappingKey';
  if (alg.wrappingKey === 'aes' && input instanceof Uint8Array) {
    if (![16, 24, 32].includes(input.length)) fail('INVALID_ARGUMENT', `${what}: an AES key-encryption key is 16, 24 or 32 bytes`);
    return input.slice();
  }
  const key = await keyFromInput(input, {
    accept: WRAPPING_KEY_SPECS[alg.wrappingKey],
    what: `${what} (${alg.name} takes ${WRAPPING_KEY_NAMES[alg.wrappingKey]})`,
  });
  // a key decoded here from bytes or text is ours, and is released once its components are out
  const ours = key !== input;
  try {
    if (key.usage !== 'ENCRYPT_DECRYPT') fail('INVALID_USAGE', `${what}: a wrapping key must have usage ENCRYPT_DECRYPT, not ${key.usage}`);
    const half: Key = isKeyPair(key) ? (side === 'wrap' ? key.publicKey : key.privateKey) : key;
    if (side === 'unwrap' && half.type === 'public') fail('INVALID_ARGUMENT', `${what}: unwrapping needs the private key`);
    const c = await componentsOf(half);
    if (side === 'wrap' && (c.kind === 'rsa-private' || c.kind === 'ec-private')) {
      const pub = publicOf(c);
      wipeComponents(c);
      return pub;
    }
    return c;
  } finally {
    if (ours) key.destroy();
  }
}

function wipeMaterial(m: WrapMaterial | undefined): void {
  if (m instanceof Uint8Array) m.fill(0);
  else if (m) wipeComponents(m);
}

/** Adapts the resolved material to what the entry's wrap/unwrap function takes. */
function keyArg(alg: WrappingAlgorithm, m: WrapMaterial): never {
  if (m instanceof Uint8Array) return m as never;
  if (m.kind === 'secret') return m.key as never;
  if (m.kind === 'rsa-public' || m.kind === 'rsa-private') return m as never;
  if (m.kind === 'ec-public') return m.publicKey as never;
  if (m.kind === 'ec-private') return m.d as never;
  return fail('INVALID_ARGUMENT', `${alg.name}: unsuitable wrapping key`);
}

/**
 * Wraps a key for transport: the key's payload (raw secret bytes or PKCS#8 DER; the raw private scalar for
 * SM2PKE_SM4_ECB) encrypted under the wrapping key with `algorithm`. Returns the wrapped bytes.
 */
export async function wrapKey(key: Key | KeyPair, options: WrapOptions): Promise<Uint8Array> {
  const o = optionsObject<WrapOptions>(options, 'wrapKey');
  const alg = getWrappingAlgorithm(o.algorithm);
  const layout = checkLayoutFor(alg, o.layout);
  const random = resolveRandom(o.random);
  assertKey(key, 'key to wrap');
  if (!isKeyPair(key) && key.type === 'public') fail('INVALID_ARGUMENT', 'key to wrap: a public key carries no secret; pass the private key or the pair');
  if (!alg.targets(key.spec)) fail('UNSUPPORTED', `${alg.name} cannot carry ${key.spec.name} keys`);
  if (o.wrappingKey === undefined) fail('INVALID_ARGUMENT', 'wrappingKey is required');

  const material = await wrappingMaterial(alg, o.wrappingKey, 'wrap');
  let payload: Uint8Array | undefined;
  try {
    payload = (await exportKey(key, payloadFormat(alg.payload, key.spec))) as Uint8Array;
    return alg.wrap(keyArg(alg, material), payload, { random, layout });
  } finally {
    wipeMaterial(material);
    payload?.fill(0);
  }
}

async function checkExpected(key: Key | KeyPair, expected: string): Promise<boolean> {
  const actual = isKeyPair(key) ? await spkiFingerprint(key) : await keyCheckValue(key);
  return actual.toLowerCase() === expected.trim().toLowerCase();
}

/**
 * Unwraps and imports a key. The payload is decoded and validated for `spec` (importKey) before anything
 * is returned: a wrong key, a modified or truncated blob or a wrong algorithm raises UNWRAP_FAILED; material
 * that decrypts but does not fit `spec` raises INVALID_KEY (UNWRAP_FAILED for RSAES_PKCS1_V1_5, which
 * reports every failure the same way).
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
  if (wrapped.length > wrappedCap()) throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
  if (o.expect !== undefined && typeof o.expect !== 'string') fail('INVALID_ARGUMENT', 'expect must be a hex string');
  if (o.unwrappingKey === undefined) fail('INVALID_ARGUMENT', 'unwrappingKey is required');

  const material = await wrappingMaterial(alg, o.unwrappingKey, 'unwrap');
  let payload: Uint8Array | undefined;
  try {
    try {
      payload = alg.unwrap(keyArg(alg, material), wrapped, { layout });
    } catch {
      // one code, one message, no cause: which step failed is what an oracle would want to learn
      throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
    }
    let key: Key | KeyPair;
    try {
      key = await importKey(spec, payload, payloadFormat(alg.payload, spec), { usage });
    } catch (e) {
      if (alg.singleError || !isKeysmithError(e)) throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
      throw new KeysmithError('INVALID_KEY', `unwrapped material is not a valid ${spec.name} key`, { cause: e });
    }
    if (o.expect !== undefined && !(await checkExpected(key, o.expect))) {
      key.destroy();
      // the same message as every other unwrap failure: a distinct one tells a padding oracle the padding was good
      throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
    }
    return key;
  } finally {
    wipeMaterial(material);
    payload?.fill(0);
  }
}
