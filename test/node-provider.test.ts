import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { createPrivateKey, createPublicKey, createSecretKey, diffieHellman, generateKeyPairSync, publicEncrypt, randomBytes, sign as nodeSign, createHash } from 'node:crypto';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { handleOf, KeyPair, type Key } from '../src/core/key.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { generateMac, verifyMac } from '../src/ops/mac.js';
import { deriveSharedSecret } from '../src/ops/agreement.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { keyCheckValue, keyIdentifier } from '../src/wrap/identify.js';
import { keyCheckValueOf } from '../src/wrap/kcv.js';
import { cmac } from '../src/wrap/cmac.js';
import { aesKekSpec, getWrappingAlgorithm, wrappingAlgorithms, WRAPPING_KEY_SPECS } from '../src/wrap/algorithms.js';
import { payloadBytes } from '../src/encoding/limits.js';
import { specs } from '../src/registry/specs.js';
import { getSpec } from '../src/registry/lookup.js';
import { OPERATIONS, type Operation } from '../src/model/operations.js';
import { encryptionAlgorithms, macAlgorithms, signingAlgorithms } from '../src/model/algorithms.js';
import { USAGES, type EcSpec, type KeySpec, type SymmetricSpec } from '../src/model/spec.js';
import type { AlgorithmName } from '../src/provider/types.js';
import { seededRandom, systemRandom } from '../src/random.js';
import { bytesToHex, hex, utf8 } from '../src/bytes.js';
import { sm2Digest, sm2VerifyDigest } from '../src/sm/sm2-sign.js';
import { PureProvider } from '../src/provider/pure/provider.js';
import { nodeCryptoProvider, NodeCryptoProvider, NodeHandle } from '../src/node/index.js';
import { nodeBlockCipher } from '../src/provider/node/cmac.js';
import { NODE_WRAPPING } from '../src/provider/node/wrapping.js';
import { P521_ECDH_TALLY, wycheproofP521Ecdh } from './helpers/ecdh-wycheproof.js';
import { codeOf } from './helpers/codes.js';
import { knownResult, readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';

const node = nodeCryptoProvider();
const pure = new PureProvider();
const MESSAGE = utf8('keysmith node provider');

describe('nodeCryptoProvider: what it states', () => {
  it('is exported from keysmith/node, ignores random (refused by the core), and makes extractable keys by default', async () => {
    expect(node).toBeInstanceOf(NodeCryptoProvider);
    expect(node.name).toBe('node');
    expect(node.honoursRandom).toBe(false);
    expect(node.extractableByDefault).toBe(true);
    expect(await codeOf(generateKey('AES_256', { provider: node, random: systemRandom }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateKey('EC_P256', { provider: node, random: seededRandom('x') }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateKey('AES_256', { provider: node, attributes: { persistent: true } }))).toBe('UNSUPPORTED');
  });

  it('holds every spec but SM2, ML-DSA and ML-KEM, in every usage, with every operation pure has but persist; every algorithm but SM2DSA/SM2PKE/Ed25519ph; RSAES_PKCS1_V1_5 wraps but does not unwrap', () => {
    const out = new Set(['SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024']);
    const missing = new Set(['SM2DSA', 'SM2PKE', 'ED25519_PH_SHA_512', 'ML_DSA_SHAKE_256']);
    let yes = 0;
    for (const spec of specs) {
      const held = !out.has(spec.name);
      // every usage, the spec's own or not: supports is total
      for (const usage of USAGES) {
        for (const op of OPERATIONS) {
          const s = node.supports(spec, usage, op);
          expect(s, `${spec.name} ${usage} ${op}`).toBe(held && op !== 'persist' && pure.supports(spec, usage, op));
          if (s) yes++;
        }
        const perAlgorithm: [readonly { name: string }[], readonly Operation[]][] = [
          [signingAlgorithms(), ['sign', 'verify']],
          [encryptionAlgorithms(), ['encrypt', 'decrypt']],
          [macAlgorithms(), ['generate-mac', 'verify-mac']],
        ];
        for (const [table, ops] of perAlgorithm) {
          for (const alg of table) {
            for (const op of ops) {
              const expected = held && !missing.has(alg.name) && pure.supports(spec, usage, op, alg.name as AlgorithmName);
              expect(node.supports(spec, usage, op, alg.name as AlgorithmName), `${spec.name} ${usage} ${op} ${alg.name}`).toBe(expected);
            }
          }
        }
        // an algorithm named for an operation that takes none (or another kind's) is never supported
        for (const op of ['generate', 'derive-shared-secret', 'key-check-value'] as const) expect(node.supports(spec, usage, op, 'ECDSA_SHA_256')).toBe(false);
        expect(node.supports(spec, usage, 'generate-mac', 'ECDSA_SHA_256')).toBe(false);
      }
    }
    expect(yes).toBeGreaterThan(150); // 173 on the registry of issue 9
    for (const bad of [undefined, null, {}, { family: 'ec', usages: ['SIGN_VERIFY'] }]) expect(node.supports(bad as never, 'SIGN_VERIFY', 'generate')).toBe(false);
    const rsa = getSpec('RSA_2048');
    const aes = getSpec('AES_256');
    expect(node.supports(aes, 'ENCRYPT_DECRYPT', 'wrap', 'RSAES_PKCS1_V1_5')).toBe(true);
    expect(node.supports(aes, 'ENCRYPT_DECRYPT', 'unwrap', 'RSAES_PKCS1_V1_5')).toBe(false);
    expect(node.supports(getSpec('EC_P256'), 'SIGN_VERIFY', 'wrap', 'SM2PKE')).toBe(false);
    for (const alg of signingAlgorithms()) expect(node.supports(getSpec('RSA_2048'), 'SIGN_VERIFY', 'sign', alg.name)).toBe(alg.appliesTo(rsa));
  });

  it('SM2 is UNSUPPORTED everywhere, naming the provider', async () => {
    const e = (await generateKey('SM2', { provider: node }).catch((x: unknown) => x)) as Error & { code: string };
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message).toMatch(/node provider/);
    const sm2 = (await generateKey('SM2')) as KeyPair;
    expect(await codeOf(importKey('SM2', await exportKey(sm2, 'pkcs8-der'), 'pkcs8-der', { provider: node }))).toBe('UNSUPPORTED');
    expect(await codeOf(importKey('SM2', await exportKey(sm2, 'spki-der'), 'spki-der', { provider: node }))).toBe('UNSUPPORTED');
  });
});

/**
 * Why SM2 is out (README, "The node:crypto provider"). These pin node 20's behaviour: if one fails, node
 * has changed and SM2 support should be revisited.
 */
describe('node 20 and SM2 (the facts behind UNSUPPORTED)', () => {
  const gen = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  const priv = createPrivateKey({ key: gen.privateKey.export({ format: 'der', type: 'pkcs8' }), format: 'der', type: 'pkcs8' });
  const pub = createPublicKey({ key: gen.publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' });
  const spki = pub.export({ format: 'der', type: 'spki' });
  const point = new Uint8Array(spki.subarray(spki.length - 65));

  it("sign('sm3') on an SM2 key uses an empty distinguishing ID, not GM/T 0009's 1234567812345678", () => {
    const sig = nodeSign('sm3', MESSAGE, priv);
    expect(sm2VerifyDigest(point, sm2Digest(point, MESSAGE, new Uint8Array(0)), sig)).toBe(true);
    expect(sm2VerifyDigest(point, sm2Digest(point, MESSAGE), sig)).toBe(false);
  });

  it("sign('sm3') on a key from generateKeyPair('ec', SM2) is not SM2DSA with any ID (it is ECDSA over the SM2 curve)", () => {
    const sig = nodeSign('sm3', MESSAGE, gen.privateKey);
    expect(sm2VerifyDigest(point, sm2Digest(point, MESSAGE), sig)).toBe(false);
    expect(sm2VerifyDigest(point, sm2Digest(point, MESSAGE, new Uint8Array(0)), sig)).toBe(false);
  });

  it('there is no SM2 encryption, and no way to sign a computed digest e (privateEncrypt is RSA-only)', () => {
    expect(() => publicEncrypt(pub, Buffer.from('x'))).toThrow();
    expect(() => publicEncrypt(gen.publicKey, Buffer.from('x'))).toThrow();
    // sign(null, …) still hashes (SM3 with the empty-ID ZA): it does not sign e as given
    const e = sm2Digest(point, MESSAGE);
    expect(sm2VerifyDigest(point, e, nodeSign(null, e, priv))).toBe(false);
  });

  it('and no ECDH on SM2 keys (so SM2 KEY_AGREEMENT is out too)', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(() => diffieHellman({ privateKey: priv, publicKey: other.publicKey })).toThrow();
    expect(() => diffieHellman({ privateKey: gen.privateKey, publicKey: pub })).toThrow();
  });
});

/**
 * Why ED25519_PH_SHA_512 is UNSUPPORTED on node: OpenSSL 3.0 signs PureEdDSA only (the Ed25519ph `instance`
 * parameter came in OpenSSL 3.2) and node 20 exposes no instance option. If one of these fails, node has
 * changed and Ed25519ph should be revisited.
 */
describe('node 20 and Ed25519ph (the facts behind UNSUPPORTED)', () => {
  it('node signs Ed25519 only with algorithm null: no digest, no ed25519ph key type, and a context is ignored', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const plain = nodeSign(null, MESSAGE, privateKey);
    expect(() => nodeSign('sha512', MESSAGE, privateKey)).toThrow();
    expect(() => generateKeyPairSync('ed25519ph' as 'ed25519')).toThrow();
    // RFC 8032 §5.1: a context changes every signature; node 20 drops it silently, so it cannot carry dom2 either
    expect(nodeSign(null, MESSAGE, { key: privateKey, context: utf8('ctx') } as never)).toEqual(plain);
  });

  it('so ED25519_PH_SHA_512 is UNSUPPORTED through the core; the default ED25519_SHA_512 signs (as the conformance suite calls it)', async () => {
    const ed = getSpec('ED25519');
    expect(node.supports(ed, 'SIGN_VERIFY', 'sign')).toBe(true);
    expect(node.supports(ed, 'SIGN_VERIFY', 'sign', 'ED25519_PH_SHA_512')).toBe(false);
    expect(node.supports(ed, 'SIGN_VERIFY', 'verify', 'ED25519_PH_SHA_512')).toBe(false);
    const pair = (await generateKey('ED25519', { provider: node })) as KeyPair;
    const digest = new Uint8Array(createHash('sha512').update(MESSAGE).digest());
    const ph = { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST' } as const;
    expect(await codeOf(sign(pair, digest, ph))).toBe('UNSUPPORTED');
    expect(await codeOf(verify(pair, digest, new Uint8Array(64), ph))).toBe('UNSUPPORTED');
    const sig = await sign(pair, MESSAGE);
    expect(sig.length).toBe(64);
    expect(await verify(pair, MESSAGE, sig)).toBe(true);
    // the same key on pure has Ed25519ph
    const onPure = (await importKey('ED25519', await exportKey(pair, 'pkcs8-der'), 'pkcs8-der', { provider: pure })) as KeyPair;
    expect(await verify(onPure, digest, await sign(onPure, digest, ph), ph)).toBe(true);
  });
});

describe('ML-DSA and ML-KEM: OpenSSL 3.0 has neither', () => {
  it('node 20 has no such key types, so every operation is UNSUPPORTED', async () => {
    for (const type of ['ml-dsa-44', 'ml-kem-768']) expect(() => generateKeyPairSync(type as 'ed25519')).toThrow();
    const pq = specs.filter((s) => s.family === 'ml-dsa' || s.family === 'ml-kem');
    expect(pq.length).toBe(6);
    for (const spec of pq) {
      for (const usage of USAGES) for (const op of OPERATIONS) expect(node.supports(spec, usage, op), `${spec.name} ${usage} ${op}`).toBe(false);
      expect(await codeOf(generateKey(spec, { provider: node }))).toBe('UNSUPPORTED');
    }
    const kem = await generateKey('ML_KEM_512');
    expect(await codeOf(importKey('ML_KEM_512', await exportKey(kem, 'pkcs8-der'), 'pkcs8-der', { provider: node }))).toBe('UNSUPPORTED');
    expect(await codeOf(importKey('ML_KEM_512', await exportKey(kem, 'spki-der'), 'spki-der', { provider: node }))).toBe('UNSUPPORTED');
  });
});

describe('Ed25519 and P-521 keys: node and pure agree', () => {
  const nodeExports = (pair: KeyPair) => {
    const priv = (handleOf(pair.privateKey) as NodeHandle).keyObject;
    const pub = (handleOf(pair.publicKey) as NodeHandle).keyObject;
    return { pkcs8: new Uint8Array(priv.export({ format: 'der', type: 'pkcs8' })), spki: new Uint8Array(pub.export({ format: 'der', type: 'spki' })), jwk: priv.export({ format: 'jwk' }) };
  };

  for (const name of ['ED25519', 'EC_P521'] as const) {
    it(`${name}: node-made keys export as OpenSSL writes them and cross with pure both ways`, async () => {
      const spec = getSpec(name);
      for (let i = 0; i < 4; i++) {
        const a = (await generateKey(spec, { provider: node })) as KeyPair;
        const mine = nodeExports(a);
        expect(await exportKey(a, 'pkcs8-der')).toEqual(mine.pkcs8);
        expect(await exportKey(a, 'spki-der')).toEqual(mine.spki);
        expect(await exportKey(a, 'jwk')).toEqual(mine.jwk);
        const b = (await importKey(spec, mine.pkcs8, 'pkcs8-der', { provider: pure })) as KeyPair;
        for (const alg of signingAlgorithms().filter((x) => x.appliesTo(spec) && node.supports(spec, 'SIGN_VERIFY', 'sign', x.name))) {
          const o = { algorithm: alg.name };
          const fromNode = await sign(a, MESSAGE, o);
          const fromPure = await sign(b, MESSAGE, o);
          expect(await verify(b, MESSAGE, fromNode, o), `${name} ${alg.name} node→pure`).toBe(true);
          expect(await verify(a, MESSAGE, fromPure, o), `${name} ${alg.name} pure→node`).toBe(true);
          expect(await verify(a, utf8('another message'), fromNode, o)).toBe(false);
          // Ed25519 is deterministic (RFC 8032 §5.1.6): the same key gives the same bytes everywhere
          if (alg.scheme === 'Ed25519') expect(bytesToHex(fromNode)).toBe(bytesToHex(fromPure));
        }
      }
    });

    it(`${name}: pure-made keys imported into node (PKCS#8, JWK, raw) are the same key`, async () => {
      const spec = getSpec(name);
      const b = (await generateKey(spec, { random: seededRandom(`node ${name}`) })) as KeyPair;
      const pkcs8 = (await exportKey(b, 'pkcs8-der')) as Uint8Array;
      const spki = (await exportKey(b, 'spki-der')) as Uint8Array;
      for (const format of ['pkcs8-der', 'jwk', 'raw'] as const) {
        const a = (await importKey(spec, await exportKey(b, format), format, { provider: node })) as KeyPair;
        const mine = nodeExports(a);
        expect(mine.pkcs8, format).toEqual(pkcs8);
        expect(mine.spki, format).toEqual(spki);
        const sig = await sign(a, MESSAGE);
        expect(await verify(b, MESSAGE, sig)).toBe(true);
        if (spec.family === 'edwards') expect(bytesToHex(sig)).toBe(bytesToHex(await sign(b, MESSAGE)));
      }
      const pub = await importKey(spec, spki, 'spki-der', { provider: node });
      expect(await verify(pub, MESSAGE, await sign(b, MESSAGE))).toBe(true);
      expect(await exportKey(pub, 'raw-public')).toEqual(await exportKey(b, 'raw-public'));
    });
  }

  it('a non-extractable node key signs but refuses private export', async () => {
    for (const name of ['ED25519', 'EC_P521'] as const) {
      const a = (await generateKey(name, { provider: node, attributes: { extractable: false } })) as KeyPair;
      expect(await codeOf(exportKey(a, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
      expect(await codeOf(node.exportPrivate(a.spec, handleOf(a.privateKey) as NodeHandle))).toBe('NOT_EXTRACTABLE');
      expect(await verify(a, MESSAGE, await sign(a, MESSAGE))).toBe(true);
    }
  });
});

describe('HMAC keys: createHmac with the spec hash, the key in its KeyObject', () => {
  const hmacSpecs = specs.filter((s): s is SymmetricSpec => s.family === 'symmetric' && s.algorithm === 'HMAC');

  it('every HMAC spec: node mac = pure mac, verify both ways, wrong/truncated/over-long tags are false, KCV as pure', async () => {
    expect(hmacSpecs.map((s) => s.mac)).toEqual(macAlgorithms().map((a) => a.name));
    for (const spec of hmacSpecs) {
      const a = (await generateKey(spec, { provider: node })) as Key;
      expect(a.usage).toBe('GENERATE_VERIFY_MAC');
      const raw = (await exportKey(a, 'raw')) as Uint8Array;
      expect(raw.length).toBe(spec.keyBytes);
      const b = (await importKey(spec, raw, 'raw', { provider: pure })) as Key;
      for (const message of [new Uint8Array(0), MESSAGE, new Uint8Array(randomBytes(1000))]) {
        const tag = await generateMac(a, message);
        expect(tag.length).toBe(macAlgorithms().find((m) => m.name === spec.mac)!.tagBytes);
        expect(bytesToHex(tag), spec.name).toBe(bytesToHex(await generateMac(b, message)));
        expect(await verifyMac(b, message, tag)).toBe(true);
        expect(await verifyMac(a, message, await generateMac(b, message))).toBe(true);
        const wrong = tag.slice();
        wrong[wrong.length - 1]! ^= 1;
        expect(await verifyMac(a, message, wrong)).toBe(false);
        expect(await verifyMac(a, message, tag.subarray(0, tag.length - 1))).toBe(false);
        expect(await verifyMac(a, message, tag.subarray(0, 16))).toBe(false);
        expect(await verifyMac(a, message, new Uint8Array([...tag, 0]))).toBe(false);
        expect(await verifyMac(a, message, new Uint8Array(0))).toBe(false);
      }
      expect(await keyCheckValue(a)).toBe(keyCheckValueOf(spec, raw));
      expect(await keyCheckValue(a)).toBe(await keyCheckValue(b));
      // a non-extractable import still MACs and gives its KCV, but never leaves in plaintext
      const nx = (await importKey(spec, raw, 'raw', { provider: node, attributes: { extractable: false } })) as Key;
      expect(await codeOf(exportKey(nx, 'raw'))).toBe('NOT_EXTRACTABLE');
      expect(await generateMac(nx, MESSAGE)).toEqual(await generateMac(b, MESSAGE));
      expect(await keyCheckValue(nx)).toBe(keyCheckValueOf(spec, raw));
    }
  });

  it('RFC 4231 §4 test cases 1-7 (vectors/rfc4231_hmac_sha2.json) through the node provider', async () => {
    const data = readOwnJson('rfc4231_hmac_sha2.json');
    const byRfcName: Record<string, string> = { 'SHA-224': 'HMAC_SHA_224', 'SHA-256': 'HMAC_SHA_256', 'SHA-384': 'HMAC_SHA_384', 'SHA-512': 'HMAC_SHA_512' };
    let n = 0;
    for (const t of data.tests) {
      for (const [hash, expected] of Object.entries(t.hmac as Record<string, string>)) {
        const spec = hmacSpecs.find((s) => s.mac === byRfcName[hash]);
        if (!spec) throw new Error(`unknown hash ${hash}`);
        // the RFC's keys are 4 to 131 bytes: the provider takes any length (RFC 2104); the spec length is the core's rule
        const h = await node.importComponents(spec, 'GENERATE_VERIFY_MAC', { kind: 'secret', key: hex(t.key) }, { extractable: false, persistent: false });
        const msg = hex(t.data);
        const full = await node.mac(spec, h, spec.mac!, msg);
        const cut = t.truncationBits === undefined ? full : full.subarray(0, t.truncationBits / 8);
        expect(bytesToHex(cut), `${t.section} ${hash}`).toBe(expected);
        expect(await node.verifyMac(spec, h, spec.mac!, msg, full)).toBe(true);
        if (t.truncationBits !== undefined) expect(await node.verifyMac(spec, h, spec.mac!, msg, cut)).toBe(false);
        await node.release(h);
        n++;
      }
    }
    expect(n).toBe(28);
  });

  it.skipIf(!sharedAvailable)('Wycheproof hmac_sha{224,256,384,512}_test.json and hmac_sm3_test.json through the node provider', async () => {
    const files: Record<string, string> = { HMAC_SHA_224: 'hmac_sha224_test.json', HMAC_SHA_256: 'hmac_sha256_test.json', HMAC_SHA_384: 'hmac_sha384_test.json', HMAC_SHA_512: 'hmac_sha512_test.json', HMAC_SM3: 'hmac_sm3_test.json' };
    for (const spec of hmacSpecs) {
      const data = readSharedJson(`wycheproof/testvectors_v1/${files[spec.mac!]}`);
      let n = 0;
      for (const g of data.testGroups) {
        for (const t of g.tests) {
          n++;
          const valid = knownResult(t.result, ['valid', 'invalid']) === 'valid';
          const h = await node.importComponents(spec, 'GENERATE_VERIFY_MAC', { kind: 'secret', key: hex(t.key) }, { extractable: false, persistent: false });
          const mac = await node.mac(spec, h, spec.mac!, hex(t.msg));
          expect(bytesToHex(mac.subarray(0, g.tagSize / 8)) === t.tag, `${spec.name} tc ${t.tcId}`).toBe(valid);
          // full-length tags only, as AWS VerifyMac
          expect(await node.verifyMac(spec, h, spec.mac!, hex(t.msg), hex(t.tag)), `${spec.name} tc ${t.tcId}`).toBe(valid && g.tagSize / 8 === mac.length);
          await node.release(h);
        }
      }
      expect(n, spec.name).toBe(data.numberOfTests);
    }
  });
});

describe('ECDH (KEY_AGREEMENT): diffieHellman in OpenSSL', () => {
  const agreeing = specs.filter((s): s is EcSpec => s.family === 'ec' && s.usages.includes('KEY_AGREEMENT'));

  it('node holds KEY_AGREEMENT on P-256, P-384 and P-521 (not SM2), and its generated pairs pass the core PCT', () => {
    expect(agreeing.filter((s) => node.supports(s, 'KEY_AGREEMENT', 'derive-shared-secret')).map((s) => s.name)).toEqual(['EC_P256', 'EC_P384', 'EC_P521']);
    expect(node.supports(getSpec('SM2'), 'KEY_AGREEMENT', 'generate')).toBe(false);
  });

  for (const spec of agreeing.filter((s) => s.curve !== 'sm2p256v1')) {
    it(`${spec.name}: node deriveSharedSecret = pure deriveSharedSecret for the same two keys, fieldBytes long`, async () => {
      const usage = 'KEY_AGREEMENT';
      for (let i = 0; i < 3; i++) {
        const a = (await generateKey(spec, { usage, provider: node })) as KeyPair; // through the PCT (SP 800-56A §5.6.2.1.4)
        const b = (await generateKey(spec, { usage })) as KeyPair;
        const aOnPure = (await importKey(spec, await exportKey(a, 'pkcs8-der'), 'pkcs8-der', { usage, provider: pure })) as KeyPair;
        const bOnNode = (await importKey(spec, await exportKey(b, 'pkcs8-der'), 'pkcs8-der', { usage, provider: node })) as KeyPair;
        const z = await deriveSharedSecret(a, b);
        expect(z.length).toBe(spec.fieldBytes);
        const hexZ = bytesToHex(z);
        expect(bytesToHex(await deriveSharedSecret(aOnPure, b))).toBe(hexZ);
        expect(bytesToHex(await deriveSharedSecret(b, a))).toBe(hexZ);
        expect(bytesToHex(await deriveSharedSecret(bOnNode, a))).toBe(hexZ);
        expect(bytesToHex(await deriveSharedSecret(bOnNode, (await exportKey(aOnPure, 'spki-der')) as Uint8Array))).toBe(hexZ);
        // and node:crypto itself, on the exported keys
        const direct = diffieHellman({ privateKey: createPrivateKey({ key: Buffer.from((await exportKey(b, 'pkcs8-der')) as Uint8Array), format: 'der', type: 'pkcs8' }), publicKey: createPublicKey({ key: Buffer.from((await exportKey(a, 'spki-der')) as Uint8Array), format: 'der', type: 'spki' }) });
        expect(direct.toString('hex')).toBe(hexZ);
      }
    });
  }

  it('a peer on another curve, off the curve, or not EC is refused by the core (INVALID_KEY) before the provider is asked', async () => {
    class Counting extends NodeCryptoProvider {
      calls = 0;
      override async deriveSharedSecret(spec: EcSpec, privateKey: NodeHandle, peer: Uint8Array): Promise<Uint8Array> {
        this.calls++;
        return super.deriveSharedSecret(spec, privateKey, peer);
      }
    }
    const counting = new Counting();
    const a = (await generateKey('EC_P256', { usage: 'KEY_AGREEMENT', provider: counting })) as KeyPair;
    expect(counting.calls).toBe(1); // the PCT
    counting.calls = 0;
    const p384 = await generateKey('EC_P384', { usage: 'KEY_AGREEMENT', provider: node });
    const p521 = await generateKey('EC_P521', { usage: 'KEY_AGREEMENT' });
    const ed = await generateKey('ED25519', { provider: node });
    const peer = (await generateKey('EC_P256', { usage: 'KEY_AGREEMENT' })) as KeyPair;
    const spki = (await exportKey(peer, 'spki-der')) as Uint8Array;
    const offCurve = spki.slice();
    offCurve[offCurve.length - 1]! ^= 1; // y changed: no longer on P-256
    for (const bad of [p384, p521, ed, (await exportKey(p384, 'spki-der')) as Uint8Array, offCurve]) {
      expect(await codeOf(deriveSharedSecret(a, bad as never))).toBe('INVALID_KEY');
    }
    expect(counting.calls).toBe(0);
    expect((await deriveSharedSecret(a, spki)).length).toBe(32);
    expect(counting.calls).toBe(1);
    // a SIGN_VERIFY key does not agree
    expect(await codeOf(deriveSharedSecret((await generateKey('EC_P256', { provider: node })) as KeyPair, spki))).toBe('INVALID_USAGE');
  });
});

describe('key check values: CMAC over OpenSSL block encryption', () => {
  it('AES-CMAC: RFC 4493 §4 examples, full tags', () => {
    const v = readOwnJson('wrap/rfc4493-aes-cmac.json');
    const key = createSecretKey(hex(v.key));
    const msg = hex(v.message);
    const spec = aesKekSpec(getSpec('AES_256') as SymmetricSpec, 16);
    for (const ex of v.examples) expect(bytesToHex(cmac(nodeBlockCipher(spec, key), msg.subarray(0, ex.length))), ex.id).toBe(ex.mac);
  });

  it('AES_256 and SM4 keys: the provider KCV equals the pure one', async () => {
    for (const name of ['AES_256', 'SM4'] as const) {
      const spec = getSpec(name) as SymmetricSpec;
      for (let i = 0; i < 8; i++) {
        const k = (await generateKey(spec, { provider: node })) as Key;
        const raw = (await exportKey(k, 'raw')) as Uint8Array;
        expect(await keyCheckValue(k), name).toBe(keyCheckValueOf(spec.algorithm as 'AES' | 'SM4', raw));
        const nx = (await importKey(spec, raw, 'raw', { provider: node, attributes: { extractable: false } })) as Key;
        expect(await keyCheckValue(nx)).toBe(keyCheckValueOf(spec.algorithm as 'AES' | 'SM4', raw));
      }
    }
  });
});

describe.skipIf(!sharedAvailable)('AES-KW / AES-KWP: RFC 3394 and RFC 5649 vectors through OpenSSL id-aes*-wrap(-pad)', () => {
  it('wraps and unwraps every vector', () => {
    const data = readSharedJson('rfc/rfc3394_rfc5649_keywrap.json');
    let n = 0;
    for (const [group, alg] of [['rfc3394_aes_kw', 'AES_KW'], ['rfc5649_aes_kwp', 'AES_KWP']] as const) {
      for (const v of data[group].vectors) {
        const kekBytes = hex(v.kek);
        const kek = { key: createSecretKey(kekBytes), spec: aesKekSpec(getSpec('AES_256') as SymmetricSpec, kekBytes.length) };
        const impl = NODE_WRAPPING[alg]!;
        expect(bytesToHex(impl.wrap(kek, hex(v.keyData))).toUpperCase(), v.id).toBe(v.ciphertext.toUpperCase());
        expect(bytesToHex(impl.unwrap(kek, hex(v.ciphertext))).toUpperCase(), v.id).toBe(v.keyData.toUpperCase());
        n++;
      }
    }
    expect(n).toBe(10);
  });
});

describe('wrapping between node and pure', () => {
  // a Uint8Array, not a Buffer: the core copies a raw KEK with .slice(), which on a Buffer is a view it then zeroes
  const kek = new Uint8Array(randomBytes(32));
  const wrappingPairs = new Map<string, { node: KeyPair; pure: KeyPair }>();
  beforeAll(async () => {
    const rsa = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: node })) as KeyPair;
    const onPure = (await importKey('RSA_2048', await exportKey(rsa, 'pkcs8-der'), 'pkcs8-der', { usage: 'ENCRYPT_DECRYPT', provider: pure })) as KeyPair;
    wrappingPairs.set('rsa', { node: rsa, pure: onPure });
  });
  afterAll(async () => {
    for (const p of wrappingPairs.values()) await Promise.all([p.node.release(), p.pure.release()]);
  });

  it('AES_KW and AES_KWP under 16-, 24- and 32-byte KEKs give the same bytes as the pure provider (deterministic), issue 9 specs included', async () => {
    const names = ['AES_256', 'AES_128', 'AES_192', 'SM4', 'HMAC_224', 'HMAC_512', 'HMAC_SM3', 'EC_P256', 'EC_P521', 'ED25519', 'RSA_2048'] as const;
    let n = 0;
    for (const name of names) {
      const a = await generateKey(name, { provider: node });
      const format = a instanceof KeyPair ? 'pkcs8-der' : 'raw';
      const b = await importKey(name, await exportKey(a, format), format, { provider: pure, usage: a.usage });
      for (const kekBytes of [16, 24, 32]) {
        const k = kekBytes === 32 ? kek : new Uint8Array(randomBytes(kekBytes));
        for (const algorithm of ['AES_KW', 'AES_KWP'] as const) {
          if (!getWrappingAlgorithm(algorithm).targets(a.spec)) {
            // AES_KW carries whole 8-byte blocks of secret material only (HMAC_224's 28 bytes are not)
            expect(node.supports(a.spec, a.usage, 'wrap', algorithm), `${name} ${algorithm}`).toBe(false);
            continue;
          }
          const fromNode = await wrapKey(a, { algorithm, wrappingKey: k });
          expect(bytesToHex(fromNode), `${name} ${algorithm} ${kekBytes}`).toBe(bytesToHex(await wrapKey(b, { algorithm, wrappingKey: k })));
          const back = await unwrapKey(fromNode, { algorithm, unwrappingKey: k, spec: name, usage: a.usage, provider: node });
          expect((await keyIdentifier(back)).value).toBe((await keyIdentifier(a)).value);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(50);
  });

  it('a KEY_AGREEMENT pair unwraps onto node through the ECDH pairwise consistency test', async () => {
    for (const name of ['EC_P384', 'EC_P521'] as const) {
      const a = (await generateKey(name, { usage: 'KEY_AGREEMENT' })) as KeyPair;
      const blob = await wrapKey(a, { algorithm: 'AES_KWP', wrappingKey: kek });
      const back = (await unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: kek, spec: name, usage: 'KEY_AGREEMENT', provider: node })) as KeyPair;
      expect(back.privateKey.provider).toBe(node);
      const peer = await generateKey(name, { usage: 'KEY_AGREEMENT' });
      expect(await deriveSharedSecret(back, peer)).toEqual(await deriveSharedSecret(a, peer));
    }
  });

  it('every RSA wrapping algorithm crosses both ways (node wraps → pure unwraps, pure wraps → node unwraps)', async () => {
    const { node: nodeRsa, pure: pureRsa } = wrappingPairs.get('rsa')!;
    const spki = (await exportKey(nodeRsa, 'spki-der')) as Uint8Array;
    let crossed = 0;
    for (const alg of wrappingAlgorithms().filter((a) => a.wrappingKey === 'rsa')) {
      for (const name of ['AES_256', 'AES_128', 'SM4', 'HMAC_256', 'HMAC_SM3', 'EC_P384', 'EC_P256K', 'EC_P521', 'ED25519', 'RSA_2048'] as const) {
        const spec = getSpec(name);
        if (!alg.targets(spec)) continue;
        const target = await generateKey(spec, { provider: node });
        const id = (await keyIdentifier(target)).value;
        expect(node.supports(spec, target.usage, 'wrap', alg.name), `${alg.name} ${name}`).toBe(true);
        if (alg.rsaOverhead !== undefined && payloadBytes(spec) > 256 - alg.rsaOverhead) {
          // EC_P521's PKCS#8 does not fit one RSA_2048 block: the core refuses before the provider
          expect(await codeOf(wrapKey(target, { algorithm: alg.name, wrappingKey: spki })), `${alg.name} ${name}`).toBe('UNSUPPORTED');
          continue;
        }
        const blob = await wrapKey(target, { algorithm: alg.name, wrappingKey: spki });
        expect((await keyIdentifier(await unwrapKey(blob, { algorithm: alg.name, unwrappingKey: pureRsa, spec, usage: target.usage }))).value, `${alg.name} ${name} node→pure`).toBe(id);
        const onPure = await importKey(spec, await exportKey(target, spec.family === 'symmetric' ? 'raw' : 'pkcs8-der'), spec.family === 'symmetric' ? 'raw' : 'pkcs8-der', { provider: pure, usage: target.usage });
        const blob2 = await wrapKey(onPure, { algorithm: alg.name, wrappingKey: spki });
        if (node.supports(spec, target.usage, 'unwrap', alg.name)) {
          expect((await keyIdentifier(await unwrapKey(blob2, { algorithm: alg.name, unwrappingKey: nodeRsa, spec, usage: target.usage }))).value, `${alg.name} ${name} pure→node`).toBe(id);
        } else {
          expect(alg.name).toBe('RSAES_PKCS1_V1_5');
          expect(await codeOf(unwrapKey(blob2, { algorithm: alg.name, unwrappingKey: nodeRsa, spec, usage: target.usage }))).toBe('UNSUPPORTED');
        }
        crossed++;
      }
    }
    expect(crossed).toBeGreaterThanOrEqual(40);
  });

  it('a tampered envelope or the wrong key is UNWRAP_FAILED', async () => {
    const { node: nodeRsa } = wrappingPairs.get('rsa')!;
    const target = await generateKey('AES_256', { provider: node });
    const ec = await generateKey('EC_P256', { provider: node });
    for (const algorithm of ['RSA_AES_KEY_WRAP_SHA_256', 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'RSAES_OAEP_SHA_1'] as const) {
      for (const key of [target, ec]) {
        if (!wrappingAlgorithms().find((a) => a.name === algorithm)!.targets(key.spec)) continue;
        const blob = await wrapKey(key, { algorithm, wrappingKey: nodeRsa });
        for (const at of [3, blob.length - 1]) {
          const bad = blob.slice();
          bad[at]! ^= 1;
          expect(await codeOf(unwrapKey(bad, { algorithm, unwrappingKey: nodeRsa, spec: key.spec, usage: key.usage })), `${algorithm} ${key.spec.name} byte ${at}`).toMatch(/^(UNWRAP_FAILED|INVALID_KEY)$/);
        }
      }
    }
    const blob = await wrapKey(target, { algorithm: 'AES_KWP', wrappingKey: kek });
    expect(await codeOf(unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: randomBytes(32), spec: 'AES_256', provider: node }))).toBe('UNWRAP_FAILED');
  });

  it('a non-extractable node key still wraps (as on pure) but never exports in plaintext', async () => {
    const k = await generateKey('AES_256', { provider: node, attributes: { extractable: false } });
    expect(await codeOf(exportKey(k, 'raw'))).toBe('NOT_EXTRACTABLE');
    // the provider refuses too, not only the core
    expect(await codeOf(node.exportPrivate(k.spec, handleOf(k as Key) as NodeHandle))).toBe('NOT_EXTRACTABLE');
    const blob = await wrapKey(k, { algorithm: 'AES_KWP', wrappingKey: kek });
    const back = (await unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: kek, spec: 'AES_256', provider: pure })) as Key;
    expect(keyCheckValueOf('AES', (await exportKey(back, 'raw')) as Uint8Array)).toBe(await keyCheckValue(k));
  });
});

describe('signatures: DIGEST and what node cannot do', () => {
  it('RSASSA-PKCS1-v1_5 DIGEST is native (DigestInfo under type-1 padding) and equals the RAW signature', async () => {
    const pair = (await generateKey('RSA_2048', { provider: node })) as KeyPair;
    for (const [alg, hash] of [['RSASSA_PKCS1_V1_5_SHA_256', 'sha256'], ['RSASSA_PKCS1_V1_5_SHA_384', 'sha384'], ['RSASSA_PKCS1_V1_5_SHA_512', 'sha512']] as const) {
      const digest = new Uint8Array(createHash(hash).update(MESSAGE).digest());
      const sig = await sign(pair, digest, { algorithm: alg, messageType: 'DIGEST' });
      expect(bytesToHex(sig)).toBe(bytesToHex(await sign(pair, MESSAGE, { algorithm: alg }))); // deterministic scheme
      expect(await verify(pair, MESSAGE, sig, { algorithm: alg })).toBe(true);
      expect(await verify(pair, digest, sig, { algorithm: alg, messageType: 'DIGEST' })).toBe(true);
      const other = digest.slice();
      other[0]! ^= 1;
      expect(await verify(pair, other, sig, { algorithm: alg, messageType: 'DIGEST' })).toBe(false);
      expect(await verify(pair, digest, sig.subarray(1), { algorithm: alg, messageType: 'DIGEST' })).toBe(false);
    }
  });

  it('PSS and ECDSA DIGEST are UNSUPPORTED (node:crypto always hashes), never a wrong signature', async () => {
    const rsa = (await generateKey('RSA_2048', { provider: node })) as KeyPair;
    const ec = (await generateKey('EC_P256', { provider: node })) as KeyPair;
    const d32 = new Uint8Array(32);
    expect(await codeOf(sign(rsa, d32, { algorithm: 'RSASSA_PSS_SHA_256', messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
    expect(await codeOf(verify(rsa, d32, new Uint8Array(256), { algorithm: 'RSASSA_PSS_SHA_256', messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
    expect(await codeOf(sign(ec, d32, { messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
    expect(await codeOf(verify(ec, d32, new Uint8Array(70), { messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
  });

  it('RSASSA-PSS, PKCS#1 v1.5 (all hashes), ECDSA and OAEP cross with pure both ways', async () => {
    for (const name of ['RSA_2048', 'EC_P256', 'EC_P256K', 'EC_P384'] as const) {
      const a = (await generateKey(name, { provider: node })) as KeyPair;
      const b = (await importKey(name, await exportKey(a, 'pkcs8-der'), 'pkcs8-der', { provider: pure })) as KeyPair;
      for (const alg of signingAlgorithms().filter((x) => x.appliesTo(a.spec))) {
        expect(await verify(b, MESSAGE, await sign(a, MESSAGE, { algorithm: alg.name }), { algorithm: alg.name }), `${name} ${alg.name} node→pure`).toBe(true);
        expect(await verify(a, MESSAGE, await sign(b, MESSAGE, { algorithm: alg.name }), { algorithm: alg.name }), `${name} ${alg.name} pure→node`).toBe(true);
      }
    }
    const a = (await generateKey('RSA_3072', { usage: 'ENCRYPT_DECRYPT', provider: node })) as KeyPair;
    const b = (await importKey('RSA_3072', await exportKey(a, 'pkcs8-der'), 'pkcs8-der', { provider: pure, usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
    for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const) {
      expect(await decrypt(b, await encrypt(a, MESSAGE, { algorithm }), { algorithm })).toEqual(MESSAGE);
      expect(await decrypt(a, await encrypt(b, MESSAGE, { algorithm }), { algorithm })).toEqual(MESSAGE);
      // the OAEP hash is part of the algorithm: the other one does not decrypt
      const other = algorithm === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
      expect(await codeOf(decrypt(a, await encrypt(b, MESSAGE, { algorithm }), { algorithm: other }))).toBe('DECRYPT_FAILED');
    }
  });
});

describe('handles', () => {
  it('belong to one provider instance, and never show key bytes', async () => {
    const k = (await generateKey('AES_256', { provider: node })) as Key;
    const raw = bytesToHex((await exportKey(k, 'raw')) as Uint8Array);
    const h = handleOf(k) as NodeHandle;
    expect(h).toBeInstanceOf(NodeHandle);
    for (const s of [String(h), inspect(h, { showHidden: true, depth: 9 }), JSON.stringify(h)]) expect(s.toLowerCase()).not.toContain(raw);
    const other = nodeCryptoProvider();
    expect(await codeOf(other.keyCheckValue(k.spec as SymmetricSpec, h))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(other.exportPrivate(k.spec, h))).toBe('INVALID_ARGUMENT');
    await k.release();
    expect(await codeOf(node.keyCheckValue(k.spec as SymmetricSpec, h))).toBe('INVALID_ARGUMENT');
  });

  it('the wrapping key must be on the same provider (no quiet moves)', async () => {
    const target = await generateKey('AES_256', { provider: node });
    const rsaOnPure = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT' });
    expect(await codeOf(wrapKey(target, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: rsaOnPure }))).toBe('UNSUPPORTED');
    expect(WRAPPING_KEY_SPECS.rsa(rsaOnPure.spec)).toBe(true);
  });
});

describe.skipIf(!sharedAvailable)('node provider: Wycheproof ecdh_secp521r1_test.json through deriveSharedSecret', () => {
  it('every valid case gives Wycheproof\'s secret from a non-extractable node key; the refusals are the core\'s, as for pure', async () => {
    expect(await wycheproofP521Ecdh(nodeCryptoProvider(), false)).toEqual(P521_ECDH_TALLY);
  });
});
