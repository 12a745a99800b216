import { PureProvider } from '../../src/provider/pure/provider.js';
import { NodeCryptoProvider } from '../../src/provider/node/provider.js';
import type { KeyMaterialProvider } from '../../src/provider/types.js';
import { WebCryptoProvider } from '../../src/provider/webcrypto/provider.js';
import { pkcs11Provider, type Pkcs11Provider } from '../../src/pkcs11/index.js';
import { softhsmAvailable, softhsmToken } from './softhsm.js';
import { nssAvailable, nssDatabase } from './nss.js';

/**
 * A backend under test: `create()` sets it up (a token in a temporary directory, a browser page, ...) and
 * returns the provider; `dispose()` tears it down (close(), removing temporary files). Both are async.
 */
export interface ProviderFixture {
  readonly name: string;
  create(): Promise<KeyMaterialProvider>;
  dispose(): Promise<void>;
}

function pureFixture(): ProviderFixture {
  let provider: PureProvider | undefined;
  return {
    name: 'pure',
    async create() {
      provider = new PureProvider();
      return provider;
    },
    async dispose() {
      provider = undefined;
    },
  };
}

/** WebCrypto as Node ≥ 20 ships it (globalThis.crypto.subtle, on OpenSSL); test/browser.test.ts runs it in Chromium. */
function webCryptoFixture(): ProviderFixture {
  return {
    name: 'webcrypto',
    async create() {
      return new WebCryptoProvider(globalThis.crypto.subtle);
    },
    async dispose() {},
  };
}

function nodeFixture(): ProviderFixture {
  return {
    name: 'node',
    async create() {
      return new NodeCryptoProvider();
    },
    async dispose() {},
  };
}

/** A PKCS #11 token opened with `pkcs11Provider`; the token itself lives for the test process (see softhsm.ts, nss.ts). */
function pkcs11Fixture(name: string, options: () => Parameters<typeof pkcs11Provider>[0]): ProviderFixture {
  let provider: Pkcs11Provider | undefined;
  return {
    name,
    async create() {
      provider = await pkcs11Provider({ ...options(), name });
      return provider;
    },
    async dispose() {
      await provider?.close();
      provider = undefined;
    },
  };
}

/** Every backend the conformance suite runs against (and every pair of them, for the cross-provider checks). New providers join here. */
export const providerFixtures: readonly ProviderFixture[] = [
  pureFixture(),
  webCryptoFixture(),
  nodeFixture(),
  ...(softhsmAvailable ? [pkcs11Fixture('softhsm', softhsmToken)] : []),
  ...(nssAvailable ? [pkcs11Fixture('nss', nssDatabase)] : []),
];
