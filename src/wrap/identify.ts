import { fail } from '../errors.js';
import { assertKey, handleOf, isKeyPair, type AnyKey } from '../core/key.js';
import { callProvider, requireSupport } from '../core/options.js';
import { spkiFingerprint } from '../core/fingerprint.js';
import { formatKcv } from './kcv.js';

export { spkiFingerprint };

/**
 * The key check value of a secret key (AES or SM4): the first 3 bytes of CMAC(key, 0¹²⁸), uppercase hex,
 * computed by the key's provider (so it works for keys that cannot leave their backend).
 */
export async function keyCheckValue(key: AnyKey): Promise<string> {
  assertKey(key);
  if (isKeyPair(key) || key.spec.family !== 'symmetric') fail('UNSUPPORTED', 'key check values are for secret keys; use spkiFingerprint');
  const spec = key.spec;
  const handle = handleOf(key);
  const provider = key.provider;
  requireSupport(provider, spec, key.usage, 'key-check-value');
  if (typeof provider.keyCheckValue !== 'function') fail('UNSUPPORTED', `${provider.name} provider has no key check value operation`);
  const kcv = await callProvider(provider, 'key check value', () => provider.keyCheckValue!(spec, handle));
  if (!(kcv instanceof Uint8Array) || kcv.length < 3) fail('PROVIDER_ERROR', `${provider.name} provider: key check value is not 3 bytes`);
  return formatKcv(kcv);
}

/** What names a key without showing it: a secret key's check value, or a pair's (or public key's) SPKI SHA-256. */
export type KeyIdentifier =
  | { readonly kind: 'key-check-value'; readonly value: string }
  | { readonly kind: 'spki-sha256'; readonly value: string };

/**
 * "KCV for a secret key, else the SPKI fingerprint": the one place that choice is made (the CLI's output,
 * `encryptKeyMaterial`, `expect` on unwrap).
 */
export async function keyIdentifier(key: AnyKey): Promise<KeyIdentifier> {
  assertKey(key);
  if (!isKeyPair(key) && key.type === 'secret') return { kind: 'key-check-value', value: await keyCheckValue(key) };
  return { kind: 'spki-sha256', value: await spkiFingerprint(key) };
}

/** Whether `expected` (a KCV or SPKI SHA-256 in hex, any case, surrounding space ignored) names `key`. */
export async function matchesIdentifier(key: AnyKey, expected: string): Promise<boolean> {
  return (await keyIdentifier(key)).value.toLowerCase() === expected.trim().toLowerCase();
}
