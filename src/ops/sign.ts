import { fail } from '../errors.js';
import type { AsymmetricSpec } from '../model/spec.js';
import type { MessageType, SigningAlgorithm, SigningAlgorithmName } from '../model/algorithms.js';
import { assertKey, handleOf, isKeyPair, type AnyKey, type Key } from '../core/key.js';
import { callProvider, optionsObject, requireSupport } from '../core/options.js';
import { systemRandom } from '../random.js';
import { bytesArg, messageTypeOf, signingAlgorithmFor } from './algorithm.js';

export interface SignOptions {
  /** A name from the signing table (AWS KMS's names); default: the spec's (`spec.signature`). */
  readonly algorithm?: SigningAlgorithmName | undefined;
  /**
   * `RAW` (default): `message` is the message. `DIGEST`: it is the digest, as long as the algorithm's hash;
   * for SM2DSA that is e = SM3(ZA ‖ M) with ZA from the key and the default ID 1234567812345678.
   * `EXTERNAL_MU` (ML_DSA_SHAKE_256): the 64-byte μ of FIPS 204 §6.2. ED25519_SHA_512 takes only RAW,
   * ED25519_PH_SHA_512 only DIGEST (the 64-byte SHA-512 of the message), as AWS KMS.
   */
  readonly messageType?: MessageType | undefined;
}

/** AWS: each algorithm takes only its message types; a DIGEST or EXTERNAL_MU message has the algorithm's digest length. */
function checkMessage(alg: SigningAlgorithm, type: MessageType, message: Uint8Array): void {
  if (!alg.messageTypes.includes(type)) fail('INVALID_ARGUMENT', `${alg.name} takes messageType ${alg.messageTypes.join(' or ')}, not ${type}`);
  if (type === 'DIGEST' && message.length !== alg.digestBytes) fail('INVALID_ARGUMENT', `a ${alg.name} digest is ${alg.digestBytes} bytes`);
  if (type === 'EXTERNAL_MU' && message.length !== alg.digestBytes) fail('INVALID_ARGUMENT', `an ${alg.name} μ is ${alg.digestBytes} bytes`);
}

/**
 * The checks sign and verify share, in the order the error table promises: the key, the options, usage, the key half, the algorithm,
 * the message type and length, then the provider's support.
 */
function prepare(key: AnyKey, what: 'sign' | 'verify', options: SignOptions | undefined, message: unknown): { k: Key; alg: SigningAlgorithm; type: MessageType } {
  assertKey(key);
  const o = optionsObject<SignOptions>(options, what);
  if (key.usage !== 'SIGN_VERIFY') fail('INVALID_USAGE', `${what} needs a SIGN_VERIFY key; this ${key.spec.name} key is ${key.usage}`);
  const half = what === 'sign' ? 'private' : 'public';
  const k: Key = isKeyPair(key) ? key[`${half}Key`] : key;
  if (k.type !== half) fail('INVALID_ARGUMENT', `${what} needs the ${half} key or the key pair`);
  const alg = signingAlgorithmFor(k.spec, o.algorithm);
  const type = messageTypeOf(o.messageType);
  checkMessage(alg, type, bytesArg(message, 'message'));
  return { k, alg, type };
}

/**
 * Signs with a key pair or private key, inside its provider (so a key that cannot leave its backend still
 * signs). RSA signatures are the modulus-length octet string; ECDSA and SM2DSA signatures are DER
 * (X9.62 Ecdsa-Sig-Value), as AWS KMS and OpenSSL return them. Fresh randomness comes from the provider
 * (PSS salts, hedged ECDSA nonces, SM2 k).
 */
export async function sign(key: AnyKey, message: Uint8Array, options?: SignOptions): Promise<Uint8Array> {
  const { k, alg, type } = prepare(key, 'sign', options, message);
  const handle = handleOf(k);
  requireSupport(k.provider, k.spec, k.usage, 'sign', alg.name);
  return callProvider(k.provider, 'sign', () => k.provider.sign(k.spec as AsymmetricSpec, handle, alg.name, message, type, systemRandom));
}

/**
 * Verifies a signature with a key pair or public key, inside its provider. A wrong or malformed signature
 * is `false`; only bad arguments throw.
 */
export async function verify(key: AnyKey, message: Uint8Array, signature: Uint8Array, options?: SignOptions): Promise<boolean> {
  const { k, alg, type } = prepare(key, 'verify', options, message);
  bytesArg(signature, 'signature');
  const handle = handleOf(k);
  requireSupport(k.provider, k.spec, k.usage, 'verify', alg.name);
  const ok = await callProvider(k.provider, 'verify', () => k.provider.verify(k.spec as AsymmetricSpec, handle, alg.name, message, type, signature));
  return ok === true;
}
