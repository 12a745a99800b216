import { fail } from '../errors.js';
import type { MlKemSpec } from '../model/spec.js';
import { assertKey, handleOf, isKeyPair, type AnyKey, type Key } from '../core/key.js';
import { callProvider, optionsObject, randomFor, requireSupport } from '../core/options.js';
import type { RandomSource } from '../random.js';
import { bytesArg } from './algorithm.js';

export interface EncapsulateOptions {
  /** Where the 32-byte m comes from (FIPS 203 Algorithm 20 line 1): the CSPRNG by default; `seededRandom` for reproducible tests. */
  readonly random?: RandomSource;
}

export interface Encapsulation {
  /** The ML-KEM ciphertext c (768, 1088 or 1568 bytes): what AWS returns as `CiphertextBlob`. */
  readonly ciphertext: Uint8Array;
  /** The 32-byte shared secret K. */
  readonly sharedSecret: Uint8Array;
}

function kemKey(key: AnyKey, what: 'encapsulate' | 'decapsulate'): Key {
  if (key.usage !== 'ENCAPSULATE_DECAPSULATE') fail('INVALID_USAGE', `${what} needs an ENCAPSULATE_DECAPSULATE key; this ${key.spec.name} key is ${key.usage}`);
  const k: Key = isKeyPair(key) ? (what === 'encapsulate' ? key.publicKey : key.privateKey) : key;
  if (what === 'decapsulate' && k.type !== 'private') fail('INVALID_ARGUMENT', 'decapsulate needs the private key or the key pair');
  requireSupport(k.provider, k.spec, k.usage, what);
  const method = what === 'encapsulate' ? k.provider.encapsulate : k.provider.decapsulate;
  if (typeof method !== 'function') fail('UNSUPPORTED', `${k.provider.name} provider has no ${what}`);
  return k;
}

/**
 * ML-KEM.Encaps (FIPS 203 Algorithm 20) with an ML-KEM public key (or the pair): a fresh shared secret and the
 * ciphertext that carries it to the private key's holder. As AWS KMS `Encapsulate`, but local.
 */
export async function encapsulate(publicKey: AnyKey, options?: EncapsulateOptions): Promise<Encapsulation> {
  assertKey(publicKey, 'publicKey');
  const o = optionsObject<EncapsulateOptions>(options, 'encapsulate');
  const k = kemKey(publicKey, 'encapsulate');
  const random = randomFor(k.provider, o.random);
  const handle = handleOf(k);
  const r = await callProvider(k.provider, 'encapsulate', () => k.provider.encapsulate!(k.spec as MlKemSpec, handle, random));
  return { ciphertext: r.ciphertext, sharedSecret: r.sharedSecret };
}

/**
 * ML-KEM.Decaps (FIPS 203 Algorithm 21) inside the key's provider. A ciphertext of the wrong length is
 * INVALID_ARGUMENT (AWS: InvalidCiphertextException); any other ciphertext gives a 32-byte secret, the implicit
 * rejection value when it was not made for this key, so compare secrets before trusting one.
 */
export async function decapsulate(privateKey: AnyKey, ciphertext: Uint8Array): Promise<Uint8Array> {
  assertKey(privateKey, 'privateKey');
  bytesArg(ciphertext, 'ciphertext');
  const k = kemKey(privateKey, 'decapsulate');
  const spec = k.spec as MlKemSpec;
  if (ciphertext.length !== spec.ciphertextBytes) fail('INVALID_ARGUMENT', `an ${spec.name} ciphertext is ${spec.ciphertextBytes} bytes`);
  const handle = handleOf(k);
  return callProvider(k.provider, 'decapsulate', () => k.provider.decapsulate!(spec, handle, ciphertext));
}
