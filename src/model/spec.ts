import type { EncryptionAlgorithmName, MacAlgorithmName, SigningAlgorithmName } from './algorithms.js';

/**
 * AWS KMS's KeyUsage values. GENERATE_VERIFY_MAC: HMAC keys (GenerateMac / VerifyMac). KEY_AGREEMENT: EC key
 * pairs on the NIST curves and SM2 (DeriveSharedSecret, ECDH). ENCAPSULATE_DECAPSULATE: ML-KEM.
 */
export type Usage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT' | 'ENCAPSULATE_DECAPSULATE';
export const USAGES: readonly Usage[] = Object.freeze(['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT', 'ENCAPSULATE_DECAPSULATE'] as Usage[]);

/**
 * The clouds keysmith speaks for: the one name for the cloud concept (spec names, CreateKey dialects,
 * import dialects). Each function takes the clouds its table covers (GCP has import only so far).
 */
export type CloudName = 'aliyun' | 'aws' | 'gcp' | 'huawei' | 'tencent';

/** @deprecated Use `CloudName`. Kept for one release (0.x); removed in the next. */
export type Cloud = CloudName;

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
  /**
   * GCP's CryptoKeyVersionAlgorithm names; each belongs to one CryptoKeyPurpose, so each carries the usage it
   * implies (ASYMMETRIC_SIGN → SIGN_VERIFY, KEY_ENCAPSULATION → ENCAPSULATE_DECAPSULATE).
   */
  readonly gcp?: Readonly<Record<string, Usage>>;
}

interface SpecCommon {
  readonly name: string;
  readonly description: string;
  readonly usages: readonly Usage[];
  readonly defaultUsage: Usage;
  readonly clouds: CloudNames;
  /**
   * The clouds whose import flow (src/wrap/dialects.ts) documents importing this spec: the one place that says
   * so. Set on every spec added in issue 9 (a cloud whose documentation is silent is left out, and its flow
   * refuses the spec with UNSUPPORTED); absent on the original nine, which every cloud's flow takes as far as
   * the wrapping algorithm's material class (symmetric / asymmetric / any) allows.
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

// --- issue 9 part B: Ed25519, ML-DSA, ML-KEM -------------------------------------------------------

/** Ed25519 (RFC 8032 §5.1; RFC 8410 for PKCS#8/SPKI; RFC 8037 for JWK). The private key is the 32-byte seed. */
export interface EdwardsSpec extends SpecCommon {
  readonly family: 'edwards';
  readonly curve: 'Ed25519';
  /** id-Ed25519 (RFC 8410 §3). */
  readonly oid: string;
  readonly seedBytes: number;
  readonly publicKeyBytes: number;
  readonly jwk: { readonly kty: 'OKP'; readonly crv: 'Ed25519' };
  readonly signature: SignatureScheme;
}

/** FIPS 204 ML-DSA; the private key is the 32-byte seed ξ (RFC 9881), the expanded key its skEncode form. */
export interface MlDsaSpec extends SpecCommon {
  readonly family: 'ml-dsa';
  readonly level: 44 | 65 | 87;
  readonly oid: string;
  readonly seedBytes: number;
  readonly publicKeyBytes: number;
  readonly expandedKeyBytes: number;
  /** draft-ietf-cose-dilithium: kty AKP with the parameter set as `alg`. */
  readonly jwk: { readonly kty: 'AKP'; readonly alg: string };
  readonly signature: SignatureScheme;
}

/** FIPS 203 ML-KEM; the private key is the 64-byte seed d ‖ z, the expanded key dk. No JWK is defined. */
export interface MlKemSpec extends SpecCommon {
  readonly family: 'ml-kem';
  readonly level: 512 | 768 | 1024;
  readonly oid: string;
  readonly seedBytes: number;
  readonly publicKeyBytes: number;
  readonly expandedKeyBytes: number;
  readonly ciphertextBytes: number;
  readonly sharedSecretBytes: number;
  readonly jwk?: undefined;
}

export type PqSpec = MlDsaSpec | MlKemSpec;

export type KeySpec = SymmetricSpec | RsaSpec | EcSpec | EdwardsSpec | MlDsaSpec | MlKemSpec;
export type AsymmetricSpec = RsaSpec | EcSpec | EdwardsSpec | MlDsaSpec | MlKemSpec;
export type Family = KeySpec['family'];
