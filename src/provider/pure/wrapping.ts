import type { RsaPrivateComponents, RsaPublicComponents } from '../../model/components.js';
import { concatBytes } from '../../bytes.js';
import { KeysmithError } from '../../errors.js';
import type { RandomSource } from '../../random.js';
import { oaepDecrypt, oaepEncrypt } from '../../rsa/oaep.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../../rsa/pkcs1-encryption.js';
import { modulusBytes } from '../../rsa/key-shape.js';
import { sm2Decrypt, sm2Encrypt } from '../../sm/sm2-encrypt.js';
import { aesKwpUnwrap, aesKwpWrap, aesKwUnwrap, aesKwWrap } from '../../wrap/aes-kw.js';
import { aesCipher, sm4Cipher } from '../../wrap/block-cipher.js';
import { ecbDecrypt, ecbEncrypt, ecbPkcs7Decrypt, ecbPkcs7Encrypt } from '../../wrap/ecb-pkcs7.js';
import { decodeSm2Ciphertext, encodeSm2Ciphertext, type Sm2Layout } from '../../wrap/sm2-layout.js';
import type { WrappingAlgorithmName, WrappingKeyKind } from '../../wrap/algorithms.js';

/** The key material each kind of wrapping key contributes, on the wrap side and on the unwrap side. */
interface WrapSide {
  aes: Uint8Array;
  rsa: RsaPublicComponents;
  /** Uncompressed SM2 point 04 ‖ x ‖ y. */
  sm2: Uint8Array;
}
interface UnwrapSide {
  aes: Uint8Array;
  rsa: RsaPrivateComponents;
  /** The SM2 private scalar, 32 bytes. */
  sm2: Uint8Array;
}

export interface WrapContext {
  readonly random: RandomSource;
  readonly layout: Sm2Layout;
}
export interface UnwrapContext {
  readonly layout: Sm2Layout;
}

interface Impl<K extends WrappingKeyKind> {
  readonly kind: K;
  wrap(key: WrapSide[K], payload: Uint8Array, ctx: WrapContext): Uint8Array;
  unwrap(key: UnwrapSide[K], blob: Uint8Array, ctx: UnwrapContext): Uint8Array;
}
export type PureWrapImpl = Impl<'aes'> | Impl<'rsa'> | Impl<'sm2'>;

const unwrapFailed = (): never => {
  throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
};

/** Splits an RSA-prefixed envelope: the first k bytes are the RSA ciphertext. */
function splitRsa(priv: RsaPrivateComponents, blob: Uint8Array): [Uint8Array, Uint8Array] {
  const k = modulusBytes(priv.n);
  if (blob.length <= k) unwrapFailed();
  return [blob.subarray(0, k), blob.subarray(k)];
}

/** Length of the SM2 ciphertext at the start of an envelope carrying a `keyLen`-byte SM4 key. */
function sm2PrefixLength(blob: Uint8Array, layout: Sm2Layout, keyLen: number): number {
  if (layout !== 'C1C3C2_ASN1') return 65 + 32 + keyLen;
  // DER SEQUENCE header: 30 len (short form) or 30 81 len (the SM2Cipher of a 16-byte key is < 256 bytes)
  if (blob.length < 2 || blob[0] !== 0x30) return unwrapFailed();
  if (blob[1]! < 0x80) return 2 + blob[1]!;
  if (blob[1] === 0x81 && blob.length >= 3 && blob[2]! >= 0x80) return 3 + blob[2]!;
  return unwrapFailed();
}

/** Runs `fn` with a fresh key of `n` bytes from `random`, and zeroes it afterwards whatever happens. */
function withEphemeral<T>(random: RandomSource, n: number, fn: (eph: Uint8Array) => T): T {
  const eph = random(n);
  try {
    return fn(eph);
  } finally {
    eph.fill(0);
  }
}

/** Opens the key-carrying head of an envelope, checks its length, and runs `fn` with it; zeroes it afterwards. */
function withOpened<T>(eph: Uint8Array, len: number, fn: (eph: Uint8Array) => T): T {
  try {
    if (eph.length !== len) unwrapFailed();
    return fn(eph);
  } finally {
    eph.fill(0);
  }
}

const aes = (wrap: Impl<'aes'>['wrap'], unwrap: Impl<'aes'>['unwrap']): Impl<'aes'> => ({ kind: 'aes', wrap, unwrap });
const rsa = (wrap: Impl<'rsa'>['wrap'], unwrap: Impl<'rsa'>['unwrap']): Impl<'rsa'> => ({ kind: 'rsa', wrap, unwrap });
const sm2 = (wrap: Impl<'sm2'>['wrap'], unwrap: Impl<'sm2'>['unwrap']): Impl<'sm2'> => ({ kind: 'sm2', wrap, unwrap });

function oaep(hash: 'SHA-1' | 'SHA-256'): Impl<'rsa'> {
  return rsa(
    (pub, payload, ctx) => oaepEncrypt(pub, payload, { hash, random: ctx.random }),
    (priv, blob) => oaepDecrypt(priv, blob, { hash }),
  );
}

/** CKM_RSA_AES_KEY_WRAP: OAEP(fresh AES-256 key) ‖ AES-KWP(that key, payload). */
function rsaAesKeyWrap(hash: 'SHA-1' | 'SHA-256'): Impl<'rsa'> {
  return rsa(
    (pub, payload, ctx) => withEphemeral(ctx.random, 32, (eph) => concatBytes(oaepEncrypt(pub, eph, { hash, random: ctx.random }), aesKwpWrap(eph, payload))),
    (priv, blob) => {
      const [head, body] = splitRsa(priv, blob);
      return withOpened(oaepDecrypt(priv, head, { hash }), 32, (eph) => aesKwpUnwrap(eph, body));
    },
  );
}

/** The pure provider's crypto for each wrapping algorithm (byte layouts: README, "Wrapping algorithms"). */
export const PURE_WRAPPING: Readonly<Record<WrappingAlgorithmName, PureWrapImpl>> = Object.freeze({
  AES_KW: aes((kek, payload) => aesKwWrap(kek, payload), (kek, blob) => aesKwUnwrap(kek, blob)),
  AES_KWP: aes((kek, payload) => aesKwpWrap(kek, payload), (kek, blob) => aesKwpUnwrap(kek, blob)),
  RSAES_OAEP_SHA_1: oaep('SHA-1'),
  RSAES_OAEP_SHA_256: oaep('SHA-256'),
  RSAES_PKCS1_V1_5: rsa((pub, payload, ctx) => pkcs1v15Encrypt(pub, payload, ctx.random), (priv, blob) => pkcs1v15Decrypt(priv, blob)),
  RSA_AES_KEY_WRAP_SHA_1: rsaAesKeyWrap('SHA-1'),
  RSA_AES_KEY_WRAP_SHA_256: rsaAesKeyWrap('SHA-256'),
  SM2PKE: sm2(
    (point, payload, ctx) => encodeSm2Ciphertext(sm2Encrypt(point, payload, ctx.random), ctx.layout),
    (d, blob, ctx) => sm2Decrypt(d, decodeSm2Ciphertext(blob, ctx.layout)),
  ),
  RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: rsa(
    (pub, payload, ctx) =>
      withEphemeral(ctx.random, 32, (eph) => concatBytes(oaepEncrypt(pub, eph, { hash: 'SHA-256', random: ctx.random }), ecbPkcs7Encrypt(aesCipher(eph), payload))),
    (priv, blob) => {
      const [head, body] = splitRsa(priv, blob);
      return withOpened(oaepDecrypt(priv, head, { hash: 'SHA-256' }), 32, (eph) => ecbPkcs7Decrypt(aesCipher(eph), body));
    },
  ),
  SM2PKE_SM4_ECB: sm2(
    (point, payload, ctx) =>
      withEphemeral(ctx.random, 16, (eph) => concatBytes(encodeSm2Ciphertext(sm2Encrypt(point, eph, ctx.random), ctx.layout), ecbEncrypt(sm4Cipher(eph), payload))),
    (d, blob, ctx) => {
      const headLen = sm2PrefixLength(blob, ctx.layout, 16);
      if (blob.length <= headLen) unwrapFailed();
      const eph = sm2Decrypt(d, decodeSm2Ciphertext(blob.subarray(0, headLen), ctx.layout));
      return withOpened(eph, 16, (k) => ecbDecrypt(sm4Cipher(k), blob.subarray(headLen)));
    },
  ),
});
