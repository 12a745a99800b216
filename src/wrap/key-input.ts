import { fail } from '../errors.js';
import { importDetected } from '../core/detect.js';
import { Key, KeyPair, assertKey, providerOf } from '../core/key.js';
import type { KeySpec, Usage } from '../model/spec.js';
import type { KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';

/** A key as callers hand it over: a keysmith key, DER bytes, a PEM string, or base64 of the DER. */
export type KeyInput = Key | KeyPair | Uint8Array | string;

export interface KeyInputOptions {
  /** Which specs the key may have. */
  readonly accept: (spec: KeySpec) => boolean;
  /** Narrows `accept` to one spec (the caller named it). */
  readonly spec?: KeySpec;
  readonly usage?: Usage;
  /** Raw bytes may be a secret key of an accepted symmetric spec of that length. */
  readonly allowRaw?: boolean;
  /** What the input is called in error messages. */
  readonly what: string;
  /**
   * The provider the call runs on: encoded inputs are imported into it (default: the installed default
   * provider), and a keysmith key on another provider is UNSUPPORTED (keys never move between providers
   * quietly; export and import one to move it).
   */
  readonly provider?: KeyMaterialProvider;
  readonly attributes?: KeyAttributesInput;
}

/** UNSUPPORTED unless `key` lives on `provider`. */
export function requireSameProvider(key: Key | KeyPair, provider: KeyMaterialProvider, what: string): void {
  const own = providerOf(key);
  if (own !== provider) {
    fail('UNSUPPORTED', `${what} is on the ${own.name} provider, but this call runs on the ${provider.name} provider: one call uses one provider (export and import a key to move it)`);
  }
}

/**
 * Turns a key input into a validated keysmith key (importKey does the checks). Encoded inputs are tried
 * against every accepted spec and format; the first that decodes and validates wins. A key decoded here is
 * the caller's to release; a keysmith key passed in is returned as is.
 */
export async function keyFromInput(input: KeyInput, o: KeyInputOptions): Promise<Key | KeyPair> {
  const accept = (s: KeySpec) => o.accept(s) && (o.spec === undefined || o.spec === s);
  if (input instanceof Key || input instanceof KeyPair) {
    assertKey(input, o.what);
    if (!accept(input.spec)) fail('INVALID_ARGUMENT', `${o.what}: a ${input.spec.name} key cannot be used here`);
    if (o.provider) requireSameProvider(input, o.provider, o.what);
    return input;
  }
  if (!(input instanceof Uint8Array) && typeof input !== 'string') {
    fail('INVALID_ARGUMENT', `${o.what} must be a keysmith key, DER bytes, PEM or base64`);
  }
  const { key } = await importDetected(input, {
    accept,
    what: o.what,
    ...(o.usage ? { usage: o.usage } : {}),
    ...(o.allowRaw ? { allowRaw: true } : {}),
    ...(o.provider ? { provider: o.provider } : {}),
    ...(o.attributes ? { attributes: o.attributes } : {}),
  });
  return key;
}
