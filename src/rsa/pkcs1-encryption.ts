import { zeroize } from '../bytes.js';
import { fail } from '../errors.js';
import { checkedRandom, type RandomSource } from '../random.js';
import { requireBytes } from './hashes.js';
import { checkPrivateKey, checkPublicKey, modulusBytes, type RsaPrivateKeyLike, type RsaPublicKeyLike } from './key-shape.js';
import { i2osp, os2ip, rsadp, rsaep } from './primitives.js';

const DECRYPT_FAILED = 'decryption failed';
// A source that keeps answering zero bytes would otherwise never fill PS.
const MAX_PS_DRAWS = 64;

/** RSAES-PKCS1-v1_5-ENCRYPT, RFC 8017 §7.2.1 (legacy; prefer OAEP). Message too long → INVALID_ARGUMENT. */
export function pkcs1v15Encrypt(pub: RsaPublicKeyLike, message: Uint8Array, random: RandomSource): Uint8Array {
  requireBytes(message, 'message');
  const rng = checkedRandom(random);
  const { n } = checkPublicKey(pub);
  const k = modulusBytes(n);
  if (message.length > k - 11) fail('INVALID_ARGUMENT', 'message too long');
  const psLen = k - message.length - 3;
  const em = new Uint8Array(k);
  em[1] = 0x02;
  // PS: pseudo-randomly generated non-zero octets; zero bytes are replaced from further draws.
  let filled = 0;
  for (let draws = 0; filled < psLen; draws++) {
    if (draws >= MAX_PS_DRAWS) fail('RNG_FAILURE', 'random source produced too few non-zero bytes');
    const chunk = rng(psLen - filled + 16);
    for (let i = 0; i < chunk.length && filled < psLen; i++) if (chunk[i] !== 0) em[2 + filled++] = chunk[i]!;
    zeroize(chunk);
  }
  em.set(message, k - message.length);
  const c = rsaep(pub, os2ip(em));
  zeroize(em);
  return i2osp(c, k);
}

/**
 * RSAES-PKCS1-v1_5-DECRYPT, RFC 8017 §7.2.2. Not a padding oracle as far as this layer can help it: every
 * failure (length, range, leading 00 02, missing separator, PS shorter than 8 octets, and a message length
 * other than `expectedLength` when given) is the same UNWRAP_FAILED with the same message, decided after
 * the whole encoded message has been scanned. Callers that unwrap keys should pass `expectedLength`.
 */
export function pkcs1v15Decrypt(priv: RsaPrivateKeyLike, ciphertext: Uint8Array, expectedLength?: number): Uint8Array {
  requireBytes(ciphertext, 'ciphertext');
  if (expectedLength !== undefined && (!Number.isSafeInteger(expectedLength) || expectedLength < 0)) {
    fail('INVALID_ARGUMENT', 'expectedLength must be a non-negative integer');
  }
  const { n } = checkPrivateKey(priv);
  const k = modulusBytes(n);
  if (ciphertext.length !== k || k < 11) fail('UNWRAP_FAILED', DECRYPT_FAILED);
  const c = os2ip(ciphertext);
  if (c >= n) fail('UNWRAP_FAILED', DECRYPT_FAILED);
  const em = i2osp(rsadp(priv, c), k);

  let bad = em[0]! | (em[1]! ^ 0x02);
  let found = 0;
  let index = 0;
  for (let i = 2; i < k; i++) {
    const isZero = (em[i]! - 1) >>> 31;
    const first = isZero & (found ^ 1);
    index |= -first & i;
    found |= isZero;
  }
  bad |= found ^ 1;
  bad |= ((index - 10) >>> 31) & 1; // index < 10: PS shorter than 8 octets
  if (expectedLength !== undefined) bad |= (k - index - 1) ^ expectedLength;
  if (bad !== 0) {
    zeroize(em);
    fail('UNWRAP_FAILED', DECRYPT_FAILED);
  }
  const out = em.slice(index + 1);
  zeroize(em);
  return out;
}
