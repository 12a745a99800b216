import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { Key, KeyPair, type AnyKey } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { bytesToHex, toBase64 } from '../src/bytes.js';
import { KeysmithError } from '../src/errors.js';
import { seededRandom } from '../src/random.js';
import { spkiFingerprint } from '../src/core/fingerprint.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { WRAPPING_ALGORITHMS, getWrappingAlgorithm, type WrappingAlgorithmName } from '../src/wrap/algorithms.js';
import { keyCheckValue } from '../src/wrap/identify.js';
import { codeOf } from './helpers/codes.js';
import { payloadBytes } from '../src/encoding/limits.js';
import { idOf } from './helpers/identity.js';

/** Material equality through the standard export: raw for secret keys, PKCS#8 DER for pairs. */
async function materialOf(k: AnyKey): Promise<string> {
  return bytesToHex((await exportKey(k, k instanceof KeyPair ? 'pkcs8-der' : 'raw')) as Uint8Array);
}

const wrappers: Record<'aes' | 'rsa' | 'sm2', AnyKey> = {} as never;
const targets = new Map<string, AnyKey>();

beforeAll(async () => {
  wrappers.aes = await generateKey('AES_256');
  wrappers.rsa = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', random: seededRandom('keysmith wrap tests: rsa wrapping key') });
  wrappers.sm2 = await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' });
  for (const s of specs) {
    targets.set(s.name, await generateKey(s, { random: seededRandom(`keysmith wrap tests: ${s.name}`) }));
  }
}, 120_000);

/** One OAEP block carries Ed25519 PKCS#8 (48 bytes) and seed-only ML-DSA / ML-KEM PKCS#8 (54 / 86 bytes). */
const PQ_SEED_AND_ED25519 = ['ED25519', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'];

describe('every algorithm round-trips every spec it applies to', () => {
  const expected: Record<WrappingAlgorithmName, string[]> = {
    // HMAC_224's 28 bytes are not a multiple of 8
    AES_KW: ['AES_256', 'SM4', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3', 'AES_128', 'AES_192'],
    AES_KWP: specs.map((s) => s.name),
    // plain RSA under the RSA_2048 wrapping key: an EC_P521 PKCS#8 (241 bytes) does not fit (UNSUPPORTED)
    RSAES_OAEP_SHA_1: ['AES_256', 'SM4', 'EC_P256', 'EC_P256K', 'EC_P384', 'SM2', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3', 'AES_128', 'AES_192', ...PQ_SEED_AND_ED25519],
    RSAES_OAEP_SHA_256: ['AES_256', 'SM4', 'EC_P256', 'EC_P256K', 'EC_P384', 'SM2', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3', 'AES_128', 'AES_192', ...PQ_SEED_AND_ED25519],
    // (PKCS1-v1_5's 11-byte overhead leaves 245 bytes: EC_P521's 241 fit)
    RSAES_PKCS1_V1_5: ['AES_256', 'SM4', 'EC_P256', 'EC_P256K', 'EC_P384', 'SM2', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3', 'AES_128', 'AES_192', 'EC_P521', ...PQ_SEED_AND_ED25519],
    RSA_AES_KEY_WRAP_SHA_1: specs.map((s) => s.name),
    RSA_AES_KEY_WRAP_SHA_256: specs.map((s) => s.name),
    SM2PKE: specs.map((s) => s.name),
    RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: specs.filter((s) => s.family !== 'symmetric').map((s) => s.name),
    SM2PKE_SM4_ECB: ['EC_P256', 'EC_P256K', 'EC_P384', 'SM2'], // EC_P521's 66-byte scalar is not whole SM4 blocks
  };

  it('the table covers all ten algorithms', () => {
    expect([...WRAPPING_ALGORITHMS].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const name of WRAPPING_ALGORITHMS) {
    it(name, async () => {
      const alg = getWrappingAlgorithm(name);
      const wk = wrappers[alg.wrappingKey];
      const ran: string[] = [];
      for (const s of specs) {
        const key = targets.get(s.name)!;
        const fits = alg.rsaOverhead === undefined || payloadBytes(s) <= 256 - alg.rsaOverhead; // wrappers.rsa is RSA_2048
        if (!alg.targets(s) || !fits) {
          expect(await codeOf(() => wrapKey(key, { algorithm: name, wrappingKey: wk })), `${name} ${s.name}`).toBe('UNSUPPORTED');
          continue;
        }
        const blob = await wrapKey(key, { algorithm: name, wrappingKey: wk });
        const back = await unwrapKey(blob, { algorithm: name, unwrappingKey: wk, spec: s, usage: key.usage });
        expect(back.spec, `${name} ${s.name}`).toBe(s);
        expect(back.usage).toBe(key.usage);
        expect(await materialOf(back), `${name} ${s.name}`).toBe(await materialOf(key));
        // a fresh wrap of the same key gives a different blob wherever the algorithm is randomised
        if (alg.wrappingKey !== 'aes') expect(bytesToHex(await wrapKey(key, { algorithm: name, wrappingKey: wk }))).not.toBe(bytesToHex(blob));
        ran.push(s.name);
      }
      expect(ran).toEqual(expected[name]);
    });
  }

  it('SM2 algorithms round-trip in all three layouts', async () => {
    for (const name of ['SM2PKE', 'SM2PKE_SM4_ECB'] as const) {
      for (const layout of ['C1C3C2', 'C1C3C2_ASN1', 'C1C2C3'] as const) {
        const key = targets.get(name === 'SM2PKE' ? 'SM4' : 'SM2')!;
        const blob = await wrapKey(key, { algorithm: name, wrappingKey: wrappers.sm2, layout });
        const back = await unwrapKey(blob, { algorithm: name, unwrappingKey: wrappers.sm2, spec: key.spec, usage: key.usage, layout });
        expect(await materialOf(back)).toBe(await materialOf(key));
        const others = (['C1C3C2', 'C1C3C2_ASN1', 'C1C2C3'] as const).filter((l) => l !== layout);
        for (const other of others) {
          expect(await codeOf(() => unwrapKey(blob, { algorithm: name, unwrappingKey: wrappers.sm2, spec: key.spec, layout: other }))).toMatch(/^(UNWRAP_FAILED|INVALID_KEY)$/);
        }
      }
    }
  });
});

describe('wrapping keys in every accepted form', () => {
  it('RSA: Key, KeyPair, SPKI DER / PEM / base64, PKCS#8 for the wrap side; pair, private Key, PKCS#8 DER / PEM / base64 to unwrap', async () => {
    const pair = wrappers.rsa as KeyPair;
    const spkiDer = (await exportKey(pair, 'spki-der')) as Uint8Array;
    const pkcs8Der = (await exportKey(pair, 'pkcs8-der')) as Uint8Array;
    const wrapForms = [pair, pair.publicKey, pair.privateKey, spkiDer, await exportKey(pair, 'spki-pem'), toBase64(spkiDer), await exportKey(pair, 'pkcs8-pem')];
    const unwrapForms = [pair, pair.privateKey, pkcs8Der, await exportKey(pair, 'pkcs8-pem'), toBase64(pkcs8Der)];
    const key = targets.get('AES_256')!;
    for (const w of wrapForms) {
      const blob = await wrapKey(key, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: w as never });
      for (const u of unwrapForms) {
        const back = await unwrapKey(blob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: u as never, spec: 'AES_256' });
        expect(await idOf(back)).toBe(await idOf(key));
      }
    }
    for (const pub of [pair.publicKey, spkiDer, await exportKey(pair, 'spki-pem')]) {
      const blob = await wrapKey(key, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: pair });
      expect(await codeOf(() => unwrapKey(blob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: pub as never, spec: 'AES_256' }))).toMatch(/^INVALID_(ARGUMENT|FORMAT)$/);
    }
  });

  it('AES: a keysmith AES_256 key or raw 16/24/32-byte KEKs', async () => {
    const key = targets.get('SM4')!;
    for (const n of [16, 24, 32]) {
      const kek = seededRandom(`kek ${n}`)(n);
      for (const alg of ['AES_KW', 'AES_KWP'] as const) {
        const back = await unwrapKey(await wrapKey(key, { algorithm: alg, wrappingKey: kek }), { algorithm: alg, unwrappingKey: kek, spec: 'SM4' });
        expect(await idOf(back)).toBe(await idOf(key));
      }
    }
    const raw = (await exportKey(wrappers.aes, 'raw')) as Uint8Array;
    const blob = await wrapKey(key, { algorithm: 'AES_KWP', wrappingKey: wrappers.aes });
    expect(await idOf(await unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: raw, spec: 'SM4' }))).toBe(await idOf(key));
  });

  it('a signing key pair is not a wrapping key', async () => {
    const signing = await generateKey('SM2', { usage: 'SIGN_VERIFY' });
    expect(await codeOf(() => wrapKey(targets.get('SM4')!, { algorithm: 'SM2PKE', wrappingKey: signing }))).toBe('INVALID_USAGE');
  });

  it('a wrapping key of the wrong kind is refused', async () => {
    const key = targets.get('AES_256')!;
    const cases: [WrappingAlgorithmName, unknown][] = [
      ['AES_KW', wrappers.rsa],
      ['AES_KW', targets.get('SM4')],
      ['AES_KW', new Uint8Array(20)],
      ['RSAES_OAEP_SHA_256', wrappers.sm2],
      ['RSAES_OAEP_SHA_256', wrappers.aes],
      ['RSAES_OAEP_SHA_256', targets.get('EC_P256')],
      ['SM2PKE', wrappers.rsa],
      ['SM2PKE', targets.get('EC_P256')],
      ['SM2PKE', await exportKey(targets.get('EC_P256')!, 'spki-pem')],
      ['SM2PKE', 'not base64 at all!'],
      ['SM2PKE', 42],
    ];
    for (const [alg, wk] of cases) {
      expect(await codeOf(() => wrapKey(key, { algorithm: alg, wrappingKey: wk as never })), `${alg}`).toMatch(/^INVALID_(ARGUMENT|FORMAT|KEY)$/);
    }
  });
});

describe('failures are KeysmithErrors with the right code', () => {
  it('argument validation', async () => {
    const key = targets.get('AES_256')!;
    const ok = { algorithm: 'AES_KWP', wrappingKey: wrappers.aes } as const;
    expect(await codeOf(() => wrapKey(key, { ...ok, algorithm: 'NOPE' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey(key, undefined as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey(key, { ...ok, wrappingKey: undefined as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey(key, { ...ok, layout: 'C1C3C2' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey(key, { algorithm: 'SM2PKE', wrappingKey: wrappers.sm2, layout: 'C3C2C1' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey('key' as never, ok))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey((targets.get('EC_P256') as KeyPair).publicKey, { algorithm: 'AES_KWP', wrappingKey: wrappers.aes }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => wrapKey(key, { ...ok, random: (() => new Uint8Array(1)) as never }))).toBe('no error'); // AES-KW draws nothing
    expect(await codeOf(() => wrapKey(key, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: wrappers.rsa, random: (() => new Uint8Array(1)) as never }))).toBe('RNG_FAILURE');
    const blob = await wrapKey(key, ok);
    const uok = { algorithm: 'AES_KWP', unwrappingKey: wrappers.aes, spec: 'AES_256' } as const;
    expect(await codeOf(() => unwrapKey(blob, { ...uok, spec: 'AES_999' }))).toBe('UNKNOWN_SPEC');
    expect(await codeOf(() => unwrapKey(blob, { ...uok, spec: undefined as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => unwrapKey(blob, { ...uok, usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
    expect(await codeOf(() => unwrapKey('abc' as never, uok))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => unwrapKey(blob, { ...uok, algorithm: 'AES_KW', spec: 'RSA_2048' }))).toBe('UNSUPPORTED');
    expect(await codeOf(() => unwrapKey(blob, { ...uok, expect: 12 as never }))).toBe('INVALID_ARGUMENT');
  });

  it('the wrong key, the wrong algorithm, truncation, the wrong spec', async () => {
    const otherRsa = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', random: seededRandom('another rsa key') });
    const otherAes = await generateKey('AES_256');
    const otherSm2 = await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' });
    const other = { aes: otherAes, rsa: otherRsa, sm2: otherSm2 };
    for (const name of WRAPPING_ALGORITHMS) {
      const alg = getWrappingAlgorithm(name);
      const spec = alg.targets(targets.get('SM4')!.spec) ? 'SM4' : 'SM2';
      const key = targets.get(spec)!;
      const wk = wrappers[alg.wrappingKey];
      const blob = await wrapKey(key, { algorithm: name, wrappingKey: wk });
      const u = { algorithm: name, unwrappingKey: wk, spec, usage: key.usage } as const;
      expect(await codeOf(() => unwrapKey(blob, { ...u, unwrappingKey: other[alg.wrappingKey] })), `${name} wrong key`).toMatch(/^(UNWRAP_FAILED|INVALID_KEY)$/);
      for (const cut of [0, 1, 16, blob.length >> 1, blob.length - 1]) {
        expect(await codeOf(() => unwrapKey(blob.subarray(0, cut), u)), `${name} cut ${cut}`).toBe('UNWRAP_FAILED');
      }
      expect(await codeOf(() => unwrapKey(Uint8Array.from([...blob, 0]), u)), `${name} extra byte`).toMatch(/^(UNWRAP_FAILED|INVALID_KEY)$/);
      for (const wrong of WRAPPING_ALGORITHMS.filter((n) => n !== name && getWrappingAlgorithm(n).wrappingKey === alg.wrappingKey)) {
        if (!getWrappingAlgorithm(wrong).targets(key.spec)) continue;
        expect(await codeOf(() => unwrapKey(blob, { ...u, algorithm: wrong })), `${name} read as ${wrong}`).toMatch(/^(UNWRAP_FAILED|INVALID_KEY)$/);
      }
    }
    // the right algorithm and key, but the material does not fit the spec asked for
    const aesBlob = await wrapKey(targets.get('AES_256')!, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: wrappers.rsa });
    expect(await codeOf(() => unwrapKey(aesBlob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: wrappers.rsa, spec: 'SM4' }))).toBe('INVALID_KEY');
    expect(await codeOf(() => unwrapKey(aesBlob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: wrappers.rsa, spec: 'EC_P256' }))).toBe('INVALID_KEY');
    // PKCS#1 v1.5 reports even that the same way
    const pkcs1Blob = await wrapKey(targets.get('AES_256')!, { algorithm: 'RSAES_PKCS1_V1_5', wrappingKey: wrappers.rsa });
    expect(await codeOf(() => unwrapKey(pkcs1Blob, { algorithm: 'RSAES_PKCS1_V1_5', unwrappingKey: wrappers.rsa, spec: 'SM4' }))).toBe('UNWRAP_FAILED');
  });

  it('expect: the announced KCV / fingerprint must match', async () => {
    const aes = targets.get('AES_256')!;
    const blob = await wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: wrappers.aes });
    const u = { algorithm: 'AES_KWP', unwrappingKey: wrappers.aes, spec: 'AES_256' } as const;
    expect(await idOf(await unwrapKey(blob, { ...u, expect: (await keyCheckValue(aes as Key)).toLowerCase() }))).toBe(await idOf(aes));
    expect(await codeOf(() => unwrapKey(blob, { ...u, expect: '000000' }))).toBe('UNWRAP_FAILED');
    const sm2 = targets.get('SM2')! as KeyPair;
    const b2 = await wrapKey(sm2, { algorithm: 'SM2PKE_SM4_ECB', wrappingKey: wrappers.sm2 });
    const u2 = { algorithm: 'SM2PKE_SM4_ECB', unwrappingKey: wrappers.sm2, spec: 'SM2', usage: sm2.usage } as const;
    expect(await idOf(await unwrapKey(b2, { ...u2, expect: await spkiFingerprint(sm2) }))).toBe(await idOf(sm2));
    expect(await codeOf(() => unwrapKey(b2, { ...u2, expect: 'ab'.repeat(32) }))).toBe('UNWRAP_FAILED');
  });
});

describe('ephemeral keys are zeroed after use', () => {
  for (const [name, spec, len] of [
    ['RSA_AES_KEY_WRAP_SHA_256', 'SM4', 32],
    ['RSA_AES_KEY_WRAP_SHA_1', 'EC_P256', 32],
    ['RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'EC_P256', 32],
    ['SM2PKE_SM4_ECB', 'SM2', 16],
  ] as const) {
    it(`${name}: the fresh ${len * 8}-bit key drawn first is all zero once wrapKey returns`, async () => {
      const drawn: Uint8Array[] = [];
      const random = (n: number) => {
        const b = seededRandom(`draw ${drawn.length}`)(n);
        drawn.push(b);
        return b;
      };
      const alg = getWrappingAlgorithm(name);
      const key = targets.get(spec)!;
      const blob = await wrapKey(key, { algorithm: name, wrappingKey: wrappers[alg.wrappingKey], random });
      expect(drawn[0]!.length).toBe(len);
      expect(drawn[0]!.every((b) => b === 0)).toBe(true);
      // and the blob still opens: the key was used before it was wiped
      const back = await unwrapKey(blob, { algorithm: name, unwrappingKey: wrappers[alg.wrappingKey], spec, usage: key.usage });
      expect(await materialOf(back)).toBe(await materialOf(key));
    });
  }
});

describe('tampering: every byte of a wrapped blob, flipped in turn, is rejected', () => {
  const cases: [WrappingAlgorithmName, string][] = [
    ['AES_KW', 'AES_256'],
    ['AES_KWP', 'EC_P256'],
    ['RSAES_OAEP_SHA_1', 'SM4'],
    ['RSAES_OAEP_SHA_256', 'AES_256'],
    ['RSAES_PKCS1_V1_5', 'SM4'],
    ['RSA_AES_KEY_WRAP_SHA_1', 'SM4'],
    ['RSA_AES_KEY_WRAP_SHA_256', 'EC_P256'],
    ['SM2PKE', 'SM4'],
    ['RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'EC_P256'],
  ];
  for (const [name, specName] of cases) {
    it(`${name} (${specName})`, async () => {
      const alg = getWrappingAlgorithm(name);
      const key = targets.get(specName)!;
      const wk = wrappers[alg.wrappingKey];
      const blob = await wrapKey(key, { algorithm: name, wrappingKey: wk });
      const allowed = alg.singleError ? /^UNWRAP_FAILED$/ : /^(UNWRAP_FAILED|INVALID_KEY)$/;
      const codes = new Set<string>();
      for (let i = 0; i < blob.length; i++) {
        const t = blob.slice();
        t[i]! ^= 1 << (i % 8);
        const code = await codeOf(() => unwrapKey(t, { algorithm: name, unwrappingKey: wk, spec: specName, usage: key.usage }));
        expect(code, `${name}: byte ${i} of ${blob.length}`).toMatch(allowed);
        codes.add(code);
      }
      if (alg.singleError) expect([...codes]).toEqual(['UNWRAP_FAILED']);
    });
  }

  it('SM2PKE_SM4_ECB (SM2): the SM2 part always; the SM4 part with `expect` (it has no integrity of its own)', async () => {
    const key = targets.get('SM2')! as KeyPair;
    const fp = await spkiFingerprint(key);
    const blob = await wrapKey(key, { algorithm: 'SM2PKE_SM4_ECB', wrappingKey: wrappers.sm2 });
    expect(blob.length).toBe(65 + 32 + 16 + 32);
    let detectedWithoutExpect = 0;
    for (let i = 0; i < blob.length; i++) {
      const t = blob.slice();
      t[i]! ^= 1 << (i % 8);
      const u = { algorithm: 'SM2PKE_SM4_ECB', unwrappingKey: wrappers.sm2, spec: 'SM2', usage: key.usage } as const;
      expect(await codeOf(() => unwrapKey(t, { ...u, expect: fp })), `byte ${i}`).toMatch(/^(UNWRAP_FAILED|INVALID_KEY)$/);
      if (i < 113) {
        expect(await codeOf(() => unwrapKey(t, u)), `SM2 part, byte ${i}`).toBe('UNWRAP_FAILED');
      } else {
        // a changed SM4 block decrypts to another scalar; it must never come back as the original key
        try {
          const k = await unwrapKey(t, u);
          expect(await spkiFingerprint(k as KeyPair)).not.toBe(fp);
        } catch (e) {
          expect(e).toBeInstanceOf(KeysmithError);
          detectedWithoutExpect++;
        }
      }
    }
    expect(detectedWithoutExpect).toBeLessThanOrEqual(32);
  });
});
