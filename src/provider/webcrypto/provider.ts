import type { AsymmetricSpec, EcSpec, KeySpec, SymmetricSpec, Usage } from '../../model/spec.js';
import { publicOf, wipeComponents, type KeyComponents, type PrivateComponents, type PublicComponents, type SecretComponents } from '../../model/components.js';
import type { KeyAttributes } from '../../model/attributes.js';
import { operationApplies, type Operation } from '../../model/operations.js';
import {
  findEncryptionAlgorithm, findMacAlgorithm, findSigningAlgorithm, type EncryptionAlgorithmName, type MacAlgorithmName, type MessageType,
  type SigningAlgorithmName,
} from '../../model/algorithms.js';
import { WRAPPING_ALGORITHMS, type WrappingAlgorithmName } from '../../wrap/algorithms.js';
import { encodeComponents } from '../../encoding/formats.js';
import { bigIntToBytes } from '../../bytes.js';
import { fail } from '../../errors.js';
import type { AlgorithmName, KeyMaterialProvider, ProviderKeyPair, UnwrapRequest, WrapRequest } from '../types.js';
import {
  canWrapWith, encryptionFits, macFits, namedCurve, nativeWrapping, signingFits, specFits, variantId, variantsFor, webEncryption, webSigning,
  wrappingFits, type Variant,
} from './algorithms.js';
import { derToP1363, p1363ToDer } from './signature.js';
import { privateFromJwk, publicFromJwk, toJwk } from './jwk.js';
import { aesKcv, hmacKcv } from './kcv.js';
import { probeFeatures, WEBCRYPTO_FEATURES } from './features.js';
import type { SubtleCryptoLike, WebCryptoFeature } from './types.js';

/** A WebCrypto-provider handle: opaque; the CryptoKeys behind it stay inside the provider that made it. */
export class WebCryptoHandle {
  /** @internal */
  constructor(readonly type: 'secret' | 'private' | 'public') {
    Object.freeze(this);
  }

  toString(): string {
    return `WebCryptoHandle(${this.type})`;
  }

  toJSON(): { type: string } {
    return { type: this.type };
  }
}

interface HandleState {
  /** One CryptoKey per WebCrypto algorithm (and RSA hash) the key can be used with; see `variantsFor`. */
  readonly keys: ReadonlyMap<string, CryptoKey>;
  readonly extractable: boolean;
  /** The pair's public components, kept so that a non-extractable private key still answers `exportPublic`. */
  readonly publicComponents?: PublicComponents;
}

const unsupported = (what: string): never => fail('UNSUPPORTED', `webcrypto provider: ${what}`);
const view = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;
/** A one-time AES-GCM key encrypts exactly one message, so a fixed IV never repeats under a key (SP 800-38D §8). */
const TRANSPORT = { name: 'AES-GCM', iv: new Uint8Array(12) } as const;

function hashBytes(alg: SigningAlgorithmName): number {
  return findSigningAlgorithm(alg)!.digestBytes;
}

function modulusBytes(c: PublicComponents | undefined): number {
  return c?.kind === 'rsa-public' ? (c.n.toString(2).length + 7) >> 3 : 0;
}

function assertSubtle(subtle: SubtleCryptoLike): void {
  if (typeof subtle !== 'object' || subtle === null || typeof subtle.generateKey !== 'function' || typeof subtle.wrapKey !== 'function') {
    unsupported('no WebCrypto here (crypto.subtle is missing; browsers expose it only in secure contexts)');
  }
}

/** RFC 8032 §5.1.6: an Ed25519 signature is R ‖ S, 64 bytes. */
const ED25519_SIGNATURE_BYTES = 64;

function copyPublic(c: PublicComponents): PublicComponents {
  return c.kind === 'rsa-public' ? { ...c } : { ...c, publicKey: c.publicKey.slice() };
}

/**
 * keysmith on the Web Cryptography API (`crypto.subtle`): in browsers, Deno, Bun, workers and Node ≥ 20.
 * AES-128/192/256; HMAC with SHA-256/384/512 (GENERATE_VERIFY_MAC: `mac` is `subtle.sign`, `verifyMac` is
 * `subtle.verify`, which compares in constant time); RSA 2048–4096 with e = 65537; P-256, P-384 and P-521 as
 * ECDSA keys (SIGN_VERIFY) or ECDH keys (KEY_AGREEMENT: `deriveSharedSecret` is `subtle.deriveBits` of the
 * whole field, 528 bits on P-521); Ed25519 (ED25519_SHA_512, pure Ed25519). No HMAC-SHA-224 or HMAC-SM3, SM2,
 * SM4, secp256k1, Ed25519ph, ML-DSA, ML-KEM, AES-KWP, RSAES-PKCS1-v1_5 or ECB: WebCrypto has none of them, so
 * `supports` says false and the core answers UNSUPPORTED. It does not honour `random` (WebCrypto draws from
 * its own CSPRNG). Signing takes `RAW` messages only (WebCrypto hashes them itself): a `DIGEST` message is
 * UNSUPPORTED.
 *
 * **What the runtime has.** 192-bit AES, P-521 and Ed25519 are optional in WebCrypto (Chromium has no 192-bit
 * AES): `detectWebCryptoProvider()` asks the runtime once and its `supports` never claims what the runtime
 * lacks; `webCryptoProvider()` is synchronous and assumes all three (as Node ≥ 20 has them).
 *
 * **One key, one CryptoKey per algorithm.** WebCrypto binds a CryptoKey to one algorithm — and an RSA key to
 * one hash — when it is created. A keysmith key is bound to none, so a handle holds one CryptoKey per
 * algorithm its usage allows (RSA SIGN_VERIFY: PKCS#1 v1.5 and PSS with SHA-256/384/512; RSA
 * ENCRYPT_DECRYPT: OAEP with SHA-1 and SHA-256; AES: AES-CBC for the key check value and AES-KW for
 * wrapping; an EC key is ECDSA or ECDH by its usage; HMAC and Ed25519 keys have one), all made from the same
 * material when the key is created, with the key's extractability:
 * - generated keys: WebCrypto generates the key, then rebinds it to each algorithm with `wrapKey` /
 *   `unwrapKey` under a one-time non-extractable AES-GCM key, so the material never enters JavaScript
 *   memory, even for a non-extractable key, and every algorithm (every OAEP hash) works with every key;
 * - imported keys: the components are imported once per algorithm and the caller's copy is wiped;
 * - unwrapped secret keys: `unwrapKey` once per algorithm, natively. Unwrapped EC and Ed25519 private keys
 *   are decrypted with `subtle.decrypt` and checked by the core before import, because WebCrypto cannot
 *   compute the public half of a key it will not export.
 *
 * **Non-extractable keys** (`attributes.extractable: false`) refuse private export and being wrapped with
 * NOT_EXTRACTABLE (WebCrypto forbids both), while public export, `sign`, `decrypt`, `mac`, `verifyMac`,
 * `deriveSharedSecret`, the key check value and use as a wrapping or unwrapping key still work. The public
 * half is always extractable.
 *
 * Wrapping is native: `subtle.wrapKey` / `unwrapKey` with AES-KW (AES_KW) and RSA-OAEP (RSAES_OAEP_SHA_1,
 * RSAES_OAEP_SHA_256). RSA_AES_KEY_WRAP needs AES-KWP, which WebCrypto lacks: UNSUPPORTED. The key check
 * value is AES-CMAC computed from AES-CBC, or for HMAC keys HMAC(key, 0¹²⁸) (./kcv.ts), inside WebCrypto.
 * ECDSA signatures are converted between WebCrypto's P1363 `r ‖ s` and the seam's DER. RSASSA-PSS salts are as long as the hash.
 */
export class WebCryptoProvider implements KeyMaterialProvider<WebCryptoHandle> {
  readonly name: string = 'webcrypto';
  readonly honoursRandom: boolean = false;
  readonly extractableByDefault: boolean = true;
  readonly #subtle: SubtleCrypto;
  readonly #live = new WeakMap<WebCryptoHandle, HandleState>();
  readonly #features: ReadonlySet<WebCryptoFeature>;

  /**
   * @param subtle a WebCrypto `SubtleCrypto` (the DOM's or Node's `crypto.subtle`).
   * @param features the optional features `subtle` has (default: all; `detectWebCryptoProvider` finds them out).
   */
  constructor(subtle: SubtleCryptoLike, features: readonly WebCryptoFeature[] = WEBCRYPTO_FEATURES) {
    assertSubtle(subtle);
    this.#features = new Set(features);
    // the local shape keeps the DOM lib out of the public types; inside, it is the real SubtleCrypto
    this.#subtle = subtle as unknown as SubtleCrypto;
  }

  /** The optional WebCrypto features this provider relies on the runtime having (see `detectWebCryptoProvider`). */
  get features(): readonly WebCryptoFeature[] {
    return WEBCRYPTO_FEATURES.filter((f) => this.#features.has(f));
  }

  supports(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): boolean {
    // specFits holds no ML-KEM spec, so ENCAPSULATE_DECAPSULATE never gets past it
    if (operation === 'persist' || !specFits(spec, this.#features) || !operationApplies(spec, usage, operation)) return false;
    switch (operation) {
      case 'sign':
      case 'verify':
        return algorithm === undefined || signingFits(spec, algorithm);
      case 'encrypt':
      case 'decrypt':
        return algorithm === undefined || encryptionFits(spec, algorithm);
      case 'wrap':
      case 'unwrap':
        return algorithm === undefined ? WRAPPING_ALGORITHMS.some((a) => wrappingFits(spec, a, this.#features)) : wrappingFits(spec, algorithm, this.#features);
      case 'generate-mac':
      case 'verify-mac':
        return algorithm === undefined || macFits(spec, algorithm);
      default:
        return algorithm === undefined;
    }
  }

  canWrap(algorithm: WrappingAlgorithmName, wrappingSpec: KeySpec, targetSpec: KeySpec): boolean {
    return canWrapWith(algorithm, wrappingSpec, targetSpec, this.#features);
  }

  #handle(type: WebCryptoHandle['type'], state: HandleState): WebCryptoHandle {
    const h = new WebCryptoHandle(type);
    this.#live.set(h, state);
    return h;
  }

  #own(handle: unknown): HandleState {
    const s = handle instanceof WebCryptoHandle ? this.#live.get(handle) : undefined;
    if (!s) fail('INVALID_ARGUMENT', `not a live handle of this ${this.name} provider`);
    return s;
  }

  #key(state: HandleState, id: string): CryptoKey {
    return state.keys.get(id) ?? unsupported(`this key has no ${id} CryptoKey`);
  }

  /**
   * The same material as `source`, once per variant, with `extractable`: moved inside WebCrypto under a
   * one-time AES-GCM key, never through JavaScript memory.
   */
  async #rebind(source: CryptoKey, format: 'raw' | 'pkcs8', variants: readonly Variant[], extractable: boolean): Promise<Map<string, CryptoKey>> {
    const s = this.#subtle;
    const transport = await s.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
    const blob = await s.wrapKey(format, source, transport, TRANSPORT);
    const keys = new Map<string, CryptoKey>();
    for (const v of variants) keys.set(v.id, await s.unwrapKey(format, blob, transport, TRANSPORT, v.algorithm, extractable, v.privateUsages));
    return keys;
  }

  async #publicKeys(spec: AsymmetricSpec, usage: Usage, c: PublicComponents): Promise<WebCryptoHandle> {
    const keys = new Map<string, CryptoKey>();
    const jwk = toJwk(spec, c);
    for (const v of variantsFor(spec, usage)) keys.set(v.id, await this.#subtle.importKey('jwk', jwk, v.algorithm, true, v.publicUsages));
    return this.#handle('public', { keys, extractable: true, publicComponents: c });
  }

  async #privateKey(spec: AsymmetricSpec, usage: Usage, c: PrivateComponents, extractable: boolean): Promise<WebCryptoHandle> {
    const der = encodeComponents(spec, c, 'pkcs8-der') as Uint8Array;
    const keys = new Map<string, CryptoKey>();
    try {
      for (const v of variantsFor(spec, usage)) keys.set(v.id, await this.#subtle.importKey('pkcs8', view(der), v.algorithm, extractable, v.privateUsages));
    } finally {
      der.fill(0);
    }
    return this.#handle('private', { keys, extractable, publicComponents: publicOf(c) });
  }

  async #secretFrom(spec: SymmetricSpec, usage: Usage, key: Uint8Array, extractable: boolean): Promise<WebCryptoHandle> {
    if (key.length !== spec.keyBytes) fail('INVALID_KEY', `${spec.name} takes ${spec.keyBytes} bytes`);
    const keys = new Map<string, CryptoKey>();
    for (const v of variantsFor(spec, usage)) keys.set(v.id, await this.#subtle.importKey('raw', view(key), v.algorithm, extractable, v.privateUsages));
    return this.#handle('secret', { keys, extractable });
  }

  async generateSecret(spec: SymmetricSpec, usage: Usage, attributes: KeyAttributes): Promise<WebCryptoHandle> {
    const variants = variantsFor(spec, usage);
    const extractable = attributes.extractable;
    if (variants.length === 1) {
      // one algorithm (HMAC: generateKey with the hash and the key's length): generated as it stays
      const v = variants[0]!;
      const key = (await this.#subtle.generateKey(v.algorithm as HmacKeyGenParams, extractable, v.privateUsages)) as CryptoKey;
      return this.#handle('secret', { keys: new Map([[v.id, key]]), extractable });
    }
    const source = await this.#subtle.generateKey({ name: 'AES-KW', length: spec.keyBytes * 8 }, true, ['wrapKey']);
    return this.#handle('secret', { keys: await this.#rebind(source, 'raw', variants, extractable), extractable });
  }

  async generateKeyPair(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes): Promise<ProviderKeyPair<WebCryptoHandle>> {
    const variants = variantsFor(spec, usage);
    const first = variants[0] ?? unsupported(`no algorithm for ${spec.name} ${usage}`);
    const params = spec.family === 'rsa' ? { ...(first.algorithm as RsaHashedImportParams), modulusLength: spec.bits, publicExponent: view(bigIntToBytes(spec.publicExponent)) } : first.algorithm;
    const pair = (await this.#subtle.generateKey(params as RsaHashedKeyGenParams | EcKeyGenParams, true, [...first.privateUsages, ...first.publicUsages])) as CryptoKeyPair;
    const keys = await this.#rebind(pair.privateKey, 'pkcs8', variants, attributes.extractable);
    const pub = publicFromJwk(spec, await this.#subtle.exportKey('jwk', pair.publicKey));
    return { privateKey: this.#handle('private', { keys, extractable: attributes.extractable, publicComponents: pub }), publicKey: await this.#publicKeys(spec, usage, pub) };
  }

  async exportPublic(_spec: AsymmetricSpec, handle: WebCryptoHandle): Promise<PublicComponents> {
    return copyPublic(this.#own(handle).publicComponents ?? unsupported('a secret key has no public half'));
  }

  async exportPrivate(spec: KeySpec, handle: WebCryptoHandle): Promise<SecretComponents | PrivateComponents> {
    const state = this.#own(handle);
    if (handle.type === 'public') unsupported('a public key has no private half');
    if (!state.extractable) fail('NOT_EXTRACTABLE', `${this.name} provider: the key was created non-extractable`);
    const key = state.keys.values().next().value as CryptoKey;
    if (spec.family === 'symmetric') return { kind: 'secret', key: new Uint8Array(await this.#subtle.exportKey('raw', key)) };
    return privateFromJwk(spec, await this.#subtle.exportKey('jwk', key));
  }

  async importComponents(spec: KeySpec, usage: Usage, components: KeyComponents, attributes: KeyAttributes): Promise<WebCryptoHandle> {
    if (components.kind === 'secret') return this.#secretFrom(spec as SymmetricSpec, usage, components.key, attributes.extractable);
    if (spec.family === 'symmetric') return fail('INVALID_KEY', `${spec.name} takes a secret key`);
    if (components.kind === 'rsa-public' || components.kind === 'ec-public' || components.kind === 'okp-public') return this.#publicKeys(spec, usage, components);
    if (components.kind !== 'rsa-private' && components.kind !== 'ec-private' && components.kind !== 'okp-private') {
      return fail('UNSUPPORTED', `${this.name} provider does not hold ${spec.name} keys`);
    }
    // the core imports a pair's public half separately, as public components
    return this.#privateKey(spec, usage, components, attributes.extractable);
  }

  async sign(spec: AsymmetricSpec, privateKey: WebCryptoHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType): Promise<Uint8Array> {
    const { key, params } = this.#signing(spec, this.#own(privateKey), algorithm, type);
    const sig = new Uint8Array(await this.#subtle.sign(params, key, view(data)));
    return spec.family === 'ec' ? p1363ToDer(sig, spec.fieldBytes) : sig;
  }

  async verify(spec: AsymmetricSpec, publicKey: WebCryptoHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, signature: Uint8Array): Promise<boolean> {
    const state = this.#own(publicKey);
    const { key, params } = this.#signing(spec, state, algorithm, type);
    let sig: Uint8Array | undefined = signature;
    if (spec.family === 'ec') sig = derToP1363(signature, spec.fieldBytes);
    else if (spec.family === 'edwards') sig = signature.length === ED25519_SIGNATURE_BYTES ? signature : undefined;
    else if (signature.length !== modulusBytes(state.publicComponents)) sig = undefined;
    if (!sig) return false;
    return this.#subtle.verify(params, key, view(sig), view(data));
  }

  #signing(spec: AsymmetricSpec, state: HandleState, algorithm: SigningAlgorithmName, type: MessageType): { key: CryptoKey; params: AlgorithmIdentifier | RsaPssParams | EcdsaParams } {
    if (type !== 'RAW') unsupported('WebCrypto hashes the message itself; it cannot sign or verify a DIGEST');
    const w = webSigning(findSigningAlgorithm(algorithm)) ?? unsupported(`no ${algorithm}`);
    if (spec.family === 'ec') return { key: this.#key(state, 'ECDSA'), params: { name: 'ECDSA', hash: w.hash } };
    if (spec.family === 'edwards') return { key: this.#key(state, 'Ed25519'), params: { name: 'Ed25519' } };
    const key = this.#key(state, variantId(w.name, w.hash));
    return { key, params: w.name === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: hashBytes(algorithm) } : { name: w.name } };
  }

  #oaepKey(state: HandleState, algorithm: EncryptionAlgorithmName): CryptoKey {
    const w = webEncryption(findEncryptionAlgorithm(algorithm)) ?? unsupported(`no ${algorithm}`);
    return this.#key(state, variantId(w.name, w.hash));
  }

  async encrypt(_spec: AsymmetricSpec, publicKey: WebCryptoHandle, algorithm: EncryptionAlgorithmName, plaintext: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.#subtle.encrypt({ name: 'RSA-OAEP' }, this.#oaepKey(this.#own(publicKey), algorithm), view(plaintext)));
  }

  async decrypt(_spec: AsymmetricSpec, privateKey: WebCryptoHandle, algorithm: EncryptionAlgorithmName, ciphertext: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.#subtle.decrypt({ name: 'RSA-OAEP' }, this.#oaepKey(this.#own(privateKey), algorithm), view(ciphertext)));
  }

  /** The wrapping algorithm's WebCrypto parameters and the CryptoKey of the wrapping key that does it. */
  #wrapper(algorithm: WrappingAlgorithmName, wrappingKey: WebCryptoHandle): { params: { name: string }; key: CryptoKey } {
    const native = nativeWrapping(algorithm) ?? unsupported(`${algorithm} has no WebCrypto equivalent`);
    return { params: { name: native.name }, key: this.#key(this.#own(wrappingKey), variantId(native.name, native.hash)) };
  }

  async wrap(req: WrapRequest<WebCryptoHandle>): Promise<Uint8Array> {
    const target = this.#own(req.target);
    if (!target.extractable) fail('NOT_EXTRACTABLE', `${this.name} provider: a non-extractable key cannot be wrapped (WebCrypto forbids it)`);
    const { params, key } = this.#wrapper(req.algorithm, req.wrappingKey);
    const format = req.targetSpec.family === 'symmetric' ? 'raw' : 'pkcs8';
    return new Uint8Array(await this.#subtle.wrapKey(format, target.keys.values().next().value as CryptoKey, key, params));
  }

  async unwrap(req: UnwrapRequest<WebCryptoHandle>): Promise<WebCryptoHandle | ProviderKeyPair<WebCryptoHandle>> {
    const { params, key } = this.#wrapper(req.algorithm, req.unwrappingKey);
    const spec = req.targetSpec;
    const extractable = req.attributes.extractable;
    if (spec.family === 'symmetric') {
      const keys = new Map<string, CryptoKey>();
      for (const v of variantsFor(spec, req.usage)) {
        const k = await this.#subtle.unwrapKey('raw', view(req.wrapped), key, params, v.algorithm, extractable, v.privateUsages);
        if ((k.algorithm as AesKeyAlgorithm).length !== spec.keyBytes * 8) throw new Error('unwrapped key has the wrong length');
        keys.set(v.id, k);
      }
      return this.#handle('secret', { keys, extractable });
    }
    // a pair: WebCrypto cannot give the public half of a non-extractable private key, so the payload is
    // decrypted here, validated by the core and imported (and wiped)
    const payload = new Uint8Array(await this.#subtle.decrypt(params, key, view(req.wrapped)));
    let c: SecretComponents | PrivateComponents;
    try {
      c = req.validate(payload);
    } finally {
      payload.fill(0);
    }
    if (c.kind === 'secret') fail('INVALID_KEY', 'unwrapped a secret for a key pair');
    try {
      return { privateKey: await this.#privateKey(spec, req.usage, c, extractable), publicKey: await this.#publicKeys(spec, req.usage, publicOf(c)) };
    } finally {
      wipeComponents(c);
    }
  }

  async keyCheckValue(spec: SymmetricSpec, handle: WebCryptoHandle): Promise<Uint8Array> {
    const state = this.#own(handle);
    return spec.algorithm === 'HMAC' ? hmacKcv(this.#subtle, this.#key(state, 'HMAC')) : aesKcv(this.#subtle, this.#key(state, 'AES-CBC'));
  }

  /** HMAC (RFC 2104) with the key's own hash: `subtle.sign` (W3C WebCrypto §29.4). */
  async mac(_spec: SymmetricSpec, key: WebCryptoHandle, algorithm: MacAlgorithmName, message: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.#subtle.sign('HMAC', this.#macKey(key, algorithm), view(message)));
  }

  /** `subtle.verify` recomputes the tag and compares in constant time; a tag of another length is false before it. */
  async verifyMac(_spec: SymmetricSpec, key: WebCryptoHandle, algorithm: MacAlgorithmName, message: Uint8Array, mac: Uint8Array): Promise<boolean> {
    const k = this.#macKey(key, algorithm);
    if (mac.length !== findMacAlgorithm(algorithm)!.tagBytes) return false;
    return this.#subtle.verify('HMAC', k, view(mac), view(message));
  }

  #macKey(handle: WebCryptoHandle, algorithm: MacAlgorithmName): CryptoKey {
    const key = this.#key(this.#own(handle), 'HMAC');
    // the CryptoKey is bound to its hash: a MAC algorithm of another hash is not this key's (the core checks it too)
    if ((key.algorithm as HmacKeyAlgorithm).hash.name !== findMacAlgorithm(algorithm)?.hash) unsupported(`this key is not a ${algorithm} key`);
    return key;
  }

  /**
   * Raw ECDH: `subtle.deriveBits` of 8·fieldBytes bits (W3C WebCrypto §24.4.4 returns the x-coordinate, truncated
   * to the length asked for), so P-521 asks for 528 bits, the whole 66-byte field element. The peer point, validated
   * by the core, enters as a `raw` ECDH public key.
   */
  async deriveSharedSecret(spec: EcSpec, privateKey: WebCryptoHandle, peerPublicKey: Uint8Array): Promise<Uint8Array> {
    const priv = this.#key(this.#own(privateKey), 'ECDH');
    const peer = await this.#subtle.importKey('raw', view(peerPublicKey), { name: 'ECDH', namedCurve: namedCurve(spec) }, true, []);
    return new Uint8Array(await this.#subtle.deriveBits({ name: 'ECDH', public: peer }, priv, spec.fieldBytes * 8));
  }

  async release(handle: WebCryptoHandle): Promise<void> {
    // CryptoKeys have no destroy: dropping the last reference is all WebCrypto offers
    if (handle instanceof WebCryptoHandle) this.#live.delete(handle);
  }
}

/**
 * A WebCrypto provider on `subtle` (default: `globalThis.crypto.subtle`). Pass it as `provider` to
 * generateKey, importKey, unwrapKey, …; its keys may be non-extractable (`attributes: { extractable: false }`).
 * Synchronous, so it assumes the runtime has WebCrypto's optional 192-bit AES, P-521 and Ed25519, as Node ≥ 20
 * does; in a browser prefer `detectWebCryptoProvider()`, whose `supports` follows what the browser has.
 */
export function webCryptoProvider(subtle: SubtleCryptoLike = globalThis.crypto?.subtle): WebCryptoProvider {
  return new WebCryptoProvider(subtle);
}

/**
 * A WebCrypto provider on `subtle` whose `supports` says false for the optional features (192-bit AES, P-521,
 * Ed25519) the runtime lacks, found out by trying each once (a key generated and dropped): Chromium, for one,
 * refuses 192-bit AES. Resolves to UNSUPPORTED where there is no WebCrypto.
 */
export async function detectWebCryptoProvider(subtle: SubtleCryptoLike = globalThis.crypto?.subtle): Promise<WebCryptoProvider> {
  assertSubtle(subtle);
  return new WebCryptoProvider(subtle, [...(await probeFeatures(subtle))]);
}
