import { describe, expect, it } from 'vitest';
import { dialectNames, fromCreateKey, generateKey, namesOf, specs } from '../src/index.js';
import { lookupCloudName } from '../src/registry/lookup.js';
import { codeOfSync } from './helpers/codes.js';

const gcp = (purpose: unknown, algorithm?: unknown) =>
  fromCreateKey('gcp', algorithm === undefined ? { purpose } : { purpose, versionTemplate: { algorithm } });
const names = (r: ReturnType<typeof gcp>) => `${r.spec.name}/${r.usage}`;

describe('fromCreateKey gcp: purpose + versionTemplate.algorithm (google.cloud.kms.v1 CryptoKeyVersionAlgorithm)', () => {
  it('is one of the dialects, so the CreateKey table has the same five clouds as the import table', () => {
    expect([...dialectNames].sort()).toEqual(['aliyun', 'aws', 'gcp', 'huawei', 'tencent']);
  });

  it.each([
    ['ENCRYPT_DECRYPT', 'GOOGLE_SYMMETRIC_ENCRYPTION', 'AES_256/ENCRYPT_DECRYPT'],
    ['ENCRYPT_DECRYPT', undefined, 'AES_256/ENCRYPT_DECRYPT'], // the algorithm is implied for this purpose
    ['RAW_ENCRYPT_DECRYPT', 'AES_128_GCM', 'AES_128/ENCRYPT_DECRYPT'],
    ['RAW_ENCRYPT_DECRYPT', 'AES_256_CBC', 'AES_256/ENCRYPT_DECRYPT'],
    ['ASYMMETRIC_SIGN', 'EC_SIGN_P256_SHA256', 'EC_P256/SIGN_VERIFY'],
    ['ASYMMETRIC_SIGN', 'EC_SIGN_P384_SHA384', 'EC_P384/SIGN_VERIFY'],
    ['ASYMMETRIC_SIGN', 'EC_SIGN_SECP256K1_SHA256', 'EC_P256K/SIGN_VERIFY'],
    ['ASYMMETRIC_SIGN', 'RSA_SIGN_PKCS1_2048_SHA256', 'RSA_2048/SIGN_VERIFY'],
    ['ASYMMETRIC_SIGN', 'RSA_SIGN_PSS_3072_SHA256', 'RSA_3072/SIGN_VERIFY'],
    ['ASYMMETRIC_SIGN', 'RSA_SIGN_PSS_4096_SHA512', 'RSA_4096/SIGN_VERIFY'],
    ['ASYMMETRIC_DECRYPT', 'RSA_DECRYPT_OAEP_2048_SHA256', 'RSA_2048/ENCRYPT_DECRYPT'],
    ['ASYMMETRIC_DECRYPT', 'RSA_DECRYPT_OAEP_4096_SHA1', 'RSA_4096/ENCRYPT_DECRYPT'],
    ['MAC', 'HMAC_SHA224', 'HMAC_224/GENERATE_VERIFY_MAC'],
    ['MAC', 'HMAC_SHA512', 'HMAC_512/GENERATE_VERIFY_MAC'],
  ])('%s %s → %s', (purpose, algorithm, want) => {
    expect(names(gcp(purpose, algorithm))).toBe(want);
  });

  it('an algorithm of another purpose is INVALID_USAGE; unknown names, missing fields and wrong types are refused', () => {
    expect(codeOfSync(() => gcp('ASYMMETRIC_DECRYPT', 'RSA_SIGN_PKCS1_2048_SHA256'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => gcp('ENCRYPT_DECRYPT', 'AES_256_GCM'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => gcp('MAC', 'GOOGLE_SYMMETRIC_ENCRYPTION'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => gcp('ASYMMETRIC_SIGN', 'HMAC_SHA256'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => gcp('MAC', 'HMAC_SHA1'))).toBe('UNKNOWN_SPEC'); // no 20-byte HMAC spec
    expect(codeOfSync(() => gcp('ASYMMETRIC_SIGN', 'RSA_SIGN_RAW_PKCS1_2048'))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => gcp('SIGN_VERIFY', 'EC_SIGN_P256_SHA256'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => gcp('MAC'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('gcp', {}))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('gcp', { purpose: 'MAC', versionTemplate: 'HMAC_SHA256' }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('gcp', { purpose: 'MAC', versionTemplate: { algorithm: 7 } }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('gcp', { purpose: 7 }))).toBe('INVALID_ARGUMENT');
    // a polluted prototype does not fill in the template
    const proto = Object.create({ versionTemplate: { algorithm: 'HMAC_SHA256' } });
    proto.purpose = 'MAC';
    expect(codeOfSync(() => fromCreateKey('gcp', proto))).toBe('INVALID_ARGUMENT');
  });

  it('GCP names live in the registry entries, each implying its usage, and generate like any other name', async () => {
    const gcpNames = specs.flatMap((s) => namesOf(s).filter((n) => n.cloud === 'gcp'));
    expect(gcpNames.length).toBeGreaterThan(20);
    for (const n of gcpNames) {
      expect(n.usage).toBeDefined();
      expect(lookupCloudName('gcp', n.name)?.usage).toBe(n.usage);
    }
    const k = await generateKey('HMAC_SHA384');
    expect(`${k.spec.name}/${k.usage}`).toBe('HMAC_384/GENERATE_VERIFY_MAC');
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).toBe('UNKNOWN_SPEC');
  });
});
