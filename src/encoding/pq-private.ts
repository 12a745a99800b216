import { concatBytes, equalBytes } from '../bytes.js';
import { fail } from '../errors.js';
import { mlDsaKeyFromSeed, mlDsaParams, mlDsaPublicKeyFromExpanded, type MlDsaLevel } from '../pq/ml-dsa.js';
import { mlKemCheckPublicKey, mlKemKeyFromSeed, mlKemParams, mlKemPublicKeyFromExpanded, type MlKemLevel } from '../pq/ml-kem.js';
import { decodeBareSpki, decodeOneAsymmetricKey, encodeBareSpki, encodeOneAsymmetricKey } from './one-asymmetric-key.js';

/**
 * ML-DSA (RFC 9881 §6) and ML-KEM (draft-ietf-lamps-kyber-certificates §6) private keys in PKCS#8, and their
 * SPKI. The privateKey OCTET STRING holds
 *   CHOICE { seed [0] IMPLICIT OCTET STRING, expandedKey OCTET STRING, both SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING } }
 * and the AlgorithmIdentifier is the bare OID (parameters ABSENT).
 */

/** One parameter set of ML-DSA or ML-KEM, as the encoders need it. */
export interface PqScheme {
  readonly name: string;
  readonly oid: string;
  readonly seedBytes: number;
  readonly expandedKeyBytes: number;
  readonly publicKeyBytes: number;
  fromSeed(seed: Uint8Array): { publicKey: Uint8Array; expandedKey: Uint8Array };
  /** The public key of a self-consistent expanded key; INVALID_KEY otherwise. */
  fromExpanded(expandedKey: Uint8Array): Uint8Array;
  /** INVALID_KEY unless `publicKey` is a well-formed public key of this parameter set. */
  checkPublicKey(publicKey: Uint8Array): void;
}

type PqSizes = Pick<PqScheme, 'name' | 'oid' | 'seedBytes' | 'expandedKeyBytes' | 'publicKeyBytes'>;

/** A frozen scheme: a parameter set's sizes and its three key functions. */
function pqScheme(p: PqSizes, fns: Pick<PqScheme, 'fromSeed' | 'fromExpanded' | 'checkPublicKey'>): PqScheme {
  const { name, oid, seedBytes, expandedKeyBytes, publicKeyBytes } = p;
  return Object.freeze({ name, oid, seedBytes, expandedKeyBytes, publicKeyBytes, ...fns });
}

export function mlDsaScheme(level: MlDsaLevel): PqScheme {
  const p = mlDsaParams(level);
  return pqScheme(p, {
    fromSeed: (seed) => mlDsaKeyFromSeed(level, seed),
    fromExpanded: (sk) => mlDsaPublicKeyFromExpanded(level, sk),
    // pkDecode (FIPS 204 Algorithm 23) accepts every 10-bit t1 value, so the length is the whole check.
    checkPublicKey: (pk) => {
      if (pk.length !== p.publicKeyBytes) fail('INVALID_KEY', `${p.name}: the public key must be ${p.publicKeyBytes} bytes`);
    },
  });
}

export function mlKemScheme(level: MlKemLevel): PqScheme {
  return pqScheme(mlKemParams(level), {
    fromSeed: (seed) => mlKemKeyFromSeed(level, seed),
    fromExpanded: (dk) => mlKemPublicKeyFromExpanded(level, dk),
    checkPublicKey: (pk) => mlKemCheckPublicKey(level, pk),
  });
}

/** Which CHOICE alternative to write. `seed` is the RECOMMENDED one and keysmith's default. */
export type PqPrivateForm = 'seed' | 'expanded' | 'both';
export const PQ_PRIVATE_FORMS: readonly PqPrivateForm[] = Object.freeze(['seed', 'expanded', 'both']);

/** A decoded, consistency-checked private key. `seed` is absent when the input was expandedKey only. */
export interface PqPrivateKey {
  readonly seed?: Uint8Array;
  readonly expandedKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The CHOICE alternative the input used. */
  readonly form: PqPrivateForm;
}

// --- the inner CHOICE: three fixed shapes, so a strict DER TLV reader is all it takes -------------------

const TAG_SEED = 0x80; // [0] IMPLICIT OCTET STRING, primitive
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  if (n > 0xffff) fail('INVALID_ARGUMENT', 'DER element too long');
  return concatBytes(Uint8Array.of(tag, ...len), content);
}

/** Reads one TLV at `pos` with a minimal (DER, X.690 §10.1) definite length. */
function readTlv(b: Uint8Array, pos: number, what: string): { tag: number; content: Uint8Array; end: number } {
  if (pos + 2 > b.length) fail('INVALID_FORMAT', `${what}: truncated`);
  const tag = b[pos]!;
  let len = b[pos + 1]!;
  let at = pos + 2;
  if (len === 0x81) {
    len = b[at++] ?? -1;
    if (len < 0x80) fail('INVALID_FORMAT', `${what}: length not minimally encoded`);
  } else if (len === 0x82) {
    if (at + 2 > b.length) fail('INVALID_FORMAT', `${what}: truncated`);
    len = (b[at]! << 8) | b[at + 1]!;
    at += 2;
    if (len < 0x100) fail('INVALID_FORMAT', `${what}: length not minimally encoded`);
  } else if (len >= 0x80) {
    fail('INVALID_FORMAT', `${what}: unsupported length encoding`);
  }
  if (at + len > b.length) fail('INVALID_FORMAT', `${what}: truncated`);
  return { tag, content: b.subarray(at, at + len), end: at + len };
}

function readWhole(b: Uint8Array, what: string): { tag: number; content: Uint8Array } {
  const t = readTlv(b, 0, what);
  if (t.end !== b.length) fail('INVALID_FORMAT', `${what}: trailing data`);
  return t;
}

function sized(s: PqScheme, bytes: Uint8Array, n: number, part: string): Uint8Array {
  if (bytes.length !== n) fail('INVALID_KEY', `${s.name}: ${part} must be ${n} bytes`);
  return bytes;
}

/** The privateKey OCTET STRING's contents for `form`. */
export function encodePqPrivateKeyChoice(s: PqScheme, key: { seed?: Uint8Array; expandedKey: Uint8Array }, form: PqPrivateForm = 'seed'): Uint8Array {
  if (!PQ_PRIVATE_FORMS.includes(form)) fail('INVALID_ARGUMENT', `unknown private key form; known: ${PQ_PRIVATE_FORMS.join(', ')}`);
  if (form !== 'expanded' && key.seed === undefined) fail('UNSUPPORTED', `${s.name}: the key was imported without its seed, so only the expandedKey form can be written`);
  if (form === 'seed') return tlv(TAG_SEED, sized(s, key.seed!, s.seedBytes, 'the seed'));
  const expanded = tlv(TAG_OCTET_STRING, sized(s, key.expandedKey, s.expandedKeyBytes, 'the expanded key'));
  if (form === 'expanded') return expanded;
  return tlv(TAG_SEQUENCE, concatBytes(tlv(TAG_OCTET_STRING, sized(s, key.seed!, s.seedBytes, 'the seed')), expanded));
}

/**
 * Decodes the CHOICE by its tag (as both documents require, never by length) and checks it: a seed is expanded
 * with KeyGen_internal; a `both` must expand to exactly its expandedKey; an expandedKey alone must be
 * self-consistent (ML-DSA: tr and t0; ML-KEM: hash check and a pairwise consistency test). INVALID_KEY otherwise.
 */
export function decodePqPrivateKeyChoice(s: PqScheme, inner: Uint8Array): PqPrivateKey {
  const what = `${s.name} private key`;
  const { tag, content } = readWhole(inner, what);
  if (tag === TAG_SEED) {
    const seed = new Uint8Array(sized(s, content, s.seedBytes, 'the seed'));
    return { seed, ...s.fromSeed(seed), form: 'seed' };
  }
  if (tag === TAG_OCTET_STRING) {
    const expandedKey = new Uint8Array(sized(s, content, s.expandedKeyBytes, 'the expanded key'));
    return { expandedKey, publicKey: s.fromExpanded(expandedKey), form: 'expanded' };
  }
  if (tag === TAG_SEQUENCE) {
    const a = readTlv(content, 0, what);
    const b = readTlv(content, a.end, what);
    if (b.end !== content.length || a.tag !== TAG_OCTET_STRING || b.tag !== TAG_OCTET_STRING) fail('INVALID_FORMAT', `${what}: both must be SEQUENCE { OCTET STRING, OCTET STRING }`);
    const seed = new Uint8Array(sized(s, a.content, s.seedBytes, 'the seed'));
    const given = sized(s, b.content, s.expandedKeyBytes, 'the expanded key');
    const derived = s.fromSeed(seed);
    if (!equalBytes(derived.expandedKey, given)) fail('INVALID_KEY', `${s.name}: the seed and the expanded key disagree`);
    return { seed, ...derived, form: 'both' };
  }
  fail('INVALID_FORMAT', `${what}: not one of seed [0], expandedKey or both`);
}

export interface PqPkcs8Options {
  readonly form?: PqPrivateForm;
  /** Write a v2 OneAsymmetricKey with the `[1] publicKey` (RFC 5958). Off by default, as in the LAMPS examples. */
  readonly includePublicKey?: boolean;
}

export function encodePqPkcs8(s: PqScheme, key: { seed?: Uint8Array; expandedKey: Uint8Array; publicKey: Uint8Array }, opts: PqPkcs8Options = {}): Uint8Array {
  const inner = encodePqPrivateKeyChoice(s, key, opts.form ?? 'seed');
  return encodeOneAsymmetricKey(s.oid, inner, opts.includePublicKey === true ? key.publicKey : undefined);
}

/** PKCS#8 v1 or v2; a v2 `[1] publicKey` must be the key's own public key. */
export function decodePqPkcs8(s: PqScheme, der: Uint8Array): PqPrivateKey {
  const { privateKey, publicKey } = decodeOneAsymmetricKey(der, s.oid, `${s.name} PKCS#8`);
  const key = decodePqPrivateKeyChoice(s, privateKey);
  if (publicKey !== undefined && !equalBytes(publicKey, key.publicKey)) fail('INVALID_KEY', `${s.name}: PKCS#8 public key does not match the private key`);
  return key;
}

export function encodePqSpki(s: PqScheme, publicKey: Uint8Array): Uint8Array {
  s.checkPublicKey(publicKey);
  return encodeBareSpki(s.oid, publicKey);
}

export function decodePqSpki(s: PqScheme, der: Uint8Array): Uint8Array {
  const pk = decodeBareSpki(der, s.oid, `${s.name} SPKI`);
  s.checkPublicKey(pk);
  return pk;
}
