// Type-level facts about key formats, for exportKey's and importKey's signatures. The runtime facts are the
// FORMATS table (src/encoding/formats.ts); test/types.test.ts checks the two agree, format by format.
import type { Jwk } from '../model/jwk.js';
import type { KeyFormat } from '../encoding/formats.js';
import type { KeyPair, KeyType, PublicKey } from './key.js';

/**
 * Per format: which key types it writes (`types`; a key pair reads its private half for a private format,
 * its public half for a public one, and public formats take a private key too, writing its public half),
 * and whether it carries a public key only (`public`, FORMATS' `public`). PKCS#1 carries either.
 */
export interface FormatFacts {
  readonly raw: { readonly types: 'secret' | 'private'; readonly public: false };
  readonly 'raw-public': { readonly types: 'public' | 'private'; readonly public: true };
  readonly 'pkcs8-der': { readonly types: 'private'; readonly public: false };
  readonly 'pkcs8-pem': { readonly types: 'private'; readonly public: false };
  readonly 'spki-der': { readonly types: 'public' | 'private'; readonly public: true };
  readonly 'spki-pem': { readonly types: 'public' | 'private'; readonly public: true };
  readonly 'pkcs1-der': { readonly types: 'public' | 'private'; readonly public: false };
  readonly 'pkcs1-pem': { readonly types: 'public' | 'private'; readonly public: false };
  readonly 'sec1-der': { readonly types: 'private'; readonly public: false };
  readonly 'sec1-pem': { readonly types: 'private'; readonly public: false };
  readonly jwk: { readonly types: 'secret' | 'private'; readonly public: false };
  readonly 'jwk-public': { readonly types: 'public' | 'private'; readonly public: true };
}
type Assert<T extends true> = T;
/** @internal Every KeyFormat has a line in FormatFacts (a format added to KeyFormat without one fails to compile). */
export type FormatFactsComplete = Assert<[KeyFormat] extends [keyof FormatFacts] ? true : false>;

/** The formats a key of type `T` can be exported in: `FormatFor<'secret'>` is `'raw' | 'jwk'`. */
export type FormatFor<T extends KeyType> = { [F in KeyFormat]: T extends FormatFacts[F]['types'] ? F : never }[KeyFormat];
/** Formats a secret key is written in. */
export type SecretKeyFormat = FormatFor<'secret'>;
/** Formats a private key (or a key pair) is written in, public formats included. */
export type PrivateKeyFormat = FormatFor<'private'>;
/** Formats that carry a public key only; importKey gives a `PublicKey` for them. */
export type PublicKeyFormat = { [F in KeyFormat]: FormatFacts[F]['public'] extends true ? F : never }[KeyFormat];

/** What importKey gives for an asymmetric spec in format `F`: a public key, a pair, or (PKCS#1, unions) either. */
export type ImportedAsymmetric<F extends KeyFormat> = F extends PublicKeyFormat ? PublicKey : 'public' extends FormatFacts[F]['types'] ? KeyPair | PublicKey : KeyPair;

/**
 * What exportKey gives for a format: a string for `*-pem`, a JWK object for `jwk*`, bytes for `*-der` and
 * `raw*`. A union of formats gives the union of results.
 */
export type ExportedKey<F extends string> = F extends `${string}-pem` ? string : F extends `jwk${string}` ? Jwk : Uint8Array;
