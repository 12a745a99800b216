// keysmith: key generation for key-management systems. This entry imports nothing from `node:`.
export { KeysmithError, ErrorCode, isKeysmithError } from './errors.js';
export type { ErrorCode as KeysmithErrorCode } from './errors.js';

export { specs } from './registry/specs.js';
export { getSpec, namesOf, resolveSpecName } from './registry/lookup.js';
export type { ResolvedSpecName } from './registry/lookup.js';
export { fromCreateKey, dialectNames } from './registry/create-key.js';
export type { CreateKeyOptions, CreateKeyResult, Dialect } from './registry/create-key.js';
export type {
  KeySpec, SymmetricSpec, RsaSpec, EcSpec, AsymmetricSpec, Usage, Cloud, CurveName, CloudNames,
  SignatureScheme, EncryptionScheme,
} from './registry/types.js';
export { USAGES } from './registry/types.js';

export { systemRandom, seededRandom } from './random.js';
export type { RandomSource } from './random.js';

export { Key, KeyPair } from './core/key.js';
export type { KeyType, AnyKey } from './core/key.js';
export { generateKey } from './core/generate.js';
export type { GenerateOptions } from './core/generate.js';
export { exportKey } from './core/export.js';
export { importKey } from './core/import.js';
export type { ImportOptions } from './core/import.js';
export { spkiFingerprint } from './core/fingerprint.js';
export { KEY_FORMATS } from './encoding/formats.js';
export type { KeyFormat, EncodedKey } from './encoding/formats.js';

export type { KeyMaterialProvider, ProviderHandle, ProviderKeyPair } from './provider/types.js';
export type {
  KeyComponents, SecretComponents, RsaPublicComponents, RsaPrivateComponents, EcPublicComponents, EcPrivateComponents,
} from './core/components.js';
export { PureProvider, pureProvider } from './provider/pure/provider.js';

// Wrapping and bring-your-own-key
export { wrapKey, unwrapKey } from './wrap/wrap-key.js';
export type { WrapOptions, UnwrapOptions } from './wrap/wrap-key.js';
export { WRAPPING_ALGORITHMS, getWrappingAlgorithm, wrappingAlgorithms } from './wrap/algorithms.js';
export type { WrappingAlgorithmName, WrappingAlgorithm, WrappingKeyKind, PayloadKind } from './wrap/algorithms.js';
export { SM2_LAYOUTS } from './wrap/sm2-layout.js';
export type { Sm2Layout } from './wrap/sm2-layout.js';
export { createImportParameters, importParametersFor, openEncryptedKeyMaterial, encryptKeyMaterial } from './wrap/import-flow.js';
export type { ImportParameters, EncryptedKeyMaterial, EncryptKeyMaterialOptions } from './wrap/import-flow.js';
export { IMPORT_DIALECTS, importDialects } from './wrap/dialects.js';
export type { ImportDialect, DialectEntry, CloudWrappingAlgorithm } from './wrap/dialects.js';
export { keyCheckValue } from './wrap/identify.js';
export { keyCheckValueOf } from './wrap/kcv.js';
export { aesKwWrap, aesKwUnwrap, aesKwpWrap, aesKwpUnwrap } from './wrap/aes-kw.js';
export type { KeyInput } from './wrap/key-input.js';
