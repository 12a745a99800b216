import { zeroize } from '../bytes.js';
import { fail } from '../errors.js';
import { checkedRandom, type RandomSource } from '../random.js';
import { mgf1, requireBytes, rsaHash, type RsaHashName } from './hashes.js';
import { checkPrivateKey, checkPublicKey, modulusBytes, type RsaPrivateKeyLike, type RsaPublicKeyLike } from './key-shape.js';
import { i2osp, os2ip, rsadp, rsaep } from './primitives.js';

export interface OaepParams {
  /** Label hash (and MGF1 hash unless `mgfHash` is given). */
  readonly hash: RsaHashName;
  readonly mgfHash?: RsaHashName;
  /** Default: empty. */
  readonly label?: Uint8Array;
}

const DECRYPT_FAILED = 'decryption failed';

function resolve(params: OaepParams) {
  if (params === null || typeof params !== 'object') fail('INVALID_ARGUMENT', 'OAEP parameters are required');
  const hash = rsaHash(params.hash);
  const mgfHash = params.mgfHash === undefined ? hash : rsaHash(params.mgfHash);
  const label = params.label === undefined ? new Uint8Array(0) : requireBytes(params.label, 'label');
  return { hash, mgfHash, lHash: hash.digest(label) };
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= mask[i]!;
}

/** RSAES-OAEP-ENCRYPT, RFC 8017 §7.1.1. Message too long → INVALID_ARGUMENT. */
export function oaepEncrypt(
  pub: RsaPublicKeyLike,
  message: Uint8Array,
  opts: OaepParams & { readonly random: RandomSource },
): Uint8Array {
  const { hash, mgfHash, lHash } = resolve(opts);
  requireBytes(message, 'message');
  const random = checkedRandom(opts.random);
  const { n } = checkPublicKey(pub);
  const k = modulusBytes(n);
  const hLen = hash.outputLen;
  if (message.length > k - 2 * hLen - 2) fail('INVALID_ARGUMENT', 'message too long');
  // DB = lHash || PS || 0x01 || M
  const db = new Uint8Array(k - hLen - 1);
  db.set(lHash);
  db[db.length - message.length - 1] = 0x01;
  db.set(message, db.length - message.length);
  const seed = random(hLen);
  const dbMask = mgf1(mgfHash, seed, db.length);
  xorInto(db, dbMask);
  const seedMask = mgf1(mgfHash, db, hLen);
  const em = new Uint8Array(k);
  em.set(seed, 1);
  xorInto(em.subarray(1, 1 + hLen), seedMask);
  em.set(db, 1 + hLen);
  zeroize(seed, dbMask, db);
  const c = rsaep(pub, os2ip(em));
  zeroize(em);
  return i2osp(c, k);
}

/**
 * RSAES-OAEP-DECRYPT, RFC 8017 §7.1.2. Every failure (length, range, Y ≠ 0, label hash, padding) is the same
 * UNWRAP_FAILED with the same message, decided after scanning the whole of DB (§7.1.2 note: no early exit,
 * so that a Manger-style oracle has less to time). A key whose CRT result fails the e-check is INVALID_KEY,
 * which depends on the key only, never on the ciphertext.
 */
export function oaepDecrypt(priv: RsaPrivateKeyLike, ciphertext: Uint8Array, opts: OaepParams): Uint8Array {
  const { hash, mgfHash, lHash } = resolve(opts);
  requireBytes(ciphertext, 'ciphertext');
  const { n } = checkPrivateKey(priv);
  const k = modulusBytes(n);
  const hLen = hash.outputLen;
  if (ciphertext.length !== k || k < 2 * hLen + 2) fail('UNWRAP_FAILED', DECRYPT_FAILED);
  const c = os2ip(ciphertext);
  if (c >= n) fail('UNWRAP_FAILED', DECRYPT_FAILED);
  const em = i2osp(rsadp(priv, c), k);
  const seed = em.slice(1, 1 + hLen);
  const db = em.slice(1 + hLen);
  const seedMask = mgf1(mgfHash, db, hLen);
  xorInto(seed, seedMask);
  const dbMask = mgf1(mgfHash, seed, db.length);
  xorInto(db, dbMask);

  let bad = em[0]!;
  for (let i = 0; i < hLen; i++) bad |= db[i]! ^ lHash[i]!;
  // Find the first 0x01 after the zero run PS; any other non-zero byte before it is an error.
  let found = 0;
  let index = 0;
  for (let i = hLen; i < db.length; i++) {
    const b = db[i]!;
    const isZero = (b - 1) >>> 31; // 1 iff b = 0
    const isOne = ((b ^ 1) - 1) >>> 31; // 1 iff b = 1
    const first = isOne & (found ^ 1);
    index |= -first & i;
    bad |= (found ^ 1) & (isZero ^ 1) & (isOne ^ 1);
    found |= isOne;
  }
  bad |= found ^ 1;
  zeroize(em, seed);
  if (bad !== 0) {
    zeroize(db);
    fail('UNWRAP_FAILED', DECRYPT_FAILED);
  }
  const out = db.slice(index + 1);
  zeroize(db);
  return out;
}
