import { beforeAll, describe, expect, it } from 'vitest';
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { KeyPair } from '../src/core/key.js';
import { getSpec } from '../src/registry/lookup.js';
import { fromBase64 } from '../src/bytes.js';
import { KeysmithError } from '../src/errors.js';
import { seededRandom } from '../src/random.js';
import { spkiFingerprint } from '../src/core/fingerprint.js';
import { importDialects, IMPORT_DIALECTS, type ImportDialect } from '../src/wrap/dialects.js';
import { createImportParameters, encryptKeyMaterial, importParametersFor, openEncryptedKeyMaterial, type ImportParameters } from '../src/wrap/import-flow.js';
import { keyCheckValue } from '../src/wrap/identify.js';
import { getWrappingAlgorithm } from '../src/wrap/algorithms.js';
import { codeOf } from './helpers/codes.js';
import { idOf } from './helpers/identity.js';

/** Wrapping key pairs by keysmith spec name, made once (RSA-4096 generation is the slow part). */
const wrappingPairs = new Map<string, KeyPair>();
beforeAll(async () => {
  for (const name of ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2']) {
    wrappingPairs.set(name, (await generateKey(name, { usage: 'ENCRYPT_DECRYPT', random: seededRandom(`byok wrapping ${name}`) })) as KeyPair);
  }
}, 120_000);

const SYMMETRIC = ['AES_256', 'SM4'];
const ASYMMETRIC = ['EC_P256', 'SM2', 'RSA_2048'];

describe('BYOK: emulator and broker agree, per cloud and per algorithm', () => {
  it('the dialect table lists the five clouds', () => {
    expect([...IMPORT_DIALECTS].sort()).toEqual(['aliyun', 'aws', 'gcp', 'huawei', 'tencent']);
  });

  for (const d of importDialects()) {
    for (const a of d.algorithms) {
      it(`${d.name} ${a.name}`, async () => {
        let ran = 0;
        for (const wrappingKeySpec of a.wrappingKeySpecs) {
          const pair = wrappingPairs.get(d.wrappingKeySpecs[wrappingKeySpec]!)!;
          const params = await importParametersFor(d.name, pair, { algorithm: a.name });
          expect(params.wrappingKeySpec).toBe(wrappingKeySpec);
          expect(params.wrappingAlgorithm).toBe(a.algorithm);
          // the public key is what the cloud hands out: base64 DER SPKI, or PEM for GCP
          if (d.publicKeyEncoding === 'pem') expect(params.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
          else expect(params.publicKey).toBe(Buffer.from((await exportKey(pair, 'spki-der')) as Uint8Array).toString('base64'));
          const targets = a.material === 'symmetric' ? SYMMETRIC : a.material === 'asymmetric' ? ASYMMETRIC : [...SYMMETRIC, ...ASYMMETRIC];
          for (const specName of targets) {
            const spec = getSpec(specName);
            // plain RSAES-OAEP cannot carry an RSA private key (AWS: "except RSA key material"); SM2PKE_SM4_ECB carries EC scalars only
            const algTargets = getWrappingAlgorithm(a.algorithm).targets(spec);
            if (!algTargets) continue;
            const broker = await encryptKeyMaterial(d.name, { publicKey: params.publicKey, algorithm: a.name, spec: specName });
            expect(typeof broker.encryptedKeyMaterial).toBe('string');
            const opened = await openEncryptedKeyMaterial(params, broker.encryptedKeyMaterial, { spec: specName, usage: broker.key.usage });
            expect(opened.spec).toBe(spec);
            const id = await idOf(opened);
            if (spec.family === 'symmetric') {
              expect(broker.keyCheckValue).toMatch(/^[0-9A-F]{6}$/);
              expect(id).toBe(broker.keyCheckValue);
            } else {
              expect(broker.fingerprint).toMatch(/^[0-9a-f]{64}$/);
              expect(id).toBe(broker.fingerprint);
            }
            // and the announced value is enforced when given
            const announced = broker.keyCheckValue ?? broker.fingerprint!;
            await openEncryptedKeyMaterial(params, broker.encryptedKeyMaterial, { spec: specName, usage: broker.key.usage, expect: announced });
            ran++;
          }
        }
        expect(ran).toBeGreaterThan(0);
      });
    }
  }

  it('createImportParameters makes a fresh wrapping key of the cloud\'s spec', async () => {
    const p = await createImportParameters('tencent', { algorithm: 'C1C3C2_ASN1' });
    expect(p.wrappingKeySpec).toBe('SM2');
    expect(p.layout).toBe('C1C3C2_ASN1');
    expect(p.wrappingKeyPair.spec.name).toBe('SM2');
    const p2 = await createImportParameters('aliyun');
    expect([p2.algorithm, p2.wrappingKeySpec]).toEqual(['RSAES_OAEP_SHA_256', 'RSA_2048']);
    // node can use the handed-out public key to decrypt nothing, but it can parse it and match the private half
    const nodePriv = createPrivateKey({ key: Buffer.from((await exportKey(p2.wrappingKeyPair, 'pkcs8-der')) as Uint8Array), format: 'der', type: 'pkcs8' });
    const broker = await encryptKeyMaterial('aliyun', { publicKey: p2.publicKey, algorithm: 'RSAES_OAEP_SHA_256', spec: 'Aliyun_AES_256' });
    const raw = privateDecrypt({ key: nodePriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, fromBase64(broker.encryptedKeyMaterial));
    expect(raw.equals(Buffer.from((await exportKey(broker.key, 'raw')) as Uint8Array))).toBe(true);
    const e = await createImportParameters('aliyun', { algorithm: 'SM2PKE_SM4_ECB' });
    expect(e.wrappingKeySpec).toBe('EC_SM2');
  });

  it('Alibaba SM2: SM2PKE_SM4_ECB carries the raw private scalar of an EC_SM2 key', async () => {
    const params = await importParametersFor('aliyun', wrappingPairs.get('SM2')!, { algorithm: 'SM2PKE_SM4_ECB' });
    const target = (await generateKey('EC_SM2')) as KeyPair;
    const broker = await encryptKeyMaterial('aliyun', { publicKey: params.publicKey, algorithm: 'SM2PKE_SM4_ECB', key: target });
    expect(fromBase64(broker.encryptedKeyMaterial).length).toBe(113 + 32);
    const opened = await openEncryptedKeyMaterial(params, broker.encryptedKeyMaterial, { spec: 'EC_SM2', usage: target.usage, expect: broker.fingerprint! });
    expect(await idOf(opened)).toBe(await spkiFingerprint(target));
  });
});

describe('BYOK: errors', () => {
  let params: ImportParameters;
  beforeAll(async () => {
    params = await importParametersFor('tencent', wrappingPairs.get('RSA_2048')!, { algorithm: 'RSAES_OAEP_SHA_256' });
  });

  it('unknown dialect and algorithm names', async () => {
    expect(await codeOf(() => createImportParameters('azure' as ImportDialect))).toBe('INVALID_ARGUMENT');
    // @ts-expect-error not one of AWS's names: the type refuses it, and so does the run-time check
    expect(await codeOf(() => createImportParameters('aws', { algorithm: 'SM2_ENCRYPT' }))).toBe('INVALID_ARGUMENT');
    // @ts-expect-error not one of AWS's names: the type refuses it, and so does the run-time check
    expect(await codeOf(() => createImportParameters('aws', { algorithm: 'RSAES_OAEP_SHA_256', wrappingSpec: 'EC_SM2' }))).toBe('INVALID_ARGUMENT');
    // @ts-expect-error not one of AWS's names: the type refuses it, and so does the run-time check
    expect(await codeOf(() => encryptKeyMaterial('aws', { publicKey: params.publicKey, algorithm: 'RSAES_PKCS1_V1_5', spec: 'AES_256' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => importParametersFor('aliyun', wrappingPairs.get('RSA_3072')!, { algorithm: 'RSAES_OAEP_SHA_256' }))).toBe('INVALID_ARGUMENT');
  });

  it('material the cloud does not import with that algorithm is UNSUPPORTED', async () => {
    expect(await codeOf(() => encryptKeyMaterial('tencent', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256', spec: 'EC_P256' }))).toBe('UNSUPPORTED');
    const blob = (await encryptKeyMaterial('tencent', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' })).encryptedKeyMaterial;
    expect(await codeOf(() => openEncryptedKeyMaterial(params, blob, { spec: 'EC_P256' }))).toBe('UNSUPPORTED');
    expect(await codeOf(() => encryptKeyMaterial('aliyun', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', spec: 'AES_256' }))).toBe('UNSUPPORTED');
  });

  it('a public key of a spec the cloud does not use with the algorithm is refused', async () => {
    const p3072 = Buffer.from((await exportKey(wrappingPairs.get('RSA_3072')!, 'spki-der')) as Uint8Array).toString('base64');
    expect(await codeOf(() => encryptKeyMaterial('aliyun', { publicKey: p3072, algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' }))).toMatch(/^INVALID_(KEY|FORMAT)$/);
    const sm2 = Buffer.from((await exportKey(wrappingPairs.get('SM2')!, 'spki-der')) as Uint8Array).toString('base64');
    expect(await codeOf(() => encryptKeyMaterial('aws', { publicKey: sm2, algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' }))).toMatch(/^INVALID_(KEY|FORMAT)$/);
    expect(await codeOf(() => encryptKeyMaterial('aws', { publicKey: 'bm90IGEga2V5', algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' }))).toMatch(/^INVALID_(KEY|FORMAT)$/);
  });

  it('key and spec: exactly one', async () => {
    const k = await generateKey('AES_256');
    expect(await codeOf(() => encryptKeyMaterial('tencent', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => encryptKeyMaterial('tencent', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256', key: k, spec: 'AES_256' }))).toBe('INVALID_ARGUMENT');
  });

  it('EncryptedKeyMaterial that is not base64, tampered, or for another key', async () => {
    const broker = await encryptKeyMaterial('tencent', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' });
    expect(await codeOf(() => openEncryptedKeyMaterial(params, '***', { spec: 'AES_256' }))).toBe('INVALID_FORMAT');
    expect(await codeOf(() => openEncryptedKeyMaterial(params, 42 as never, { spec: 'AES_256' }))).toBe('INVALID_ARGUMENT');
    const raw = fromBase64(broker.encryptedKeyMaterial);
    raw[10]! ^= 4;
    expect(await codeOf(() => openEncryptedKeyMaterial(params, Buffer.from(raw).toString('base64'), { spec: 'AES_256' }))).toBe('UNWRAP_FAILED');
    const other = await importParametersFor('tencent', wrappingPairs.get('RSA_2048')!, { algorithm: 'RSAES_OAEP_SHA_1' });
    expect(await codeOf(() => openEncryptedKeyMaterial(other, broker.encryptedKeyMaterial, { spec: 'AES_256' }))).toBe('UNWRAP_FAILED');
    expect(await codeOf(() => openEncryptedKeyMaterial({} as never, broker.encryptedKeyMaterial, { spec: 'AES_256' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => openEncryptedKeyMaterial(params, broker.encryptedKeyMaterial, { spec: 'AES_256', expect: '000000' }))).toBe('UNWRAP_FAILED');
  });
});

describe('bad input to every public wrapping function is a KeysmithError, never a raw error', () => {
  it('garbage arguments', async () => {
    const { wrapKey, unwrapKey } = await import('../src/wrap/wrap-key.js');
    const aes = await generateKey('AES_256');
    const junk: unknown[] = [undefined, null, 0, 'x', [], {}, new Uint8Array(3), () => 1, Symbol.iterator];
    const calls: (() => unknown)[] = [];
    for (const j of junk) {
      calls.push(
        () => wrapKey(j as never, { algorithm: 'AES_KWP', wrappingKey: aes }),
        () => wrapKey(aes, j as never),
        () => wrapKey(aes, { algorithm: j as never, wrappingKey: aes }),
        () => wrapKey(aes, { algorithm: 'SM2PKE', wrappingKey: j as never }),
        () => unwrapKey(j as never, { algorithm: 'AES_KWP', unwrappingKey: aes, spec: 'AES_256' }),
        () => unwrapKey(new Uint8Array(40), j as never),
        () => unwrapKey(new Uint8Array(40), { algorithm: 'AES_KWP', unwrappingKey: j as never, spec: 'AES_256' }),
        () => unwrapKey(new Uint8Array(40), { algorithm: 'AES_KWP', unwrappingKey: aes, spec: j as never }),
        () => unwrapKey(new Uint8Array(40), { algorithm: 'SM2PKE', unwrappingKey: wrappingPairs.get('SM2')!, spec: 'SM4', layout: j as never }),
        () => createImportParameters(j as never),
        // options are optional and every field has a default: undefined or an object is a valid request there
        // (and would generate an RSA-4096 key), so those two become a non-object
        () => createImportParameters('aws', (j === undefined || (typeof j === 'object' && j !== null && !Array.isArray(j)) ? 'x' : j) as never),
        () => importParametersFor('aws', j as never),
        () => encryptKeyMaterial(j as never, { publicKey: 'AAAA', algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' }),
        () => encryptKeyMaterial('aws', j as never),
        () => encryptKeyMaterial('aws', { publicKey: j as never, algorithm: 'RSAES_OAEP_SHA_256', spec: 'AES_256' }),
        () => encryptKeyMaterial('aws', { publicKey: wrappingPairs.get('RSA_2048')!, algorithm: 'RSAES_OAEP_SHA_256', key: j as never }),
        () => openEncryptedKeyMaterial(j as never, 'AAAA', { spec: 'AES_256' }),
        () => keyCheckValue(j as never),
        () => spkiFingerprint(j as never),
      );
    }
    let n = 0;
    for (const call of calls) {
      const code = await codeOf(call);
      expect(code, `call ${n}`).toMatch(/^(INVALID_ARGUMENT|INVALID_FORMAT|INVALID_KEY|UNKNOWN_SPEC|UNSUPPORTED|UNWRAP_FAILED|INVALID_USAGE)$/);
      n++;
    }
    expect(n).toBe(junk.length * 19);
  });
});
