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

export type PrivateComponents = RsaPrivateComponents | EcPrivateComponents;
export type PublicComponents = RsaPublicComponents | EcPublicComponents;
export type KeyComponents = SecretComponents | PrivateComponents | PublicComponents;

export function publicOf(c: PrivateComponents): PublicComponents {
  return c.kind === 'rsa-private' ? { kind: 'rsa-public', n: c.n, e: c.e } : { kind: 'ec-public', publicKey: c.publicKey };
}

/** Zeroes the byte buffers of a components object we own. BigInts cannot be wiped in JS. */
export function wipeComponents(c: KeyComponents): void {
  if (c.kind === 'secret') c.key.fill(0);
  else if (c.kind === 'ec-private') c.d.fill(0);
}
