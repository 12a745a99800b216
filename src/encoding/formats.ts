import type {
  EcPrivateComponents,
  EcPublicComponents,
  KeyComponents,
  PrivateComponents,
  PublicComponents,
  RsaPublicComponents,
} from '../model/components.js';
import { publicOf } from '../model/components.js';
import type { AsymmetricSpec, EcSpec, KeySpec } from '../model/spec.js';
import { describeValue, fail, rethrowAs } from '../errors.js';
import { getSpec } from '../registry/lookup.js';
import type { ComponentKind } from '../model/kinds.js';
import { componentKindsFor } from '../model/kinds.js';
import { decodeJwk, encodeJwk } from './jwk.js';
import { pemDecode, pemEncode } from './pem.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey, encodeRsaPrivateKey, encodeRsaPublicKey } from './pkcs1.js';
import { decodePkcs8, encodePkcs8 } from './pkcs8.js';
import { decodeEcPrivateKey, encodeEcPrivateKey } from './sec1.js';
import { decodeSpki, encodeSpki } from './spki.js';

export type { ComponentKind };

export type KeyFormat =
  | 'raw'
  | 'raw-public'
  | 'pkcs8-der'
  | 'pkcs8-pem'
  | 'spki-der'
  | 'spki-pem'
  | 'pkcs1-der'
  | 'pkcs1-pem'
  | 'sec1-der'
  | 'sec1-pem'
  | 'jwk'
  | 'jwk-public';

export const KEY_FORMATS: readonly KeyFormat[] = Object.freeze([
  'raw',
  'raw-public',
  'pkcs8-der',
  'pkcs8-pem',
  'spki-der',
  'spki-pem',
  'pkcs1-der',
  'pkcs1-pem',
  'sec1-der',
  'sec1-pem',
  'jwk',
  'jwk-public',
] as const);

/**
 * Which component kinds each format can carry. Public formats also take the matching private kind on
 * encode (the public half is written). JWK applies only to specs that have a registered JWK form (`spec.jwk`).
 */
export const FORMAT_KINDS: Readonly<Record<KeyFormat, readonly ComponentKind[]>> = Object.freeze({
  raw: Object.freeze(['secret', 'ec-private'] as const),
  'raw-public': Object.freeze(['ec-public'] as const),
  'pkcs8-der': Object.freeze(['rsa-private', 'ec-private'] as const),
  'pkcs8-pem': Object.freeze(['rsa-private', 'ec-private'] as const),
  'spki-der': Object.freeze(['rsa-public', 'ec-public'] as const),
  'spki-pem': Object.freeze(['rsa-public', 'ec-public'] as const),
  'pkcs1-der': Object.freeze(['rsa-private', 'rsa-public'] as const),
  'pkcs1-pem': Object.freeze(['rsa-private', 'rsa-public'] as const),
  'sec1-der': Object.freeze(['ec-private'] as const),
  'sec1-pem': Object.freeze(['ec-private'] as const),
  jwk: Object.freeze(['secret', 'rsa-private', 'ec-private'] as const),
  'jwk-public': Object.freeze(['rsa-public', 'ec-public'] as const),
});

export function isKeyFormat(f: unknown): f is KeyFormat {
  return typeof f === 'string' && (KEY_FORMATS as readonly string[]).includes(f);
}

/** The formats that apply to a spec at all (some only to its private or only to its public half). */
export function formatsFor(spec: KeySpec): KeyFormat[] {
  const kinds = componentKindsFor(spec);
  return KEY_FORMATS.filter(
    (f) => FORMAT_KINDS[f].some((k) => kinds.includes(k)) && (!f.startsWith('jwk') || spec.jwk !== undefined),
  );
}

/** What encodeComponents returns: bytes for raw/DER, a string for PEM, an object for JWK. */
export type EncodedKey = Uint8Array | string | JsonWebKey;

const PUBLIC_FORMATS: readonly KeyFormat[] = Object.freeze(['raw-public', 'spki-der', 'spki-pem', 'jwk-public'] as const);

/** Formats that carry only a public key (pkcs1 carries either, by the components given). */
export function isPublicFormat(format: KeyFormat): boolean {
  return PUBLIC_FORMATS.includes(format);
}

function checkFormat(format: unknown): KeyFormat {
  if (!isKeyFormat(format)) fail('INVALID_ARGUMENT', `unknown key format ${describeValue(format, 32)}`);
  return format;
}

function unsupported(spec: KeySpec, format: KeyFormat, kind?: ComponentKind): never {
  return fail('UNSUPPORTED', `${spec.name}: format ${format} does not apply${kind ? ` to ${kind} components` : ''}`);
}

/**
 * Writes components in `format`: DER formats give bytes, PEM formats a string, JWK formats an object.
 * Public formats take private components too and write their public half. The output is byte-identical
 * to what OpenSSL 3 writes for the same key.
 */
export function encodeComponents(keySpec: KeySpec, components: KeyComponents, format: KeyFormat): EncodedKey {
  const spec = getSpec(keySpec);
  const f = checkFormat(format);
  if (typeof components !== 'object' || components === null || !componentKindsFor(spec).includes(components.kind)) {
    fail('INVALID_ARGUMENT', `${spec.name}: components do not belong to this spec`);
  }
  let c = components;
  if (PUBLIC_FORMATS.includes(f) && (c.kind === 'rsa-private' || c.kind === 'ec-private')) c = publicOf(c);
  if (!FORMAT_KINDS[f].includes(c.kind)) unsupported(spec, f, c.kind);
  return rethrowAs('INVALID_ARGUMENT', `${spec.name}: components cannot be encoded as ${f}`, () => encodeChecked(spec, c, f));
}

function encodeChecked(spec: KeySpec, c: KeyComponents, f: KeyFormat): EncodedKey {
  switch (f) {
    case 'raw':
      return c.kind === 'secret' ? c.key.slice() : (c as EcPrivateComponents).d.slice();
    case 'raw-public':
      return (c as EcPublicComponents).publicKey.slice();
    case 'pkcs8-der':
    case 'pkcs8-pem': {
      const der = encodePkcs8(spec as AsymmetricSpec, c as PrivateComponents);
      return f === 'pkcs8-der' ? der : pemEncode('PRIVATE KEY', der);
    }
    case 'spki-der':
    case 'spki-pem': {
      const der = encodeSpki(spec as AsymmetricSpec, c as PublicComponents);
      return f === 'spki-der' ? der : pemEncode('PUBLIC KEY', der);
    }
    case 'pkcs1-der':
    case 'pkcs1-pem': {
      const priv = c.kind === 'rsa-private';
      const der = priv ? encodeRsaPrivateKey(c) : encodeRsaPublicKey(c as RsaPublicComponents);
      return f === 'pkcs1-der' ? der : pemEncode(priv ? 'RSA PRIVATE KEY' : 'RSA PUBLIC KEY', der);
    }
    case 'sec1-der':
    case 'sec1-pem': {
      const der = encodeEcPrivateKey(spec as EcSpec, c as EcPrivateComponents, true);
      return f === 'sec1-der' ? der : pemEncode('EC PRIVATE KEY', der);
    }
    case 'jwk':
    case 'jwk-public':
      return encodeJwk(spec, c) as JsonWebKey;
  }
}

function bytesIn(data: unknown, f: KeyFormat): Uint8Array {
  if (!(data instanceof Uint8Array)) fail('INVALID_FORMAT', `${f} input must be bytes`);
  return data;
}

/**
 * Parses `data` in `format` into components for `spec`. Structure only: DER must be well-formed and
 * canonical, OIDs must match the spec; the math (point on curve, n = p·q, …) is validateComponents' job.
 * An EC private key read without its public point has an empty `publicKey`; validateComponents fills it in.
 */
export function decodeComponents(keySpec: KeySpec, data: Uint8Array | string | object, format: KeyFormat): KeyComponents {
  const spec = getSpec(keySpec);
  const f = checkFormat(format);
  const kinds = componentKindsFor(spec);
  if (!FORMAT_KINDS[f].some((k) => kinds.includes(k))) unsupported(spec, f);
  switch (f) {
    case 'raw': {
      const b = bytesIn(data, f).slice();
      return spec.family === 'symmetric' ? { kind: 'secret', key: b } : { kind: 'ec-private', d: b, publicKey: new Uint8Array(0) };
    }
    case 'raw-public':
      return { kind: 'ec-public', publicKey: bytesIn(data, f).slice() };
    case 'pkcs8-der':
      return decodePkcs8(spec as AsymmetricSpec, bytesIn(data, f));
    case 'pkcs8-pem':
      return decodePkcs8(spec as AsymmetricSpec, pemDecode(data, ['PRIVATE KEY']).der);
    case 'spki-der':
      return decodeSpki(spec as AsymmetricSpec, bytesIn(data, f));
    case 'spki-pem':
      return decodeSpki(spec as AsymmetricSpec, pemDecode(data, ['PUBLIC KEY']).der);
    case 'pkcs1-der':
      return decodePkcs1(bytesIn(data, f));
    case 'pkcs1-pem': {
      const { label, der } = pemDecode(data, ['RSA PRIVATE KEY', 'RSA PUBLIC KEY']);
      return label === 'RSA PRIVATE KEY' ? decodeRsaPrivateKey(der) : decodeRsaPublicKey(der);
    }
    case 'sec1-der':
      return decodeEcPrivateKey(spec as EcSpec, bytesIn(data, f));
    case 'sec1-pem':
      // OpenSSL 3.0 writes SM2 keys' ECPrivateKey as "SM2 PRIVATE KEY"; the DER inside names the curve, and
      // decodeEcPrivateKey checks it against the spec, so that label is read for any EC spec.
      return decodeEcPrivateKey(spec as EcSpec, pemDecode(data, ['EC PRIVATE KEY', 'SM2 PRIVATE KEY']).der);
    case 'jwk':
    case 'jwk-public':
      return decodeJwk(spec, data, f === 'jwk');
  }
}

/** PKCS#1 DER without a PEM label: an RSAPublicKey is a SEQUENCE of two INTEGERs, an RSAPrivateKey of nine. */
function decodePkcs1(der: Uint8Array): KeyComponents {
  try {
    return decodeRsaPrivateKey(der);
  } catch (privateError) {
    try {
      return decodeRsaPublicKey(der);
    } catch {
      throw privateError;
    }
  }
}
