import type { EncryptionAlgorithmName, MacAlgorithmName, SigningAlgorithmName } from './algorithms.js';

/**
 * AWS KMS's KeyUsage values. GENERATE_VERIFY_MAC: HMAC keys (GenerateMac / VerifyMac). KEY_AGREEMENT: EC key
 * pairs on the NIST curves and SM2 (DeriveSharedSecret, ECDH).
 */
export type Usage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';
export const USAGES: readonly Usage[] = Object.freeze(['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] as Usage[]);

export type Cloud = 'aliyun' | 'aws' | 'huawei' | 'tencent' | 'gcp';

/** Named curves keysmith knows; the pure provider maps each to a noble curve. */
export type CurveName = 'P-256' | 'P-384' | 'secp256k1' | 'sm2p256v1' | 'P-521';

/** A spec's default signing algorithm (`sign`/`verify` and the pairwise consistency test): a name from src/model/algorithms.ts. */
export type SignatureScheme = SigningAlgorithmName;
/** A spec's default encryption algorithm (`encrypt`/`decrypt` and the PCT of encryption key pairs). */
export type EncryptionScheme = EncryptionAlgorithmName;

/**
 * A cloud's names for a spec. A plain name means "this spec, usage given separately"; Tencent's
 * KeyUsage values name spec and usage together, so those carry the usage they imply.
 */
export interface CloudNames {
  readonly aliyun?: readonly string[];
  readonly aws?: readonly string[];
  readonly huawei?: readonly string[];
  readonly tencent?: Readonly<Record<string, Usage>>;
  /** GCP's CryptoKeyVersionAlgorithm names (`versionTemplate.algorithm`); each implies its usage, as Tencent's do. */
  readonly gcp?: Readonly<Record<string, Usage>>;
}

interface SpecCommon {
  readonly name: string;
  readonly description: string;
  readonly usages: readonly Usage[];
  readonly defaultUsage: Usage;
  readonly clouds: CloudNames;
  /**
   * The clouds whose import flow (src/wrap/dialects.ts) documents importing this spec. Set on the specs added in
   * issue 9 (a cloud whose documentation is silent does not get it); absent on the original nine, whose import
   * the flow's material class (symmetric / asymmetric / any) decides.
   */
  readonly imports?: readonly Cloud[];
}

export interface SymmetricSpec extends SpecCommon {
  readonly family: 'symmetric';
  readonly algorithm: 'AES' | 'SM4' | 'HMAC';
  readonly keyBytes: number;
  /** HMAC keys: the one MAC algorithm the key supports (AWS: each HMAC key spec has exactly one). */
  readonly mac?: MacAlgorithmName;
  readonly jwk: { readonly kty: 'oct' };
}

export interface RsaSpec extends SpecCommon {
  readonly family: 'rsa';
  readonly bits: number;
  readonly publicExponent: bigint;
  readonly jwk: { readonly kty: 'RSA' };
  readonly signature: SignatureScheme;
  readonly encryption: EncryptionScheme;
}

export interface EcSpec extends SpecCommon {
  readonly family: 'ec';
  readonly curve: CurveName;
  readonly curveOid: string;
  /** Bytes in a field element and in a private scalar. */
  readonly fieldBytes: number;
  /** Names the curve in OpenSSL, for interop and for `inspect`. */
  readonly opensslCurve: string;
  /** RFC 7518 §6.2.1.1 / RFC 8812 §3.1 curve name; absent where none is registered (SM2). */
  readonly jwk?: { readonly kty: 'EC'; readonly crv: string };
  readonly signature: SignatureScheme;
  readonly encryption?: EncryptionScheme;
}

export type KeySpec = SymmetricSpec | RsaSpec | EcSpec;
export type AsymmetricSpec = RsaSpec | EcSpec;
export type Family = KeySpec['family'];
