import { fail } from '../errors.js';
import { wipeComponents, type KeyComponents } from '../model/components.js';
import type { AsymmetricSpec } from '../model/spec.js';
import { assertKey, handleOf, isKeyPair, Key, type AnyKey, type KeyPair, type KeyType } from './key.js';
import type { ExportedKey, FormatFor } from './format-types.js';
import type { WideOrUnion, WideString } from '../registry/names.js';
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
 *
 * Types: the result follows the format (`*-pem`: `string`; `*-der`, `raw`, `raw-public`: `Uint8Array`;
 * `jwk`, `jwk-public`: `Jwk`), and the format must fit the key's type: a `SecretKey` takes `raw` or `jwk`,
 * a `PublicKey` only public formats, a `KeyPair` or `PrivateKey` any asymmetric format.
 *
 * @param key the key; a `KeyPair` exports its private half for private formats and its public half for public ones.
 * @param format one of `KEY_FORMATS`.
 * @param options `pqForm` picks the ML-DSA / ML-KEM PKCS#8 private-key form (default `seed`); with any other
 *   spec or format it is INVALID_ARGUMENT (checked at run time).
 */
export function exportKey<K extends AnyKey, F extends FormatOf<K>>(key: K, format: F, options?: ExportOptions): Promise<ExportedKey<F>>;
/**
 * A format held in a variable of a union type (`for (const f of KEY_FORMATS)`): which one applies to the
 * key is checked at run time (UNSUPPORTED); the result is the union of the formats' results.
 */
export function exportKey<F extends KeyFormat>(key: AnyKey, format: F & WideOrUnion<F>, options?: ExportOptions): Promise<ExportedKey<F>>;
/**
 * The wide overload: a format that is a `string` from outside (a CLI flag, a config file). It is checked
 * at run time (an unknown format is INVALID_ARGUMENT) and gives the wide `EncodedKey`.
 */
export function exportKey<S extends string>(key: AnyKey, format: WideString<S>, options?: ExportOptions): Promise<EncodedKey>;
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

/** The formats a key (or pair) takes: by its key type; a KeyPair takes every asymmetric format. */
export type FormatOf<K extends AnyKey> = K extends KeyPair ? FormatFor<'private'> : K extends Key<infer T extends KeyType> ? FormatFor<T> : never;
