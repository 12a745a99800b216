import { describe, expect, it } from 'vitest';
import { specs } from '../src/registry/specs.js';
import { getSpec, namesOf, resolveUsage } from '../src/registry/lookup.js';
import { fromCreateKey } from '../src/registry/create-key.js';
import { codeOfSync } from './helpers/codes.js';

describe('the spec registry', () => {
  it('holds the nine specs and issue 9\'s additions, frozen', () => {
    expect(specs.map((s) => s.name)).toEqual([
      'AES_256', 'SM4', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_P384', 'SM2',
      'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3', 'AES_128', 'AES_192', 'EC_P521',
      'ED25519', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024',
    ]);
    expect(Object.isFrozen(specs)).toBe(true);
    for (const s of specs) {
      expect(Object.isFrozen(s)).toBe(true);
      expect(Object.isFrozen(s.usages)).toBe(true);
      expect(s.usages).toContain(s.defaultUsage);
    }
    expect(() => (specs as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('states sizes, curves and usages as the issue and the standards give them', () => {
    const table = Object.fromEntries(specs.map((s) => [s.name, s]));
    expect(table.AES_256).toMatchObject({ family: 'symmetric', keyBytes: 32, usages: ['ENCRYPT_DECRYPT'] });
    expect(table.SM4).toMatchObject({ family: 'symmetric', keyBytes: 16 });
    for (const b of [2048, 3072, 4096]) expect(table[`RSA_${b}`]).toMatchObject({ family: 'rsa', bits: b, publicExponent: 65537n, usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] });
    expect(table.EC_P256).toMatchObject({ curveOid: '1.2.840.10045.3.1.7', usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'], jwk: { crv: 'P-256' } });
    expect(table.EC_P256K).toMatchObject({ curveOid: '1.3.132.0.10', usages: ['SIGN_VERIFY'], jwk: { crv: 'secp256k1' } });
    expect(table.EC_P384).toMatchObject({ curveOid: '1.3.132.0.34', fieldBytes: 48, usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'] });
    expect(table.SM2).toMatchObject({ curveOid: '1.2.156.10197.1.301', usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'] });
    // issue 9 part A: AWS allows KEY_AGREEMENT on the NIST curves and SM2; HMAC keys are the digest length
    expect(table.EC_P521).toMatchObject({ curveOid: '1.3.132.0.35', fieldBytes: 66, opensslCurve: 'secp521r1', usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'], jwk: { crv: 'P-521' }, signature: 'ECDSA_SHA_512' });
    for (const [n, bytes] of [[224, 28], [256, 32], [384, 48], [512, 64]] as const) {
      expect(table[`HMAC_${n}`]).toMatchObject({ family: 'symmetric', algorithm: 'HMAC', keyBytes: bytes, mac: `HMAC_SHA_${n}`, usages: ['GENERATE_VERIFY_MAC'] });
    }
    expect(table.HMAC_SM3).toMatchObject({ keyBytes: 32, mac: 'HMAC_SM3', usages: ['GENERATE_VERIFY_MAC'] });
    expect(table.AES_128).toMatchObject({ algorithm: 'AES', keyBytes: 16, usages: ['ENCRYPT_DECRYPT'] });
    expect(table.AES_192).toMatchObject({ algorithm: 'AES', keyBytes: 24, usages: ['ENCRYPT_DECRYPT'] });
    expect(table.SM2!.family === 'ec' && table.SM2!.jwk).toBeUndefined();
  });

  it('resolves every cloud name to its spec', () => {
    const cases: [string, string][] = [
      ['Aliyun_AES_256', 'AES_256'], ['Aliyun_SM4', 'SM4'], ['SYMMETRIC_DEFAULT', 'AES_256'], ['EC_SM2', 'SM2'],
      ['ECC_NIST_P256', 'EC_P256'], ['ECC_NIST_P384', 'EC_P384'], ['ECC_SECG_P256K1', 'EC_P256K'],
      ['ASYMMETRIC_SIGN_VERIFY_ECC', 'EC_P256'], ['ASYMMETRIC_SIGN_VERIFY_ECDSA384', 'EC_P384'], ['ASYMMETRIC_DECRYPT_SM2', 'SM2'],
      ['ASYMMETRIC_SIGN_VERIFY_RSA_2048', 'RSA_2048'], ['RSA_4096', 'RSA_4096'], ['EC_P256K', 'EC_P256K'],
    ];
    for (const [name, spec] of cases) expect(getSpec(name).name).toBe(spec);
    for (const s of specs) for (const n of namesOf(s)) expect(getSpec(n.name)).toBe(s);
    expect(getSpec(specs[3]!)).toBe(specs[3]);
  });

  it('rejects unknown names and non-strings with UNKNOWN_SPEC', () => {
    for (const bad of ['aes_256', 'RSA_1024', 'ECC_NIST_P224', 'HMAC_128', 'HMAC_SHA1', '', 'constructor', '__proto__']) expect(codeOfSync(() => getSpec(bad))).toBe('UNKNOWN_SPEC');
    for (const bad of [undefined, null, 42, {}, ['AES_256']]) expect(codeOfSync(() => getSpec(bad as never))).toBe('UNKNOWN_SPEC');
  });

  it('checks usages against the spec', () => {
    expect(resolveUsage(getSpec('SM2'), undefined)).toBe('SIGN_VERIFY');
    expect(resolveUsage(getSpec('SM2'), 'ENCRYPT_DECRYPT')).toBe('ENCRYPT_DECRYPT');
    expect(codeOfSync(() => resolveUsage(getSpec('EC_P256'), 'ENCRYPT_DECRYPT'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => resolveUsage(getSpec('AES_256'), 'SIGN_VERIFY'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => resolveUsage(getSpec('AES_256'), 'encrypt'))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => resolveUsage(getSpec('AES_256'), 7))).toBe('INVALID_USAGE');
  });
});

describe('fromCreateKey', () => {
  const map = (d: Parameters<typeof fromCreateKey>[0], req: Record<string, unknown>, o?: Parameters<typeof fromCreateKey>[2]) => {
    const r = fromCreateKey(d, req, o);
    return `${r.spec.name}/${r.usage}`;
  };

  it('tencent: KeyUsage names spec and usage; legacy keyUsage; symmetric default', () => {
    expect(map('tencent', {})).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('tencent', { KeyUsage: 'ENCRYPT_DECRYPT' })).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('tencent', { KeyUsage: 'ENCRYPT_DECRYPT' }, { symmetricDefault: 'SM4' })).toBe('SM4/ENCRYPT_DECRYPT');
    expect(map('tencent', { keyUsage: 'ENCRYPT/DECRYPT', type: 1 })).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('tencent', { KeyUsage: 'ASYMMETRIC_DECRYPT_RSA_2048' })).toBe('RSA_2048/ENCRYPT_DECRYPT');
    expect(map('tencent', { KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' })).toBe('RSA_2048/SIGN_VERIFY');
    expect(map('tencent', { KeyUsage: 'ASYMMETRIC_DECRYPT_SM2' })).toBe('SM2/ENCRYPT_DECRYPT');
    expect(map('tencent', { KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_SM2' })).toBe('SM2/SIGN_VERIFY');
    expect(map('tencent', { KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_ECC' })).toBe('EC_P256/SIGN_VERIFY');
    expect(map('tencent', { KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_ECDSA384' })).toBe('EC_P384/SIGN_VERIFY');
    expect(codeOfSync(() => fromCreateKey('tencent', { KeyUsage: 'ASYMMETRIC_DECRYPT_ECC' }))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => fromCreateKey('tencent', { KeyUsage: 'RSA_2048' }))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => fromCreateKey('tencent', { KeyUsage: 5 }))).toBe('INVALID_ARGUMENT');
  });

  it('aliyun: KeySpec and KeyUsage with slashes', () => {
    expect(map('aliyun', {})).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('aliyun', { KeySpec: 'Aliyun_SM4' })).toBe('SM4/ENCRYPT_DECRYPT');
    expect(map('aliyun', { KeySpec: 'EC_SM2', KeyUsage: 'SIGN/VERIFY' })).toBe('SM2/SIGN_VERIFY');
    expect(map('aliyun', { KeySpec: 'EC_SM2', KeyUsage: 'ENCRYPT/DECRYPT' })).toBe('SM2/ENCRYPT_DECRYPT');
    expect(map('aliyun', { KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT/DECRYPT' })).toBe('RSA_3072/ENCRYPT_DECRYPT');
    expect(map('aliyun', { KeySpec: 'EC_P256K', KeyUsage: 'SIGN/VERIFY' })).toBe('EC_P256K/SIGN_VERIFY');
    const err = (() => { try { fromCreateKey('aliyun', { KeySpec: 'EC_P256', KeyUsage: 'ENCRYPT/DECRYPT' }); } catch (e) { return e as Error & { code: string }; } })();
    expect(err?.code).toBe('INVALID_USAGE');
    expect(err?.message).toContain('KeyUsage');
    // Alibaba's default KeyUsage is ENCRYPT/DECRYPT, which an EC key cannot take: an error, not a silent fix.
    expect(codeOfSync(() => fromCreateKey('aliyun', { KeySpec: 'EC_P256' }))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => fromCreateKey('aliyun', { KeySpec: 'SM2' }))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => fromCreateKey('aliyun', { KeySpec: 'EC_P384', KeyUsage: 'SIGN/VERIFY' }))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => fromCreateKey('aliyun', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
  });

  it('huawei: key_spec and key_usage, usage default by family', () => {
    expect(map('huawei', {})).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('huawei', { key_spec: 'SM4' })).toBe('SM4/ENCRYPT_DECRYPT');
    expect(map('huawei', { key_spec: 'RSA_4096' })).toBe('RSA_4096/SIGN_VERIFY');
    expect(map('huawei', { key_spec: 'EC_P384' })).toBe('EC_P384/SIGN_VERIFY');
    expect(map('huawei', { key_spec: 'SM2', key_usage: 'ENCRYPT_DECRYPT' })).toBe('SM2/ENCRYPT_DECRYPT');
    expect(codeOfSync(() => fromCreateKey('huawei', { key_spec: 'EC_P256', key_usage: 'ENCRYPT_DECRYPT' }))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => fromCreateKey('huawei', { key_spec: 'EC_P256K' }))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => fromCreateKey('huawei', { key_spec: 'AES_256', key_usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
  });

  it('aws: KeySpec (and the deprecated CustomerMasterKeySpec), KeyUsage default ENCRYPT_DECRYPT', () => {
    expect(map('aws', {})).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('aws', { KeySpec: 'SYMMETRIC_DEFAULT' })).toBe('AES_256/ENCRYPT_DECRYPT');
    expect(map('aws', { KeySpec: 'SYMMETRIC_DEFAULT' }, { symmetricDefault: 'SM4' })).toBe('SM4/ENCRYPT_DECRYPT');
    expect(map('aws', { KeySpec: 'RSA_2048' })).toBe('RSA_2048/ENCRYPT_DECRYPT');
    expect(map('aws', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).toBe('EC_P256/SIGN_VERIFY');
    expect(map('aws', { CustomerMasterKeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' })).toBe('EC_P256K/SIGN_VERIFY');
    expect(map('aws', { KeySpec: 'SM2', KeyUsage: 'ENCRYPT_DECRYPT' })).toBe('SM2/ENCRYPT_DECRYPT');
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'ECC_NIST_P384' }))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' }))).toBe('INVALID_USAGE');
    expect(fromCreateKey('aws', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' }).usage).toBe('KEY_AGREEMENT');
    expect(fromCreateKey('aws', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }).spec.name).toBe('HMAC_256'); // issue 9
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'HMAC_SM3', KeyUsage: 'GENERATE_VERIFY_MAC' }))).toBe('UNKNOWN_SPEC'); // Huawei's only
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'EC_P256' }))).toBe('UNKNOWN_SPEC');
  });

  it('rejects bad dialects, requests and options with codes', () => {
    expect(codeOfSync(() => fromCreateKey('gcp' as never, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('__proto__' as never, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('aws', null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('aws', [] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('aws', {}, { symmetricDefault: 'RSA_2048' }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('aws', {}, { symmetricDefault: 'DES' }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => fromCreateKey('huawei', { key_spec: ['AES_256'] }))).toBe('INVALID_ARGUMENT');
  });
});
