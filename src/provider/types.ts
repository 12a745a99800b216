import type { AsymmetricSpec, EcSpec, KeySpec, MlKemSpec, SymmetricSpec, Usage } from '../model/spec.js';
import type { KeyComponents, PrivateComponents, PublicComponents, SecretComponents } from '../model/components.js';
import type { KeyAttributes } from '../model/attributes.js';
import type { Operation } from '../model/operations.js';
import type { EncryptionAlgorithmName, MacAlgorithmName, MessageType, SigningAlgorithmName } from '../model/algorithms.js';
import type { WrappingAlgorithmName } from '../wrap/algorithms.js';
import type { Sm2Layout } from '../wrap/sm2-layout.js';
import type { RandomSource } from '../random.js';

export type { Operation } from '../model/operations.js';

/** A backend's own reference to key material: a pure-provider object, a CryptoKey, a PKCS#11 object handle. */
export type ProviderHandle = unknown;

export interface ProviderKeyPair<H = unknown> {
  readonly privateKey: H;
  readonly publicKey: H;
}

/** Any algorithm name a provider can be asked about in `supports`. */
export type AlgorithmName = SigningAlgorithmName | EncryptionAlgorithmName | WrappingAlgorithmName | MacAlgorithmName;

/**
 * One wrap: `target` (a secret or private handle of `targetSpec`) encrypted under `wrappingKey` with
 * `algorithm`. Both handles belong to this provider (the core never mixes providers in one call).
 *
 * - `wrappingKey` is, by the algorithm's kind (src/wrap/algorithms.ts `wrappingKey`): an AES secret handle
 *   (`aes`; `wrappingSpec.keyBytes` may be 16, 24 or 32 — raw KEKs of 16/24 bytes arrive with a spec made
 *   by `aesKekSpec`, so key on `spec.algorithm` and `spec.keyBytes`, never on the name), or a public or
 *   private handle of an RSA / SM2 key with usage ENCRYPT_DECRYPT (`rsa`, `sm2`).
 * - The payload is the target's raw secret bytes or PKCS#8 DER, or the raw private scalar for
 *   `payload: 'private-scalar'` algorithms; byte layouts are the README's wrapping table. SM2 ciphertexts
 *   are written in `layout`.
 * - `random` feeds every fresh value (OAEP seeds, ephemeral AES/SM4 keys, SM2 k) when the provider
 *   `honoursRandom`; others use their own generator. Ephemeral keys are zeroed after use.
 */
export interface WrapRequest<H = unknown> {
  readonly algorithm: WrappingAlgorithmName;
  readonly wrappingSpec: KeySpec;
  readonly wrappingKey: H;
  readonly targetSpec: KeySpec;
  readonly target: H;
  readonly layout: Sm2Layout;
  readonly random: RandomSource;
}

/**
 * One unwrap: opens `wrapped` with `unwrappingKey` (an AES secret handle, or an RSA / SM2 private handle)
 * and creates a key of `targetSpec` with `usage` and `attributes` on this provider.
 *
 * A provider that decrypts in process hands the payload to `validate`, which is the core's: it decodes the
 * payload for the spec and runs every import check (lengths, curve, d·G = Q, RSA consistency), and returns
 * validated components, which the provider then keeps (as `importComponents` would) and zeroes the payload.
 * A provider that unwraps natively (C_UnwrapKey, subtle.unwrapKey) may skip `validate`; the core then
 * validates the result's public half and runs the pairwise consistency test either way.
 *
 * Any failure may be thrown as anything: the core reports every unwrap failure as the same UNWRAP_FAILED
 * (or INVALID_KEY when `validate` refused the material and the algorithm is not `singleError`).
 */
export interface UnwrapRequest<H = unknown> {
  readonly algorithm: WrappingAlgorithmName;
  readonly unwrappingSpec: KeySpec;
  readonly unwrappingKey: H;
  readonly targetSpec: KeySpec;
  readonly usage: Usage;
  readonly attributes: KeyAttributes;
  readonly wrapped: Uint8Array;
  readonly layout: Sm2Layout;
  readonly validate: (payload: Uint8Array) => SecretComponents | PrivateComponents;
}

/**
 * A backend that holds key material and does the work: the pure TypeScript provider (default), and the
 * WebCrypto, PKCS#11 and node:crypto providers built on this interface. `H` is the provider's handle type.
 *
 * **The core validates, the provider executes.** Before any call the core has resolved the spec and usage,
 * checked every argument, enforced the usage rules (SIGN_VERIFY keys sign, ENCRYPT_DECRYPT keys encrypt
 * and wrap), checked `supports` / `canWrap` / `honoursRandom` / `attributes.extractable`, and validated
 * imported components. A provider never falls back to another backend: a gap is
 * `KeysmithError('UNSUPPORTED')` naming the provider and what is missing; a raw error it throws becomes
 * PROVIDER_ERROR with the error as `cause`.
 *
 * **Encodings across the seam** (one each, what AWS KMS and OpenSSL return):
 * - ECDSA and SM2DSA signatures are DER `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (X9.62;
 *   GM/T 0009 for SM2). A backend that produces IEEE P1363 `r ‖ s` (WebCrypto) converts both ways.
 * - RSA signatures and RSA ciphertexts are the modulus-length octet string (RFC 8017 I2OSP).
 * - SM2PKE ciphertexts are GM/T 0009-2012 DER `SM2Cipher` (C1C3C2_ASN1), as OpenSSL's EVP_PKEY_encrypt
 *   writes them; the core converts to the caller's `layout`.
 * - Components are src/model/components.ts: EC points uncompressed `04 ‖ X ‖ Y`, scalars `fieldBytes` long.
 *
 * **Randomness.** `honoursRandom` says whether the provider draws every random value of `generateSecret`,
 * `generateKeyPair` and `wrap` from the `random` it is given (so `seededRandom` gives reproducible keys).
 * The core refuses a caller's `random` for a provider that does not, with UNSUPPORTED — never a silently
 * unseeded key. Such a provider still receives a RandomSource (the system CSPRNG) and may ignore it.
 *
 * **Lifecycle.** Slot, PIN, sessions and library paths belong to the provider's factory, not to calls.
 * `release(handle)` frees what a handle holds (zeroes buffers, destroys session objects) and never deletes
 * a persistent token object; `deleteKey` does that. `close()` (and `Symbol.asyncDispose`, if implemented)
 * ends the provider; handles are unusable afterwards.
 */
export interface KeyMaterialProvider<H = unknown> {
  readonly name: string;
  /** Whether `random` drives generation and wrapping (see above). */
  readonly honoursRandom: boolean;
  /** `attributes.extractable` when the caller does not choose: true for pure, node and WebCrypto; false for PKCS#11. */
  readonly extractableByDefault: boolean;

  /**
   * Whether this provider can do `operation` for keys of `spec` with `usage` (and, given `algorithm`, with
   * that signing, encryption or wrapping algorithm). Pure and total: callable for every registry spec ×
   * usage × operation (src/model/operations.ts), including combinations keysmith itself does not define,
   * for which it returns false. The README's capability matrix is generated from it.
   */
  supports(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): boolean;

  generateSecret(spec: SymmetricSpec, usage: Usage, attributes: KeyAttributes, random: RandomSource): Promise<H>;
  generateKeyPair(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes, random: RandomSource): Promise<ProviderKeyPair<H>>;

  /** The public components behind a public or private handle. Always readable; never refused for extractability. */
  exportPublic(spec: AsymmetricSpec, handle: H): Promise<PublicComponents>;
  /**
   * The secret or private components behind a handle; the caller zeroes them after use. The core has
   * already refused non-extractable keys (NOT_EXTRACTABLE); a provider that cannot hand material out at
   * all says UNSUPPORTED, and one whose backend refuses says NOT_EXTRACTABLE.
   */
  exportPrivate(spec: KeySpec, handle: H): Promise<SecretComponents | PrivateComponents>;
  /** Takes components the core has decoded and validated; the provider copies what it keeps. */
  importComponents(spec: KeySpec, usage: Usage, components: KeyComponents, attributes: KeyAttributes): Promise<H>;

  /**
   * Signs with a private handle. `data` is the message (`RAW`) or a digest of `algorithm.digestBytes`
   * (`DIGEST`; for SM2DSA e = SM3(ZA ‖ M), ZA with the default ID 1234567812345678). RSASSA-PSS uses a
   * salt as long as the hash. ECDSA and SM2DSA return DER (see above).
   */
  sign(spec: AsymmetricSpec, privateKey: H, algorithm: SigningAlgorithmName, data: Uint8Array, messageType: MessageType, random: RandomSource): Promise<Uint8Array>;
  /** Verifies with a public handle; a malformed or wrong signature is `false`, never an error. */
  verify(spec: AsymmetricSpec, publicKey: H, algorithm: SigningAlgorithmName, data: Uint8Array, messageType: MessageType, signature: Uint8Array): Promise<boolean>;
  /** Encrypts with a public handle (OAEP: empty label, MGF1 with the algorithm's hash; SM2PKE: DER, see above). */
  encrypt(spec: AsymmetricSpec, publicKey: H, algorithm: EncryptionAlgorithmName, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array>;
  /** Decrypts with a private handle; any failure may be thrown as anything (the core reports one DECRYPT_FAILED). */
  decrypt(spec: AsymmetricSpec, privateKey: H, algorithm: EncryptionAlgorithmName, ciphertext: Uint8Array): Promise<Uint8Array>;

  /**
   * Whether `wrap` / `unwrap` handle `algorithm` with a wrapping key of `wrappingSpec` and a target of
   * `targetSpec` (the core has checked the algorithm's own rules first). Absent: every algorithm the
   * provider's `supports(targetSpec, usage, 'wrap' | 'unwrap', algorithm)` allows.
   */
  canWrap?(algorithm: WrappingAlgorithmName, wrappingSpec: KeySpec, targetSpec: KeySpec): boolean;
  /** Wraps a key for transport, inside the backend where it can (subtle.wrapKey, C_WrapKey). Absent: UNSUPPORTED. */
  wrap?(request: WrapRequest<H>): Promise<Uint8Array>;
  /** Unwraps into a new key on this provider: a secret handle, or a pair for private material. Absent: UNSUPPORTED. */
  unwrap?(request: UnwrapRequest<H>): Promise<H | ProviderKeyPair<H>>;
  /**
   * The first 3 bytes of CMAC(key, 0¹²⁸) under a secret handle (ANSI X9.24-1 CMAC method; AES-CMAC per
   * RFC 4493, SM4-CMAC per SP 800-38B), e.g. CKM_AES_CMAC. Works for non-extractable keys. Absent: UNSUPPORTED.
   */
  keyCheckValue?(spec: SymmetricSpec, handle: H): Promise<Uint8Array>;

  /**
   * ML-KEM.Encaps (FIPS 203 Algorithm 20) with a public (or private) handle of an ML-KEM spec: a fresh 32-byte m
   * from `random` (when the provider `honoursRandom`), the ciphertext and the 32-byte shared secret. Absent:
   * UNSUPPORTED. The core has checked `supports(spec, usage, 'encapsulate')`.
   */
  encapsulate?(spec: MlKemSpec, publicKey: H, random: RandomSource): Promise<{ ciphertext: Uint8Array; sharedSecret: Uint8Array }>;
  /**
   * ML-KEM.Decaps (FIPS 203 Algorithm 21) with a private handle. The core has checked the ciphertext length; a
   * wrong ciphertext of the right length gives the implicit-rejection secret, never an error. Absent: UNSUPPORTED.
   */
  decapsulate?(spec: MlKemSpec, privateKey: H, ciphertext: Uint8Array): Promise<Uint8Array>;
  /**
   * The full-length HMAC (RFC 2104) of `message` under a secret handle of an HMAC spec (usage
   * GENERATE_VERIFY_MAC) with `algorithm`, the spec's `mac` (AWS GenerateMac). Absent: UNSUPPORTED.
   */
  mac?(spec: SymmetricSpec, key: H, algorithm: MacAlgorithmName, message: Uint8Array): Promise<Uint8Array>;
  /** Compares a full-length tag in constant time (AWS VerifyMac); a wrong or truncated tag is `false`. Absent: UNSUPPORTED. */
  verifyMac?(spec: SymmetricSpec, key: H, algorithm: MacAlgorithmName, message: Uint8Array, mac: Uint8Array): Promise<boolean>;
  /**
   * Raw ECDH with a private handle of usage KEY_AGREEMENT (SP 800-56A r3 §5.7.1.2; the cofactor is 1 on every
   * keysmith curve): the x-coordinate of d·Q, `fieldBytes` long, big-endian, with no KDF (AWS
   * DeriveSharedSecret). `peerPublicKey` is an uncompressed point `04 ‖ X ‖ Y` the core has validated (on the
   * spec's curve, not infinity: SP 800-56A r3 §5.6.2.3.3). A result at infinity must throw. Absent: UNSUPPORTED.
   */
  deriveSharedSecret?(spec: EcSpec, privateKey: H, peerPublicKey: Uint8Array): Promise<Uint8Array>;

  /** Frees what a handle holds in memory or in the session. Never deletes a persistent token object. */
  release(handle: H): Promise<void>;
  /** Deletes a persistent object (and frees the handle). Absent: UNSUPPORTED. */
  deleteKey?(handle: H): Promise<void>;
  /** Ends the provider (logs out, closes sessions, finalizes the library). */
  close?(): Promise<void>;
}
