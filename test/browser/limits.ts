import type { KeyMaterialProvider } from '../../src/provider/types.js';
import type { KeySpec } from '../../src/model/spec.js';

/**
 * What Chromium's WebCrypto lacks that Node's has: 192-bit AES (the Web Cryptography API leaves 192-bit
 * support to the browser, and Chromium refuses it). The page skips these and the test expects no rows for them.
 */
export function chromiumLacks(provider: KeyMaterialProvider, spec: KeySpec): boolean {
  return provider.name === 'webcrypto' && spec.family === 'symmetric' && spec.keyBytes === 24;
}
