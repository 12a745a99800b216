import type { KeyMaterialProvider } from '../../src/provider/types.js';
import type { KeySpec } from '../../src/model/spec.js';
import type { WebCryptoFeature } from '../../src/provider/webcrypto/types.js';
import { lacksFeatureFor, WEBCRYPTO_FEATURES } from '../../src/provider/webcrypto/features.js';

/**
 * What Chromium's WebCrypto lacks that Node's has: 192-bit AES (the Web Cryptography API leaves 192-bit
 * support to the browser, and Chromium refuses it). Chromium ≥ 137 has Ed25519 and P-521. The page's provider is
 * `detectWebCryptoProvider()`'s, which finds this out itself; the test asserts that it found exactly this, and
 * expects no rows for these specs.
 */
export const CHROMIUM_LACKS: readonly WebCryptoFeature[] = ['AES-192'];

const CHROMIUM_HAS: ReadonlySet<WebCryptoFeature> = new Set(WEBCRYPTO_FEATURES.filter((f) => !CHROMIUM_LACKS.includes(f)));

/** Whether a WebCrypto provider in Chromium cannot hold `spec`: the provider's own feature rule (features.ts), with Chromium's features. */
export function chromiumLacks(provider: KeyMaterialProvider, spec: KeySpec): boolean {
  return provider.name === 'webcrypto' && lacksFeatureFor(spec, CHROMIUM_HAS);
}
