import type { AsymmetricSpec, KeySpec, SymmetricSpec, Usage } from '../model/spec.js';
import type { KeyComponents } from '../model/components.js';
import type { RandomSource } from '../random.js';

/** A backend's own reference to key material: bytes for the pure provider, a CryptoKey, an HSM object. */
export type ProviderHandle = unknown;

export interface ProviderKeyPair {
  readonly privateKey: ProviderHandle;
  readonly publicKey: ProviderHandle;
}

/**
 * A backend that does the work. The core has already resolved the spec, checked the usage and the
 * arguments, and validated imported components; a provider only executes. An operation a backend
 * cannot do raises KeysmithError('UNSUPPORTED'), never a silent fallback to another backend.
 *
 * Signature and encryption schemes are the spec's own (`spec.signature`, `spec.encryption`).
 */
export interface KeyMaterialProvider {
  readonly name: string;
  generateSecret(spec: SymmetricSpec, usage: Usage, random: RandomSource): Promise<ProviderHandle>;
  generateKeyPair(spec: AsymmetricSpec, usage: Usage, random: RandomSource): Promise<ProviderKeyPair>;
  /** The key's components; UNSUPPORTED when the key cannot leave the backend. */
  exportComponents(spec: KeySpec, handle: ProviderHandle): Promise<KeyComponents>;
  /** Takes components the core has validated; the provider may keep or copy them. */
  importComponents(spec: KeySpec, usage: Usage, components: KeyComponents): Promise<ProviderHandle>;
  sign(spec: AsymmetricSpec, privateKey: ProviderHandle, message: Uint8Array, random: RandomSource): Promise<Uint8Array>;
  verify(spec: AsymmetricSpec, publicKey: ProviderHandle, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  encrypt(spec: AsymmetricSpec, publicKey: ProviderHandle, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array>;
  decrypt(spec: AsymmetricSpec, privateKey: ProviderHandle, ciphertext: Uint8Array): Promise<Uint8Array>;
  /** Releases the material behind a handle (zeroes buffers, deletes session objects). */
  destroy(handle: ProviderHandle): void;
}
