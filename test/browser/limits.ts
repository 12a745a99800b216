import type { KeyMaterialProvider } from '../../src/provider/types.js';
import type { KeySpec } from '../../src/model/spec.js';
import type { WebCryptoFeature } from '../../src/provider/webcrypto/types.js';

/**
 * What Chromium's WebCrypto lacks that Node's has: 192-bit AES (the Web Cryptography API leaves 192-bit
 * support to the browser, and Chromium refuses it). Chromium ≥ 137 has Ed25519 and P-521. The page's provider is
 * `detectWebCryptoProvider()`'s, which finds this out itself; the test asserts that it found exactly this, and
 * expects no rows for these specs.
 */
export const CHROMIUM_LACKS: readonly WebCryptoFeature[] = ['AES-192'];

export function chromiumLacks(provider: KeyMaterialProvider, spec: KeySpec): boolean {
  return provider.name === 'webcrypto' && spec.family === 'symmetric' && spec.algorithm === 'AES' && spec.keyBytes === 24;
}
