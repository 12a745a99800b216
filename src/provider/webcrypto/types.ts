// Minimal local shapes of the Web Cryptography API's objects, for the provider's exported signatures: the
// package's .d.ts must not need the DOM lib (a Node project compiles against it without `lib: ["DOM"]`).
// The DOM's `SubtleCrypto` and `CryptoKey`, and Node's `webcrypto.subtle`, are assignable to them.

/** A WebCrypto method, typed loosely: keysmith calls it with the Web Cryptography API's arguments. */
type SubtleMethod = (...args: never[]) => Promise<unknown>;

/**
 * The part of `SubtleCrypto` (`globalThis.crypto.subtle`) webCryptoProvider uses. Pass the DOM's or Node's
 * `crypto.subtle`; keysmith checks at run time that `generateKey` and `wrapKey` are functions.
 */
export interface SubtleCryptoLike {
  readonly decrypt: SubtleMethod;
  readonly deriveBits: SubtleMethod;
  readonly encrypt: SubtleMethod;
  readonly exportKey: SubtleMethod;
  readonly generateKey: SubtleMethod;
  readonly importKey: SubtleMethod;
  readonly sign: SubtleMethod;
  readonly unwrapKey: SubtleMethod;
  readonly verify: SubtleMethod;
  readonly wrapKey: SubtleMethod;
}

/** The part of a WebCrypto `CryptoKey` keysmith reads. */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

/**
 * What a WebCrypto implementation may lack and still be one (src/provider/webcrypto/features.ts): 192-bit AES
 * (Chromium refuses it), P-521, and Ed25519 (Secure Curves). `detectWebCryptoProvider` asks the runtime which it has.
 */
export type WebCryptoFeature = 'AES-192' | 'P-521' | 'Ed25519';
