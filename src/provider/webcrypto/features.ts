import type { KeySpec } from '../../model/spec.js';
import type { SubtleCryptoLike, WebCryptoFeature } from './types.js';

/*
 * What a WebCrypto implementation may lack while still being one: 192-bit AES (W3C Web Cryptography API §27:
 * the key length is 128, 192 or 256, and Chromium refuses 192), P-521 (the curves are the implementation's
 * to choose) and Ed25519 (the Secure Curves addition: Chromium ≥ 137, Firefox ≥ 129, Safari ≥ 17, Node ≥ 20).
 * A feature is found out by asking the runtime once (`detectWebCryptoProvider`), never by reading a user agent.
 */

interface Optional {
  readonly feature: WebCryptoFeature;
  /** The specs that need the feature. */
  readonly needs: (spec: KeySpec) => boolean;
  /** Resolves when the runtime has the feature, rejects when it does not: the operations the provider relies on. */
  readonly probe: (subtle: SubtleCrypto) => Promise<unknown>;
}

const OPTIONAL: readonly Optional[] = [
  {
    feature: 'AES-192',
    needs: (s) => s.family === 'symmetric' && s.algorithm === 'AES' && s.keyBytes === 24,
    probe: async (subtle) => {
      await subtle.generateKey({ name: 'AES-KW', length: 192 }, false, ['wrapKey']);
      await subtle.importKey('raw', new Uint8Array(24), { name: 'AES-CBC' }, false, ['encrypt']);
    },
  },
  {
    feature: 'P-521',
    needs: (s) => s.family === 'ec' && s.curve === 'P-521',
    probe: async (subtle) => {
      await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, false, ['sign']);
      await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-521' }, false, ['deriveBits']);
    },
  },
  {
    feature: 'Ed25519',
    needs: (s) => s.family === 'edwards' && s.curve === 'Ed25519',
    probe: (subtle) => subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']),
  },
];

/** Every optional feature: what `webCryptoProvider` assumes a runtime has. */
export const WEBCRYPTO_FEATURES: readonly WebCryptoFeature[] = Object.freeze(OPTIONAL.map((o) => o.feature));

/** Whether a spec needs a feature that is not in `features`. */
export function lacksFeatureFor(spec: KeySpec, features: ReadonlySet<WebCryptoFeature>): boolean {
  return OPTIONAL.some((o) => !features.has(o.feature) && o.needs(spec));
}

/** The optional features `subtle` has, each found out by doing what the provider would do with it. */
export async function probeFeatures(subtle: SubtleCryptoLike): Promise<Set<WebCryptoFeature>> {
  const has = await Promise.all(OPTIONAL.map((o) => o.probe(subtle as unknown as SubtleCrypto).then(() => true, () => false)));
  return new Set(OPTIONAL.filter((_, i) => has[i]).map((o) => o.feature));
}
