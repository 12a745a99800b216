import type { KeySpec, Usage } from '../model/spec.js';

const BOTH = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] as const;
const SIGN_ONLY = ['SIGN_VERIFY'] as const;
const ENCRYPT_ONLY = ['ENCRYPT_DECRYPT'] as const;
// issue 9 part A: AWS allows KEY_AGREEMENT on the NIST curves and SM2; HMAC keys only GENERATE_VERIFY_MAC
const SIGN_OR_AGREE = ['SIGN_VERIFY', 'KEY_AGREEMENT'] as const;
const MAC_ONLY = ['GENERATE_VERIFY_MAC'] as const;
const ENCAPSULATE_ONLY = ['ENCAPSULATE_DECAPSULATE'] as const;

/**
 * `items.map(f)` typed as a tuple of the same length: spread into the table, it keeps the table a tuple (an
 * array spread would make it an array of a union of entries, whose object types TypeScript normalizes).
 */
function mapEach<const T extends readonly unknown[], R>(items: T, f: (item: T[number]) => R): { readonly [K in keyof T]: R } {
  return items.map(f) as unknown as { readonly [K in keyof T]: R };
}

/**
 * The registry: everything keysmith knows about a key spec lives in its entry here. Nothing else in the
 * code base lists specs; it looks them up.
 *
 * The table is `as const`: the public name types (SpecName, SymmetricSpecName, CloudSpecName, … in
 * ./names.ts) are read from it, so an entry must keep its names literal: a plain object literal, or a
 * helper whose result is `as const`. An entry annotated `: KeySpec` widens every name type to `string`
 * (test/types.test.ts fails then).
 */
const table = [
  {
    name: 'AES_256',
    description: 'AES key, 256 bits',
    family: 'symmetric',
    algorithm: 'AES',
    keyBytes: 32,
    usages: ENCRYPT_ONLY,
    defaultUsage: 'ENCRYPT_DECRYPT',
    jwk: { kty: 'oct' },
    clouds: {
      aliyun: ['Aliyun_AES_256'], aws: ['SYMMETRIC_DEFAULT'], huawei: ['AES_256'],
      gcp: { GOOGLE_SYMMETRIC_ENCRYPTION: 'ENCRYPT_DECRYPT', AES_256_GCM: 'ENCRYPT_DECRYPT', AES_256_CBC: 'ENCRYPT_DECRYPT', AES_256_CTR: 'ENCRYPT_DECRYPT' },
    },
  },
  {
    name: 'SM4',
    description: 'SM4 key, 128 bits (GB/T 32907-2016)',
    family: 'symmetric',
    algorithm: 'SM4',
    keyBytes: 16,
    usages: ENCRYPT_ONLY,
    defaultUsage: 'ENCRYPT_DECRYPT',
    jwk: { kty: 'oct' },
    clouds: { aliyun: ['Aliyun_SM4'], huawei: ['SM4'] },
  },
  ...mapEach([2048, 3072, 4096] as const,
    (bits) => ({
      name: `RSA_${bits}`,
      description: `RSA key pair, ${bits}-bit modulus, e = 65537`,
      family: 'rsa',
      bits,
      publicExponent: 65537n,
      usages: BOTH,
      defaultUsage: 'SIGN_VERIFY',
      jwk: { kty: 'RSA' },
      signature: 'RSASSA_PKCS1_V1_5_SHA_256',
      encryption: 'RSAES_OAEP_SHA_256',
      clouds: {
        aliyun: [`RSA_${bits}`],
        aws: [`RSA_${bits}`],
        huawei: [`RSA_${bits}`],
        ...(bits === 2048
          ? ({ tencent: { ASYMMETRIC_DECRYPT_RSA_2048: 'ENCRYPT_DECRYPT', ASYMMETRIC_SIGN_VERIFY_RSA_2048: 'SIGN_VERIFY' } } as const)
          : {}),
        gcp: gcpRsaNames(bits),
      },
    }) as const,
  ),
  {
    name: 'EC_P256',
    description: 'ECDSA key pair on NIST P-256 (secp256r1)',
    family: 'ec',
    curve: 'P-256',
    curveOid: '1.2.840.10045.3.1.7',
    fieldBytes: 32,
    opensslCurve: 'prime256v1',
    usages: SIGN_OR_AGREE,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'EC', crv: 'P-256' },
    signature: 'ECDSA_SHA_256',
    clouds: {
      aliyun: ['EC_P256'],
      aws: ['ECC_NIST_P256'],
      huawei: ['EC_P256'],
      tencent: { ASYMMETRIC_SIGN_VERIFY_ECC: 'SIGN_VERIFY' },
      gcp: { EC_SIGN_P256_SHA256: 'SIGN_VERIFY' },
    },
  },
  {
    name: 'EC_P256K',
    description: 'ECDSA key pair on secp256k1 (SEC 2)',
    family: 'ec',
    curve: 'secp256k1',
    curveOid: '1.3.132.0.10',
    fieldBytes: 32,
    opensslCurve: 'secp256k1',
    usages: SIGN_ONLY,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'EC', crv: 'secp256k1' },
    signature: 'ECDSA_SHA_256',
    clouds: { aliyun: ['EC_P256K'], aws: ['ECC_SECG_P256K1'], gcp: { EC_SIGN_SECP256K1_SHA256: 'SIGN_VERIFY' } },
  },
  {
    name: 'EC_P384',
    description: 'ECDSA key pair on NIST P-384 (secp384r1)',
    family: 'ec',
    curve: 'P-384',
    curveOid: '1.3.132.0.34',
    fieldBytes: 48,
    opensslCurve: 'secp384r1',
    usages: SIGN_OR_AGREE,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'EC', crv: 'P-384' },
    signature: 'ECDSA_SHA_384',
    clouds: {
      aws: ['ECC_NIST_P384'],
      huawei: ['EC_P384'],
      tencent: { ASYMMETRIC_SIGN_VERIFY_ECDSA384: 'SIGN_VERIFY' },
      gcp: { EC_SIGN_P384_SHA384: 'SIGN_VERIFY' },
    },
  },
  {
    name: 'SM2',
    description: 'SM2 key pair on sm2p256v1 (GB/T 32918.5-2017)',
    family: 'ec',
    curve: 'sm2p256v1',
    curveOid: '1.2.156.10197.1.301',
    fieldBytes: 32,
    opensslCurve: 'SM2',
    usages: [...BOTH, 'KEY_AGREEMENT'],
    defaultUsage: 'SIGN_VERIFY',
    signature: 'SM2DSA',
    encryption: 'SM2PKE',
    clouds: {
      aliyun: ['EC_SM2'],
      aws: ['SM2'],
      huawei: ['SM2'],
      tencent: { ASYMMETRIC_DECRYPT_SM2: 'ENCRYPT_DECRYPT', ASYMMETRIC_SIGN_VERIFY_SM2: 'SIGN_VERIFY' },
    },
  },
  // ---- issue 9 part A: HMAC, AES_128/AES_192, EC_P521 ----
  ...mapEach(
    [
      [224, 28, 'HMAC_SHA_224', ['HMAC_224'], []],
      [256, 32, 'HMAC_SHA_256', ['HMAC_256'], ['HMAC_256']],
      [384, 48, 'HMAC_SHA_384', ['HMAC_384'], ['HMAC_384']],
      [512, 64, 'HMAC_SHA_512', ['HMAC_512'], ['HMAC_512']],
    ] as const,
    ([bits, keyBytes, mac, aws, huawei]) =>
      ({
      name: `HMAC_${bits}`,
      description: `HMAC-SHA-${bits} key, ${keyBytes} bytes (the digest length, as AWS and GCP require)`,
      family: 'symmetric',
      algorithm: 'HMAC',
      keyBytes,
      mac,
      usages: MAC_ONLY,
      defaultUsage: 'GENERATE_VERIFY_MAC',
      jwk: { kty: 'oct' },
      clouds: { aws, ...(huawei.length > 0 ? { huawei } : {}), gcp: gcpName(`HMAC_SHA${bits}`, 'GENERATE_VERIFY_MAC') },
      // AWS imports HMAC key material; GCP imports HMAC keys of exactly the digest length (gcloud kms keys versions import)
      imports: ['aws', 'gcp'],
      }) as const,
  ),
  {
    name: 'HMAC_SM3',
    description: 'HMAC-SM3 key, 32 bytes (GB/T 32905-2016 SM3 in RFC 2104 HMAC)',
    family: 'symmetric',
    algorithm: 'HMAC',
    keyBytes: 32,
    mac: 'HMAC_SM3',
    usages: MAC_ONLY,
    defaultUsage: 'GENERATE_VERIFY_MAC',
    jwk: { kty: 'oct' },
    clouds: { huawei: ['HMAC_SM3'] },
    imports: [],
  },
  {
    name: 'AES_128',
    description: 'AES key, 128 bits',
    family: 'symmetric',
    algorithm: 'AES',
    keyBytes: 16,
    usages: ENCRYPT_ONLY,
    defaultUsage: 'ENCRYPT_DECRYPT',
    jwk: { kty: 'oct' },
    clouds: { aliyun: ['Aliyun_AES_128'], gcp: { AES_128_GCM: 'ENCRYPT_DECRYPT', AES_128_CBC: 'ENCRYPT_DECRYPT', AES_128_CTR: 'ENCRYPT_DECRYPT' } },
    // Alibaba's external keys are Aliyun_AES_256 and Aliyun_SM4 only; GCP imports aes-128-gcm/cbc/ctr
    imports: ['gcp'],
  },
  {
    name: 'AES_192',
    description: 'AES key, 192 bits',
    family: 'symmetric',
    algorithm: 'AES',
    keyBytes: 24,
    usages: ENCRYPT_ONLY,
    defaultUsage: 'ENCRYPT_DECRYPT',
    jwk: { kty: 'oct' },
    clouds: { aliyun: ['Aliyun_AES_192'] },
    imports: [],
  },
  {
    name: 'EC_P521',
    description: 'ECDSA / ECDH key pair on NIST P-521 (secp521r1)',
    family: 'ec',
    curve: 'P-521',
    curveOid: '1.3.132.0.35',
    fieldBytes: 66,
    opensslCurve: 'secp521r1',
    usages: SIGN_OR_AGREE,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'EC', crv: 'P-521' },
    signature: 'ECDSA_SHA_512',
    clouds: { aws: ['ECC_NIST_P521'] },
    imports: ['aws'],
  },
  // --- issue 9 part B: Ed25519, ML-DSA, ML-KEM. Cloud names as each cloud's API reference spells them
  // (AWS CreateKey KeySpec; GCP CryptoKeyVersionAlgorithm); Huawei documents none of them (README).
  {
    name: 'ED25519',
    description: 'Ed25519 key pair (RFC 8032, RFC 8410), 32-byte seed',
    family: 'edwards',
    curve: 'Ed25519',
    oid: '1.3.101.112',
    seedBytes: 32,
    publicKeyBytes: 32,
    usages: SIGN_ONLY,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'OKP', crv: 'Ed25519' },
    signature: 'ED25519_SHA_512',
    clouds: { aws: ['ECC_NIST_EDWARDS25519'], gcp: { EC_SIGN_ED25519: 'SIGN_VERIFY' } },
    // `gcloud kms keys versions import --algorithm ec-sign-ed25519`; AWS's import pages do not mention Ed25519
    imports: ['gcp'],
  },
  ...mapEach(
    [
      [44, '2.16.840.1.101.3.4.3.17', 1312, 2560],
      [65, '2.16.840.1.101.3.4.3.18', 1952, 4032],
      [87, '2.16.840.1.101.3.4.3.19', 2592, 4896],
    ] as const,
    ([level, oid, publicKeyBytes, expandedKeyBytes]) =>
      ({
      name: `ML_DSA_${level}`,
      description: `ML-DSA-${level} key pair (FIPS 204), 32-byte seed`,
      family: 'ml-dsa',
      level,
      oid,
      seedBytes: 32,
      publicKeyBytes,
      expandedKeyBytes,
      usages: SIGN_ONLY,
      defaultUsage: 'SIGN_VERIFY',
      jwk: { kty: 'AKP', alg: `ML-DSA-${level}` },
      signature: 'ML_DSA_SHAKE_256',
      // GCP's *_EXTERNAL_MU algorithms are the same keys, signing a caller-computed μ
      clouds: { aws: [`ML_DSA_${level}`], gcp: { ...gcpName(`PQ_SIGN_ML_DSA_${level}`, 'SIGN_VERIFY'), ...gcpName(`PQ_SIGN_ML_DSA_${level}_EXTERNAL_MU`, 'SIGN_VERIFY') } },
      // GCP documents ML-DSA import only for import-trusted-key-wrapped, not ImportJobs; AWS not at all
      imports: [],
      }) as const,
  ),
  ...mapEach(
    [
      [512, '2.16.840.1.101.3.4.4.1', 800, 1632, 768],
      [768, '2.16.840.1.101.3.4.4.2', 1184, 2400, 1088],
      [1024, '2.16.840.1.101.3.4.4.3', 1568, 3168, 1568],
    ] as const,
    ([level, oid, publicKeyBytes, expandedKeyBytes, ciphertextBytes]) =>
      ({
      name: `ML_KEM_${level}`,
      description: `ML-KEM-${level} key pair (FIPS 203), 64-byte seed d ‖ z`,
      family: 'ml-kem',
      level,
      oid,
      seedBytes: 64,
      publicKeyBytes,
      expandedKeyBytes,
      ciphertextBytes,
      sharedSecretBytes: 32,
      usages: ENCAPSULATE_ONLY,
      defaultUsage: 'ENCAPSULATE_DECAPSULATE',
      // GCP offers ML-KEM-768 and ML-KEM-1024 only
      clouds: { aws: [`ML_KEM_${level}`], ...(level === 512 ? {} : { gcp: gcpName(`ML_KEM_${level}`, 'ENCAPSULATE_DECAPSULATE') }) },
      imports: [],
      }) as const,
  ),
] as const satisfies readonly KeySpec[];

/** One registry entry, with its literal names (the source of the name types in ./names.ts). */
export type SpecEntry = (typeof table)[number];

/** GCP's algorithm names for an RSA size: each names padding and digest, and so the usage (SIGN vs DECRYPT). */
type GcpRsaNames<B extends 2048 | 3072 | 4096> = { readonly [K in `RSA_SIGN_PSS_${B}_SHA256` | `RSA_SIGN_PKCS1_${B}_SHA256`]: 'SIGN_VERIFY' } & {
  readonly [K in `RSA_DECRYPT_OAEP_${B}_SHA256` | `RSA_DECRYPT_OAEP_${B}_SHA1`]: 'ENCRYPT_DECRYPT';
} & (4096 extends B
    ? { readonly RSA_SIGN_PSS_4096_SHA512: 'SIGN_VERIFY'; readonly RSA_SIGN_PKCS1_4096_SHA512: 'SIGN_VERIFY'; readonly RSA_DECRYPT_OAEP_4096_SHA512: 'ENCRYPT_DECRYPT' }
    : unknown);
function gcpRsaNames<B extends 2048 | 3072 | 4096>(bits: B): GcpRsaNames<B> {
  const names: Record<string, Usage> = {
    [`RSA_SIGN_PSS_${bits}_SHA256`]: 'SIGN_VERIFY',
    [`RSA_SIGN_PKCS1_${bits}_SHA256`]: 'SIGN_VERIFY',
    [`RSA_DECRYPT_OAEP_${bits}_SHA256`]: 'ENCRYPT_DECRYPT',
    [`RSA_DECRYPT_OAEP_${bits}_SHA1`]: 'ENCRYPT_DECRYPT',
  };
  if (bits === 4096) Object.assign(names, { RSA_SIGN_PSS_4096_SHA512: 'SIGN_VERIFY', RSA_SIGN_PKCS1_4096_SHA512: 'SIGN_VERIFY', RSA_DECRYPT_OAEP_4096_SHA512: 'ENCRYPT_DECRYPT' });
  return names as GcpRsaNames<B>;
}

/** One GCP algorithm name and the usage it implies, with the name kept literal (a computed key would widen it). */
function gcpName<N extends string, U extends Usage>(name: N, usage: U): { readonly [K in N]: U } {
  return { [name]: usage } as { readonly [K in N]: U };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Every spec keysmith generates, in a fixed order. Frozen. */
export const specs: readonly KeySpec[] = deepFreeze(table);
