/**
 * What a key is made of, as plain values. Providers hand these over on export and take them on import;
 * the encoders in src/encoding turn them into standard formats. Secret fields are never logged.
 */
export interface SecretComponents {
  readonly kind: 'secret';
  readonly key: Uint8Array;
}

export interface RsaPublicComponents {
  readonly kind: 'rsa-public';
  readonly n: bigint;
  readonly e: bigint;
}

/** RFC 8017 §3.2, second representation (with the CRT values). */
export interface RsaPrivateComponents {
  readonly kind: 'rsa-private';
  readonly n: bigint;
  readonly e: bigint;
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly dp: bigint;
  readonly dq: bigint;
  readonly qi: bigint;
}

export interface EcPublicComponents {
  readonly kind: 'ec-public';
  /** Uncompressed SEC 1 point, 04 || X || Y. */
  readonly publicKey: Uint8Array;
}

export interface EcPrivateComponents {
  readonly kind: 'ec-private';
  /** The private scalar, big-endian, exactly `fieldBytes` long. */
  readonly d: Uint8Array;
  /** Uncompressed SEC 1 point, 04 || X || Y. */
  readonly publicKey: Uint8Array;
}

/** Ed25519 (RFC 8032 §5.1.5): the 32-byte seed and the encoded point A. */
export interface OkpPrivateComponents {
  readonly kind: 'okp-private';
  readonly seed: Uint8Array;
  /** 32 bytes; empty when a decoder read the seed alone (validateComponents derives it). */
  readonly publicKey: Uint8Array;
}

export interface OkpPublicComponents {
  readonly kind: 'okp-public';
  readonly publicKey: Uint8Array;
}

/**
 * ML-DSA (FIPS 204) and ML-KEM (FIPS 203) private keys: the seed (ξ, or d ‖ z), the expanded key it
 * determines (skEncode / dk) and the public key. `seed` is absent for a key imported from an expandedKey-only
 * PKCS#8; decoders may leave `expandedKey` / `publicKey` empty for validateComponents to derive from the seed.
 */
export interface PqPrivateComponents {
  readonly kind: 'pq-private';
  readonly seed?: Uint8Array;
  readonly expandedKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export interface PqPublicComponents {
  readonly kind: 'pq-public';
  readonly publicKey: Uint8Array;
}

export type PrivateComponents = RsaPrivateComponents | EcPrivateComponents | OkpPrivateComponents | PqPrivateComponents;
export type PublicComponents = RsaPublicComponents | EcPublicComponents | OkpPublicComponents | PqPublicComponents;
export type KeyComponents = SecretComponents | PrivateComponents | PublicComponents;

const PRIVATE_KINDS: ReadonlySet<string> = new Set(['rsa-private', 'ec-private', 'okp-private', 'pq-private']);
const PUBLIC_KINDS: ReadonlySet<string> = new Set(['rsa-public', 'ec-public', 'okp-public', 'pq-public']);

export function isPrivateComponents(c: KeyComponents): c is PrivateComponents {
  return PRIVATE_KINDS.has(c.kind);
}

export function isPublicComponents(c: KeyComponents): c is PublicComponents {
  return PUBLIC_KINDS.has(c.kind);
}

export function publicOf(c: PrivateComponents): PublicComponents {
  switch (c.kind) {
    case 'rsa-private':
      return { kind: 'rsa-public', n: c.n, e: c.e };
    case 'ec-private':
      return { kind: 'ec-public', publicKey: c.publicKey };
    case 'okp-private':
      return { kind: 'okp-public', publicKey: c.publicKey };
    case 'pq-private':
      return { kind: 'pq-public', publicKey: c.publicKey };
  }
}

/** Zeroes the byte buffers of a components object we own. BigInts cannot be wiped in JS. */
export function wipeComponents(c: KeyComponents): void {
  if (c.kind === 'secret') c.key.fill(0);
  else if (c.kind === 'ec-private') c.d.fill(0);
  else if (c.kind === 'okp-private') c.seed.fill(0);
  else if (c.kind === 'pq-private') {
    c.seed?.fill(0);
    c.expandedKey.fill(0);
  }
}
