import { fail } from '../errors.js';
import { wipeComponents } from '../model/components.js';
import { assertKey, handleOf, isKeyPair, Key, type AnyKey } from './key.js';
import { callProvider } from './options.js';
import { encodeComponents, isPublicFormat, KEY_FORMATS, type EncodedKey, type KeyFormat } from '../encoding/formats.js';

/** Picks the half a format speaks of: public formats read the public key, the rest the private (or secret) key. */
function halfFor(key: AnyKey, format: KeyFormat): Key {
  if (!isKeyPair(key)) return key;
  return isPublicFormat(format) ? key.publicKey : key.privateKey;
}

/**
 * Exports key material in a standard format. This is the only way bytes leave a key. A format that does
 * not apply to the key (RSA `raw-public`, SM2 `jwk`, a private format of a public key) is UNSUPPORTED.
 */
export async function exportKey(key: AnyKey, format: KeyFormat): Promise<EncodedKey> {
  assertKey(key);
  if (typeof format !== 'string' || !(KEY_FORMATS as readonly string[]).includes(format)) {
    fail('INVALID_ARGUMENT', `unknown format; known: ${KEY_FORMATS.join(', ')}`);
  }
  const k = halfFor(key, format);
  const handle = handleOf(k);
  const components = await callProvider(k.provider, 'export', () => k.provider.exportComponents(k.spec, handle));
  try {
    return encodeComponents(k.spec, components, format);
  } finally {
    wipeComponents(components);
  }
}
