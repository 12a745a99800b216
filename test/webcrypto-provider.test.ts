import { describe, expect, it } from 'vitest';
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  capabilityMatrix, decrypt, encrypt, exportKey, generateKey, importKey, keyCheckValue, keyCheckValueOf, KeyPair, pureProvider,
  seededRandom, sign, spkiFingerprint, specs, unwrapKey, verify, webCryptoProvider, wrapKey, aesKwWrap, systemRandom,
  type Key, type SigningAlgorithmName,
} from '../src/index.js';
import { codeOf } from './helpers/codes.js';

const webcrypto = webCryptoProvider();
const MESSAGE = new TextEncoder().encode('keysmith webcrypto message');
const spec = (name: string) => specs.find((s) => s.name === name)!;
const der = async (k: Key | KeyPair, f: 'spki-der' | 'pkcs8-der') => Buffer.from((await exportKey(k, f)) as Uint8Array);

/** node:crypto (OpenSSL) parameters for each keysmith signing algorithm, to check signatures independently. */
const OPENSSL_SIGNING: Record<string, { hash: string; pss?: number; dsa?: boolean }> = {
  RSASSA_PKCS1_V1_5_SHA_256: { hash: 'sha256' },
  RSASSA_PKCS1_V1_5_SHA_384: { hash: 'sha384' },
  RSASSA_PKCS1_V1_5_SHA_512: { hash: 'sha512' },
  RSASSA_PSS_SHA_256: { hash: 'sha256', pss: 32 },
  RSASSA_PSS_SHA_384: { hash: 'sha384', pss: 48 },
  RSASSA_PSS_SHA_512: { hash: 'sha512', pss: 64 },
  ECDSA_SHA_256: { hash: 'sha256', dsa: true },
  ECDSA_SHA_384: { hash: 'sha384', dsa: true },
};

function opensslVerify(spki: Buffer, alg: string, message: Uint8Array, signature: Uint8Array, saltLength?: number): boolean {
  const o = OPENSSL_SIGNING[alg]!;
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const opts = o.pss !== undefined ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: saltLength ?? o.pss } : o.dsa ? { key, dsaEncoding: 'der' as const } : key;
  return nodeVerify(o.hash, message, opts, signature);
}

describe('webCryptoProvider: what it says it cannot do', () => {
  it('does not honour random: a random or seededRandom is UNSUPPORTED, never a silently unseeded key', async () => {
    expect(webcrypto.honoursRandom).toBe(false);
    expect(await codeOf(generateKey('AES_256', { provider: webcrypto, random: seededRandom('x') }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateKey('EC_P256', { provider: webcrypto, random: systemRandom }))).toBe('UNSUPPORTED');
    const key = await generateKey('AES_256', { provider: webcrypto });
    expect(await codeOf(wrapKey(key, { algorithm: 'AES_KW', wrappingKey: new Uint8Array(32), random: seededRandom('x') }))).toBe('UNSUPPORTED');
  });

  it('has no SM2, SM4, secp256k1, AES-KWP, RSA AES key wrap, PKCS#1 v1.5 wrap or ECB envelope, in its capability matrix too', async () => {
    for (const name of ['SM2', 'SM4', 'EC_P256K']) {
      expect(await codeOf(generateKey(name, { provider: webcrypto })), name).toBe('UNSUPPORTED');
      expect(capabilityMatrix(webcrypto).filter((r) => r.spec === name).every((r) => !r.supported), name).toBe(true);
    }
    const rows = capabilityMatrix(webcrypto);
    const algs = (s: string, op: string) => rows.find((r) => r.spec === s && r.operation === op)?.algorithms;
    expect(algs('AES_256', 'wrap')).toEqual(['AES_KW', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    expect(algs('EC_P384', 'unwrap')).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    expect(rows.find((r) => r.spec === 'RSA_2048' && r.operation === 'wrap')?.supported).toBe(false);
    expect(algs('RSA_3072', 'sign')).toHaveLength(6);
    const aes = await generateKey('AES_256', { provider: webcrypto });
    const rsa = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto });
    for (const algorithm of ['AES_KWP', 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSAES_PKCS1_V1_5', 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD'] as const) {
      const wrappingKey = algorithm === 'AES_KWP' ? new Uint8Array(32).fill(7) : rsa;
      expect(await codeOf(wrapKey(aes, { algorithm, wrappingKey })), algorithm).toBe('UNSUPPORTED');
    }
  });

  it('signs messages, not digests: DIGEST is UNSUPPORTED', async () => {
    const k = await generateKey('EC_P256', { provider: webcrypto });
    expect(await codeOf(sign(k, new Uint8Array(32), { messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
    expect(await codeOf(verify(k, new Uint8Array(32), new Uint8Array(70), { messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
  });

  it('refuses a missing WebCrypto with UNSUPPORTED', async () => {
    expect(await codeOf(() => webCryptoProvider({} as SubtleCrypto))).toBe('UNSUPPORTED');
  });
});

describe('webCryptoProvider: a non-extractable key, through the public API, checked by OpenSSL', () => {
  for (const name of ['RSA_2048', 'EC_P256', 'EC_P384']) {
    it(`${name} SIGN_VERIFY: refuses private export and wrapping; signs with every algorithm; OpenSSL verifies; OpenSSL's signatures verify`, async () => {
      const k = (await generateKey(name, { provider: webcrypto, attributes: { extractable: false } })) as KeyPair;
      expect(k.extractable).toBe(false);
      expect(k.publicKey.extractable).toBe(true);
      expect(await codeOf(exportKey(k, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
      expect(await codeOf(exportKey(k, 'jwk'))).toBe('NOT_EXTRACTABLE');
      const rsaKek = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto });
      if (name !== 'RSA_2048') expect(await codeOf(wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: rsaKek }))).toBe('NOT_EXTRACTABLE');
      const spki = await der(k, 'spki-der');
      expect(createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType).toBe(name.startsWith('RSA') ? 'rsa' : 'ec');
      const algorithms = capabilityMatrix(webcrypto).find((r) => r.spec === name && r.operation === 'sign')!.algorithms as SigningAlgorithmName[];
      expect(algorithms.length).toBeGreaterThan(0);
      for (const algorithm of algorithms) {
        const sig = await sign(k, MESSAGE, { algorithm });
        expect(opensslVerify(spki, algorithm, MESSAGE, sig), algorithm).toBe(true);
        if (algorithm.startsWith('ECDSA')) expect(sig[0], 'DER SEQUENCE').toBe(0x30);
        if (algorithm.startsWith('RSASSA_PSS')) expect(opensslVerify(spki, algorithm, MESSAGE, sig, 20), 'PSS salt is the hash length').toBe(false);
        expect(await verify(k, MESSAGE, sig, { algorithm })).toBe(true);
      }
    });
  }

  it('OpenSSL-made signatures verify in WebCrypto (DER → P1363 at the seam), and malformed DER is false', async () => {
    for (const name of ['EC_P256', 'EC_P384']) {
      const pure = await generateKey(name);
      const web = await importKey(name, await exportKey(pure, 'spki-der'), 'spki-der', { provider: webcrypto });
      const priv = createPrivateKey({ key: await der(pure, 'pkcs8-der'), format: 'der', type: 'pkcs8' });
      const alg = name === 'EC_P256' ? 'ECDSA_SHA_256' : 'ECDSA_SHA_384';
      const sig = nodeSign(OPENSSL_SIGNING[alg]!.hash, MESSAGE, { key: priv, dsaEncoding: 'der' });
      expect(await verify(web, MESSAGE, sig)).toBe(true);
      expect(await verify(web, MESSAGE, Buffer.concat([sig, Buffer.of(0)]))).toBe(false);
      expect(await verify(web, MESSAGE, nodeSign(OPENSSL_SIGNING[alg]!.hash, MESSAGE, { key: priv, dsaEncoding: 'ieee-p1363' }))).toBe(false);
    }
  });

  it('RSA ENCRYPT_DECRYPT: OpenSSL encrypts with OAEP-SHA-1 and OAEP-SHA-256, the non-extractable key decrypts both (no hash binding)', async () => {
    const k = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto, attributes: { extractable: false } })) as KeyPair;
    expect(await codeOf(exportKey(k, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
    const pub = createPublicKey({ key: await der(k, 'spki-der'), format: 'der', type: 'spki' });
    for (const [algorithm, oaepHash] of [['RSAES_OAEP_SHA_1', 'sha1'], ['RSAES_OAEP_SHA_256', 'sha256']] as const) {
      const ct = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, MESSAGE);
      expect(await decrypt(k, ct, { algorithm }), algorithm).toEqual(MESSAGE);
      const other = algorithm === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
      expect(await codeOf(decrypt(k, ct, { algorithm: other })), `${algorithm} is not ${other}`).toBe('DECRYPT_FAILED');
    }
  });

  it('AES: a non-extractable key refuses export and being wrapped, and still gives its KCV (AES-CMAC from AES-CBC) and wraps others', async () => {
    const raw = systemRandom(32);
    const kek = await importKey('AES_256', raw, 'raw', { provider: webcrypto, attributes: { extractable: false } });
    expect(await codeOf(exportKey(kek, 'raw'))).toBe('NOT_EXTRACTABLE');
    expect(await codeOf(wrapKey(kek, { algorithm: 'AES_KW', wrappingKey: new Uint8Array(16) }))).toBe('NOT_EXTRACTABLE');
    expect(await keyCheckValue(kek)).toBe(keyCheckValueOf('AES', raw));
    // AES-KW is deterministic: the native wrap is byte for byte the pure implementation's
    const target = await generateKey('AES_256', { provider: webcrypto });
    const blob = await wrapKey(target, { algorithm: 'AES_KW', wrappingKey: kek });
    expect(blob).toEqual(aesKwWrap(raw, (await exportKey(target, 'raw')) as Uint8Array));
    const generated = await generateKey('AES_256', { provider: webcrypto, attributes: { extractable: false } });
    expect(await keyCheckValue(generated)).toMatch(/^[0-9A-F]{6}$/);
    const back = await unwrapKey(await wrapKey(target, { algorithm: 'AES_KW', wrappingKey: generated }), { algorithm: 'AES_KW', unwrappingKey: generated, spec: 'AES_256', attributes: { extractable: false } });
    expect(back.extractable).toBe(false);
    expect(await keyCheckValue(back)).toBe(await keyCheckValue(target));
  });

  it('KCV matches the pure provider for many keys (RFC 4493 subkey doubling with and without the carry)', async () => {
    // 32 random keys: L's top bit (the conditional xor with 0x87) is set for about half of them
    for (let i = 0; i < 32; i++) {
      const raw = systemRandom(32);
      const k = await importKey('AES_256', raw, 'raw', { provider: webcrypto });
      expect(await keyCheckValue(k)).toBe(keyCheckValueOf('AES', raw));
    }
  });
});

describe('webCryptoProvider: native wrapping, against the pure provider and OpenSSL', () => {
  it('RSAES-OAEP wraps the exact PKCS#8 keysmith exports (OpenSSL opens it), and the pure provider opens it too', async () => {
    const wk = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto })) as KeyPair;
    const wkPriv = createPrivateKey({ key: await der(wk, 'pkcs8-der'), format: 'der', type: 'pkcs8' });
    const pureWk = await importKey('RSA_2048', await exportKey(wk, 'pkcs8-der'), 'pkcs8-der', { usage: 'ENCRYPT_DECRYPT' });
    for (const name of ['EC_P256', 'EC_P384', 'AES_256']) {
      const target = await generateKey(name, { provider: webcrypto });
      const payload = (await exportKey(target, name === 'AES_256' ? 'raw' : 'pkcs8-der')) as Uint8Array;
      for (const [algorithm, oaepHash] of [['RSAES_OAEP_SHA_1', 'sha1'], ['RSAES_OAEP_SHA_256', 'sha256']] as const) {
        const blob = await wrapKey(target, { algorithm, wrappingKey: wk });
        expect(new Uint8Array(privateDecrypt({ key: wkPriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, blob)), `${name} ${algorithm}`).toEqual(payload);
        const opened = await unwrapKey(blob, { algorithm, unwrappingKey: pureWk, spec: name });
        expect(opened.spec.name).toBe(name);
        expect(await exportKey(opened, name === 'AES_256' ? 'raw' : 'pkcs8-der')).toEqual(payload);
      }
    }
  });

  it('unwraps what the pure provider wraps under its public key, into non-extractable keys that still work', async () => {
    const wk = (await generateKey('RSA_3072', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto, attributes: { extractable: false } })) as KeyPair;
    const spki = (await exportKey(wk, 'spki-der')) as Uint8Array;
    for (const name of ['EC_P256', 'EC_P384', 'AES_256']) {
      const pureKey = await generateKey(name);
      for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const) {
        const blob = await wrapKey(pureKey, { algorithm, wrappingKey: spki });
        const back = await unwrapKey(blob, { algorithm, unwrappingKey: wk, spec: name, attributes: { extractable: false } });
        expect(back.extractable).toBe(false);
        if (back instanceof KeyPair) {
          expect(await spkiFingerprint(back)).toBe(await spkiFingerprint(pureKey));
          expect(await verify(pureKey, MESSAGE, await sign(back, MESSAGE))).toBe(true);
        } else {
          expect(await keyCheckValue(back)).toBe(await keyCheckValue(pureKey));
        }
        const tampered = blob.slice();
        tampered[10]! ^= 1;
        expect(await codeOf(unwrapKey(tampered, { algorithm, unwrappingKey: wk, spec: name }))).toBe('UNWRAP_FAILED');
      }
    }
  });

  it('AES_KW with 128-, 192- and 256-bit raw KEKs matches the pure provider both ways', async () => {
    for (const n of [16, 24, 32]) {
      const kek = systemRandom(n);
      const w = await generateKey('AES_256', { provider: webcrypto });
      const p = await importKey('AES_256', await exportKey(w, 'raw'), 'raw');
      const blob = await wrapKey(w, { algorithm: 'AES_KW', wrappingKey: kek });
      expect(blob).toEqual(await wrapKey(p, { algorithm: 'AES_KW', wrappingKey: kek }));
      const back = await unwrapKey(blob, { algorithm: 'AES_KW', unwrappingKey: kek, spec: 'AES_256', provider: webcrypto });
      expect(await keyCheckValue(back)).toBe(await keyCheckValue(p));
      expect(await codeOf(unwrapKey(blob.subarray(0, 32), { algorithm: 'AES_KW', unwrappingKey: kek, spec: 'AES_256', provider: webcrypto }))).toBe('UNWRAP_FAILED');
    }
  });

  it('keys never cross providers quietly: a pure key cannot be wrapped under a WebCrypto key in one call', async () => {
    const wk = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto });
    expect(await codeOf(wrapKey(await generateKey('AES_256'), { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: wk }))).toBe('UNSUPPORTED');
    expect(spec('AES_256').family).toBe('symmetric');
    expect(await codeOf(encrypt(wk, MESSAGE))).toBe('no error');
  });
});
