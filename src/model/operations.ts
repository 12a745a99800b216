import type { KeySpec, Usage } from './spec.js';

/**
 * What a provider may be asked to do with a key of a spec and usage. `KeyMaterialProvider.supports`
 * answers per (spec, usage, operation); `operationApplies` says which combinations keysmith defines at all
 * (the core refuses the others itself, with INVALID_USAGE or UNSUPPORTED, before any provider is asked).
 *
 * - `generate`, `import`: create a key (import: from components the core decoded and validated).
 * - `export-public`: read a pair's public components (asymmetric specs).
 * - `export-private`: read secret or private components, for `exportKey` of a private format.
 * - `sign`, `verify`, `encrypt`, `decrypt`: the key operations (usage SIGN_VERIFY / ENCRYPT_DECRYPT).
 * - `wrap`: wrap a key of this spec (the target) under some wrapping key; `canWrap` narrows it.
 * - `unwrap`: create a key of this spec by unwrapping; `canWrap` narrows it.
 * - `key-check-value`: CMAC of a zero block under a secret key.
 * - `persist`: keep a key as a persistent (token) object (`attributes.persistent`).
 * - `encapsulate`, `decapsulate`: ML-KEM (usage ENCAPSULATE_DECAPSULATE), FIPS 203 Encaps / Decaps.
 * - `generate-mac`, `verify-mac`: HMAC under a secret key (usage GENERATE_VERIFY_MAC).
 * - `derive-shared-secret`: raw ECDH with a private key (usage KEY_AGREEMENT).
 */
export type Operation =
  | 'generate'
  | 'import'
  | 'export-public'
  | 'export-private'
  | 'sign'
  | 'verify'
  | 'encrypt'
  | 'decrypt'
  | 'wrap'
  | 'unwrap'
  | 'key-check-value'
  | 'persist'
  | 'generate-mac'
  | 'verify-mac'
  | 'derive-shared-secret'
  | 'encapsulate'
  | 'decapsulate';

export const OPERATIONS: readonly Operation[] = Object.freeze([
  'generate', 'import', 'export-public', 'export-private', 'sign', 'verify', 'encrypt', 'decrypt',
  'wrap', 'unwrap', 'key-check-value', 'persist',
  'generate-mac', 'verify-mac', 'derive-shared-secret',
  'encapsulate', 'decapsulate',
] as const);

/** Whether keysmith defines `operation` for keys of `spec` with `usage` (the registry's rule, not a backend's). */
export function operationApplies(spec: KeySpec, usage: Usage, operation: Operation): boolean {
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.usages) || !spec.usages.includes(usage)) return false;
  const asymmetric = spec.family !== 'symmetric';
  switch (operation) {
    case 'export-public':
      return asymmetric;
    case 'sign':
    case 'verify':
      return asymmetric && usage === 'SIGN_VERIFY';
    case 'encrypt':
    case 'decrypt':
      return asymmetric && usage === 'ENCRYPT_DECRYPT' && 'encryption' in spec && spec.encryption !== undefined;
    case 'encapsulate':
    case 'decapsulate':
      return spec.family === 'ml-kem' && usage === 'ENCAPSULATE_DECAPSULATE';
    case 'key-check-value':
      return !asymmetric;
    case 'generate-mac':
    case 'verify-mac':
      return !asymmetric && usage === 'GENERATE_VERIFY_MAC';
    case 'derive-shared-secret':
      return spec.family === 'ec' && usage === 'KEY_AGREEMENT';
    default:
      return true;
  }
}
