import { beforeAll, describe, expect, it } from 'vitest';
import {
  exportKey, generateKey, getSpec, importDialects, importParametersFor, encryptKeyMaterial, openEncryptedKeyMaterial, keyIdentifier,
  unwrapKey, wrapKey, wrappingAlgorithms, seededRandom, type Key, type KeyPair,
} from '../src/index.js';
import { codeOf } from './helpers/codes.js';
import { payloadBytes } from '../src/encoding/limits.js';
import { specs } from '../src/registry/specs.js';

// Wrapping and cloud import of the issue-9 specs: HMAC and AES_128/AES_192 travel as raw bytes, the rest as
// PKCS#8 (seed-only for ML-DSA / ML-KEM); each cloud's import flow offers a spec only where the cloud documents
// importing it (spec.imports).
const NINE: readonly string[] = ['AES_256', 'SM4', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_P384', 'SM2'];
const NEW_SPECS = ['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3', 'AES_128', 'AES_192', 'EC_P521', 'ED25519', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'];

const pairs = new Map<string, KeyPair>();
beforeAll(async () => {
  for (const name of ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2']) {
    pairs.set(name, (await generateKey(name, { usage: 'ENCRYPT_DECRYPT', random: seededRandom(`9a wrap ${name}`) })) as KeyPair);
  }
}, 120_000);

describe('wrapKey / unwrapKey carry the new specs with every algorithm whose targets take them', () => {
  it.each(NEW_SPECS)('%s', async (name) => {
    const spec = getSpec(name);
    const usage = spec.usages[0]!;
    const key = await generateKey(name, { usage, random: seededRandom(`9a target ${name}`) });
    const id = (await keyIdentifier(key)).value;
    const kek = (await generateKey('AES_256')) as Key;
    let ran = 0;
    for (const alg of wrappingAlgorithms()) {
      const wrappingKey = alg.wrappingKey === 'aes' ? kek : alg.wrappingKey === 'rsa' ? pairs.get('RSA_3072')! : pairs.get('SM2')!;
      if (!alg.targets(spec)) {
        expect(await codeOf(wrapKey(key, { algorithm: alg.name, wrappingKey })), alg.name).toBe('UNSUPPORTED');
        continue;
      }
      const wrapped = await wrapKey(key, { algorithm: alg.name, wrappingKey });
      const unwrappingKey = alg.wrappingKey === 'aes' ? kek : (wrappingKey as KeyPair).privateKey;
      const back = await unwrapKey(wrapped, { algorithm: alg.name, unwrappingKey, spec: name, usage });
      expect((await keyIdentifier(back)).value, alg.name).toBe(id);
      ran++;
    }
    expect(ran).toBeGreaterThan(3);
    // AES-KW needs a multiple of 8 bytes: HMAC_224's 28-byte key is not
    expect(wrappingAlgorithms().find((a) => a.name === 'AES_KW')!.targets(spec)).toBe(spec.family === 'symmetric' && spec.keyBytes % 8 === 0);
  });
});

describe('payloadBytes is the exact PKCS#8 length of every EC spec and the raw length of secret keys', () => {
  it('every registry spec but RSA', async () => {
    for (const spec of specs) {
      if (spec.family === 'rsa') continue;
      const k = await generateKey(spec, { usage: spec.usages[0]! });
      const payload = (await exportKey(k, spec.family === 'symmetric' ? 'raw' : 'pkcs8-der')) as Uint8Array;
      expect(payload.length, spec.name).toBe(payloadBytes(spec));
    }
  });

  it('an EC_P521 key does not fit RSAES_OAEP_SHA_256 under RSA_2048 (UNSUPPORTED before any encryption), and does under RSA_3072', async () => {
    const k = await generateKey('EC_P521');
    expect(await codeOf(wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: pairs.get('RSA_2048')! }))).toBe('UNSUPPORTED');
    expect((await wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: pairs.get('RSA_3072')! })).length).toBe(384);
  });
});

describe('each cloud\'s import flow offers a new spec only where the cloud documents importing it', () => {
  it('AWS: HMAC_224…512 and ECC_NIST_P521; GCP: HMAC, AES_128 and Ed25519; nobody: HMAC_SM3, AES_192, ML-DSA, ML-KEM', () => {
    expect(Object.fromEntries(NEW_SPECS.map((n) => [n, getSpec(n).imports]))).toEqual({
      HMAC_224: ['aws', 'gcp'], HMAC_256: ['aws', 'gcp'], HMAC_384: ['aws', 'gcp'], HMAC_512: ['aws', 'gcp'],
      HMAC_SM3: [], AES_128: ['gcp'], AES_192: [], EC_P521: ['aws'], ED25519: ['gcp'],
      ML_DSA_44: [], ML_DSA_65: [], ML_DSA_87: [], ML_KEM_512: [], ML_KEM_768: [], ML_KEM_1024: [],
    });
    // every spec beyond the CreateKey pages' nine says which clouds import it: the flow never guesses
    const beyondNine = specs.filter((s) => !NINE.includes(s.name));
    expect(beyondNine.map((s) => s.name).sort()).toEqual([...NEW_SPECS].sort());
    expect(specs.filter((s) => s.imports !== undefined).map((s) => s.name).sort()).toEqual([...NEW_SPECS].sort());
  });

  for (const d of importDialects()) {
    it(d.name, async () => {
      let ran = 0;
      let refused = 0;
      for (const a of d.algorithms) {
        const pair = pairs.get(d.wrappingKeySpecs[a.wrappingKeySpecs[0]!]!)!;
        const params = await importParametersFor(d.name, pair, { algorithm: a.name });
        for (const name of NEW_SPECS) {
          const spec = getSpec(name);
          const materialOk = a.material === 'any' || (a.material === 'symmetric') === (spec.family === 'symmetric');
          const documented = spec.imports!.includes(d.name);
          const w = wrappingAlgorithms().find((x) => x.name === a.algorithm)!;
          const wrappingSpec = getSpec(d.wrappingKeySpecs[a.wrappingKeySpecs[0]!]!);
          // plain RSA encryption must have room for the payload (AWS: OAEP under RSA_2048 cannot wrap ECC_NIST_P521)
          const room = w.rsaOverhead === undefined || wrappingSpec.family !== 'rsa' || payloadBytes(spec) <= wrappingSpec.bits / 8 - w.rsaOverhead;
          const carries = w.targets(spec) && room;
          const usage = spec.usages[0]!;
          if (!(materialOk && documented && carries)) {
            expect(await codeOf(encryptKeyMaterial(d.name, { publicKey: params.publicKey, algorithm: a.name, spec: name })), `${a.name} ${name}`).toBe('UNSUPPORTED');
            refused++;
            continue;
          }
          const broker = await encryptKeyMaterial(d.name, { publicKey: params.publicKey, algorithm: a.name, spec: name });
          const opened = await openEncryptedKeyMaterial(params, broker.encryptedKeyMaterial, { spec: name, usage });
          expect((await keyIdentifier(opened)).value).toBe(broker.keyCheckValue ?? broker.fingerprint);
          if (spec.family === 'symmetric') expect(await exportKey(opened, 'raw')).toEqual(await exportKey(broker.key, 'raw'));
          ran++;
        }
      }
      expect(ran + refused).toBeGreaterThan(0);
      if (d.name === 'aws' || d.name === 'gcp') expect(ran).toBeGreaterThan(0);
      else expect(ran).toBe(0);
    });
  }
});
