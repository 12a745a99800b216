import { fail } from '../errors.js';
import { importDetected } from '../core/detect.js';
import { Key, KeyPair, assertKey, handleOf } from '../core/key.js';
import { callProvider } from '../core/options.js';
import type { KeyComponents } from '../model/components.js';
import type { KeySpec, Usage } from '../model/spec.js';

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
}

/**
 * Turns a key input into a validated keysmith key (importKey does the checks). Encoded inputs are tried
 * against every accepted spec and format; the first that decodes and validates wins.
 */
export async function keyFromInput(input: KeyInput, o: KeyInputOptions): Promise<Key | KeyPair> {
  const accept = (s: KeySpec) => o.accept(s) && (o.spec === undefined || o.spec === s);
  if (input instanceof Key || input instanceof KeyPair) {
    assertKey(input, o.what);
    if (!accept(input.spec)) fail('INVALID_ARGUMENT', `${o.what}: a ${input.spec.name} key cannot be used here`);
    return input;
  }
  if (!(input instanceof Uint8Array) && typeof input !== 'string') {
    fail('INVALID_ARGUMENT', `${o.what} must be a keysmith key, DER bytes, PEM or base64`);
  }
  const { key } = await importDetected(input, { accept, what: o.what, ...(o.usage ? { usage: o.usage } : {}), ...(o.allowRaw ? { allowRaw: true } : {}) });
  return key;
}

/** The components behind a key; UNSUPPORTED when its provider keeps the material inside. */
export async function componentsOf(key: Key): Promise<KeyComponents> {
  const handle = handleOf(key);
  return callProvider(key.provider, 'export', () => key.provider.exportComponents(key.spec, handle));
}
