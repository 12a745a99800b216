import { fail } from '../errors.js';
import { wipeComponents, type KeyComponents } from '../model/components.js';
import type { AsymmetricSpec } from '../model/spec.js';
import { assertKey, handleOf, isKeyPair, Key, type AnyKey } from './key.js';
import { callProvider, optionsObject, requireSupport } from './options.js';
import { checkFormat, encodeComponents, formatsFor, isPublicFormat, type EncodedKey, type EncodeOptions, type KeyFormat } from '../encoding/formats.js';

/** `pqForm`: for ML-DSA / ML-KEM PKCS#8, the private-key CHOICE to write (`seed` default, `expanded`, `both`). */
export type ExportOptions = EncodeOptions;

/** Picks the half a format speaks of: public formats read the public key, the rest the private (or secret) key. */
function halfFor(key: AnyKey, format: KeyFormat): Key {
  if (!isKeyPair(key)) return key;
  return isPublicFormat(format) ? key.publicKey : key.privateKey;
}

/**
 * Exports key material in a standard format. This is the only way bytes leave a key. A format that does
 * not apply to the key (RSA `raw-public`, SM2 `jwk`, a private format of a public key) is UNSUPPORTED;
 * a private or secret format of a key created non-extractable is NOT_EXTRACTABLE (public formats always work).
 * `options.pqForm` picks the ML-DSA / ML-KEM PKCS#8 private-key form; elsewhere it is INVALID_ARGUMENT.
 */
export async function exportKey(key: AnyKey, format: KeyFormat, options?: ExportOptions): Promise<EncodedKey> {
  assertKey(key);
  checkFormat(format);
  const o = optionsObject<ExportOptions>(options, 'exportKey');
  const k = halfFor(key, format);
  const handle = handleOf(k);
  const { provider, spec, usage } = k;
  if (!formatsFor(spec).includes(format)) fail('UNSUPPORTED', `${spec.name}: format ${format} does not apply`);
  let components: KeyComponents;
  if (k.type === 'public' || isPublicFormat(format)) {
    if (spec.family === 'symmetric') fail('UNSUPPORTED', `${spec.name}: format ${format} does not apply to a secret key`);
    requireSupport(provider, spec, usage, 'export-public');
    components = await callProvider(provider, 'export', () => provider.exportPublic(spec as AsymmetricSpec, handle));
  } else {
    if (!k.extractable) fail('NOT_EXTRACTABLE', `${spec.name} ${k.type} key was created non-extractable: ${format} would reveal it (public formats still work)`);
    requireSupport(provider, spec, usage, 'export-private');
    components = await callProvider(provider, 'export', () => provider.exportPrivate(spec, handle));
  }
  try {
    return encodeComponents(spec, components, format, o.pqForm === undefined ? undefined : { pqForm: o.pqForm });
  } finally {
    wipeComponents(components);
  }
}
