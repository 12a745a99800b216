import { fail, KeysmithError } from '../errors.js';
import type { AsymmetricSpec } from '../model/spec.js';
import type { EncryptionAlgorithmName } from '../model/algorithms.js';
import { assertKey, handleOf, isKeyPair, type AnyKey, type Key } from '../core/key.js';
import { callProvider, optionsObject, requireSupport } from '../core/options.js';
import { checkLayout, decodeSm2Ciphertext, encodeSm2Ciphertext, type Sm2Layout } from '../wrap/sm2-layout.js';
import { systemRandom } from '../random.js';
import { bytesArg, encryptionAlgorithmFor } from './algorithm.js';

export interface EncryptOptions {
  /** A name from the encryption table (AWS KMS's names); default: the spec's (`spec.encryption`). */
  readonly algorithm?: EncryptionAlgorithmName | undefined;
  /**
   * SM2PKE only: the ciphertext layout (see the README's SM2 layouts). Default `C1C3C2_ASN1`, the GM/T 0009
   * DER that OpenSSL's `pkeyutl` reads and writes.
   */
  readonly layout?: Sm2Layout | undefined;
}

const SEAM_LAYOUT: Sm2Layout = 'C1C3C2_ASN1';

/**
 * The checks encrypt and decrypt share, in the error table's order: the key, the options, the data, the usage,
 * the key half, the algorithm and layout, then the provider's support.
 */
function prepare(key: AnyKey, what: 'encrypt' | 'decrypt', options: EncryptOptions | undefined, data: unknown): { k: Key; alg: EncryptionAlgorithmName; layout: Sm2Layout | undefined; handle: unknown } {
  assertKey(key);
  const o = optionsObject<EncryptOptions>(options, what);
  bytesArg(data, what === 'encrypt' ? 'plaintext' : 'ciphertext');
  if (key.usage !== 'ENCRYPT_DECRYPT') fail('INVALID_USAGE', `${what} needs an ENCRYPT_DECRYPT key; this ${key.spec.name} key is ${key.usage}`);
  const k: Key = isKeyPair(key) ? (what === 'encrypt' ? key.publicKey : key.privateKey) : key;
  const alg = encryptionAlgorithmFor(k.spec, o.algorithm);
  if (what === 'encrypt' && k.type !== 'public') fail('INVALID_ARGUMENT', 'encrypt needs the public key or the key pair');
  if (what === 'decrypt' && k.type !== 'private') fail('INVALID_ARGUMENT', 'decrypt needs the private key or the key pair');
  if (o.layout !== undefined && alg.scheme !== 'SM2PKE') fail('INVALID_ARGUMENT', `layout applies to SM2PKE, not ${alg.name}`);
  const layout = alg.scheme === 'SM2PKE' ? (o.layout === undefined ? SEAM_LAYOUT : checkLayout(o.layout)) : undefined;
  requireSupport(k.provider, k.spec, k.usage, what, alg.name);
  return { k, alg: alg.name, layout, handle: handleOf(k) };
}

/**
 * Public-key encryption with a key pair or public key (RSAES-OAEP with an empty label and MGF1 of the same
 * hash; SM2PKE with SM3), inside its provider. Symmetric keys do not `encrypt` here (UNSUPPORTED).
 */
export async function encrypt(key: AnyKey, plaintext: Uint8Array, options?: EncryptOptions): Promise<Uint8Array> {
  const { k, alg, layout, handle } = prepare(key, 'encrypt', options, plaintext);
  const ct = await callProvider(k.provider, 'encrypt', () => k.provider.encrypt(k.spec as AsymmetricSpec, handle, alg, plaintext, systemRandom));
  if (layout === undefined || layout === SEAM_LAYOUT) return ct;
  return encodeSm2Ciphertext(decodeSm2Ciphertext(ct, SEAM_LAYOUT), layout);
}

/**
 * Decrypts with a key pair or private key, inside its provider (so a key that cannot leave its backend still
 * decrypts). Every failure to decrypt — wrong key, changed byte, bad padding, bad length — is the same
 * DECRYPT_FAILED with the same message and no cause (no padding oracle).
 */
export async function decrypt(key: AnyKey, ciphertext: Uint8Array, options?: EncryptOptions): Promise<Uint8Array> {
  const { k, alg, layout, handle } = prepare(key, 'decrypt', options, ciphertext);
  try {
    const ct = layout === undefined || layout === SEAM_LAYOUT ? ciphertext : encodeSm2Ciphertext(decodeSm2Ciphertext(ciphertext, layout), SEAM_LAYOUT);
    return await k.provider.decrypt(k.spec as AsymmetricSpec, handle, alg, ct);
  } catch {
    throw new KeysmithError('DECRYPT_FAILED', 'decryption failed');
  }
}
