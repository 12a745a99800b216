import type { KeySpec } from '../model/spec.js';

const BOTH = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] as const;
const SIGN_ONLY = ['SIGN_VERIFY'] as const;
const ENCRYPT_ONLY = ['ENCRYPT_DECRYPT'] as const;

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
    clouds: { aliyun: ['Aliyun_AES_256'], aws: ['SYMMETRIC_DEFAULT'], huawei: ['AES_256'] },
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
  ...([2048, 3072, 4096] as const).map(
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
    usages: SIGN_ONLY,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'EC', crv: 'P-256' },
    signature: 'ECDSA_SHA_256',
    clouds: {
      aliyun: ['EC_P256'],
      aws: ['ECC_NIST_P256'],
      huawei: ['EC_P256'],
      tencent: { ASYMMETRIC_SIGN_VERIFY_ECC: 'SIGN_VERIFY' },
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
    clouds: { aliyun: ['EC_P256K'], aws: ['ECC_SECG_P256K1'] },
  },
  {
    name: 'EC_P384',
    description: 'ECDSA key pair on NIST P-384 (secp384r1)',
    family: 'ec',
    curve: 'P-384',
    curveOid: '1.3.132.0.34',
    fieldBytes: 48,
    opensslCurve: 'secp384r1',
    usages: SIGN_ONLY,
    defaultUsage: 'SIGN_VERIFY',
    jwk: { kty: 'EC', crv: 'P-384' },
    signature: 'ECDSA_SHA_384',
    clouds: {
      aws: ['ECC_NIST_P384'],
      huawei: ['EC_P384'],
      tencent: { ASYMMETRIC_SIGN_VERIFY_ECDSA384: 'SIGN_VERIFY' },
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
    usages: BOTH,
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
] as const satisfies readonly KeySpec[];

/** One registry entry, with its literal names (the source of the name types in ./names.ts). */
export type SpecEntry = (typeof table)[number];

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Every spec keysmith generates, in a fixed order. Frozen. */
export const specs: readonly KeySpec[] = deepFreeze(table);
