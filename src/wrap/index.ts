// Wrapping and bring-your-own-key. The lead re-exports these from src/index.ts.
export { wrapKey, unwrapKey } from './wrap-key.js';
export type { WrapOptions, UnwrapOptions } from './wrap-key.js';
export { WRAPPING_ALGORITHMS, getWrappingAlgorithm, wrappingAlgorithms } from './algorithms.js';
export type { WrappingAlgorithmName, WrappingAlgorithm, WrappingKeyKind, PayloadKind } from './algorithms.js';
export { SM2_LAYOUTS } from './sm2-layout.js';
export type { Sm2Layout } from './sm2-layout.js';
export { createImportParameters, importParametersFor, openEncryptedKeyMaterial, encryptKeyMaterial } from './import-flow.js';
export type { ImportParameters, EncryptedKeyMaterial, EncryptKeyMaterialOptions } from './import-flow.js';
export { IMPORT_DIALECTS, importDialects } from './dialects.js';
export type { ImportDialect, DialectEntry, CloudWrappingAlgorithm } from './dialects.js';
export { keyCheckValue, spkiFingerprint } from './identify.js';
export { keyCheckValueOf } from './kcv.js';
export { aesKwWrap, aesKwUnwrap, aesKwpWrap, aesKwpUnwrap } from './aes-kw.js';
export type { KeyInput } from './key-input.js';
