import { fromBase64 } from '../bytes.js';
import { fail, isKeysmithError, KeysmithError } from '../errors.js';
import { importKey } from '../core/import.js';
import { Key, KeyPair, assertKey, handleOf } from '../core/key.js';
import { callProvider } from '../core/options.js';
import type { KeyComponents } from '../core/components.js';
import type { KeyFormat } from '../encoding/formats.js';
import { specs } from '../registry/specs.js';
import type { KeySpec, Usage } from '../registry/types.js';

/** A key as callers hand it over: a keysmith key, DER bytes, a PEM string, or base64 of the DER. */
export type KeyInput = Key | KeyPair | Uint8Array | string;

const PEM_FORMATS: Readonly<Record<string, KeyFormat>> = Object.freeze({
  'PRIVATE KEY': 'pkcs8-pem',
  'PUBLIC KEY': 'spki-pem',
  'RSA PRIVATE KEY': 'pkcs1-pem',
  'RSA PUBLIC KEY': 'pkcs1-pem',
  'EC PRIVATE KEY': 'sec1-pem',
});
const DER_FORMATS: readonly KeyFormat[] = ['pkcs8-der', 'spki-der', 'pkcs1-der', 'sec1-der'];
const MAX_INPUT = 1 << 20;

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

function usageFor(spec: KeySpec, usage: Usage | undefined): Usage {
  if (usage) return usage;
  return spec.usages.includes('ENCRYPT_DECRYPT') ? 'ENCRYPT_DECRYPT' : spec.defaultUsage;
}

function candidates(data: Uint8Array | string, allowRaw: boolean): { data: Uint8Array | string; formats: readonly KeyFormat[] } {
  if (typeof data === 'string') {
    if (data.length > MAX_INPUT) fail('INVALID_FORMAT', 'key input too large');
    const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(data)?.[1];
    if (label !== undefined) {
      const f = Object.hasOwn(PEM_FORMATS, label) ? PEM_FORMATS[label] : undefined;
      if (!f) fail('INVALID_FORMAT', `unsupported PEM label ${JSON.stringify(label.slice(0, 32))}`);
      return { data, formats: [f] };
    }
    return candidates(fromBase64(data), allowRaw);
  }
  return { data, formats: allowRaw ? [...DER_FORMATS, 'raw'] : DER_FORMATS };
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
  const { data, formats } = candidates(input, o.allowRaw ?? false);
  let best: KeysmithError | undefined;
  for (const spec of specs.filter(accept)) {
    for (const format of formats) {
      if (format === 'raw' && spec.family !== 'symmetric') continue;
      try {
        return await importKey(spec, data, format, { usage: usageFor(spec, o.usage) });
      } catch (e) {
        if (!isKeysmithError(e)) throw e;
        // prefer the most telling failure: a well-formed key that does not fit over a parse error
        if (!best || (best.code !== 'INVALID_KEY' && e.code === 'INVALID_KEY')) best = e;
      }
    }
  }
  const code = best?.code === 'INVALID_KEY' ? 'INVALID_KEY' : 'INVALID_FORMAT';
  throw new KeysmithError(code, `${o.what}: not a key of an accepted spec in a supported encoding`, best ? { cause: best } : undefined);
}

/** The components behind a key; UNSUPPORTED when its provider keeps the material inside. */
export async function componentsOf(key: Key): Promise<KeyComponents> {
  const handle = handleOf(key);
  return callProvider(key.provider, 'export', () => key.provider.exportComponents(key.spec, handle));
}
