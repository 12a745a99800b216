import { fail, KeysmithError } from '../errors.js';
import { wrappedTextCap } from '../encoding/limits.js';
import { fromBase64, toBase64 } from '../bytes.js';
import { generateKey } from '../core/generate.js';
import { exportKey } from '../core/export.js';
import { assertKey, isKeyPair, Key, KeyPair, providerOf } from '../core/key.js';
import { optionsObject, resolveProvider } from '../core/options.js';
import type { KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { getSpec } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../model/spec.js';
import type { RandomSource } from '../random.js';
import type { WrappingAlgorithmName } from './algorithms.js';
import {
  getImportDialect, IMPORT_DIALECTS, type CloudWrappingAlgorithm, type DialectAlgorithmName, type DialectEntry, type DialectWrappingSpecName,
  type ImportCloud, type MaterialClass,
} from './dialects.js';
import type { CloudName } from '../model/spec.js';
import type { SpecName, WideString } from '../registry/names.js';
import { keyFromInput, type KeyInput } from './key-input.js';
import { keyIdentifier } from './identify.js';
import type { Sm2Layout } from './sm2-layout.js';
import { unwrapKey, wrapKey } from './wrap-key.js';

export interface ImportParameters {
  readonly dialect: CloudName;
  /** The cloud's name of the wrapping algorithm. */
  readonly algorithm: string;
  readonly wrappingAlgorithm: WrappingAlgorithmName;
  readonly layout?: Sm2Layout;
  /** The cloud's name of the wrapping key spec. */
  readonly wrappingKeySpec: string;
  /** The emulator's wrapping key pair; its private half opens EncryptedKeyMaterial. */
  readonly wrappingKeyPair: KeyPair;
  /** The public key as the cloud returns it: base64 of the SPKI DER (GCP: PEM). */
  readonly publicKey: string;
}

export interface EncryptedKeyMaterial {
  readonly dialect: CloudName;
  readonly algorithm: string;
  /** Base64, as ImportKeyMaterial takes it. */
  readonly encryptedKeyMaterial: string;
  /** The key that was wrapped (generated when only a spec was given). */
  readonly key: Key | KeyPair;
  /** Key check value (secret keys) or SPKI SHA-256 fingerprint (key pairs), for the other side to compare. */
  readonly keyCheckValue?: string;
  readonly fingerprint?: string;
}

function dialectEntry(dialect: unknown): DialectEntry {
  const d = getImportDialect(dialect);
  if (!d) fail('INVALID_ARGUMENT', `unknown dialect; known: ${IMPORT_DIALECTS.join(', ')}`);
  return d;
}

function cloudAlgorithm(d: DialectEntry, name: unknown): CloudWrappingAlgorithm {
  const a = typeof name === 'string' ? d.algorithms.find((x) => x.name === name) : undefined;
  if (!a) fail('INVALID_ARGUMENT', `${d.name}: unknown wrapping algorithm; known: ${d.algorithms.map((x) => x.name).join(', ')}`);
  return a;
}

const MATERIAL_OK: Readonly<Record<MaterialClass, (s: KeySpec) => boolean>> = Object.freeze({
  symmetric: (s: KeySpec) => s.family === 'symmetric',
  asymmetric: (s: KeySpec) => s.family !== 'symmetric',
  any: () => true,
});

/** The algorithm's material class, then the registry's word on whether the cloud documents importing the spec. */
function checkMaterial(d: DialectEntry, a: CloudWrappingAlgorithm, spec: KeySpec): void {
  if (!MATERIAL_OK[a.material](spec)) fail('UNSUPPORTED', `${d.name} ${a.name} does not import ${spec.name} key material`);
  if (spec.imports !== undefined && !spec.imports.includes(d.name)) fail('UNSUPPORTED', `${d.name} does not document importing ${spec.name} key material (see the README)`);
}

/** Any name keysmith knows for a spec (its own, or any cloud's: `Aliyun_AES_256`, `ECC_NIST_P256`, ...). */
function targetSpec(spec: unknown): KeySpec {
  return getSpec(spec as string | KeySpec);
}

/** The wrapping-key spec a request names (cloud spelling), checked against the algorithm. */
function wrappingSpecFor(d: DialectEntry, a: CloudWrappingAlgorithm, requested: unknown): string {
  const name = requested ?? (a.wrappingKeySpecs.includes(d.defaults.wrappingKeySpec) ? d.defaults.wrappingKeySpec : a.wrappingKeySpecs[0]);
  if (typeof name !== 'string' || !a.wrappingKeySpecs.includes(name)) {
    fail('INVALID_ARGUMENT', `${d.name} ${a.name} takes a wrapping key spec of: ${a.wrappingKeySpecs.join(', ')}`);
  }
  return name;
}

async function publicKeyAs(d: DialectEntry, pair: KeyPair): Promise<string> {
  if (d.publicKeyEncoding === 'pem') return (await exportKey(pair, 'spki-pem')) as string;
  return toBase64((await exportKey(pair, 'spki-der')) as Uint8Array);
}

/**
 * Emulator side of GetParametersForImport: a fresh wrapping key pair of the spec the cloud uses, and its
 * public key encoded as the cloud returns it.
 */
/**
 * Options of createImportParameters. With a cloud name literal, `algorithm` and `wrappingSpec` take that
 * cloud's names only (`A`, `W`); through the wide overload, any string (checked at run time).
 */
export interface CreateImportParametersOptions<A extends string = string, W extends string = string> {
  /**
   * The wrapping key spec, in the cloud's name. Default: the one the cloud's default algorithm uses (below), or
   * for a non-default algorithm the first spec it takes.
   */
  readonly wrappingSpec?: W | undefined;
  /**
   * The cloud's wrapping algorithm name. Defaults (src/wrap/dialects.ts): aws `RSA_AES_KEY_WRAP_SHA_256` with an
   * `RSA_4096` wrapping key; aliyun, tencent and huawei `RSAES_OAEP_SHA_256` with `RSA_2048`; gcp
   * `RSA_OAEP_3072_SHA256_AES_256` with `RSA_3072`.
   */
  readonly algorithm?: A | undefined;
  /** Where the wrapping key pair's bytes come from. Default: the platform CSPRNG; `seededRandom(seed)` for tests. */
  readonly random?: RandomSource | undefined;
  /** The provider the wrapping key pair is made on. Default: the installed default provider (pure TypeScript). */
  readonly provider?: KeyMaterialProvider | undefined;
  /**
   * Attributes of the wrapping key pair (e.g. `{ extractable: false }` for one that never leaves its backend).
   * Default: the provider's (`extractable`: its `extractableByDefault`).
   */
  readonly attributes?: KeyAttributesInput | undefined;
}

/**
 * Emulator side of GetParametersForImport: a fresh wrapping key pair of the spec the cloud uses, and its
 * public key encoded as the cloud returns it (base64 SPKI DER; GCP: PEM).
 *
 * Types: with a cloud name literal, `algorithm` and `wrappingSpec` take that cloud's names only
 * (`createImportParameters('aws', { algorithm: 'RSAES_PKCS1_V1_5' })` does not compile: AWS dropped it).
 */
export function createImportParameters<C extends ImportCloud>(
  dialect: C,
  options?: CreateImportParametersOptions<DialectAlgorithmName<C>, DialectWrappingSpecName<C>>,
): Promise<ImportParameters>;
/** A cloud name literal with an algorithm or wrapping spec that is a `string` from outside: checked at run time. */
export function createImportParameters<C extends ImportCloud, A extends string, W extends string = never>(
  dialect: C,
  options: CreateImportParametersOptions<WideString<A>, DialectWrappingSpecName<C> | WideString<W>>,
): Promise<ImportParameters>;
/** The wide overload: a cloud name that is a `string` from outside; everything is checked at run time (INVALID_ARGUMENT). */
export function createImportParameters<D extends string>(dialect: WideString<D>, options?: CreateImportParametersOptions): Promise<ImportParameters>;
export async function createImportParameters(dialect: string, options?: CreateImportParametersOptions): Promise<ImportParameters> {
  const d = dialectEntry(dialect);
  const o = optionsObject<CreateImportParametersOptions>(options, 'createImportParameters');
  const a = cloudAlgorithm(d, o.algorithm ?? d.defaults.algorithm);
  const wrappingKeySpec = wrappingSpecFor(d, a, o.wrappingSpec);
  const spec = getSpec(d.wrappingKeySpecs[wrappingKeySpec]!);
  const pair = await generateKey(spec, {
    usage: 'ENCRYPT_DECRYPT',
    ...(o.random ? { random: o.random } : {}),
    ...(o.provider ? { provider: o.provider } : {}),
    ...(o.attributes ? { attributes: o.attributes } : {}),
  });
  if (!isKeyPair(pair)) fail('INVALID_ARGUMENT', 'wrapping key spec must be asymmetric');
  return importParametersFor(d.name, pair, { algorithm: a.name });
}

/**
 * Import parameters around an existing wrapping key pair (an emulator that keeps its wrapping keys, or
 * the CLI's `unwrap`). The pair's spec must be one the cloud uses with `algorithm`.
 *
 * @param options.algorithm the cloud's algorithm name; default: the cloud's default (see
 *   CreateImportParametersOptions.algorithm: aws `RSA_AES_KEY_WRAP_SHA_256`, gcp `RSA_OAEP_3072_SHA256_AES_256`,
 *   the others `RSAES_OAEP_SHA_256`).
 */
export function importParametersFor<C extends ImportCloud>(
  dialect: C,
  wrappingKeyPair: KeyPair,
  options?: { readonly algorithm?: DialectAlgorithmName<C> | undefined },
): Promise<ImportParameters>;
/** The wide overload: a cloud name or algorithm that is a `string` from outside, checked at run time. */
export function importParametersFor(dialect: string, wrappingKeyPair: KeyPair, options?: { readonly algorithm?: string | undefined }): Promise<ImportParameters>;
export async function importParametersFor(dialect: string, wrappingKeyPair: KeyPair, options?: { readonly algorithm?: string | undefined }): Promise<ImportParameters> {
  const d = dialectEntry(dialect);
  const o = optionsObject<{ algorithm?: string }>(options, 'importParametersFor');
  const a = cloudAlgorithm(d, o.algorithm ?? d.defaults.algorithm);
  if (!(wrappingKeyPair instanceof KeyPair)) fail('INVALID_ARGUMENT', 'wrappingKeyPair must be a keysmith KeyPair');
  const wrappingKeySpec = a.wrappingKeySpecs.find((n) => d.wrappingKeySpecs[n] === wrappingKeyPair.spec.name);
  if (wrappingKeySpec === undefined) {
    fail('INVALID_ARGUMENT', `${d.name} ${a.name} takes a wrapping key spec of: ${a.wrappingKeySpecs.join(', ')}`);
  }
  return Object.freeze({
    dialect: d.name,
    algorithm: a.name,
    wrappingAlgorithm: a.algorithm,
    ...(a.layout ? { layout: a.layout } : {}),
    wrappingKeySpec,
    wrappingKeyPair,
    publicKey: await publicKeyAs(d, wrappingKeyPair),
  });
}

/**
 * Emulator side of ImportKeyMaterial: opens the base64 EncryptedKeyMaterial with the wrapping private key,
 * checks that it is valid material for `spec`, and returns the key.
 */
export interface OpenEncryptedKeyMaterialOptions {
  /** The spec of the key inside (any of its names, or a spec object): required; material of another spec is UNWRAP_FAILED. */
  readonly spec: SpecName | KeySpec | (string & {});
  /** The imported key's usage. Default: the usage the spec's name implies, else the spec's `defaultUsage`. */
  readonly usage?: Usage | undefined;
  /** The key check value or SPKI SHA-256 the broker announced; a mismatch is UNWRAP_FAILED. Default: no check. */
  readonly expect?: string | undefined;
  /** Must be the wrapping key pair's provider (the default); the imported key is created there. */
  readonly provider?: KeyMaterialProvider | undefined;
  /** Attributes of the imported key. Default: the provider's (`extractable`: its `extractableByDefault`). */
  readonly attributes?: KeyAttributesInput | undefined;
}

export async function openEncryptedKeyMaterial(
  params: ImportParameters,
  encryptedKeyMaterial: string,
  options: OpenEncryptedKeyMaterialOptions,
): Promise<Key | KeyPair> {
  if (typeof params !== 'object' || params === null || !(params.wrappingKeyPair instanceof KeyPair)) {
    fail('INVALID_ARGUMENT', 'params must come from createImportParameters');
  }
  const d = dialectEntry(params.dialect);
  const a = cloudAlgorithm(d, params.algorithm);
  const o = optionsObject<OpenEncryptedKeyMaterialOptions>(options, 'openEncryptedKeyMaterial');
  if (o.spec === undefined) fail('INVALID_ARGUMENT', 'spec is required');
  const spec = targetSpec(o.spec);
  checkMaterial(d, a, spec);
  if (typeof encryptedKeyMaterial !== 'string') fail('INVALID_ARGUMENT', 'EncryptedKeyMaterial must be a base64 string');
  // bounded before decoding or decrypting anything (src/encoding/limits.ts); unwrapKey checks the bytes again
  if (encryptedKeyMaterial.length > wrappedTextCap()) throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
  const blob = fromBase64(encryptedKeyMaterial);
  return unwrapKey(blob, {
    algorithm: a.algorithm,
    unwrappingKey: params.wrappingKeyPair,
    // the caller's name, not the resolved spec: a name that implies a usage keeps it (resolveSpecName)
    spec: o.spec,
    ...(o.usage ? { usage: o.usage } : {}),
    ...(a.layout ? { layout: params.layout ?? a.layout } : {}),
    ...(o.expect !== undefined ? { expect: o.expect } : {}),
    ...(o.provider !== undefined ? { provider: o.provider } : {}),
    ...(o.attributes !== undefined ? { attributes: o.attributes } : {}),
  });
}

/**
 * Options of encryptKeyMaterial. With a cloud name literal, `algorithm` takes that cloud's names only (`A`);
 * through the wide overload, any string (checked at run time).
 */
export interface EncryptKeyMaterialOptions<A extends string = string> {
  /** The cloud's wrapping public key: base64 DER SPKI, PEM, DER bytes or a keysmith key. Required. */
  readonly publicKey: KeyInput;
  /**
   * The cloud's algorithm name, as GetParametersForImport returned it. Required (the broker must use what the
   * cloud chose; the clouds' defaults are listed at CreateImportParametersOptions.algorithm).
   */
  readonly algorithm: A;
  /** The key to move; or give `spec` to generate a new one (exactly one of the two). */
  readonly key?: Key | KeyPair | undefined;
  /** The spec of a key to generate and move (any of its names, or a spec object). */
  readonly spec?: SpecName | KeySpec | (string & {}) | undefined;
  /** The usage of a key generated from `spec`. Default: the name's implied usage, else the spec's `defaultUsage`. */
  readonly usage?: Usage | undefined;
  /** SM2 layout override, where the cloud's documented default does not fit. Default: the cloud's (`DialectEntry.algorithms[].layout`). */
  readonly layout?: Sm2Layout | undefined;
  /** Fresh values of the wrap and of a generated key. Default: the platform CSPRNG; `seededRandom(seed)` for tests. */
  readonly random?: RandomSource | undefined;
  /**
   * The provider the wrap runs on (default: the key's, or the pure provider for a key generated from
   * `spec`); the cloud's public key is imported into it, and a generated key is made there.
   */
  readonly provider?: KeyMaterialProvider | undefined;
  /** Attributes of a key generated from `spec`. Default: the provider's. */
  readonly attributes?: KeyAttributesInput | undefined;
}

/**
 * Broker side: wraps a given (or freshly generated) key for a cloud's ImportKeyMaterial.
 *
 * Types: with a cloud name literal, `algorithm` takes that cloud's names only.
 */
export function encryptKeyMaterial<C extends ImportCloud>(dialect: C, options: EncryptKeyMaterialOptions<DialectAlgorithmName<C>>): Promise<EncryptedKeyMaterial>;
/** A cloud name literal with an algorithm that is a `string` from outside: checked at run time. */
export function encryptKeyMaterial<C extends ImportCloud, A extends string>(dialect: C, options: EncryptKeyMaterialOptions<WideString<A>>): Promise<EncryptedKeyMaterial>;
/** The wide overload: a cloud name that is a `string` from outside; checked at run time (INVALID_ARGUMENT). */
export function encryptKeyMaterial<D extends string>(dialect: WideString<D>, options: EncryptKeyMaterialOptions): Promise<EncryptedKeyMaterial>;
export async function encryptKeyMaterial(dialect: string, options: EncryptKeyMaterialOptions): Promise<EncryptedKeyMaterial> {
  const d = dialectEntry(dialect);
  const o = optionsObject<EncryptKeyMaterialOptions>(options, 'encryptKeyMaterial');
  const a = cloudAlgorithm(d, o.algorithm);
  if ((o.key === undefined) === (o.spec === undefined)) fail('INVALID_ARGUMENT', 'give exactly one of key and spec');
  if (o.key !== undefined) assertKey(o.key, 'key');
  const spec = o.key ? o.key.spec : targetSpec(o.spec);
  checkMaterial(d, a, spec);
  if (o.publicKey === undefined) fail('INVALID_ARGUMENT', 'publicKey is required');
  const provider = resolveProvider(o.provider ?? (o.key ? providerOf(o.key) : undefined));
  const allowed = new Set(a.wrappingKeySpecs.map((n) => d.wrappingKeySpecs[n]));
  const wrapping = await keyFromInput(o.publicKey, {
    accept: (s) => allowed.has(s.name),
    what: `${d.name} ${a.name} wrapping public key (${a.wrappingKeySpecs.join(' or ')})`,
    provider,
  });
  let key: Key | KeyPair;
  let blob: Uint8Array;
  try {
    key =
      o.key ??
      (await generateKey(o.spec!, {
        provider,
        ...(o.usage ? { usage: o.usage } : {}),
        ...(o.random ? { random: o.random } : {}),
        ...(o.attributes ? { attributes: o.attributes } : {}),
      }));
    const layout = o.layout ?? a.layout;
    blob = await wrapKey(key, {
      algorithm: a.algorithm,
      wrappingKey: wrapping,
      ...(layout ? { layout } : {}),
      ...(o.random ? { random: o.random } : {}),
      provider,
    });
  } finally {
    if (wrapping !== o.publicKey) await wrapping.release().catch(() => undefined);
  }
  const identifier = await keyIdentifier(key);
  const id = identifier.kind === 'key-check-value' ? { keyCheckValue: identifier.value } : { fingerprint: identifier.value };
  return Object.freeze({ dialect: d.name, algorithm: a.name, encryptedKeyMaterial: toBase64(blob), key, ...id });
}
