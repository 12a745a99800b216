import type { KeySpec } from './spec.js';

/**
 * Signing and encryption algorithms: ONE table, keyed by AWS KMS's names (which keysmith uses as its own).
 * Each entry says which specs it applies to; a spec's default is its registry scheme (`spec.signature`,
 * `spec.encryption`), which is one of these names.
 */
export type SigningAlgorithmName =
  | 'RSASSA_PSS_SHA_256'
  | 'RSASSA_PSS_SHA_384'
  | 'RSASSA_PSS_SHA_512'
  | 'RSASSA_PKCS1_V1_5_SHA_256'
  | 'RSASSA_PKCS1_V1_5_SHA_384'
  | 'RSASSA_PKCS1_V1_5_SHA_512'
  | 'ECDSA_SHA_256'
  | 'ECDSA_SHA_384'
  | 'SM2DSA'
  | 'ECDSA_SHA_512'
  | 'ED25519_SHA_512'
  | 'ED25519_PH_SHA_512'
  | 'ML_DSA_SHAKE_256';

export type EncryptionAlgorithmName = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'SM2PKE';

/**
 * `RAW`: the message itself; the algorithm hashes it. `DIGEST`: a digest the caller computed, exactly
 * `digestBytes` long, as AWS KMS's `MessageType: DIGEST` takes it. For SM2DSA a digest is
 * e = SM3(ZA ‖ M) with ZA from the signer's public key and the default ID 1234567812345678
 * (GB/T 32918.2-2016 §6.1 A1–A2; GM/T 0009-2012 §10), not SM3(M). `EXTERNAL_MU` (ML-DSA only): the 64-byte
 * μ = H(H(pk) ‖ 0 ‖ 0 ‖ M) of FIPS 204 Algorithm 2 line 10 / Algorithm 7 line 6, as AWS KMS takes it.
 */
export type MessageType = 'RAW' | 'DIGEST' | 'EXTERNAL_MU';
export const MESSAGE_TYPES: readonly MessageType[] = Object.freeze(['RAW', 'DIGEST', 'EXTERNAL_MU']);

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3' | 'SHAKE-256';
const DIGEST_BYTES: Readonly<Record<DigestName, number>> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64, SM3: 32, 'SHAKE-256': 64 };

export interface SigningAlgorithm {
  readonly name: SigningAlgorithmName;
  readonly kind: 'signing';
  /**
   * RSASSA-PSS: RFC 8017 §8.1, MGF1 with the same hash, salt length = hash length (as AWS KMS).
   * RSASSA-PKCS1-v1_5: RFC 8017 §8.2. ECDSA: FIPS 186-5 §6.4. SM2DSA: GB/T 32918.2-2016 with SM3.
   * Ed25519 / Ed25519ph: RFC 8032 §5.1 (empty context). ML-DSA: FIPS 204 Algorithm 2, pure, empty context.
   */
  readonly scheme: 'RSASSA-PSS' | 'RSASSA-PKCS1-v1_5' | 'ECDSA' | 'SM2DSA' | 'Ed25519' | 'Ed25519ph' | 'ML-DSA';
  readonly hash: DigestName;
  /** Length of a `DIGEST` or `EXTERNAL_MU` message. */
  readonly digestBytes: number;
  /**
   * The message types the algorithm takes (AWS: ED25519_SHA_512 only RAW, ED25519_PH_SHA_512 only DIGEST,
   * ML_DSA_SHAKE_256 RAW or EXTERNAL_MU; the others RAW or DIGEST).
   */
  readonly messageTypes: readonly MessageType[];
  readonly appliesTo: (spec: KeySpec) => boolean;
}

export interface EncryptionAlgorithm {
  readonly name: EncryptionAlgorithmName;
  readonly kind: 'encryption';
  /** RSAES-OAEP: RFC 8017 §7.1, MGF1 with the same hash, empty label. SM2PKE: GB/T 32918.4-2016 with SM3. */
  readonly scheme: 'RSAES-OAEP' | 'SM2PKE';
  readonly hash: DigestName;
  readonly appliesTo: (spec: KeySpec) => boolean;
}

const rsa = (s: KeySpec) => s.family === 'rsa';
const curve = (...names: string[]) => (s: KeySpec) => s.family === 'ec' && names.includes(s.curve);

const RAW_OR_DIGEST: readonly MessageType[] = Object.freeze(['RAW', 'DIGEST']);

function signing(
  name: SigningAlgorithmName,
  scheme: SigningAlgorithm['scheme'],
  hash: DigestName,
  appliesTo: (s: KeySpec) => boolean,
  messageTypes: readonly MessageType[] = RAW_OR_DIGEST,
): SigningAlgorithm {
  return Object.freeze({ name, kind: 'signing', scheme, hash, digestBytes: DIGEST_BYTES[hash], messageTypes: Object.freeze([...messageTypes]), appliesTo });
}

function encryption(name: EncryptionAlgorithmName, scheme: EncryptionAlgorithm['scheme'], hash: DigestName, appliesTo: (s: KeySpec) => boolean): EncryptionAlgorithm {
  return Object.freeze({ name, kind: 'encryption', scheme, hash, appliesTo });
}

const signingTable: readonly SigningAlgorithm[] = Object.freeze([
  signing('RSASSA_PSS_SHA_256', 'RSASSA-PSS', 'SHA-256', rsa),
  signing('RSASSA_PSS_SHA_384', 'RSASSA-PSS', 'SHA-384', rsa),
  signing('RSASSA_PSS_SHA_512', 'RSASSA-PSS', 'SHA-512', rsa),
  signing('RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA-PKCS1-v1_5', 'SHA-256', rsa),
  signing('RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA-PKCS1-v1_5', 'SHA-384', rsa),
  signing('RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA-PKCS1-v1_5', 'SHA-512', rsa),
  // AWS: ECDSA_SHA_256 for ECC_NIST_P256 and ECC_SECG_P256K1, ECDSA_SHA_384 for ECC_NIST_P384
  signing('ECDSA_SHA_256', 'ECDSA', 'SHA-256', curve('P-256', 'secp256k1')),
  signing('ECDSA_SHA_384', 'ECDSA', 'SHA-384', curve('P-384')),
  signing('SM2DSA', 'SM2DSA', 'SM3', curve('sm2p256v1')),
  // AWS: ECDSA_SHA_512 for ECC_NIST_P521
  signing('ECDSA_SHA_512', 'ECDSA', 'SHA-512', curve('P-521')),
  // issue 9 part B. AWS: ECC_NIST_EDWARDS25519 signs with ED25519_SHA_512 (MessageType RAW only) or
  // ED25519_PH_SHA_512 (DIGEST only: the SHA-512 of the message); ML_DSA_* with ML_DSA_SHAKE_256 (RAW or EXTERNAL_MU).
  signing('ED25519_SHA_512', 'Ed25519', 'SHA-512', (s) => s.family === 'edwards', ['RAW']),
  signing('ED25519_PH_SHA_512', 'Ed25519ph', 'SHA-512', (s) => s.family === 'edwards', ['DIGEST']),
  signing('ML_DSA_SHAKE_256', 'ML-DSA', 'SHAKE-256', (s) => s.family === 'ml-dsa', ['RAW', 'EXTERNAL_MU']),
]);

const encryptionTable: readonly EncryptionAlgorithm[] = Object.freeze([
  encryption('RSAES_OAEP_SHA_1', 'RSAES-OAEP', 'SHA-1', rsa),
  encryption('RSAES_OAEP_SHA_256', 'RSAES-OAEP', 'SHA-256', rsa),
  encryption('SM2PKE', 'SM2PKE', 'SM3', curve('sm2p256v1')),
]);

export const SIGNING_ALGORITHMS: readonly SigningAlgorithmName[] = Object.freeze(signingTable.map((a) => a.name));
export const ENCRYPTION_ALGORITHMS: readonly EncryptionAlgorithmName[] = Object.freeze(encryptionTable.map((a) => a.name));

/** All signing algorithms, in table order. */
export function signingAlgorithms(): readonly SigningAlgorithm[] {
  return signingTable;
}

/** All encryption algorithms, in table order. */
export function encryptionAlgorithms(): readonly EncryptionAlgorithm[] {
  return encryptionTable;
}

/** The entry for a signing algorithm name, or undefined. */
export function findSigningAlgorithm(name: unknown): SigningAlgorithm | undefined {
  return signingTable.find((a) => a.name === name);
}

/** The entry for an encryption algorithm name, or undefined. */
export function findEncryptionAlgorithm(name: unknown): EncryptionAlgorithm | undefined {
  return encryptionTable.find((a) => a.name === name);
}

/**
 * MAC algorithms (AWS KMS's MacAlgorithm names; HMAC_SM3 is Huawei's). HMAC per RFC 2104 / FIPS 198-1 with the
 * full-length tag. Each HMAC key spec supports exactly its own algorithm (`spec.mac`), as AWS's do.
 */
export type MacAlgorithmName = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512' | 'HMAC_SM3';

export interface MacAlgorithm {
  readonly name: MacAlgorithmName;
  readonly kind: 'mac';
  readonly hash: 'SHA-224' | DigestName;
  /** Tag length in bytes (the digest length). */
  readonly tagBytes: number;
  readonly appliesTo: (spec: KeySpec) => boolean;
}

function mac(name: MacAlgorithmName, hash: MacAlgorithm['hash'], tagBytes: number): MacAlgorithm {
  return Object.freeze({ name, kind: 'mac', hash, tagBytes, appliesTo: (s: KeySpec) => s.family === 'symmetric' && s.mac === name });
}

const macTable: readonly MacAlgorithm[] = Object.freeze([
  mac('HMAC_SHA_224', 'SHA-224', 28),
  mac('HMAC_SHA_256', 'SHA-256', 32),
  mac('HMAC_SHA_384', 'SHA-384', 48),
  mac('HMAC_SHA_512', 'SHA-512', 64),
  mac('HMAC_SM3', 'SM3', 32),
]);

export const MAC_ALGORITHMS: readonly MacAlgorithmName[] = Object.freeze(macTable.map((a) => a.name));

/** All MAC algorithms, in table order. */
export function macAlgorithms(): readonly MacAlgorithm[] {
  return macTable;
}

/** The entry for a MAC algorithm name, or undefined. */
export function findMacAlgorithm(name: unknown): MacAlgorithm | undefined {
  return macTable.find((a) => a.name === name);
}
