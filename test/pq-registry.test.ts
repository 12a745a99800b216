import { describe, expect, it } from 'vitest';
import { fromCreateKey, getSpec, namesOf, resolveSpecName, specs } from '../src/index.js';
import { lookupCloudName } from '../src/registry/lookup.js';
import { ML_DSA_PARAMS } from '../src/pq/ml-dsa.js';
import { ML_KEM_PARAMS } from '../src/pq/ml-kem.js';
import { ED25519_OID, ED25519_PUBLIC_KEY_BYTES, ED25519_SEED_BYTES } from '../src/ed25519/ed25519.js';
import { derCap, maxDerSize } from '../src/encoding/limits.js';
import { codeOfSync } from './helpers/codes.js';

describe('issue 9 part B registry entries: ED25519, ML_DSA_*, ML_KEM_*', () => {
  it('sizes and OIDs agree with the primitives (FIPS 203/204, RFC 8410)', () => {
    const ed = getSpec('ED25519');
    expect(ed).toMatchObject({ family: 'edwards', oid: ED25519_OID, seedBytes: ED25519_SEED_BYTES, publicKeyBytes: ED25519_PUBLIC_KEY_BYTES, usages: ['SIGN_VERIFY'], signature: 'ED25519_SHA_512' });
    for (const p of Object.values(ML_DSA_PARAMS)) {
      expect(getSpec(`ML_DSA_${p.level}`)).toMatchObject({ family: 'ml-dsa', level: p.level, oid: p.oid, seedBytes: p.seedBytes, publicKeyBytes: p.publicKeyBytes, expandedKeyBytes: p.expandedKeyBytes, jwk: { kty: 'AKP', alg: p.name }, usages: ['SIGN_VERIFY'] });
    }
    for (const p of Object.values(ML_KEM_PARAMS)) {
      expect(getSpec(`ML_KEM_${p.level}`)).toMatchObject({ family: 'ml-kem', level: p.level, oid: p.oid, seedBytes: p.seedBytes, publicKeyBytes: p.publicKeyBytes, expandedKeyBytes: p.expandedKeyBytes, ciphertextBytes: p.ciphertextBytes, sharedSecretBytes: p.sharedSecretBytes, usages: ['ENCAPSULATE_DECAPSULATE'], defaultUsage: 'ENCAPSULATE_DECAPSULATE' });
      expect(getSpec(`ML_KEM_${p.level}`).jwk).toBeUndefined();
    }
  });

  it('cloud names as the AWS and GCP API references spell them; no Huawei names (undocumented)', () => {
    const names = (spec: string) => namesOf(spec).map((n) => `${n.cloud}:${n.name}${n.usage ? `/${n.usage}` : ''}`);
    expect(names('ED25519')).toEqual(['aws:ECC_NIST_EDWARDS25519', 'gcp:EC_SIGN_ED25519/SIGN_VERIFY']);
    expect(names('ML_DSA_65')).toEqual(['aws:ML_DSA_65', 'gcp:PQ_SIGN_ML_DSA_65/SIGN_VERIFY', 'gcp:PQ_SIGN_ML_DSA_65_EXTERNAL_MU/SIGN_VERIFY']);
    expect(names('ML_KEM_512')).toEqual(['aws:ML_KEM_512']);
    expect(names('ML_KEM_1024')).toEqual(['aws:ML_KEM_1024', 'gcp:ML_KEM_1024/ENCAPSULATE_DECAPSULATE']);
    expect(resolveSpecName('EC_SIGN_ED25519')).toEqual({ spec: getSpec('ED25519'), impliedUsage: 'SIGN_VERIFY' });
    // keysmith's (and AWS's) ML_KEM_768 implies nothing; GCP's spelling of the same name does, in GCP's own table
    expect(resolveSpecName('ML_KEM_768')).toEqual({ spec: getSpec('ML_KEM_768') });
    expect(lookupCloudName('gcp', 'ML_KEM_768')).toEqual({ spec: getSpec('ML_KEM_768'), usage: 'ENCAPSULATE_DECAPSULATE' });
    expect(lookupCloudName('gcp', 'ML_KEM_512')).toBeUndefined();
    for (const s of specs.filter((x) => ['edwards', 'ml-dsa', 'ml-kem'].includes(x.family))) expect(s.clouds.huawei, s.name).toBeUndefined();
  });

  it('AWS CreateKey: ML-KEM needs KeyUsage ENCAPSULATE_DECAPSULATE; Ed25519 and ML-DSA need SIGN_VERIFY', () => {
    expect(fromCreateKey('aws', { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' })).toEqual({ spec: getSpec('ML_KEM_768'), usage: 'ENCAPSULATE_DECAPSULATE' });
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'ML_KEM_768' }))).toBe('INVALID_USAGE'); // AWS's default is ENCRYPT_DECRYPT
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'ML_KEM_768', KeyUsage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
    for (const spec of ['ECC_NIST_EDWARDS25519', 'ML_DSA_44', 'ML_DSA_87']) {
      expect(fromCreateKey('aws', { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }).usage).toBe('SIGN_VERIFY');
      expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: spec })), spec).toBe('INVALID_USAGE');
      expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: spec, KeyUsage: 'ENCAPSULATE_DECAPSULATE' })), spec).toBe('INVALID_USAGE');
    }
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'RSA_2048', KeyUsage: 'ENCAPSULATE_DECAPSULATE' }))).toBe('INVALID_USAGE');
    expect(codeOfSync(() => fromCreateKey('aws', { KeySpec: 'EC_SIGN_ED25519', KeyUsage: 'SIGN_VERIFY' }))).toBe('UNKNOWN_SPEC'); // GCP's name
  });

  it('the DER cap grew to the largest PQ encoding: an ML-DSA-87 PKCS#8 v2 holding both forms and its public key', () => {
    const d87 = getSpec('ML_DSA_87');
    // 4 + 2 + 13 + (4 + 4 + 34 + 4900) + (4 + 2593): SEQUENCE, version, AlgorithmIdentifier, OCTET STRING{both}, [1] publicKey
    expect(maxDerSize(d87)).toBe(7559);
    expect(derCap()).toBe(7559 + 256);
    expect(maxDerSize(getSpec('ML_KEM_1024'))).toBeLessThan(maxDerSize(d87));
    expect(maxDerSize(getSpec('ED25519'))).toBe(83);
  });
});
