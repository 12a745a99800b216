import type {
  EcPrivateComponents,
  EcPublicComponents,
  KeyComponents,
  PrivateComponents,
  PublicComponents,
  RsaPrivateComponents,
  RsaPublicComponents,
} from '../model/components.js';
import { isPrivateComponents, publicOf } from '../model/components.js';
import type { EcSpec, KeySpec, RsaSpec } from '../model/spec.js';
import { describeValue, fail, rethrowAs } from '../errors.js';
import { getSpec } from '../registry/lookup.js';
import type { ComponentKind } from '../model/kinds.js';
import { componentKindsFor } from '../model/kinds.js';
import { decodeJwk, encodeJwk, type Jwk } from './jwk.js';
import { pemDecode, pemEncode, type PemLabel } from './pem.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey, encodeRsaPrivateKey, encodeRsaPublicKey } from './pkcs1.js';
import { decodePkcs8, encodePkcs8 } from './pkcs8.js';
import { decodeEcPrivateKey, encodeEcPrivateKey } from './sec1.js';
import { decodeSpki, encodeSpki } from './spki.js';
import {
  checkPqForm, decodeModernJwk, decodeModernPkcs8, decodeModernRaw, decodeModernRawPublic, decodeModernSpki, encodeModernJwk,
  encodeModernPkcs8, encodeModernRaw, encodeModernRawPublic, encodeModernSpki, isModernSpec, type EncodeOptions,
} from './okp-pq-formats.js';

export type { EncodeOptions };
type ClassicSpec = RsaSpec | EcSpec;

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

/** What encodeComponents returns: bytes for raw/DER, a string for PEM, an object for JWK. */
export type EncodedKey = Uint8Array | string | Jwk;

/** Everything keysmith knows about a key format. */
export interface FormatEntry {
  readonly name: KeyFormat;
  /** The component kinds the format carries. Public formats also take the matching private kind on encode (the public half is written). */
  readonly kinds: readonly ComponentKind[];
  /** Carries only a public key: on a KeyPair it reads the public half, and it never needs an extractable key. */
  readonly public: boolean;
  /** What `exportKey` returns: raw bytes, DER bytes, a PEM string, a JWK object. */
  readonly output: 'raw' | 'der' | 'pem' | 'jwk';
  /** PEM formats: the labels read (the first of a kind is the one written). */
  readonly pemLabels: readonly PemLabel[];
  /** Applies only to specs with a registered JWK form (`spec.jwk`). */
  readonly jwkOnly: boolean;
  /** Writes components of `kinds` (checked by encodeComponents). Byte-identical to OpenSSL 3 (ML-DSA/ML-KEM: to the LAMPS examples). */
  readonly encode: (spec: KeySpec, c: KeyComponents, options?: EncodeOptions) => EncodedKey;
  /** Parses data into components (structure only; validateComponents does the math). */
  readonly decode: (spec: KeySpec, data: unknown) => KeyComponents;
}

function bytesIn(data: unknown, f: KeyFormat): Uint8Array {
  if (!(data instanceof Uint8Array)) fail('INVALID_FORMAT', `${f} input must be bytes`);
  return data;
}

/** A DER structure: its codec and the PEM labels it travels under. */
interface DerCodec {
  readonly kinds: readonly ComponentKind[];
  readonly labels: readonly PemLabel[];
  label(c: KeyComponents): PemLabel;
  encode(spec: KeySpec, c: KeyComponents, options?: EncodeOptions): Uint8Array;
  /** `label`: the PEM label it came under, when it came as PEM. */
  decode(spec: KeySpec, der: Uint8Array, label?: PemLabel): KeyComponents;
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

const CODECS = {
  pkcs8: {
    kinds: ['rsa-private', 'ec-private', 'okp-private', 'pq-private'],
    labels: ['PRIVATE KEY'],
    label: () => 'PRIVATE KEY',
    encode: (s, c, o) => (isModernSpec(s) ? encodeModernPkcs8(s, c, o) : encodePkcs8(s as ClassicSpec, c as PrivateComponents)),
    decode: (s, der) => (isModernSpec(s) ? decodeModernPkcs8(s, der) : decodePkcs8(s as ClassicSpec, der)),
  },
  spki: {
    kinds: ['rsa-public', 'ec-public', 'okp-public', 'pq-public'],
    labels: ['PUBLIC KEY'],
    label: () => 'PUBLIC KEY',
    encode: (s, c) => (isModernSpec(s) ? encodeModernSpki(s, c) : encodeSpki(s as ClassicSpec, c as PublicComponents)),
    decode: (s, der) => (isModernSpec(s) ? decodeModernSpki(s, der) : decodeSpki(s as ClassicSpec, der)),
  },
  pkcs1: {
    kinds: ['rsa-private', 'rsa-public'],
    labels: ['RSA PRIVATE KEY', 'RSA PUBLIC KEY'],
    label: (c) => (c.kind === 'rsa-private' ? 'RSA PRIVATE KEY' : 'RSA PUBLIC KEY'),
    encode: (_s, c) => (c.kind === 'rsa-private' ? encodeRsaPrivateKey(c as RsaPrivateComponents) : encodeRsaPublicKey(c as RsaPublicComponents)),
    decode: (_s, der, label) => (label === 'RSA PRIVATE KEY' ? decodeRsaPrivateKey(der) : label === 'RSA PUBLIC KEY' ? decodeRsaPublicKey(der) : decodePkcs1(der)),
  },
  sec1: {
    kinds: ['ec-private'],
    // OpenSSL 3.0 writes an SM2 key's ECPrivateKey as "SM2 PRIVATE KEY" (`openssl ec`); the DER inside names the
    // curve, and decodeEcPrivateKey checks it against the spec, so that label is read for any EC spec.
    labels: ['EC PRIVATE KEY', 'SM2 PRIVATE KEY'],
    label: () => 'EC PRIVATE KEY',
    encode: (s, c) => encodeEcPrivateKey(s as EcSpec, c as EcPrivateComponents, true),
    decode: (s, der) => decodeEcPrivateKey(s as EcSpec, der),
  },
} as const satisfies Record<string, DerCodec>;

function base(name: KeyFormat, kinds: readonly ComponentKind[], isPublic: boolean): Pick<FormatEntry, 'name' | 'kinds' | 'public' | 'pemLabels' | 'jwkOnly'> {
  return { name, kinds: Object.freeze([...kinds]), public: isPublic, pemLabels: Object.freeze([]), jwkOnly: false };
}

function derFormat(name: KeyFormat, codec: DerCodec, isPublic = false): FormatEntry {
  return { ...base(name, codec.kinds, isPublic), output: 'der', encode: (s, c, o) => codec.encode(s, c, o), decode: (s, d) => codec.decode(s, bytesIn(d, name)) };
}

function pemFormat(name: KeyFormat, codec: DerCodec, isPublic = false): FormatEntry {
  return {
    ...base(name, codec.kinds, isPublic),
    output: 'pem',
    pemLabels: Object.freeze([...codec.labels]),
    encode: (s, c, o) => pemEncode(codec.label(c), codec.encode(s, c, o)),
    decode: (s, d) => {
      const { label, der } = pemDecode(d, codec.labels);
      return codec.decode(s, der, label);
    },
  };
}

const table: readonly FormatEntry[] = [
  {
    // Ed25519, ML-DSA, ML-KEM: the seed (src/encoding/okp-pq-formats.ts)
    ...base('raw', ['secret', 'ec-private', 'okp-private', 'pq-private'], false),
    output: 'raw',
    encode: (s, c) => (isModernSpec(s) ? encodeModernRaw(s, c) : c.kind === 'secret' ? c.key.slice() : (c as EcPrivateComponents).d.slice()),
    decode: (s, d) => {
      const b = new Uint8Array(bytesIn(d, 'raw'));
      if (isModernSpec(s)) return decodeModernRaw(s, b);
      return s.family === 'symmetric' ? { kind: 'secret', key: b } : { kind: 'ec-private', d: b, publicKey: new Uint8Array(0) };
    },
  },
  {
    // Ed25519: the 32-byte point; ML-DSA / ML-KEM: the encoded public key (FIPS 204 pkEncode, FIPS 203 ek)
    ...base('raw-public', ['ec-public', 'okp-public', 'pq-public'], true),
    output: 'raw',
    encode: (s, c) => (isModernSpec(s) ? encodeModernRawPublic(s, c) : (c as EcPublicComponents).publicKey.slice()),
    decode: (s, d) => (isModernSpec(s) ? decodeModernRawPublic(s, bytesIn(d, 'raw-public').slice()) : { kind: 'ec-public', publicKey: bytesIn(d, 'raw-public').slice() }),
  },
  derFormat('pkcs8-der', CODECS.pkcs8),
  pemFormat('pkcs8-pem', CODECS.pkcs8),
  derFormat('spki-der', CODECS.spki, true),
  pemFormat('spki-pem', CODECS.spki, true),
  derFormat('pkcs1-der', CODECS.pkcs1),
  pemFormat('pkcs1-pem', CODECS.pkcs1),
  derFormat('sec1-der', CODECS.sec1),
  pemFormat('sec1-pem', CODECS.sec1),
  {
    // Ed25519: OKP (RFC 8037); ML-DSA: AKP (draft-ietf-cose-dilithium); ML-KEM has no JWK (no spec.jwk: UNSUPPORTED)
    ...base('jwk', ['secret', 'rsa-private', 'ec-private', 'okp-private', 'pq-private'], false),
    jwkOnly: true,
    output: 'jwk',
    encode: (s, c) => (isModernSpec(s) ? encodeModernJwk(s, c) : encodeJwk(s, c)) as Jwk,
    decode: (s, d) => (isModernSpec(s) ? decodeModernJwk(s, d, true) : decodeJwk(s, d, true)),
  },
  {
    ...base('jwk-public', ['rsa-public', 'ec-public', 'okp-public', 'pq-public'], true),
    jwkOnly: true,
    output: 'jwk',
    encode: (s, c) => (isModernSpec(s) ? encodeModernJwk(s, c) : encodeJwk(s, c)) as Jwk,
    decode: (s, d) => (isModernSpec(s) ? decodeModernJwk(s, d, false) : decodeJwk(s, d, false)),
  },
];

/** The one table of key formats: every fact about a format lives in its entry. */
export const FORMATS: Readonly<Record<KeyFormat, FormatEntry>> = Object.freeze(
  Object.fromEntries(table.map((f) => [f.name, Object.freeze(f)])) as Record<KeyFormat, FormatEntry>,
);

export const KEY_FORMATS: readonly KeyFormat[] = Object.freeze(table.map((f) => f.name));

/** Which component kinds each format can carry (from FORMATS). */
export const FORMAT_KINDS: Readonly<Record<KeyFormat, readonly ComponentKind[]>> = Object.freeze(
  Object.fromEntries(table.map((f) => [f.name, f.kinds])) as Record<KeyFormat, readonly ComponentKind[]>,
);

export function isKeyFormat(f: unknown): f is KeyFormat {
  return typeof f === 'string' && Object.hasOwn(FORMATS, f);
}

/** The formats that apply to a spec at all (some only to its private or only to its public half). */
export function formatsFor(spec: KeySpec): KeyFormat[] {
  const kinds = componentKindsFor(spec);
  return KEY_FORMATS.filter((f) => FORMATS[f].kinds.some((k) => kinds.includes(k)) && (!FORMATS[f].jwkOnly || spec.jwk !== undefined));
}

/** Formats that carry only a public key (pkcs1 carries either, by the components given). */
export function isPublicFormat(format: KeyFormat): boolean {
  return FORMATS[format].public;
}

/** The PEM format a label is read as (for detecting the format of a PEM text), or undefined. */
export function formatOfPemLabel(label: string): KeyFormat | undefined {
  return table.find((f) => f.pemLabels.includes(label as PemLabel))?.name;
}

/** The DER formats, in table order (for detecting the format of DER bytes). */
export const DER_FORMATS: readonly KeyFormat[] = Object.freeze(table.filter((f) => f.output === 'der').map((f) => f.name));

export function checkFormat(format: unknown): KeyFormat {
  if (!isKeyFormat(format)) fail('INVALID_ARGUMENT', `unknown key format ${describeValue(format, 32)}; known: ${KEY_FORMATS.join(', ')}`);
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
export function encodeComponents(keySpec: KeySpec, components: KeyComponents, format: KeyFormat, options?: EncodeOptions): EncodedKey {
  const spec = getSpec(keySpec);
  const f = FORMATS[checkFormat(format)];
  if (typeof components !== 'object' || components === null || !componentKindsFor(spec).includes(components.kind)) {
    fail('INVALID_ARGUMENT', `${spec.name}: components do not belong to this spec`);
  }
  const o = checkEncodeOptions(spec, f, options);
  let c = components;
  if (f.public && isPrivateComponents(c)) c = publicOf(c);
  if (!f.kinds.includes(c.kind)) unsupported(spec, f.name, c.kind);
  return rethrowAs('INVALID_ARGUMENT', `${spec.name}: components cannot be encoded as ${f.name}`, () => f.encode(spec, c, o));
}

/** `pqForm` applies to the PKCS#8 of ML-DSA and ML-KEM keys; anywhere else it is INVALID_ARGUMENT, never ignored. */
function checkEncodeOptions(spec: KeySpec, f: FormatEntry, options: EncodeOptions | undefined): EncodeOptions {
  if (options === undefined || options.pqForm === undefined) return {};
  const form = checkPqForm(options.pqForm);
  if ((spec.family !== 'ml-dsa' && spec.family !== 'ml-kem') || (f.name !== 'pkcs8-der' && f.name !== 'pkcs8-pem')) {
    fail('INVALID_ARGUMENT', `pqForm applies to the PKCS#8 of ML-DSA and ML-KEM keys, not to ${spec.name} ${f.name}`);
  }
  return { pqForm: form };
}

/**
 * Parses `data` in `format` into components for `spec`. Structure only: DER must be well-formed and
 * canonical, OIDs must match the spec; the math (point on curve, n = p·q, …) is validateComponents' job.
 * An EC private key read without its public point has an empty `publicKey`; validateComponents fills it in.
 */
export function decodeComponents(keySpec: KeySpec, data: Uint8Array | string | object, format: KeyFormat): KeyComponents {
  const spec = getSpec(keySpec);
  const f = FORMATS[checkFormat(format)];
  const kinds = componentKindsFor(spec);
  if (!f.kinds.some((k) => kinds.includes(k))) unsupported(spec, f.name);
  return f.decode(spec, data);
}
