// keysmith: key generation for key-management systems. This entry imports nothing from `node:`.
import { installDefaultProvider } from './core/defaults.js';
import { pureProvider } from './provider/pure/provider.js';

export { KeysmithError, ErrorCode, isKeysmithError } from './errors.js';
export type { ErrorCode as KeysmithErrorCode } from './errors.js';

export { specs } from './registry/specs.js';
export { getSpec, namesOf, resolveSpecName } from './registry/lookup.js';
export type { ResolvedSpecName } from './registry/lookup.js';
export type {
  SpecName, KeysmithSpecName, CloudSpecName, SymmetricSpecName, AsymmetricSpecName, SpecUsage, WideString,
} from './registry/names.js';
export { fromCreateKey, dialectNames } from './registry/create-key.js';
export type { CreateKeyOptions, CreateKeyResult, Dialect } from './registry/create-key.js';
export type {
  KeySpec, SymmetricSpec, RsaSpec, EcSpec, AsymmetricSpec, Usage, CloudName, Cloud, CurveName, CloudNames,
  SignatureScheme, EncryptionScheme, EdwardsSpec, MlDsaSpec, MlKemSpec, PqSpec,
} from './model/spec.js';
export { USAGES } from './model/spec.js';
export { OPERATIONS, operationApplies } from './model/operations.js';
export type { Operation } from './model/operations.js';
export type { KeyAttributes, KeyAttributesInput } from './model/attributes.js';
export { SIGNING_ALGORITHMS, ENCRYPTION_ALGORITHMS, MESSAGE_TYPES, signingAlgorithms, encryptionAlgorithms } from './model/algorithms.js';
export type {
  SigningAlgorithmName, EncryptionAlgorithmName, SigningAlgorithm, EncryptionAlgorithm, MessageType, DigestName,
} from './model/algorithms.js';

export { systemRandom, seededRandom } from './random.js';
export type { RandomSource } from './random.js';

export { Key, KeyPair, isKeyPair } from './core/key.js';
export type { KeyType, AnyKey, SecretKey, PrivateKey, PublicKey } from './core/key.js';
export { generateKey } from './core/generate.js';
export type { GenerateOptions, GeneratedKey } from './core/generate.js';
export { exportKey } from './core/export.js';
export type { FormatOf } from './core/export.js';
export type { ExportedKey, FormatFor, SecretKeyFormat, PrivateKeyFormat, PublicKeyFormat } from './core/format-types.js';
export type { Jwk } from './model/jwk.js';
export { importKey } from './core/import.js';
export type { ImportOptions, ImportFormatOf, ImportedKey } from './core/import.js';
export { spkiFingerprint } from './core/fingerprint.js';
export { deleteKey } from './core/lifecycle.js';
export { KEY_FORMATS, FORMATS } from './encoding/formats.js';
export type { KeyFormat, EncodedKey, FormatEntry, EncodeOptions } from './encoding/formats.js';
export type { ExportOptions } from './core/export.js';

// Key operations, inside the key's provider
export { sign, verify } from './ops/sign.js';
export type { SignOptions } from './ops/sign.js';
export { encrypt, decrypt } from './ops/encrypt.js';
export type { EncryptOptions } from './ops/encrypt.js';
export { encapsulate, decapsulate } from './ops/kem.js';
export type { EncapsulateOptions, Encapsulation } from './ops/kem.js';
export { generateMac, verifyMac } from './ops/mac.js';
export type { MacOptions } from './ops/mac.js';
export { deriveSharedSecret } from './ops/agreement.js';
export type { PeerPublicKey } from './ops/agreement.js';
export { MAC_ALGORITHMS, macAlgorithms } from './model/algorithms.js';
export type { MacAlgorithmName, MacAlgorithm } from './model/algorithms.js';

export type {
  KeyMaterialProvider, ProviderHandle, ProviderKeyPair, AlgorithmName, WrapRequest, UnwrapRequest,
} from './provider/types.js';
export type {
  KeyComponents, SecretComponents, RsaPublicComponents, RsaPrivateComponents, EcPublicComponents, EcPrivateComponents,
  OkpPublicComponents, OkpPrivateComponents, PqPublicComponents, PqPrivateComponents,
} from './model/components.js';
export { capabilityMatrix } from './provider/capabilities.js';
export type { Capability } from './provider/capabilities.js';
export { PureProvider, pureProvider } from './provider/pure/provider.js';
export type { PureHandle } from './provider/pure/provider.js';
export { detectWebCryptoProvider, webCryptoProvider, type WebCryptoProvider, type WebCryptoHandle } from './provider/webcrypto/provider.js';
export type { SubtleCryptoLike, CryptoKeyLike, WebCryptoFeature } from './provider/webcrypto/types.js';

// The entry chooses the default provider; the core imports none.
installDefaultProvider(pureProvider);

// Wrapping and bring-your-own-key
export { wrapKey, unwrapKey } from './wrap/wrap-key.js';
export type { WrapOptions, UnwrapOptions } from './wrap/wrap-key.js';
export { WRAPPING_ALGORITHMS, getWrappingAlgorithm, wrappingAlgorithms } from './wrap/algorithms.js';
export type { WrappingAlgorithmName, WrappingAlgorithm, WrappingKeyKind, PayloadKind } from './wrap/algorithms.js';
export { SM2_LAYOUTS } from './wrap/sm2-layout.js';
export type { Sm2Layout } from './wrap/sm2-layout.js';
export { createImportParameters, importParametersFor, openEncryptedKeyMaterial, encryptKeyMaterial } from './wrap/import-flow.js';
export type {
  ImportParameters, EncryptedKeyMaterial, EncryptKeyMaterialOptions, CreateImportParametersOptions, OpenEncryptedKeyMaterialOptions,
} from './wrap/import-flow.js';
export { IMPORT_DIALECTS, importDialects } from './wrap/dialects.js';
export type {
  ImportDialect, ImportCloud, DialectEntry, CloudWrappingAlgorithm, DialectAlgorithmName, DialectWrappingSpecName, DialectDefaults,
} from './wrap/dialects.js';
export { keyCheckValue, keyIdentifier } from './wrap/identify.js';
export type { KeyIdentifier } from './wrap/identify.js';
export { keyCheckValueOf } from './wrap/kcv.js';
export { aesKwWrap, aesKwUnwrap, aesKwpWrap, aesKwpUnwrap } from './wrap/aes-kw.js';
export type { KeyInput } from './wrap/key-input.js';
