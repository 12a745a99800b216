import { describeValue, fail } from '../errors.js';
import type { SymmetricSpec } from '../model/spec.js';
import { findMacAlgorithm, MAC_ALGORITHMS, type MacAlgorithm, type MacAlgorithmName } from '../model/algorithms.js';
import { assertKey, handleOf, isKeyPair, type AnyKey, type Key } from '../core/key.js';
import { callProvider, optionsObject, requireSupport } from '../core/options.js';
import { bytesArg } from './algorithm.js';

export interface MacOptions {
  /** A MAC algorithm (AWS KMS's names, and HMAC_SM3); default: the key spec's own (`spec.mac`), the only one it supports. */
  readonly algorithm?: MacAlgorithmName;
}

function prepare(key: AnyKey, what: 'generateMac' | 'verifyMac', o: Partial<MacOptions>): { k: Key; alg: MacAlgorithm } {
  if (isKeyPair(key) || key.type !== 'secret') fail('INVALID_ARGUMENT', `${what} needs a secret HMAC key`);
  if (key.usage !== 'GENERATE_VERIFY_MAC') fail('INVALID_USAGE', `${what} needs a GENERATE_VERIFY_MAC key; this ${key.spec.name} key is ${key.usage}`);
  const spec = key.spec as SymmetricSpec;
  const chosen = o.algorithm === undefined ? spec.mac : o.algorithm;
  const alg = findMacAlgorithm(chosen);
  if (!alg) fail('INVALID_ARGUMENT', `unknown MAC algorithm ${describeValue(chosen, 48)}; known: ${MAC_ALGORITHMS.join(', ')}`);
  if (!alg.appliesTo(spec)) fail('UNSUPPORTED', `${alg.name} does not apply to ${spec.name} keys`);
  requireSupport(key.provider, spec, key.usage, what === 'generateMac' ? 'generate-mac' : 'verify-mac', alg.name);
  return { k: key, alg };
}

/**
 * The HMAC (RFC 2104) of `message` under an HMAC key, inside its provider, as AWS KMS's GenerateMac returns it:
 * the full-length tag of the key's algorithm (HMAC_SHA_224 … HMAC_SHA_512; HMAC_SM3 for HMAC_SM3 keys).
 */
export async function generateMac(key: AnyKey, message: Uint8Array, options?: MacOptions): Promise<Uint8Array> {
  assertKey(key);
  const o = optionsObject<MacOptions>(options, 'generateMac');
  bytesArg(message, 'message');
  const { k, alg } = prepare(key, 'generateMac', o);
  const handle = handleOf(k);
  const p = k.provider;
  if (typeof p.mac !== 'function') fail('UNSUPPORTED', `${p.name} provider has no MAC operation`);
  const tag = await callProvider(p, 'generateMac', () => p.mac!(k.spec as SymmetricSpec, handle, alg.name, message));
  if (!(tag instanceof Uint8Array) || tag.length !== alg.tagBytes) fail('PROVIDER_ERROR', `${p.name} provider: a ${alg.name} tag is ${alg.tagBytes} bytes`);
  return tag;
}

/**
 * Verifies a MAC as AWS KMS's VerifyMac does: the whole tag, compared in constant time. A wrong, truncated or
 * over-long tag is `false`; only bad arguments throw.
 */
export async function verifyMac(key: AnyKey, message: Uint8Array, mac: Uint8Array, options?: MacOptions): Promise<boolean> {
  assertKey(key);
  const o = optionsObject<MacOptions>(options, 'verifyMac');
  bytesArg(message, 'message');
  bytesArg(mac, 'mac');
  const { k, alg } = prepare(key, 'verifyMac', o);
  const handle = handleOf(k);
  const p = k.provider;
  if (typeof p.verifyMac !== 'function') fail('UNSUPPORTED', `${p.name} provider has no MAC operation`);
  const ok = await callProvider(p, 'verifyMac', () => p.verifyMac!(k.spec as SymmetricSpec, handle, alg.name, message, mac));
  return ok === true;
}
