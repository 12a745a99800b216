import type { KeyComponents, OkpPrivateComponents, PqPrivateComponents } from '../model/components.js';
import type { EdwardsSpec, KeySpec, MlDsaSpec, MlKemSpec, PqSpec } from '../model/spec.js';
import { fail } from '../errors.js';
import { decodeEd25519Jwk, decodeEd25519Pkcs8, decodeEd25519Spki, encodeEd25519Jwk, encodeEd25519Pkcs8, encodeEd25519Spki } from './okp.js';
import {
  decodePqPkcs8, decodePqSpki, encodePqPkcs8, encodePqSpki, mlDsaScheme, mlKemScheme, PQ_PRIVATE_FORMS, type PqPrivateForm, type PqScheme,
} from './pq-private.js';
import { decodeMlDsaJwk, encodeMlDsaJwk } from './akp.js';

/**
 * The formats of the specs whose AlgorithmIdentifier is a bare OID (RFC 8410, RFC 9881, the LAMPS ML-KEM
 * draft): Ed25519 (family `edwards`) and ML-DSA / ML-KEM (families `ml-dsa`, `ml-kem`). FORMATS
 * (src/encoding/formats.ts) routes these families here; the codecs themselves are okp.ts, pq-private.ts, akp.ts.
 */

export type ModernSpec = EdwardsSpec | PqSpec;

export function isModernSpec(spec: KeySpec): spec is ModernSpec {
  return spec.family === 'edwards' || spec.family === 'ml-dsa' || spec.family === 'ml-kem';
}

/** Options of `exportKey` that shape an encoding. */
export interface EncodeOptions {
  /**
   * ML-DSA / ML-KEM PKCS#8 only: which CHOICE alternative of the private key to write (RFC 9881 §6; the
   * LAMPS ML-KEM draft §6): `seed` (default, RECOMMENDED), `expanded` or `both`. A key imported from an
   * expandedKey-only encoding has no seed and can only be written as `expanded`.
   */
  readonly pqForm?: PqPrivateForm | undefined;
}

export function checkPqForm(form: unknown): PqPrivateForm {
  if (!(PQ_PRIVATE_FORMS as readonly unknown[]).includes(form)) fail('INVALID_ARGUMENT', `pqForm must be one of ${PQ_PRIVATE_FORMS.join(', ')}`);
  return form as PqPrivateForm;
}

export function pqScheme(spec: PqSpec): PqScheme {
  return spec.family === 'ml-dsa' ? mlDsaScheme((spec as MlDsaSpec).level) : mlKemScheme((spec as MlKemSpec).level);
}

const EMPTY = new Uint8Array(0);

function okpPrivate(c: KeyComponents): OkpPrivateComponents {
  if (c.kind !== 'okp-private') fail('INVALID_ARGUMENT', `expected okp-private components, got ${c.kind}`);
  return c;
}

function pqPrivate(c: KeyComponents): PqPrivateComponents {
  if (c.kind !== 'pq-private') fail('INVALID_ARGUMENT', `expected pq-private components, got ${c.kind}`);
  return c;
}

function publicKeyOf(spec: ModernSpec, c: KeyComponents): Uint8Array {
  const want = spec.family === 'edwards' ? 'okp-public' : 'pq-public';
  if (c.kind !== want) fail('INVALID_ARGUMENT', `expected ${want} components, got ${c.kind}`);
  return (c as { publicKey: Uint8Array }).publicKey;
}

/** PKCS#8: Ed25519 v1 as OpenSSL writes it (RFC 8410 §7); ML-DSA/ML-KEM in the form asked for (seed by default). */
export function encodeModernPkcs8(spec: ModernSpec, c: KeyComponents, options: EncodeOptions = {}): Uint8Array {
  if (spec.family === 'edwards') {
    if (options.pqForm !== undefined) fail('INVALID_ARGUMENT', 'pqForm applies to ML-DSA and ML-KEM keys only');
    return encodeEd25519Pkcs8(okpPrivate(c).seed);
  }
  const k = pqPrivate(c);
  return encodePqPkcs8(pqScheme(spec), { ...(k.seed ? { seed: k.seed } : {}), expandedKey: k.expandedKey, publicKey: k.publicKey }, { form: options.pqForm ?? 'seed' });
}

/** PKCS#8 v1 or v2 (OneAsymmetricKey), any of the three PQ private-key forms; structure and consistency checked. */
export function decodeModernPkcs8(spec: ModernSpec, der: Uint8Array): KeyComponents {
  if (spec.family === 'edwards') {
    const k = decodeEd25519Pkcs8(der);
    return { kind: 'okp-private', seed: k.seed, publicKey: k.publicKey };
  }
  const k = decodePqPkcs8(pqScheme(spec), der);
  return { kind: 'pq-private', ...(k.seed ? { seed: k.seed } : {}), expandedKey: k.expandedKey, publicKey: k.publicKey };
}

export function encodeModernSpki(spec: ModernSpec, c: KeyComponents): Uint8Array {
  const pk = publicKeyOf(spec, c);
  return spec.family === 'edwards' ? encodeEd25519Spki(pk) : encodePqSpki(pqScheme(spec), pk);
}

export function decodeModernSpki(spec: ModernSpec, der: Uint8Array): KeyComponents {
  if (spec.family === 'edwards') return { kind: 'okp-public', publicKey: decodeEd25519Spki(der) };
  return { kind: 'pq-public', publicKey: decodePqSpki(pqScheme(spec), der) };
}

/** `raw`: the seed (Ed25519's 32 bytes, ML-DSA's ξ, ML-KEM's d ‖ z). A PQ key imported without its seed has none. */
export function encodeModernRaw(spec: ModernSpec, c: KeyComponents): Uint8Array {
  if (spec.family === 'edwards') return okpPrivate(c).seed.slice();
  const k = pqPrivate(c);
  if (k.seed === undefined) fail('UNSUPPORTED', `${spec.name}: the key was imported without its seed; raw (the seed) cannot be written (use pkcs8 with pqForm 'expanded')`);
  return k.seed.slice();
}

/** The seed alone; validateComponents derives the rest. */
export function decodeModernRaw(spec: ModernSpec, seed: Uint8Array): KeyComponents {
  if (spec.family === 'edwards') return { kind: 'okp-private', seed, publicKey: EMPTY };
  return { kind: 'pq-private', seed, expandedKey: EMPTY, publicKey: EMPTY };
}

export function encodeModernRawPublic(spec: ModernSpec, c: KeyComponents): Uint8Array {
  return publicKeyOf(spec, c).slice();
}

export function decodeModernRawPublic(spec: ModernSpec, publicKey: Uint8Array): KeyComponents {
  return spec.family === 'edwards' ? { kind: 'okp-public', publicKey } : { kind: 'pq-public', publicKey };
}

/** JWK: OKP for Ed25519 (RFC 8037 §2), AKP for ML-DSA (draft-ietf-cose-dilithium); ML-KEM has none (UNSUPPORTED). */
export function encodeModernJwk(spec: ModernSpec, c: KeyComponents): object {
  if (spec.family === 'ml-kem') fail('UNSUPPORTED', `${spec.name}: no JWK representation is defined for ML-KEM`);
  if (spec.family === 'edwards') {
    return c.kind === 'okp-private' ? encodeEd25519Jwk({ seed: c.seed, publicKey: c.publicKey }) : encodeEd25519Jwk({ publicKey: publicKeyOf(spec, c) });
  }
  if (c.kind === 'pq-private') return encodeMlDsaJwk(spec.level, { ...(c.seed ? { seed: c.seed } : {}), publicKey: c.publicKey }, true);
  return encodeMlDsaJwk(spec.level, { publicKey: publicKeyOf(spec, c) }, false);
}

export function decodeModernJwk(spec: ModernSpec, data: unknown, wantPrivate: boolean): KeyComponents {
  if (spec.family === 'ml-kem') fail('UNSUPPORTED', `${spec.name}: no JWK representation is defined for ML-KEM`);
  if (spec.family === 'edwards') {
    const k = decodeEd25519Jwk(data, wantPrivate);
    return k.seed ? { kind: 'okp-private', seed: k.seed, publicKey: k.publicKey } : { kind: 'okp-public', publicKey: k.publicKey };
  }
  const k = decodeMlDsaJwk(spec.level, data, wantPrivate);
  return k.seed ? { kind: 'pq-private', seed: k.seed, expandedKey: k.expandedKey ?? EMPTY, publicKey: k.publicKey } : { kind: 'pq-public', publicKey: k.publicKey };
}
