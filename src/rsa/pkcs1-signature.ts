import { equalBytes } from '../bytes.js';
import { fail } from '../errors.js';
import { requireBytes, requireDigest, rsaHash, type RsaHash } from './hashes.js';
import { checkPublicKey, modulusBytes, type RsaPrivateKeyLike, type RsaPublicKeyLike } from './key-shape.js';
import { i2osp, os2ip, rsadp, signatureRepresentative } from './primitives.js';

export type Pkcs1SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
const SIGNATURE_HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;

// DER of DigestInfo up to the digest octets, RFC 8017 §9.2 note 1.
const DIGEST_INFO_PREFIX: Record<Pkcs1SignatureHash, Uint8Array> = {
  'SHA-256': Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]),
  'SHA-384': Uint8Array.from([0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]),
  'SHA-512': Uint8Array.from([0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]),
};

/**
 * EMSA-PKCS1-v1_5, RFC 8017 §9.2, from the message digest H; null when emLen < tLen + 11 ("intended encoded
 * message length too short").
 */
function encode(hash: RsaHash, digest: Uint8Array, emLen: number): Uint8Array | null {
  const prefix = DIGEST_INFO_PREFIX[hash.name as Pkcs1SignatureHash];
  const tLen = prefix.length + hash.outputLen;
  if (emLen < tLen + 11) return null;
  const em = new Uint8Array(emLen).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[emLen - tLen - 1] = 0x00;
  em.set(prefix, emLen - tLen);
  em.set(digest, emLen - hash.outputLen);
  return em;
}

/** RSASSA-PKCS1-v1_5 signature generation, RFC 8017 §8.2.1. */
export function signPkcs1v15(priv: RsaPrivateKeyLike, message: Uint8Array, hash: Pkcs1SignatureHash): Uint8Array {
  const h = rsaHash(hash, SIGNATURE_HASHES);
  return signPkcs1v15Digest(priv, h.digest(requireBytes(message, 'message')), hash);
}

/** RSASSA-PKCS1-v1_5 signature over a digest the caller computed (a KMS `MessageType: DIGEST`). */
export function signPkcs1v15Digest(priv: RsaPrivateKeyLike, digest: Uint8Array, hash: Pkcs1SignatureHash): Uint8Array {
  const h = rsaHash(hash, SIGNATURE_HASHES);
  requireDigest(h, digest);
  const { n } = checkPublicKey(priv);
  const k = modulusBytes(n);
  const em = encode(h, digest, k);
  if (em === null) fail('INVALID_KEY', 'RSA modulus too short for this hash');
  const s = rsadp(priv, os2ip(em));
  return i2osp(s, k);
}

/**
 * RSASSA-PKCS1-v1_5 verification, RFC 8017 §8.2.2: recompute the encoding and compare it whole, so no
 * parser of the recovered DigestInfo can be fooled (Bleichenbacher 2006).
 */
export function verifyPkcs1v15(pub: RsaPublicKeyLike, message: Uint8Array, signature: Uint8Array, hash: Pkcs1SignatureHash): boolean {
  const h = rsaHash(hash, SIGNATURE_HASHES);
  return verifyPkcs1v15Digest(pub, h.digest(requireBytes(message, 'message')), signature, hash);
}

/** RSASSA-PKCS1-v1_5 verification against a digest the caller computed. */
export function verifyPkcs1v15Digest(pub: RsaPublicKeyLike, digest: Uint8Array, signature: Uint8Array, hash: Pkcs1SignatureHash): boolean {
  const h = rsaHash(hash, SIGNATURE_HASHES);
  requireDigest(h, digest);
  const rep = signatureRepresentative(pub, signature);
  if (rep === null) return false;
  const expected = encode(h, digest, rep.k);
  if (expected === null) return false;
  return equalBytes(i2osp(rep.m, rep.k), expected);
}
