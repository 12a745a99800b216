import { fail } from '../errors.js';

/**
 * What a key is allowed to do with its material, chosen when the key is created (generated, imported,
 * unwrapped) and fixed for its life. Visible on `Key.attributes`.
 *
 * - `extractable`: whether private or secret material may leave in plaintext through `exportKey`. The
 *   public half of a pair is always readable. Whether a non-extractable key may still leave *wrapped* is
 *   the provider's (pure: yes; a PKCS#11 token: CKA_EXTRACTABLE; WebCrypto: no). The default is the
 *   provider's `extractableByDefault` (true for pure: a generation engine exists to hand keys out).
 * - `label`, `id`: a token object's CKA_LABEL / CKA_ID; kept on the key as given for providers without tokens.
 * - `persistent`: a token object that outlives the session (CKA_TOKEN). Only providers whose
 *   `supports(spec, usage, 'persist')` is true accept it; `release` never deletes it, `deleteKey` does.
 */
export interface KeyAttributes {
  readonly extractable: boolean;
  readonly label?: string;
  readonly id?: Uint8Array;
  readonly persistent: boolean;
}

/** What a caller may ask for; unset (or `undefined`) fields take the defaults. */
export interface KeyAttributesInput {
  /** Whether exportKey may write the private or secret material. Default: the provider's `extractableByDefault` (pure: true). */
  readonly extractable?: boolean | undefined;
  /** A token object's CKA_LABEL (at most 256 characters). Default: none. */
  readonly label?: string | undefined;
  /** A token object's CKA_ID (at most 256 bytes). Default: none. */
  readonly id?: Uint8Array | undefined;
  /** A token object that outlives the session (CKA_TOKEN); only providers that support 'persist'. Default: false. */
  readonly persistent?: boolean | undefined;
}

const KNOWN = ['extractable', 'label', 'id', 'persistent'];

/** Checks a caller's attributes and fills the defaults. INVALID_ARGUMENT for anything malformed. */
export function resolveAttributes(input: unknown, extractableByDefault: boolean): KeyAttributes {
  if (input === undefined) return Object.freeze({ extractable: extractableByDefault, persistent: false });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('INVALID_ARGUMENT', 'attributes must be an object');
  const a = input as Record<string, unknown>;
  const unknown = Object.keys(a).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) fail('INVALID_ARGUMENT', `unknown key attribute(s): ${unknown.map((k) => JSON.stringify(k.slice(0, 32))).join(', ')}`);
  for (const k of ['extractable', 'persistent']) {
    if (a[k] !== undefined && typeof a[k] !== 'boolean') fail('INVALID_ARGUMENT', `attributes.${k} must be a boolean`);
  }
  if (a.label !== undefined && (typeof a.label !== 'string' || a.label.length > 256)) fail('INVALID_ARGUMENT', 'attributes.label must be a string of at most 256 characters');
  if (a.id !== undefined && (!(a.id instanceof Uint8Array) || a.id.length > 256)) fail('INVALID_ARGUMENT', 'attributes.id must be a Uint8Array of at most 256 bytes');
  return Object.freeze({
    extractable: (a.extractable as boolean | undefined) ?? extractableByDefault,
    persistent: (a.persistent as boolean | undefined) ?? false,
    ...(a.label !== undefined ? { label: a.label as string } : {}),
    ...(a.id !== undefined ? { id: (a.id as Uint8Array).slice() } : {}),
  });
}

/** The attributes of a pair's public half: always extractable, otherwise as the private half. */
export function publicAttributes(a: KeyAttributes): KeyAttributes {
  return Object.freeze({ ...a, extractable: true, ...(a.id ? { id: a.id.slice() } : {}) });
}
