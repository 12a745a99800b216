import type { RsaPrivateComponents, RsaPublicComponents } from '../model/components.js';
import type { KeySpec } from '../model/spec.js';
import type { RandomSource } from '../random.js';
import type { KeyFormat } from '../encoding/formats.js';
import { concatBytes } from '../bytes.js';
import { fail, KeysmithError } from '../errors.js';
import { oaepDecrypt, oaepEncrypt } from '../rsa/oaep.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../rsa/pkcs1-encryption.js';
import { sm2Decrypt, sm2Encrypt } from '../sm/sm2-encrypt.js';
import { aesKwpUnwrap, aesKwpWrap, aesKwUnwrap, aesKwWrap } from './aes-kw.js';
import { aesCipher, sm4Cipher } from './block-cipher.js';
import { ecbDecrypt, ecbEncrypt, ecbPkcs7Decrypt, ecbPkcs7Encrypt } from './ecb-pkcs7.js';
import { decodeSm2Ciphertext, encodeSm2Ciphertext, type Sm2Layout } from './sm2-layout.js';

export type WrappingAlgorithmName =
  | 'AES_KW'
  | 'AES_KWP'
  | 'RSAES_OAEP_SHA_1'
  | 'RSAES_OAEP_SHA_256'
  | 'RSAES_PKCS1_V1_5'
  | 'RSA_AES_KEY_WRAP_SHA_1'
  | 'RSA_AES_KEY_WRAP_SHA_256'
  | 'SM2PKE'
  | 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD'
  | 'SM2PKE_SM4_ECB';

/** What kind of key does the wrapping: an AES key-encryption key, an RSA key pair or an SM2 key pair. */
export type WrappingKeyKind = 'aes' | 'rsa' | 'sm2';

/** What is wrapped: the key's standard material (raw secret bytes / PKCS#8 DER), or the raw EC private scalar. */
export type PayloadKind = 'key-material' | 'private-scalar';

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

interface Entry<K extends WrappingKeyKind> {
  readonly name: WrappingAlgorithmName;
  readonly description: string;
  readonly wrappingKey: K;
  readonly payload: PayloadKind;
  /** Legacy: kept for clouds that still accept it, not recommended. */
  readonly legacy: boolean;
  /**
   * Every unwrap failure, including material that does not decode, gives the same code and message:
   * RSAES-PKCS1-v1_5 must not act as a padding oracle (RFC 8017 §7.2.2 note; Bleichenbacher 1998).
   */
  readonly singleError: boolean;
  /** The specs whose keys this algorithm can carry. */
  targets(spec: KeySpec): boolean;
  wrap(key: WrapSide[K], payload: Uint8Array, ctx: WrapContext): Uint8Array;
  unwrap(key: UnwrapSide[K], blob: Uint8Array, ctx: UnwrapContext): Uint8Array;
}

export type WrappingAlgorithm = Entry<'aes'> | Entry<'rsa'> | Entry<'sm2'>;

/** The specs a wrapping key of each kind may have. */
export const WRAPPING_KEY_SPECS: Readonly<Record<WrappingKeyKind, (spec: KeySpec) => boolean>> = Object.freeze({
  aes: (s: KeySpec) => s.family === 'symmetric' && s.algorithm === 'AES',
  rsa: (s: KeySpec) => s.family === 'rsa',
  sm2: (s: KeySpec) => s.family === 'ec' && s.encryption === 'SM2PKE_SM3',
});

/** The format a payload travels in, for a target spec. */
export function payloadFormat(payload: PayloadKind, spec: KeySpec): KeyFormat {
  if (payload === 'private-scalar') return 'raw';
  return spec.family === 'symmetric' ? 'raw' : 'pkcs8-der';
}

const anySpec = () => true;
const symmetricOrEc = (s: KeySpec) => s.family !== 'rsa';
const asymmetric = (s: KeySpec) => s.family !== 'symmetric';
const ecWholeBlocks = (s: KeySpec) => s.family === 'ec' && s.fieldBytes % 16 === 0;

const unwrapFailed = (): never => {
  throw new KeysmithError('UNWRAP_FAILED', 'unwrap failed');
};

function modulusBytes(n: bigint): number {
  return Math.ceil(n.toString(2).length / 8);
}

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

function oaep(name: WrappingAlgorithmName, hash: 'SHA-1' | 'SHA-256'): Entry<'rsa'> {
  return {
    name,
    description: `RSAES-OAEP (RFC 8017 §7.1) with ${hash}, MGF1-${hash}, empty label`,
    wrappingKey: 'rsa',
    payload: 'key-material',
    legacy: false,
    singleError: false,
    targets: symmetricOrEc,
    wrap: (pub, payload, ctx) => oaepEncrypt(pub, payload, { hash, random: ctx.random }),
    unwrap: (priv, blob) => oaepDecrypt(priv, blob, { hash }),
  };
}

function rsaAesKeyWrap(name: WrappingAlgorithmName, hash: 'SHA-1' | 'SHA-256'): Entry<'rsa'> {
  return {
    name,
    description: `CKM_RSA_AES_KEY_WRAP (PKCS #11 Current Mechanisms v2.40, "RSA AES KEY WRAP"): OAEP-${hash}(fresh AES-256 key) ‖ AES-KWP(that key, material)`,
    wrappingKey: 'rsa',
    payload: 'key-material',
    legacy: false,
    singleError: false,
    targets: anySpec,
    wrap(pub, payload, ctx) {
      const eph = ctx.random(32);
      try {
        return concatBytes(oaepEncrypt(pub, eph, { hash, random: ctx.random }), aesKwpWrap(eph, payload));
      } finally {
        eph.fill(0);
      }
    },
    unwrap(priv, blob) {
      const [head, body] = splitRsa(priv, blob);
      const eph = oaepDecrypt(priv, head, { hash });
      try {
        if (eph.length !== 32) unwrapFailed();
        return aesKwpUnwrap(eph, body);
      } finally {
        eph.fill(0);
      }
    },
  };
}

/**
 * The one table of wrapping algorithms. Everything keysmith knows about an algorithm lives in its entry;
 * nothing else switches on algorithm names.
 */
const table: readonly WrappingAlgorithm[] = [
  {
    name: 'AES_KW',
    description: 'AES Key Wrap (RFC 3394, NIST SP 800-38F KW) under an AES key-encryption key',
    wrappingKey: 'aes',
    payload: 'key-material',
    legacy: false,
    singleError: false,
    // KW takes a multiple of 8 bytes: symmetric keys only (PKCS#8 DER has no fixed length)
    targets: (s) => s.family === 'symmetric',
    wrap: (kek, payload) => aesKwWrap(kek, payload),
    unwrap: (kek, blob) => aesKwUnwrap(kek, blob),
  },
  {
    name: 'AES_KWP',
    description: 'AES Key Wrap with Padding (RFC 5649, NIST SP 800-38F KWP) under an AES key-encryption key',
    wrappingKey: 'aes',
    payload: 'key-material',
    legacy: false,
    singleError: false,
    targets: anySpec,
    wrap: (kek, payload) => aesKwpWrap(kek, payload),
    unwrap: (kek, blob) => aesKwpUnwrap(kek, blob),
  },
  oaep('RSAES_OAEP_SHA_1', 'SHA-1'),
  oaep('RSAES_OAEP_SHA_256', 'SHA-256'),
  {
    name: 'RSAES_PKCS1_V1_5',
    description: 'RSAES-PKCS1-v1_5 (RFC 8017 §7.2). Legacy: still accepted by Tencent and Alibaba; prefer OAEP',
    wrappingKey: 'rsa',
    payload: 'key-material',
    legacy: true,
    singleError: true,
    targets: symmetricOrEc,
    wrap: (pub, payload, ctx) => pkcs1v15Encrypt(pub, payload, ctx.random),
    unwrap: (priv, blob) => pkcs1v15Decrypt(priv, blob),
  },
  rsaAesKeyWrap('RSA_AES_KEY_WRAP_SHA_1', 'SHA-1'),
  rsaAesKeyWrap('RSA_AES_KEY_WRAP_SHA_256', 'SHA-256'),
  {
    name: 'SM2PKE',
    description: 'SM2 public-key encryption with SM3 (GB/T 32918.4-2016); ciphertext layout per `layout`',
    wrappingKey: 'sm2',
    payload: 'key-material',
    legacy: false,
    singleError: false,
    targets: anySpec,
    wrap: (point, payload, ctx) => encodeSm2Ciphertext(sm2Encrypt(point, payload, ctx.random), ctx.layout),
    unwrap: (d, blob, ctx) => sm2Decrypt(d, decodeSm2Ciphertext(blob, ctx.layout)),
  },
  {
    name: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
    description: "Alibaba's envelope: OAEP-SHA-256(fresh AES-256 key) ‖ AES-256-ECB-PKCS#7(that key, PKCS#8 DER)",
    wrappingKey: 'rsa',
    payload: 'key-material',
    legacy: false,
    singleError: false,
    targets: asymmetric,
    wrap(pub, payload, ctx) {
      const eph = ctx.random(32);
      try {
        return concatBytes(oaepEncrypt(pub, eph, { hash: 'SHA-256', random: ctx.random }), ecbPkcs7Encrypt(aesCipher(eph), payload));
      } finally {
        eph.fill(0);
      }
    },
    unwrap(priv, blob) {
      const [head, body] = splitRsa(priv, blob);
      const eph = oaepDecrypt(priv, head, { hash: 'SHA-256' });
      try {
        if (eph.length !== 32) unwrapFailed();
        return ecbPkcs7Decrypt(aesCipher(eph), body);
      } finally {
        eph.fill(0);
      }
    },
  },
  {
    name: 'SM2PKE_SM4_ECB',
    description: "Alibaba's SM2 envelope: SM2PKE(fresh SM4 key) ‖ SM4-ECB(that key, raw private scalar), no padding",
    wrappingKey: 'sm2',
    payload: 'private-scalar',
    legacy: false,
    singleError: false,
    targets: ecWholeBlocks,
    wrap(point, payload, ctx) {
      const eph = ctx.random(16);
      try {
        const head = encodeSm2Ciphertext(sm2Encrypt(point, eph, ctx.random), ctx.layout);
        return concatBytes(head, ecbEncrypt(sm4Cipher(eph), payload));
      } finally {
        eph.fill(0);
      }
    },
    unwrap(d, blob, ctx) {
      const headLen = sm2PrefixLength(blob, ctx.layout, 16);
      if (blob.length <= headLen) unwrapFailed();
      const eph = sm2Decrypt(d, decodeSm2Ciphertext(blob.subarray(0, headLen), ctx.layout));
      try {
        if (eph.length !== 16) unwrapFailed();
        return ecbDecrypt(sm4Cipher(eph), blob.subarray(headLen));
      } finally {
        eph.fill(0);
      }
    },
  },
];

const byName = new Map<string, WrappingAlgorithm>(table.map((a) => [a.name, Object.freeze(a)]));

export const WRAPPING_ALGORITHMS: readonly WrappingAlgorithmName[] = Object.freeze(table.map((a) => a.name));

export function getWrappingAlgorithm(name: unknown): WrappingAlgorithm {
  const a = typeof name === 'string' ? byName.get(name) : undefined;
  if (!a) fail('INVALID_ARGUMENT', `unknown wrapping algorithm; known: ${WRAPPING_ALGORITHMS.join(', ')}`);
  return a;
}

/** All entries, in table order (for listings and the README). */
export function wrappingAlgorithms(): readonly WrappingAlgorithm[] {
  return table;
}
