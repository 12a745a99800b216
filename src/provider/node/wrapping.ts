import { createCipheriv, createDecipheriv, constants, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import type { SymmetricSpec } from '../../model/spec.js';
import type { WrappingAlgorithmName, WrappingKeyKind } from '../../wrap/algorithms.js';
import { concatBytes } from '../../bytes.js';
import { fail, KeysmithError } from '../../errors.js';
import { oaepDecrypt, oaepEncrypt } from './schemes.js';

/**
 * The node provider's wrapping algorithms, each with OpenSSL's own cipher (byte layouts: the README's
 * wrapping table; the same bytes as src/provider/pure/wrapping.ts). Absent names are UNSUPPORTED: SM2PKE
 * and SM2PKE_SM4_ECB (node has no SM2 encryption).
 */

/** The wrapping key as the algorithm uses it: an AES KEK (a secret KeyObject and its spec), or an RSA KeyObject. */
export interface NodeWrappingKey {
  readonly key: KeyObject;
  readonly spec: SymmetricSpec | undefined;
}

interface NodeWrapImpl {
  readonly kind: Exclude<WrappingKeyKind, 'sm2'>;
  /** Whether `unwrap` works on node (RSAES-PKCS1-v1_5 decryption is refused by node 20, CVE-2023-46809). */
  readonly unwraps: boolean;
  wrap(kek: NodeWrappingKey, payload: Uint8Array): Uint8Array;
  unwrap(kek: NodeWrappingKey, blob: Uint8Array): Uint8Array;
}

const unwrapFailed = (): never => {
  throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
};

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

// RFC 3394 §2.2.3.1 default IV; RFC 5649 §3 alternative IV (the 32-bit constant; OpenSSL appends the length)
const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const KWP_IV = Buffer.from('a65959a6', 'hex');

function aesWrapCipher(spec: SymmetricSpec | undefined, pad: boolean): string {
  const bits = (spec?.keyBytes ?? 0) * 8;
  if (spec?.algorithm !== 'AES' || ![128, 192, 256].includes(bits)) return fail('UNSUPPORTED', 'node provider: AES-KW needs an AES key-encryption key of 16, 24 or 32 bytes');
  return `id-aes${bits}-wrap${pad ? '-pad' : ''}`;
}

/** AES-KW / AES-KWP (SP 800-38F) with OpenSSL's id-aes*-wrap(-pad) ciphers. `key` is a KeyObject or ephemeral bytes. */
function aesKeyWrap(spec: SymmetricSpec | undefined, key: KeyObject | Uint8Array, pad: boolean, decrypt: boolean, data: Uint8Array): Uint8Array {
  const name = aesWrapCipher(spec, pad);
  const iv = pad ? KWP_IV : KW_IV;
  const c = decrypt ? createDecipheriv(name, key, iv) : createCipheriv(name, key, iv);
  return u8(Buffer.concat([c.update(data), c.final()]));
}

/** AES-256-ECB with PKCS#7 padding (node's default padding), for Alibaba's envelope. */
function aesEcbPkcs7(key: Uint8Array, decrypt: boolean, data: Uint8Array): Uint8Array {
  const c = decrypt ? createDecipheriv('aes-256-ecb', key, null) : createCipheriv('aes-256-ecb', key, null);
  return u8(Buffer.concat([c.update(data), c.final()]));
}

const AES_256: SymmetricSpec = Object.freeze({ algorithm: 'AES', keyBytes: 32 }) as SymmetricSpec;

/** Runs `fn` with a fresh 32-byte key from OpenSSL's generator; zeroes it afterwards. */
function withEphemeral<T>(fn: (eph: Uint8Array) => T): T {
  const eph = new Uint8Array(randomBytes(32));
  try {
    return fn(eph);
  } finally {
    eph.fill(0);
  }
}

/** Splits an RSA-prefixed envelope: the first k bytes (the modulus length) are the RSA ciphertext; opens it; zeroes the key. */
function openEnvelope(rsa: KeyObject, hash: 'sha1' | 'sha256', blob: Uint8Array, fn: (eph: Uint8Array, body: Uint8Array) => Uint8Array): Uint8Array {
  const k = (rsa.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
  if (k === 0 || blob.length <= k) unwrapFailed();
  const eph = oaepDecrypt(rsa, hash, blob.subarray(0, k));
  try {
    if (eph.length !== 32) unwrapFailed();
    return fn(eph, blob.subarray(k));
  } finally {
    eph.fill(0);
  }
}

const aesKw = (pad: boolean): NodeWrapImpl => ({
  kind: 'aes',
  unwraps: true,
  wrap: (kek, payload) => aesKeyWrap(kek.spec, kek.key, pad, false, payload),
  unwrap: (kek, blob) => aesKeyWrap(kek.spec, kek.key, pad, true, blob),
});

const oaep = (hash: 'sha1' | 'sha256'): NodeWrapImpl => ({
  kind: 'rsa',
  unwraps: true,
  wrap: (kek, payload) => oaepEncrypt(kek.key, hash, payload),
  unwrap: (kek, blob) => oaepDecrypt(kek.key, hash, blob),
});

/** CKM_RSA_AES_KEY_WRAP: OAEP(fresh AES-256 key) ‖ AES-KWP(that key, payload). */
const rsaAesKeyWrap = (hash: 'sha1' | 'sha256'): NodeWrapImpl => ({
  kind: 'rsa',
  unwraps: true,
  wrap: (kek, payload) => withEphemeral((eph) => concatBytes(oaepEncrypt(kek.key, hash, eph), aesKeyWrap(AES_256, eph, true, false, payload))),
  unwrap: (kek, blob) => openEnvelope(kek.key, hash, blob, (eph, body) => aesKeyWrap(AES_256, eph, true, true, body)),
});

export const NODE_WRAPPING: Readonly<Partial<Record<WrappingAlgorithmName, NodeWrapImpl>>> = Object.freeze({
  AES_KW: aesKw(false),
  AES_KWP: aesKw(true),
  RSAES_OAEP_SHA_1: oaep('sha1'),
  RSAES_OAEP_SHA_256: oaep('sha256'),
  RSAES_PKCS1_V1_5: {
    kind: 'rsa',
    unwraps: false,
    wrap: (kek, payload) => u8(publicEncrypt({ key: kek.key, padding: constants.RSA_PKCS1_PADDING }, payload)),
    unwrap: unwrapFailed,
  },
  RSA_AES_KEY_WRAP_SHA_1: rsaAesKeyWrap('sha1'),
  RSA_AES_KEY_WRAP_SHA_256: rsaAesKeyWrap('sha256'),
  RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: {
    kind: 'rsa',
    unwraps: true,
    wrap: (kek, payload) => withEphemeral((eph) => concatBytes(oaepEncrypt(kek.key, 'sha256', eph), aesEcbPkcs7(eph, false, payload))),
    unwrap: (kek, blob) => openEnvelope(kek.key, 'sha256', blob, (eph, body) => aesEcbPkcs7(eph, true, body)),
  },
});
