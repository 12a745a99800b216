import { bitLength, equalBytes, zeroize } from '../bytes.js';
import { fail } from '../errors.js';
import { checkedRandom, type RandomSource } from '../random.js';
import { mgf1, requireDigest, rsaHash, type RsaHash } from './hashes.js';
import { checkPublicKey, modulusBytes, type RsaPrivateKeyLike, type RsaPublicKeyLike } from './key-shape.js';
import { i2osp, os2ip, rsadp, signatureRepresentative } from './primitives.js';

export type PssHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
const PSS_HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;

/** M' = (0x)00 00 00 00 00 00 00 00 ‖ mHash ‖ salt, hashed (RFC 8017 §9.1.1 steps 5–6). */
function hPrime(hash: RsaHash, mHash: Uint8Array, salt: Uint8Array): Uint8Array {
  const m = new Uint8Array(8 + mHash.length + salt.length);
  m.set(mHash, 8);
  m.set(salt, 8 + mHash.length);
  return hash.digest(m);
}

/**
 * RSASSA-PSS-SIGN over a message digest, RFC 8017 §8.1.1 with EMSA-PSS-ENCODE (§9.1.1): MGF1 with the same
 * hash, salt length = hash length (AWS KMS's RSASSA_PSS_*), trailer 0xbc.
 */
export function signPssDigest(priv: RsaPrivateKeyLike, mHash: Uint8Array, hashName: PssHash, random: RandomSource): Uint8Array {
  const hash = rsaHash(hashName, PSS_HASHES);
  requireDigest(hash, mHash);
  const { n } = checkPublicKey(priv);
  const emBits = bitLength(n) - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = hash.outputLen;
  const sLen = hLen;
  if (emLen < hLen + sLen + 2) fail('INVALID_KEY', 'RSA modulus too short for this hash');
  const salt = checkedRandom(random)(sLen);
  const h = hPrime(hash, mHash, salt);
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - sLen - 1] = 0x01;
  db.set(salt, db.length - sLen);
  const dbMask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= dbMask[i]!;
  db[0]! &= 0xff >>> (8 * emLen - emBits);
  const em = new Uint8Array(emLen);
  em.set(db);
  em.set(h, db.length);
  em[emLen - 1] = 0xbc;
  zeroize(salt, dbMask, db);
  return i2osp(rsadp(priv, os2ip(em)), modulusBytes(n));
}

/** RSASSA-PSS-VERIFY over a message digest, RFC 8017 §8.1.2 with EMSA-PSS-VERIFY (§9.1.2). Malformed input is `false`. */
export function verifyPssDigest(pub: RsaPublicKeyLike, mHash: Uint8Array, signature: Uint8Array, hashName: PssHash): boolean {
  const hash = rsaHash(hashName, PSS_HASHES);
  requireDigest(hash, mHash);
  const rep = signatureRepresentative(pub, signature);
  if (rep === null) return false;
  const { m, n } = rep;
  const emBits = bitLength(n) - 1;
  const emLen = Math.ceil(emBits / 8);
  if (bitLength(m) > emBits) return false;
  const em = i2osp(m, emLen);
  const hLen = hash.outputLen;
  const sLen = hLen;
  if (emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const db = em.slice(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >>> (8 * emLen - emBits);
  if ((db[0]! & ~topMask & 0xff) !== 0) return false;
  const dbMask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= dbMask[i]!;
  db[0]! &= topMask;
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  return equalBytes(hPrime(hash, mHash, db.subarray(db.length - sLen)), h);
}

