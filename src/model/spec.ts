import type { EncryptionAlgorithmName, SigningAlgorithmName } from './algorithms.js';

export type Usage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY';
export const USAGES: readonly Usage[] = Object.freeze(['ENCRYPT_DECRYPT', 'SIGN_VERIFY']);

/**
 * The clouds keysmith speaks for: the one name for the cloud concept (spec names, CreateKey dialects,
 * import dialects). Each function takes the clouds its table covers (GCP has import only so far).
 */
export type CloudName = 'aliyun' | 'aws' | 'gcp' | 'huawei' | 'tencent';

/** @deprecated Use `CloudName`. Kept for one release (0.x); removed in the next. */
export type Cloud = CloudName;

/** Named curves keysmith knows; the pure provider maps each to a noble curve. */
export type CurveName = 'P-256' | 'P-384' | 'secp256k1' | 'sm2p256v1';

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
  readonly gcp?: readonly string[];
  readonly huawei?: readonly string[];
  readonly tencent?: Readonly<Record<string, Usage>>;
}

interface SpecCommon {
  readonly name: string;
  readonly description: string;
  readonly usages: readonly Usage[];
  readonly defaultUsage: Usage;
  readonly clouds: CloudNames;
}

export interface SymmetricSpec extends SpecCommon {
  readonly family: 'symmetric';
  readonly algorithm: 'AES' | 'SM4';
  readonly keyBytes: number;
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
