import { describe, expect, it } from 'vitest';
import {
  constants, createHmac, createPrivateKey, createPublicKey, diffieHellman, privateDecrypt, publicEncrypt, sign as nodeSign, verify as nodeVerify,
} from 'node:crypto';
import {
  capabilityMatrix, decrypt, deriveSharedSecret, detectWebCryptoProvider, encapsulate, encrypt, exportKey, generateKey, generateMac, importKey,
  keyCheckValue, keyCheckValueOf, KeyPair, pureProvider, seededRandom, sign, spkiFingerprint, specs, unwrapKey, verify, verifyMac,
  webCryptoProvider, wrapKey, aesKwWrap, systemRandom, type Key, type SigningAlgorithmName, type SubtleCryptoLike,
} from '../src/index.js';
import { codeOf } from './helpers/codes.js';
import { P521_ECDH_TALLY, wycheproofP521Ecdh } from './helpers/ecdh-wycheproof.js';
import { knownResult, readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { bytesToHex, hex } from '../src/bytes.js';

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
  ECDSA_SHA_512: { hash: 'sha512', dsa: true },
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

  it('has no HMAC-SHA-224, HMAC-SM3, Ed25519ph, ML-DSA or ML-KEM (WebCrypto defines none): supports is false, the core says UNSUPPORTED', async () => {
    const rows = capabilityMatrix(webcrypto);
    for (const name of ['HMAC_224', 'HMAC_SM3', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024']) {
      expect(rows.filter((r) => r.spec === name).every((r) => !r.supported), name).toBe(true);
      expect(await codeOf(generateKey(name, { provider: webcrypto })), name).toBe('UNSUPPORTED');
    }
    expect(await codeOf(importKey('HMAC_224', new Uint8Array(28), 'raw', { provider: webcrypto }))).toBe('UNSUPPORTED');
    const kem = (await generateKey('ML_KEM_768')) as KeyPair;
    expect(await codeOf(importKey('ML_KEM_768', await exportKey(kem, 'spki-der'), 'spki-der', { provider: webcrypto }))).toBe('UNSUPPORTED');
    expect(await codeOf(encapsulate(kem))).toBe('no error'); // the pure key still does
    const algs = (s: string, op: string) => rows.find((r) => r.spec === s && r.operation === op)?.algorithms;
    expect(algs('ED25519', 'sign')).toEqual(['ED25519_SHA_512']);
    expect(webcrypto.supports(spec('ED25519'), 'SIGN_VERIFY', 'sign', 'ED25519_PH_SHA_512')).toBe(false);
    const ed = await generateKey('ED25519', { provider: webcrypto });
    expect(await codeOf(sign(ed, new Uint8Array(64), { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateKey('SM2', { usage: 'KEY_AGREEMENT', provider: webcrypto }))).toBe('UNSUPPORTED');
    const agrees = rows.filter((r) => r.operation === 'derive-shared-secret' && r.supported).map((r) => r.spec);
    expect(agrees).toEqual(['EC_P256', 'EC_P384', 'EC_P521']);
    expect(algs('HMAC_384', 'generate-mac')).toEqual(['HMAC_SHA_384']);
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

const HMAC_NODE: Record<string, string> = { HMAC_256: 'sha256', HMAC_384: 'sha384', HMAC_512: 'sha512' };

describe('webCryptoProvider: HMAC keys (GENERATE_VERIFY_MAC), natively', () => {
  for (const name of ['HMAC_256', 'HMAC_384', 'HMAC_512']) {
    it(`${name}: generated at the digest length; tags equal the pure provider's and node:crypto's; verifyMac takes the full tag only`, async () => {
      const s = spec(name) as { keyBytes: number };
      const k = await generateKey(name, { provider: webcrypto });
      const raw = (await exportKey(k, 'raw')) as Uint8Array;
      expect(raw.length).toBe(s.keyBytes);
      const jwk = (await exportKey(k, 'jwk')) as { kty: string; k: string };
      expect(jwk.kty).toBe('oct');
      expect(Buffer.from(jwk.k, 'base64url')).toEqual(Buffer.from(raw));
      const onPure = await importKey(name, raw, 'raw');
      for (const message of [new Uint8Array(0), MESSAGE, systemRandom(1000)]) {
        const tag = await generateMac(k, message);
        expect(tag.length).toBe(s.keyBytes);
        expect(tag).toEqual(await generateMac(onPure, message));
        expect(Buffer.from(tag)).toEqual(createHmac(HMAC_NODE[name]!, raw).update(message).digest());
        expect(await verifyMac(k, message, tag)).toBe(true);
        expect(await verifyMac(k, message, tag.subarray(0, tag.length - 1)), 'truncated').toBe(false);
        expect(await verifyMac(k, message, tag.subarray(0, 16)), 'truncated to 128 bits').toBe(false);
        expect(await verifyMac(k, message, Uint8Array.of(...tag, 0)), 'over-long').toBe(false);
        const wrong = tag.slice();
        wrong[wrong.length - 1]! ^= 1;
        expect(await verifyMac(k, message, wrong), 'last bit').toBe(false);
        expect(await verifyMac(k, message, new Uint8Array(0)), 'empty').toBe(false);
      }
      // a pure-made tag verifies on WebCrypto; the KCV is the spec's HMAC form
      expect(await verifyMac(k, MESSAGE, await generateMac(onPure, MESSAGE))).toBe(true);
      expect(await keyCheckValue(k)).toBe(keyCheckValueOf(spec(name) as never, raw));
    });
  }

  it('a non-extractable HMAC key refuses export and being wrapped, and still MACs, verifies and gives its KCV', async () => {
    const raw = systemRandom(48);
    const k = await importKey('HMAC_384', raw, 'raw', { provider: webcrypto, attributes: { extractable: false } });
    expect(k.extractable).toBe(false);
    expect(await codeOf(exportKey(k, 'raw'))).toBe('NOT_EXTRACTABLE');
    expect(await codeOf(wrapKey(k, { algorithm: 'AES_KW', wrappingKey: new Uint8Array(32) }))).toBe('NOT_EXTRACTABLE');
    const tag = await generateMac(k, MESSAGE);
    expect(Buffer.from(tag)).toEqual(createHmac('sha384', raw).update(MESSAGE).digest());
    expect(await verifyMac(k, MESSAGE, tag)).toBe(true);
    expect(await keyCheckValue(k)).toBe(keyCheckValueOf(spec('HMAC_384') as never, raw));
    const generated = await generateKey('HMAC_512', { provider: webcrypto, attributes: { extractable: false } });
    expect(await verifyMac(generated, MESSAGE, await generateMac(generated, MESSAGE))).toBe(true);
    expect(await codeOf(generateMac(generated, MESSAGE, { algorithm: 'HMAC_SHA_256' }))).toBe('UNSUPPORTED');
  });

  it('wraps natively: AES-KW byte for byte the pure AES-KW; OAEP payload is the raw key; unwraps into working keys', async () => {
    const kek = systemRandom(32);
    const rsa = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto })) as KeyPair;
    const rsaPriv = createPrivateKey({ key: await der(rsa, 'pkcs8-der'), format: 'der', type: 'pkcs8' });
    for (const name of ['HMAC_256', 'HMAC_384', 'HMAC_512']) {
      const k = await generateKey(name, { provider: webcrypto });
      const raw = (await exportKey(k, 'raw')) as Uint8Array;
      const blob = await wrapKey(k, { algorithm: 'AES_KW', wrappingKey: kek });
      expect(blob, name).toEqual(aesKwWrap(kek, raw));
      const back = await unwrapKey(blob, { algorithm: 'AES_KW', unwrappingKey: kek, spec: name, provider: webcrypto, attributes: { extractable: false } });
      expect(await generateMac(back, MESSAGE)).toEqual(await generateMac(k, MESSAGE));
      expect(await codeOf(unwrapKey(aesKwWrap(kek, systemRandom(raw.length + 8)), { algorithm: 'AES_KW', unwrappingKey: kek, spec: name, provider: webcrypto }))).toBe('UNWRAP_FAILED');
      const oaep = await wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: rsa });
      expect(new Uint8Array(privateDecrypt({ key: rsaPriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, oaep))).toEqual(raw);
      const fromOaep = await unwrapKey(oaep, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: rsa, spec: name });
      expect(await keyCheckValue(fromOaep)).toBe(await keyCheckValue(k));
    }
  });
});

describe.skipIf(!sharedAvailable)('webCryptoProvider: Wycheproof HMAC through verifyMac (keys of the spec\'s length, full tags)', () => {
  for (const [file, name] of [['hmac_sha256_test.json', 'HMAC_256'], ['hmac_sha384_test.json', 'HMAC_384'], ['hmac_sha512_test.json', 'HMAC_512']] as const) {
    it(file, async () => {
      const data = readSharedJson(`wycheproof/testvectors_v1/${file}`);
      const bytes = (spec(name) as { keyBytes: number }).keyBytes;
      let n = 0;
      for (const g of data.testGroups) {
        if (g.keySize !== bytes * 8 || g.tagSize !== bytes * 8) continue;
        for (const t of g.tests) {
          const valid = knownResult(t.result, ['valid', 'invalid']) === 'valid';
          const k = await importKey(name, hex(t.key), 'raw', { provider: webcrypto, attributes: { extractable: false } });
          expect(await verifyMac(k, hex(t.msg), hex(t.tag)), `tc ${t.tcId}`).toBe(valid);
          if (valid) expect(bytesToHex(await generateMac(k, hex(t.msg))), `tc ${t.tcId}`).toBe(t.tag);
          n++;
        }
      }
      expect(n).toBeGreaterThan(50);
    });
  }
});

/** The node:crypto KeyObject of a keysmith key (private if it has one). */
async function nodeKey(k: Key | KeyPair, type: 'private' | 'public') {
  return type === 'private'
    ? createPrivateKey({ key: await der(k, 'pkcs8-der'), format: 'der', type: 'pkcs8' })
    : createPublicKey({ key: await der(k, 'spki-der'), format: 'der', type: 'spki' });
}

describe('webCryptoProvider: ECDH (KEY_AGREEMENT) on P-256, P-384 and P-521', () => {
  for (const name of ['EC_P256', 'EC_P384', 'EC_P521']) {
    it(`${name}: the shared secret is the pure provider's and OpenSSL's diffieHellman, byte for byte, from both sides`, async () => {
      const f = (spec(name) as { fieldBytes: number }).fieldBytes;
      for (let i = 0; i < 6; i++) {
        const web = (await generateKey(name, { usage: 'KEY_AGREEMENT', provider: webcrypto, attributes: { extractable: i % 2 === 0 } })) as KeyPair;
        const pure = (await generateKey(name, { usage: 'KEY_AGREEMENT' })) as KeyPair;
        const z = await deriveSharedSecret(web, pure.publicKey);
        expect(z.length).toBe(f);
        expect(z).toEqual(await deriveSharedSecret(pure, await exportKey(web, 'spki-der')));
        const node = diffieHellman({ privateKey: await nodeKey(pure, 'private'), publicKey: await nodeKey(web, 'public') });
        expect(Buffer.from(z)).toEqual(node);
        // and the WebCrypto pair agrees with itself through another WebCrypto key
        const web2 = (await generateKey(name, { usage: 'KEY_AGREEMENT', provider: webcrypto })) as KeyPair;
        expect(await deriveSharedSecret(web, web2.publicKey)).toEqual(await deriveSharedSecret(web2, web.publicKey));
      }
    });
  }

  it('P-521: deriveBits asks for 528 bits, the whole 66-byte field element (a secret whose top byte is 1 survives)', async () => {
    // x(d·Q) < 2^521, so its top byte is 0 or 1; look for a pair whose secret starts with 1 (about half do)
    let seen = 0;
    for (let i = 0; i < 24 && seen < 2; i++) {
      const web = (await generateKey('EC_P521', { usage: 'KEY_AGREEMENT', provider: webcrypto })) as KeyPair;
      const peer = (await generateKey('EC_P521', { usage: 'KEY_AGREEMENT' })) as KeyPair;
      const z = await deriveSharedSecret(web, peer);
      expect(z[0]! <= 1).toBe(true);
      expect(z).toEqual(await deriveSharedSecret(peer, web));
      if (z[0] === 1) seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('a non-extractable KEY_AGREEMENT key refuses export, derives, and is an ECDH key only (it does not sign)', async () => {
    const k = (await generateKey('EC_P384', { usage: 'KEY_AGREEMENT', provider: webcrypto, attributes: { extractable: false } })) as KeyPair;
    expect(await codeOf(exportKey(k, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
    const peer = (await generateKey('EC_P384', { usage: 'KEY_AGREEMENT' })) as KeyPair;
    expect(await deriveSharedSecret(k, peer.publicKey)).toEqual(await deriveSharedSecret(peer, k.publicKey));
    expect(await codeOf(sign(k, MESSAGE))).toBe('INVALID_USAGE');
    const signer = (await generateKey('EC_P384', { provider: webcrypto })) as KeyPair;
    expect(await codeOf(deriveSharedSecret(signer, peer.publicKey))).toBe('INVALID_USAGE');
    // a peer on another curve is refused by the core before WebCrypto sees it
    expect(await codeOf(deriveSharedSecret(k, ((await generateKey('EC_P256', { usage: 'KEY_AGREEMENT' })) as KeyPair).publicKey))).toBe('INVALID_KEY');
  });

  it('imported and unwrapped KEY_AGREEMENT keys are ECDH keys: the OAEP payload is keysmith PKCS#8, the unwrapped key derives', async () => {
    const wk = (await generateKey('RSA_3072', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto, attributes: { extractable: false } })) as KeyPair;
    const wkExtractable = (await generateKey('RSA_3072', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto })) as KeyPair;
    const wkPriv = await nodeKey(wkExtractable, 'private');
    for (const name of ['EC_P256', 'EC_P384', 'EC_P521']) {
      const pure = (await generateKey(name, { usage: 'KEY_AGREEMENT' })) as KeyPair;
      const peer = (await generateKey(name, { usage: 'KEY_AGREEMENT' })) as KeyPair;
      const imported = await importKey(name, await exportKey(pure, 'pkcs8-der'), 'pkcs8-der', { usage: 'KEY_AGREEMENT', provider: webcrypto });
      expect(await deriveSharedSecret(imported, peer.publicKey)).toEqual(await deriveSharedSecret(pure, peer.publicKey));
      const blob = await wrapKey(pure, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: await exportKey(wk, 'spki-der') as Uint8Array });
      const back = await unwrapKey(blob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: wk, spec: name, usage: 'KEY_AGREEMENT', attributes: { extractable: false } });
      expect(back.usage).toBe('KEY_AGREEMENT');
      expect(await deriveSharedSecret(back, peer.publicKey)).toEqual(await deriveSharedSecret(pure, peer.publicKey));
      const web = await generateKey(name, { usage: 'KEY_AGREEMENT', provider: webcrypto });
      const payload = privateDecrypt({ key: wkPriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, await wrapKey(web, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: wkExtractable }));
      expect(new Uint8Array(payload), name).toEqual(await exportKey(web, 'pkcs8-der'));
    }
  });
});

describe.skipIf(!sharedAvailable)('webCryptoProvider: Wycheproof ecdh_secp521r1_test.json through deriveSharedSecret', () => {
  it('every valid case gives Wycheproof\'s secret from a non-extractable WebCrypto ECDH key; invalid peers are refused', async () => {
    expect(await wycheproofP521Ecdh(webcrypto, false)).toEqual(P521_ECDH_TALLY);
  });
});

describe('webCryptoProvider: P-521 ECDSA (ECDSA_SHA_512, 66-byte halves)', () => {
  it('WebCrypto signatures verify in the pure provider and OpenSSL; theirs verify in WebCrypto; JWK crv is P-521', async () => {
    for (const extractable of [true, false]) {
      const k = (await generateKey('EC_P521', { provider: webcrypto, attributes: { extractable } })) as KeyPair;
      const spki = await der(k, 'spki-der');
      const onPure = await importKey('EC_P521', spki, 'spki-der');
      expect((await exportKey(k, 'jwk-public')) as { crv: string }).toMatchObject({ kty: 'EC', crv: 'P-521' });
      for (let i = 0; i < 8; i++) {
        const message = systemRandom(40 + i);
        const sig = await sign(k, message);
        expect(sig[0]).toBe(0x30);
        expect(await verify(onPure, message, sig)).toBe(true);
        expect(opensslVerify(spki, 'ECDSA_SHA_512', message, sig)).toBe(true);
        expect(await verify(k, message, sig)).toBe(true);
      }
    }
    const pure = await generateKey('EC_P521');
    const web = await importKey('EC_P521', await exportKey(pure, 'spki-der'), 'spki-der', { provider: webcrypto });
    const priv = await nodeKey(pure, 'private');
    for (let i = 0; i < 8; i++) {
      const message = systemRandom(10 + i);
      expect(await verify(web, message, await sign(pure, message))).toBe(true);
      const openssl = nodeSign('sha512', message, { key: priv, dsaEncoding: 'der' });
      expect(await verify(web, message, openssl)).toBe(true);
      expect(await verify(web, message, nodeSign('sha512', message, { key: priv, dsaEncoding: 'ieee-p1363' })), 'P1363 is not DER').toBe(false);
      const other = message.slice();
      other[0]! ^= 1;
      expect(await verify(web, other, openssl)).toBe(false);
    }
  });

  it('private export and import round-trip byte for byte (66-byte scalar); OAEP wraps keysmith PKCS#8 under RSA_3072', async () => {
    const k = await generateKey('EC_P521', { provider: webcrypto });
    const p8 = (await exportKey(k, 'pkcs8-der')) as Uint8Array;
    expect((await exportKey(k, 'raw')) as Uint8Array).toHaveLength(66);
    expect(Buffer.from(p8)).toEqual((await nodeKey(k, 'private')).export({ format: 'der', type: 'pkcs8' }));
    const back = await importKey('EC_P521', p8, 'pkcs8-der', { provider: webcrypto });
    expect(await exportKey(back, 'pkcs8-der')).toEqual(p8);
    const wk = (await generateKey('RSA_3072', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto })) as KeyPair;
    const blob = await wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_1', wrappingKey: wk });
    expect(new Uint8Array(privateDecrypt({ key: await nodeKey(wk, 'private'), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, blob))).toEqual(p8);
    const opened = await unwrapKey(blob, { algorithm: 'RSAES_OAEP_SHA_1', unwrappingKey: wk, spec: 'EC_P521', provider: webcrypto, attributes: { extractable: false } });
    expect(await verify(k, MESSAGE, await sign(opened, MESSAGE))).toBe(true);
    // 241 bytes of PKCS#8 do not fit one RSA_2048 OAEP-SHA-256 block: refused, not truncated
    const small = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto })) as KeyPair;
    expect(await codeOf(wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: small }))).toBe('UNSUPPORTED');
  });
});

describe('webCryptoProvider: Ed25519 (ED25519_SHA_512, RAW)', () => {
  it('RFC 8032 §7.1 vectors: the seed imports, the public key and the signature are the RFC\'s, byte for byte', async () => {
    const data = readOwnJson('rfc8032_ed25519.json');
    expect(data.source).toMatch(/RFC 8032/);
    for (const t of data.ed25519) {
      const k = (await importKey('ED25519', hex(t.secretKey), 'raw', { provider: webcrypto, attributes: { extractable: false } })) as KeyPair;
      expect(bytesToHex((await exportKey(k, 'raw-public')) as Uint8Array), t.section).toBe(t.publicKey);
      expect(bytesToHex(await sign(k, hex(t.message))), t.section).toBe(t.signature);
      expect(await verify(k, hex(t.message), hex(t.signature)), t.section).toBe(true);
    }
  });

  it('signatures equal the pure provider\'s and OpenSSL\'s (Ed25519 is deterministic); formats round-trip; malformed signatures are false', async () => {
    for (const extractable of [true, false]) {
      const k = (await generateKey('ED25519', { provider: webcrypto, attributes: { extractable } })) as KeyPair;
      const spki = await der(k, 'spki-der');
      const onPure = await importKey('ED25519', spki, 'spki-der');
      expect(createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType).toBe('ed25519');
      expect((await exportKey(k, 'jwk-public')) as object).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
      const sig = await sign(k, MESSAGE);
      expect(sig).toHaveLength(64);
      expect(await verify(onPure, MESSAGE, sig)).toBe(true);
      expect(nodeVerify(null, MESSAGE, createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig)).toBe(true);
      expect(await verify(k, MESSAGE, Uint8Array.of(...sig, 0))).toBe(false);
      expect(await verify(k, MESSAGE, sig.subarray(0, 63))).toBe(false);
      if (!extractable) {
        expect(await codeOf(exportKey(k, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
        continue;
      }
      const p8 = (await exportKey(k, 'pkcs8-der')) as Uint8Array;
      expect(Buffer.from(p8)).toEqual((await nodeKey(k, 'private')).export({ format: 'der', type: 'pkcs8' }));
      const pure = await importKey('ED25519', p8, 'pkcs8-der');
      for (const message of [new Uint8Array(0), MESSAGE, systemRandom(3000)]) {
        const web = await sign(k, message);
        expect(web).toEqual(await sign(pure, message));
        expect(Buffer.from(web)).toEqual(nodeSign(null, message, await nodeKey(k, 'private')));
      }
      const back = await importKey('ED25519', await exportKey(k, 'jwk'), 'jwk', { provider: webcrypto });
      expect(await exportKey(back, 'pkcs8-der')).toEqual(p8);
      expect(await exportKey(back, 'raw')).toEqual(await exportKey(pure, 'raw'));
    }
  });

  it('OAEP wraps keysmith PKCS#8 (48 bytes); an unwrapped non-extractable Ed25519 key signs as the original', async () => {
    const wk = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: webcrypto })) as KeyPair;
    const k = await generateKey('ED25519', { provider: webcrypto });
    for (const [algorithm, oaepHash] of [['RSAES_OAEP_SHA_1', 'sha1'], ['RSAES_OAEP_SHA_256', 'sha256']] as const) {
      const blob = await wrapKey(k, { algorithm, wrappingKey: wk });
      const payload = new Uint8Array(privateDecrypt({ key: await nodeKey(wk, 'private'), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, blob));
      expect(payload).toEqual(await exportKey(k, 'pkcs8-der'));
      expect(payload).toHaveLength(48);
      const back = await unwrapKey(blob, { algorithm, unwrappingKey: wk, spec: 'ED25519', attributes: { extractable: false } });
      expect(back.extractable).toBe(false);
      expect(await sign(back, MESSAGE)).toEqual(await sign(k, MESSAGE));
    }
  });
});

/** `subtle` with some algorithms refused, as a runtime without them refuses them (NotSupportedError / OperationError). */
function subtleWithout(refuse: (algorithm: unknown) => boolean): SubtleCryptoLike {
  const real = globalThis.crypto.subtle;
  const name = (a: unknown) => (typeof a === 'string' ? a : (a as { name?: string; length?: number; namedCurve?: string }));
  const wrap = <F extends (...args: never[]) => Promise<unknown>>(f: F, at: number) =>
    ((...args: unknown[]) => (refuse(name(args[at])) ? Promise.reject(new DOMException('refused', 'NotSupportedError')) : (f as unknown as (...a: unknown[]) => Promise<unknown>).apply(real, args))) as unknown as F;
  return {
    decrypt: real.decrypt.bind(real), deriveBits: real.deriveBits.bind(real), encrypt: real.encrypt.bind(real), exportKey: real.exportKey.bind(real),
    generateKey: wrap(real.generateKey, 0), importKey: wrap(real.importKey, 2), sign: real.sign.bind(real), unwrapKey: wrap(real.unwrapKey, 4),
    verify: real.verify.bind(real), wrapKey: real.wrapKey.bind(real),
  };
}

describe('detectWebCryptoProvider: supports follows what the runtime has', () => {
  it("Node's WebCrypto has 192-bit AES, P-521 and Ed25519: the detected provider claims what webCryptoProvider() claims", async () => {
    const detected = await detectWebCryptoProvider();
    expect(detected.features).toEqual(['AES-192', 'P-521', 'Ed25519']);
    expect(capabilityMatrix(detected)).toEqual(capabilityMatrix(webcrypto));
  });

  it('a runtime without 192-bit AES and Ed25519 (as Chromium has no 192-bit AES): those specs are unsupported, the rest unchanged', async () => {
    const refuse = (a: unknown) => (a as { name?: string }).name === 'Ed25519' || a === 'Ed25519' || ((a as { name?: string; length?: number }).name?.startsWith('AES') === true && (a as { length?: number }).length === 192);
    const limited = await detectWebCryptoProvider(subtleWithout(refuse));
    expect(limited.features).toEqual(['P-521']);
    const rows = capabilityMatrix(limited);
    const full = capabilityMatrix(webcrypto);
    for (const [i, r] of rows.entries()) {
      const lacking = r.spec === 'ED25519' || r.spec === 'AES_192';
      expect(r, `${r.spec} ${r.usage} ${r.operation}`).toEqual(lacking ? { ...full[i]!, supported: false, ...(full[i]!.algorithms ? { algorithms: [] } : {}) } : full[i]);
    }
    expect(await codeOf(generateKey('ED25519', { provider: limited }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateKey('AES_192', { provider: limited }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateKey('AES_128', { provider: limited }))).toBe('no error');
    expect(await codeOf(generateKey('EC_P521', { usage: 'KEY_AGREEMENT', provider: limited }))).toBe('no error');
    expect(await codeOf(detectWebCryptoProvider({} as SubtleCryptoLike))).toBe('UNSUPPORTED');
  });
});

describe('webCryptoProvider: AES_128 and AES_192 keys', () => {
  for (const name of ['AES_128', 'AES_192']) {
    it(`${name}: generates, exports, gives the pure KCV, wraps natively with AES-KW byte for byte, and a non-extractable key still wraps`, async () => {
      const k = await generateKey(name, { provider: webcrypto });
      const raw = (await exportKey(k, 'raw')) as Uint8Array;
      expect(raw.length).toBe((spec(name) as { keyBytes: number }).keyBytes);
      expect(await keyCheckValue(k)).toBe(keyCheckValueOf('AES', raw));
      const kek = systemRandom(32);
      expect(await wrapKey(k, { algorithm: 'AES_KW', wrappingKey: kek })).toEqual(aesKwWrap(kek, raw));
      const locked = await importKey(name, raw, 'raw', { provider: webcrypto, attributes: { extractable: false } });
      const target = await generateKey('AES_256', { provider: webcrypto });
      const blob = await wrapKey(target, { algorithm: 'AES_KW', wrappingKey: locked });
      expect(blob).toEqual(aesKwWrap(raw, (await exportKey(target, 'raw')) as Uint8Array));
    });
  }
});
