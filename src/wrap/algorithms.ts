import type { KeySpec, SymmetricSpec } from '../model/spec.js';
import type { KeyFormat } from '../encoding/formats.js';
import { fail } from '../errors.js';

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

/**
 * What keysmith knows about a wrapping algorithm: metadata only. The crypto is each provider's `wrap` /
 * `unwrap` (the pure provider's is src/provider/pure/wrapping.ts); the byte layouts are the README's table.
 */
export interface WrappingAlgorithm {
  readonly name: WrappingAlgorithmName;
  readonly description: string;
  readonly wrappingKey: WrappingKeyKind;
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
  /**
   * Plain RSA encryption of the payload: the bytes the padding takes from the modulus (RFC 8017 §7.1.1: OAEP
   * 2·hLen + 2; §7.2.1: PKCS1-v1_5 11), so a payload fits a k-byte modulus only when it is at most k − overhead.
   */
  readonly rsaOverhead?: number;
}

/** The specs a wrapping key of each kind may have. */
export const WRAPPING_KEY_SPECS: Readonly<Record<WrappingKeyKind, (spec: KeySpec) => boolean>> = Object.freeze({
  aes: (s: KeySpec) => s.family === 'symmetric' && s.algorithm === 'AES',
  rsa: (s: KeySpec) => s.family === 'rsa',
  sm2: (s: KeySpec) => s.family === 'ec' && s.encryption === 'SM2PKE',
});

/** The format a payload travels in, for a target spec. */
export function payloadFormat(payload: PayloadKind, spec: KeySpec): KeyFormat {
  if (payload === 'private-scalar') return 'raw';
  return spec.family === 'symmetric' ? 'raw' : 'pkcs8-der';
}

const kekSpecs = new Map<number, SymmetricSpec>();

/**
 * The spec a raw AES key-encryption key of `bytes` (16, 24 or 32) is imported under. 32 bytes is the
 * registry's AES_256. AES-128/192 KEKs have no registry spec (keysmith does not generate them) but AES-KW
 * takes them; they get this frozen AES spec with their length, named `AES_KEK_128` / `AES_KEK_192`. It is
 * never listed with the specs; providers key on `algorithm` and `keyBytes`.
 */
export function aesKekSpec(aes256: SymmetricSpec, bytes: number): SymmetricSpec {
  if (![16, 24, 32].includes(bytes)) fail('INVALID_ARGUMENT', 'an AES key-encryption key is 16, 24 or 32 bytes');
  if (bytes === aes256.keyBytes) return aes256;
  let s = kekSpecs.get(bytes);
  if (!s) {
    s = Object.freeze({ ...aes256, name: `AES_KEK_${bytes * 8}`, description: `AES key-encryption key, ${bytes * 8} bits`, keyBytes: bytes, clouds: Object.freeze({}) });
    kekSpecs.set(bytes, s);
  }
  return s;
}

const anySpec = () => true;
// One OAEP block carries every payload but an RSA PKCS#8: secret keys, EC PKCS#8 (≤ 138 bytes), and, issue 9
// part B, Ed25519 PKCS#8 (48 bytes) and seed-only ML-DSA / ML-KEM PKCS#8 (54 / 86 bytes); RSA_2048 with
// OAEP-SHA-256 takes up to 190. A PQ key imported without its seed has no seed-only PKCS#8 and is not wrapped.
const symmetricOrEc = (s: KeySpec) => s.family !== 'rsa';
const asymmetric = (s: KeySpec) => s.family !== 'symmetric';
const ecWholeBlocks = (s: KeySpec) => s.family === 'ec' && s.fieldBytes % 16 === 0;

function entry(
  name: WrappingAlgorithmName,
  wrappingKey: WrappingKeyKind,
  targets: (s: KeySpec) => boolean,
  description: string,
  extra: { payload?: PayloadKind; legacy?: boolean; singleError?: boolean; rsaOverhead?: number } = {},
): WrappingAlgorithm {
  return {
    name, description, wrappingKey, payload: extra.payload ?? 'key-material', legacy: extra.legacy ?? false, singleError: extra.singleError ?? false, targets,
    ...(extra.rsaOverhead === undefined ? {} : { rsaOverhead: extra.rsaOverhead }),
  };
}

/**
 * The one table of wrapping algorithms. Everything keysmith knows about an algorithm lives in its entry;
 * nothing else switches on algorithm names.
 */
const table: readonly WrappingAlgorithm[] = [
  // KW takes a multiple of 8 bytes: symmetric keys only (PKCS#8 DER has no fixed length; HMAC_224's 28 bytes are not)
  entry('AES_KW', 'aes', (s) => s.family === 'symmetric' && s.keyBytes % 8 === 0, 'AES Key Wrap (RFC 3394, NIST SP 800-38F KW) under an AES key-encryption key'),
  entry('AES_KWP', 'aes', anySpec, 'AES Key Wrap with Padding (RFC 5649, NIST SP 800-38F KWP) under an AES key-encryption key'),
  entry('RSAES_OAEP_SHA_1', 'rsa', symmetricOrEc, 'RSAES-OAEP (RFC 8017 §7.1) with SHA-1, MGF1-SHA-1, empty label', { rsaOverhead: 42 }),
  entry('RSAES_OAEP_SHA_256', 'rsa', symmetricOrEc, 'RSAES-OAEP (RFC 8017 §7.1) with SHA-256, MGF1-SHA-256, empty label', { rsaOverhead: 66 }),
  entry('RSAES_PKCS1_V1_5', 'rsa', symmetricOrEc, 'RSAES-PKCS1-v1_5 (RFC 8017 §7.2). Legacy: still accepted by Tencent and Alibaba; prefer OAEP', { legacy: true, singleError: true, rsaOverhead: 11 }),
  entry('RSA_AES_KEY_WRAP_SHA_1', 'rsa', anySpec, 'CKM_RSA_AES_KEY_WRAP (PKCS #11 Current Mechanisms v2.40, "RSA AES KEY WRAP"): OAEP-SHA-1(fresh AES-256 key) ‖ AES-KWP(that key, material)'),
  entry('RSA_AES_KEY_WRAP_SHA_256', 'rsa', anySpec, 'CKM_RSA_AES_KEY_WRAP (PKCS #11 Current Mechanisms v2.40, "RSA AES KEY WRAP"): OAEP-SHA-256(fresh AES-256 key) ‖ AES-KWP(that key, material)'),
  entry('SM2PKE', 'sm2', anySpec, 'SM2 public-key encryption with SM3 (GB/T 32918.4-2016); ciphertext layout per `layout`'),
  entry('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'rsa', asymmetric, "Alibaba's envelope: OAEP-SHA-256(fresh AES-256 key) ‖ AES-256-ECB-PKCS#7(that key, PKCS#8 DER)"),
  entry('SM2PKE_SM4_ECB', 'sm2', ecWholeBlocks, "Alibaba's SM2 envelope: SM2PKE(fresh SM4 key) ‖ SM4-ECB(that key, raw private scalar), no padding", { payload: 'private-scalar' }),
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
