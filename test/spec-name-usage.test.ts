import { describe, expect, it } from 'vitest';
import {
  createImportParameters, encryptKeyMaterial, exportKey, fromCreateKey, generateKey, importKey, namesOf, openEncryptedKeyMaterial,
  resolveSpecName, specs, unwrapKey, wrapKey,
} from '../src/index.js';
import { resolveUsage } from '../src/registry/lookup.js';
import { codeOf, codeOfSync } from './helpers/codes.js';

/**
 * Names that carry a usage (Tencent's ASYMMETRIC_DECRYPT_* / ASYMMETRIC_SIGN_VERIFY_*) give that usage by
 * default wherever a spec name is accepted, and a conflicting explicit usage is INVALID_USAGE. The names
 * come from the registry (namesOf), so a name added there is covered here.
 */
const implied = specs.flatMap((s) => namesOf(s).filter((n) => n.usage !== undefined).map((n) => ({ spec: s, cloud: n.cloud, name: n.name, usage: n.usage! })));
/** A name that is also the spec's own or another cloud's plain name (GCP's ML_KEM_768) implies no usage by itself. */
const plainNames = new Set(specs.flatMap((s) => [s.name, ...namesOf(s).filter((n) => n.usage === undefined).map((n) => n.name)]));
const other = (u: string) => (u === 'ENCRYPT_DECRYPT' ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT');

describe('the registry resolves the usage a name implies', () => {
  it('has names that imply a usage, both ways', () => {
    expect(implied.map((i) => i.name)).toEqual(expect.arrayContaining(['ASYMMETRIC_DECRYPT_RSA_2048', 'ASYMMETRIC_SIGN_VERIFY_RSA_2048', 'ASYMMETRIC_DECRYPT_SM2']));
    expect(new Set(implied.map((i) => i.usage))).toEqual(new Set(['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'ENCAPSULATE_DECAPSULATE']));
  });

  it.each(implied)('resolveSpecName($name) keeps $usage; resolveUsage applies it and refuses the other', ({ spec, name, usage }) => {
    expect(resolveSpecName(name)).toEqual(plainNames.has(name) ? { spec } : { spec, impliedUsage: usage });
    expect(resolveUsage(spec, undefined, usage)).toBe(usage);
    expect(resolveUsage(spec, usage, usage)).toBe(usage);
    expect(codeOfSync(() => resolveUsage(spec, other(usage), usage))).toBe('INVALID_USAGE');
    expect(resolveSpecName(spec.name)).toEqual({ spec });
  });

  it('generateKey takes the implied usage and refuses a conflicting one', async () => {
    const sm2 = await generateKey('ASYMMETRIC_DECRYPT_SM2');
    expect(sm2.usage).toBe('ENCRYPT_DECRYPT');
    expect((await generateKey('ASYMMETRIC_SIGN_VERIFY_SM2')).usage).toBe('SIGN_VERIFY');
    // @ts-expect-error the name implies ENCRYPT_DECRYPT: the type refuses the conflict, and so does the run-time check
    expect(await codeOf(generateKey('ASYMMETRIC_DECRYPT_SM2', { usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
    // @ts-expect-error the name implies SIGN_VERIFY: the type refuses the conflict, and so does the run-time check
    expect(await codeOf(generateKey('ASYMMETRIC_SIGN_VERIFY_ECC', { usage: 'ENCRYPT_DECRYPT' }))).toBe('INVALID_USAGE');
    // the plain names keep the spec's default
    expect((await generateKey('SM2')).usage).toBe('SIGN_VERIFY');
  });

  it('importKey takes the implied usage and refuses a conflicting one', async () => {
    const pair = await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' });
    const pem = await exportKey(pair, 'pkcs8-pem');
    expect((await importKey('ASYMMETRIC_DECRYPT_SM2', pem, 'pkcs8-pem')).usage).toBe('ENCRYPT_DECRYPT');
    // @ts-expect-error the name implies ENCRYPT_DECRYPT: the type refuses the conflict, and so does the run-time check
    expect(await codeOf(importKey('ASYMMETRIC_DECRYPT_SM2', pem, 'pkcs8-pem', { usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
  });

  it('unwrapKey and openEncryptedKeyMaterial take the implied usage and refuse a conflicting one', async () => {
    const params = await createImportParameters('aws', { algorithm: 'SM2PKE' });
    const ekm = await encryptKeyMaterial('aws', { publicKey: params.publicKey, algorithm: 'SM2PKE', spec: 'ASYMMETRIC_DECRYPT_SM2' });
    expect(ekm.key.usage).toBe('ENCRYPT_DECRYPT');
    const opened = await openEncryptedKeyMaterial(params, ekm.encryptedKeyMaterial, { spec: 'ASYMMETRIC_DECRYPT_SM2' });
    expect(opened.usage).toBe('ENCRYPT_DECRYPT');
    expect(await codeOf(openEncryptedKeyMaterial(params, ekm.encryptedKeyMaterial, { spec: 'ASYMMETRIC_DECRYPT_SM2', usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');

    const wrapping = await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' });
    const blob = await wrapKey(ekm.key, { algorithm: 'SM2PKE', wrappingKey: wrapping });
    expect((await unwrapKey(blob, { algorithm: 'SM2PKE', unwrappingKey: wrapping, spec: 'ASYMMETRIC_DECRYPT_SM2' })).usage).toBe('ENCRYPT_DECRYPT');
    expect(await codeOf(unwrapKey(blob, { algorithm: 'SM2PKE', unwrappingKey: wrapping, spec: 'ASYMMETRIC_DECRYPT_SM2', usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
  });

  it('fromCreateKey answers from the same registry knowledge', () => {
    for (const { spec, cloud, name, usage } of implied) {
      if (cloud === 'tencent') expect(fromCreateKey('tencent', { KeyUsage: name })).toEqual({ spec, usage });
    }
    expect(codeOfSync(() => fromCreateKey('tencent', { KeyUsage: 'ASYMMETRIC_DECRYPT_RSA_4096' }))).toBe('UNKNOWN_SPEC');
  });

  it('reads only a request\'s own members', () => {
    const polluted = Object.create({ KeySpec: 'EC_SM2', KeyUsage: 'SIGN/VERIFY' }) as Record<string, unknown>;
    expect(fromCreateKey('aliyun', polluted).spec.name).toBe('AES_256');
    const throwing = { get KeySpec(): string { throw new Error('boom'); } };
    expect(codeOfSync(() => fromCreateKey('aliyun', throwing))).toBe('INVALID_ARGUMENT');
  });
});
