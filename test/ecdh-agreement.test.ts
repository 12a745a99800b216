import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import {
  deriveSharedSecret, exportKey, fromCreateKey, generateKey, importKey, seededRandom, PureProvider,
  type EcSpec, type KeyPair, type Key,
} from '../src/index.js';
import { getSpec } from '../src/registry/lookup.js';
import { curveMultiplier } from '../src/ec/scalar-mult.js';
import { bigIntToBytes, bytesToBigInt, bytesToHex, hex } from '../src/bytes.js';
import { sharedAvailable } from './helpers/vectors.js';
import { codeOf } from './helpers/codes.js';
import { P521_ECDH_TALLY, wycheproofP521Ecdh } from './helpers/ecdh-wycheproof.js';

const NODE_CURVES: [string, string][] = [['EC_P256', 'prime256v1'], ['EC_P384', 'secp384r1'], ['EC_P521', 'secp521r1']];

describe('deriveSharedSecret against node:crypto diffieHellman, both directions', () => {
  for (const [name, nodeCurve] of NODE_CURVES) {
    it(name, async () => {
      const spec = getSpec(name) as EcSpec;
      for (let i = 0; i < 3; i++) {
        const ours = (await generateKey(name, { usage: 'KEY_AGREEMENT', random: seededRandom(`ecdh ${name} ${i}`) })) as KeyPair;
        expect(ours.usage).toBe('KEY_AGREEMENT');
        const theirs = generateKeyPairSync('ec', { namedCurve: nodeCurve });
        const theirSpki = new Uint8Array(theirs.publicKey.export({ type: 'spki', format: 'der' }));
        const z = await deriveSharedSecret(ours, theirSpki);
        expect(z.length).toBe(spec.fieldBytes);
        // node with its private key and our public key (SPKI from exportKey)
        const back = diffieHellman({ privateKey: theirs.privateKey, publicKey: createPublicKey({ key: Buffer.from((await exportKey(ours, 'spki-der')) as Uint8Array), format: 'der', type: 'spki' }) });
        expect(bytesToHex(z)).toBe(back.toString('hex'));
        // node with our private key (PKCS#8) and their public key: the same again
        const mine = createPrivateKey((await exportKey(ours, 'pkcs8-pem')) as string);
        expect(diffieHellman({ privateKey: mine, publicKey: theirs.publicKey }).toString('hex')).toBe(bytesToHex(z));
        // the peer as PEM, and as a keysmith public key, give the same secret
        const pem = theirs.publicKey.export({ type: 'spki', format: 'pem' }) as string;
        expect(await deriveSharedSecret(ours, pem)).toEqual(z);
        const peerKey = (await importKey(name, pem, 'spki-pem', { usage: 'KEY_AGREEMENT' })) as Key;
        expect(await deriveSharedSecret(ours.privateKey, peerKey)).toEqual(z);
      }
    });
  }

  it('SM2 (AWS China Regions): plain ECDH on sm2p256v1, symmetric between two keys and equal to an independent d·Q', async () => {
    // Neither node:crypto nor OpenSSL 3.0 derives on SM2 keys ("operation not supported for this keytype"),
    // so the check is the agreement itself plus the fast path's own Jacobian arithmetic (not noble's, which
    // the provider uses) computing x(d·Q).
    const spec = getSpec('SM2') as EcSpec;
    const M = curveMultiplier('sm2p256v1');
    for (let i = 0; i < 4; i++) {
      const a = (await generateKey('SM2', { usage: 'KEY_AGREEMENT', random: seededRandom(`sm2 ecdh a${i}`) })) as KeyPair;
      const b = (await generateKey('SM2', { usage: 'KEY_AGREEMENT', random: seededRandom(`sm2 ecdh b${i}`) })) as KeyPair;
      const zab = await deriveSharedSecret(a, b.publicKey);
      const zba = await deriveSharedSecret(b, (await exportKey(a, 'spki-der')) as Uint8Array);
      expect(zab).toEqual(zba);
      const d = bytesToBigInt((await exportKey(a, 'raw')) as Uint8Array);
      const q = (await exportKey(b, 'raw-public')) as Uint8Array;
      const Q = { x: bytesToBigInt(q.subarray(1, 33)), y: bytesToBigInt(q.subarray(33)) };
      expect(bytesToHex(zab)).toBe(bytesToHex(bigIntToBytes(M.arithmetic.toAffine(M.mulAdd(0n, Q, d)).x, spec.fieldBytes)));
    }
  });
});

describe.skipIf(!sharedAvailable)('Wycheproof ecdh_secp521r1_test.json through deriveSharedSecret', () => {
  it('valid cases give Wycheproof\'s secret; invalid peers are refused; acceptable ones either', async () => {
    expect(await wycheproofP521Ecdh()).toEqual(P521_ECDH_TALLY);
  });
});

describe('KEY_AGREEMENT rules and peer validation', () => {
  it('only the NIST curves and SM2 agree (AWS); signing keys do not derive', async () => {
    // @ts-expect-error EC_P256K allows SIGN_VERIFY only: the type refuses KEY_AGREEMENT, and so does the run-time check
    expect(await codeOf(generateKey('EC_P256K', { usage: 'KEY_AGREEMENT' }))).toBe('INVALID_USAGE');
    expect(() => fromCreateKey('aws', { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' })).toThrow(expect.objectContaining({ code: 'INVALID_USAGE' }));
    for (const ks of ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'SM2']) {
      expect(fromCreateKey('aws', { KeySpec: ks, KeyUsage: 'KEY_AGREEMENT' }).usage).toBe('KEY_AGREEMENT');
    }
    expect(() => fromCreateKey('huawei', { key_spec: 'EC_P256', key_usage: 'KEY_AGREEMENT' })).toThrow(expect.objectContaining({ code: 'INVALID_USAGE' }));
    const signing = (await generateKey('EC_P256')) as KeyPair;
    const peer = (await generateKey('EC_P256', { usage: 'KEY_AGREEMENT' })) as KeyPair;
    expect(await codeOf(deriveSharedSecret(signing, peer.publicKey))).toBe('INVALID_USAGE');
    expect(await codeOf(deriveSharedSecret(peer.publicKey, signing.publicKey))).toBe('INVALID_ARGUMENT');
    // a peer signing key of the same curve is a valid public key: agreement only needs the point
    expect((await deriveSharedSecret(peer, signing.publicKey)).length).toBe(32);
  });

  it('refuses a peer on another curve, off the curve, at infinity, or not a key at all', async () => {
    const kp = (await generateKey('EC_P256', { usage: 'KEY_AGREEMENT' })) as KeyPair;
    const p384 = (await generateKey('EC_P384', { usage: 'KEY_AGREEMENT' })) as KeyPair;
    const sm2 = (await generateKey('SM2', { usage: 'KEY_AGREEMENT' })) as KeyPair;
    expect(await codeOf(deriveSharedSecret(kp, p384.publicKey))).toBe('INVALID_KEY');
    expect(await codeOf(deriveSharedSecret(kp, (await exportKey(p384, 'spki-der')) as Uint8Array))).toBe('INVALID_KEY');
    expect(await codeOf(deriveSharedSecret(kp, (await exportKey(sm2, 'spki-pem')) as string))).toBe('INVALID_KEY');
    expect(await codeOf(deriveSharedSecret(sm2, kp.publicKey))).toBe('INVALID_KEY');
    const spki = (await exportKey(kp, 'spki-der')) as Uint8Array;
    const off = spki.slice();
    off[off.length - 1]! ^= 1; // y changed: not on the curve
    expect(await codeOf(deriveSharedSecret(kp, off))).toBe('INVALID_KEY');
    const rsa = (await generateKey('RSA_2048')) as KeyPair;
    expect(['INVALID_KEY', 'INVALID_FORMAT']).toContain(await codeOf(deriveSharedSecret(kp, (await exportKey(rsa, 'spki-der')) as Uint8Array)));
    expect(await codeOf(deriveSharedSecret(kp, 42 as unknown as Uint8Array))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(deriveSharedSecret(kp, new Uint8Array([1, 2, 3])))).toBe('INVALID_FORMAT');
  });

  it('the pairwise check of a KEY_AGREEMENT pair (SP 800-56A r3 §5.6.2.1.4) catches a provider whose d and Q disagree', async () => {
    class Lying extends PureProvider {
      override readonly name = 'lying';
      override async deriveSharedSecret(spec: EcSpec, h: never, peer: Uint8Array): Promise<Uint8Array> {
        const z = await super.deriveSharedSecret(spec, h, peer);
        z[0]! ^= 1;
        return z;
      }
    }
    const provider = new Lying();
    expect(await codeOf(generateKey('EC_P384', { usage: 'KEY_AGREEMENT', provider }))).toBe('PCT_FAILED');
    expect((await generateKey('EC_P384', { usage: 'SIGN_VERIFY', provider })).usage).toBe('SIGN_VERIFY');
  });
});
