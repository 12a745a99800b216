import { specs } from '../registry/specs.js';
import type { EcSpec, EdwardsSpec, KeySpec, PqSpec, RsaSpec } from '../model/spec.js';

/**
 * Size caps for untrusted input, derived from the registry: nothing here is a magic number tied to one key
 * size. Every cap is checked before any parsing or arithmetic, so work is bounded by the largest key the
 * registry has (an ML-DSA-87 PKCS#8 v2 with both private-key forms is about 7.4 KiB; an RSA_4096 PKCS#8 about 2.4 KiB),
 * not by what a caller sends.
 *
 * The DER sizes are computed from the ASN.1 structures (X.690 §8.1 TLV lengths) with every INTEGER at its
 * largest value, not measured from a sample key, and a test encodes maximal components to hold them to it.
 */

/** DER length of a TLV with `content` bytes of content (X.690 §8.1.3: short form below 128, else long form). */
function tlv(content: number): number {
  let lengthBytes = 1;
  if (content >= 0x80) for (let n = content; n > 0; n = Math.floor(n / 256)) lengthBytes++;
  return 1 + lengthBytes + content;
}

/** A non-negative INTEGER of up to `bytes` magnitude bytes (plus the sign byte when the top bit is set). */
const int = (bytes: number): number => tlv(bytes + 1);

/** DER length of an OBJECT IDENTIFIER (X.690 §8.19: first two arcs in one subidentifier, base-128 arcs). */
function oid(dotted: string): number {
  const arcs = dotted.split('.').map(BigInt);
  const sub = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  let content = 0;
  for (const a of sub) content += Math.max(1, Math.ceil(a.toString(2).length / 7));
  return tlv(content);
}

const OID_RSA = oid('1.2.840.113549.1.1.1');
const OID_EC = oid('1.2.840.10045.2.1');
const NULL = 2;
/** RSA public exponents keysmith reads are below 2^256 (src/core/validate.ts). */
const E_BYTES = 32;
const VERSION = 3; // INTEGER 0 or 1

/** Extra room in every DER cap: PKCS#8 attributes ([0], RFC 5208 §5) and other optional fields a writer may add. */
export const DER_SLACK = 256;

function rsaSizes(spec: RsaSpec): Record<'pkcs1' | 'pkcs1-public' | 'pkcs8' | 'spki', number> {
  const nb = spec.bits / 8;
  const hb = spec.bits / 16;
  const priv = tlv(VERSION + int(nb) + int(E_BYTES) + int(nb) + 5 * int(hb));
  const pub = tlv(int(nb) + int(E_BYTES));
  const alg = tlv(OID_RSA + NULL);
  return { pkcs1: priv, 'pkcs1-public': pub, pkcs8: tlv(VERSION + alg + tlv(priv)), spki: tlv(alg + tlv(1 + pub)) };
}

function ecSizes(spec: EcSpec): Record<'sec1' | 'pkcs8' | 'spki', number> {
  const f = spec.fieldBytes;
  const point = tlv(1 + 1 + 2 * f); // BIT STRING: unused-bits byte, 04 ‖ X ‖ Y
  const curve = oid(spec.curveOid);
  const sec1 = tlv(VERSION + tlv(f) + tlv(curve) + tlv(point));
  const alg = tlv(OID_EC + curve);
  return { sec1, pkcs8: tlv(VERSION + alg + tlv(sec1)), spki: tlv(alg + point) };
}

/**
 * Bare-OID algorithms (Ed25519, ML-DSA, ML-KEM): the largest PKCS#8 is a v2 OneAsymmetricKey (RFC 5958) with the
 * `[1] publicKey`, holding for ML-DSA / ML-KEM the `both` CHOICE (seed and expandedKey); the SPKI holds the raw key.
 */
function bareOidSizes(spec: EdwardsSpec | PqSpec): Record<'pkcs8' | 'spki', number> {
  const alg = tlv(oid(spec.oid));
  const inner = spec.family === 'edwards' ? tlv(spec.seedBytes) : tlv(tlv(spec.seedBytes) + tlv(spec.expandedKeyBytes));
  const publicKey = tlv(1 + spec.publicKeyBytes);
  return { pkcs8: tlv(VERSION + alg + tlv(inner) + publicKey), spki: tlv(alg + publicKey) };
}

/**
 * The length of the payload a wrap of `spec`'s key carries: the raw secret for symmetric keys; for EC keys the
 * exact PKCS#8 that keysmith and OpenSSL write (the ECPrivateKey inside has no [0] parameters: the
 * AlgorithmIdentifier names the curve); for RSA the largest PKCS#8.
 */
export function payloadBytes(spec: KeySpec): number {
  if (spec.family === 'symmetric') return spec.keyBytes;
  if (spec.family === 'rsa') return rsaSizes(spec).pkcs8;
  // Ed25519, ML-DSA, ML-KEM travel as the seed-only PKCS#8 (v1): the OCTET STRING around the 32- or 64-byte seed
  if (spec.family !== 'ec') return tlv(VERSION + tlv(oid(spec.oid)) + tlv(tlv(spec.seedBytes)));
  const f = spec.fieldBytes;
  const ecPrivateKey = tlv(VERSION + tlv(f) + tlv(tlv(1 + 1 + 2 * f)));
  return tlv(VERSION + tlv(OID_EC + oid(spec.curveOid)) + tlv(ecPrivateKey));
}

/** The largest canonical DER (any DER format) a key of `spec` has, without slack. Secret keys: their raw length. */
export function maxDerSize(spec: KeySpec): number {
  switch (spec.family) {
    case 'symmetric':
      return spec.keyBytes;
    case 'rsa':
      return Math.max(...Object.values(rsaSizes(spec)));
    case 'ec':
      return Math.max(...Object.values(ecSizes(spec)));
    case 'edwards':
    case 'ml-dsa':
    case 'ml-kem':
      return Math.max(...Object.values(bareOidSizes(spec)));
  }
}

/** The largest raw component of a spec in bytes: what a JWK member or a raw key can legitimately hold. */
export function maxComponentBytes(spec: KeySpec): number {
  switch (spec.family) {
    case 'symmetric':
      return spec.keyBytes;
    case 'rsa':
      return Math.max(spec.bits / 8, E_BYTES);
    case 'ec':
      return 1 + 2 * spec.fieldBytes; // an uncompressed point
    case 'edwards':
    case 'ml-dsa':
    case 'ml-kem':
      return Math.max(spec.seedBytes, spec.publicKeyBytes); // JWK x / pub, raw seed, raw-public
  }
}

let cached: { der: number; component: number } | undefined;
function registryMax(): { der: number; component: number } {
  cached ??= {
    der: Math.max(...specs.map(maxDerSize)),
    component: Math.max(...specs.map(maxComponentBytes)),
  };
  return cached;
}

/**
 * Cap for one DER input of `spec`, or of any spec: its largest encoding plus DER_SLACK. Decoders use the
 * registry-wide cap, so a key of another size of the family still parses and is refused by validation
 * (INVALID_KEY, "modulus must be 2048 bits"); only what no spec can hold is refused as INVALID_FORMAT.
 */
export function derCap(spec?: KeySpec): number {
  return (spec ? maxDerSize(spec) : registryMax().der) + DER_SLACK;
}

/** Base64 characters needed for `bytes` bytes (padded). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** Cap for a JWK member (base64url) of `spec`, or of any spec: the largest component, base64url-encoded. */
export function jwkMemberCap(spec?: KeySpec): number {
  return base64Length(spec ? maxComponentBytes(spec) : registryMax().component);
}

/** How many times the largest key's PEM may fit in a PEM or JSON text: room for explanatory text and a certificate chain. */
export const TEXT_FACTOR = 16;

/** Cap for PEM or JWK text (characters): TEXT_FACTOR × the largest key's base64 in 64-character lines. */
export function textCap(): number {
  const b64 = base64Length(derCap());
  return TEXT_FACTOR * (b64 + Math.ceil(b64 / 64) + 64);
}

/**
 * Cap for a wrapped blob given to unwrapKey: the largest payload any spec has (its PKCS#8 DER) plus the
 * largest envelope overhead: an RSA ciphertext of the registry's largest modulus, AES-KWP or PKCS#7 padding,
 * and an SM2 C1‖C3 (or its GM/T 0009 DER), all within one more modulus' worth of bytes.
 */
export function wrappedCap(): number {
  const largestModulus = Math.max(...specs.map((s) => (s.family === 'rsa' ? s.bits / 8 : s.family === 'ec' ? 2 * s.fieldBytes + 64 : 0)));
  // unchanged by Ed25519 / ML-DSA / ML-KEM: they are never wrapping keys, and their payloads are in derCap()
  return derCap() + 2 * largestModulus;
}

/** Cap for EncryptedKeyMaterial text (base64 of a wrapped blob, with room for line breaks). */
export function wrappedTextCap(): number {
  const b64 = base64Length(wrappedCap());
  return b64 + Math.ceil(b64 / 64) * 2;
}

/** Entries of a JWK `key_ops` array: RFC 7517 §4.3 defines eight values and forbids duplicates; keysmith allows room for extensions. */
export const MAX_KEY_OPS = 32;
