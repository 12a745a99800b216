import { beforeAll, describe, expect, it } from 'vitest';
import { opensslWorkspace } from './helpers/openssl.js';
import {
  constants, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, sign as nodeSign, verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import type { KeyPair } from '../src/core/key.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { signingAlgorithms, type SigningAlgorithmName } from '../src/model/algorithms.js';
import { sm2Digest } from '../src/sm/sm2-sign.js';
import { seededRandom } from '../src/random.js';

/**
 * The public key operations against independent implementations, both directions: node:crypto (OpenSSL 3
 * in process) for RSA and ECDSA, and the openssl CLI for RSASSA-PSS, SM2DSA (GM/T 0009 default ID) and
 * SM2PKE (pkeyutl, GM/T 0009 DER).
 */
const { openssl, file } = opensslWorkspace('keysmith-ops-');
const message = new TextEncoder().encode('keysmith key operations, checked against OpenSSL');
const nodeHash = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512', 'SHA-1': 'sha1', SM3: 'sm3' } as const;

async function nodeKeys(pair: KeyPair): Promise<{ priv: KeyObject; pub: KeyObject }> {
  return {
    priv: createPrivateKey({ key: Buffer.from((await exportKey(pair, 'pkcs8-der')) as Uint8Array), format: 'der', type: 'pkcs8' }),
    pub: createPublicKey({ key: Buffer.from((await exportKey(pair, 'spki-der')) as Uint8Array), format: 'der', type: 'spki' }),
  };
}

describe('RSASSA-PSS and RSASSA-PKCS1-v1_5 (SHA-256/384/512) against node:crypto, RAW and DIGEST, both ways', () => {
  let pair: KeyPair;
  let keys: { priv: KeyObject; pub: KeyObject };
  beforeAll(async () => {
    pair = (await generateKey('RSA_2048', { usage: 'SIGN_VERIFY', random: seededRandom('ops interop rsa sign') })) as KeyPair;
    keys = await nodeKeys(pair);
  });
  const rsaAlgs = signingAlgorithms().filter((a) => a.scheme === 'RSASSA-PSS' || a.scheme === 'RSASSA-PKCS1-v1_5');

  it('covers all six RSA algorithms', () => expect(rsaAlgs.map((a) => a.name)).toHaveLength(6));

  for (const alg of rsaAlgs) {
    it(alg.name, async () => {
      const h = nodeHash[alg.hash as keyof typeof nodeHash];
      const pss = alg.scheme === 'RSASSA-PSS';
      const opts = (key: KeyObject) => (pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.digestBytes } : { key, padding: constants.RSA_PKCS1_PADDING });
      const ours = await sign(pair, message, { algorithm: alg.name });
      expect(ours.length).toBe(256);
      expect(nodeVerify(h, message, opts(keys.pub), ours)).toBe(true);
      const theirs = new Uint8Array(nodeSign(h, message, opts(keys.priv)));
      expect(await verify(pair, message, theirs, { algorithm: alg.name })).toBe(true);
      // DIGEST: the digest node computes, signed by keysmith, verifies as a signature of the message
      const digest = new Uint8Array(createHash(h).update(message).digest());
      const overDigest = await sign(pair, digest, { algorithm: alg.name, messageType: 'DIGEST' });
      expect(nodeVerify(h, message, opts(keys.pub), overDigest)).toBe(true);
      expect(await verify(pair, digest, theirs, { algorithm: alg.name, messageType: 'DIGEST' })).toBe(true);
      // PKCS#1 v1.5 is deterministic: the same bytes as OpenSSL
      if (!pss) expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
      // a PSS signature does not verify as PKCS#1 and the other way round
      const other = rsaAlgs.find((a) => a.hash === alg.hash && a.scheme !== alg.scheme)!;
      expect(await verify(pair, message, ours, { algorithm: other.name })).toBe(false);
    });
  }

  it('RSASSA_PSS_SHA_256 against the openssl CLI (salt length = digest length), both ways', async () => {
    const keyPem = file('rsa.key.pem', (await exportKey(pair, 'pkcs8-pem')) as string);
    const pubPem = file('rsa.pub.pem', (await exportKey(pair, 'spki-pem')) as string);
    const m = file('rsa.msg', message);
    const pssOpts = ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest'];
    const sigFile = file('rsa.sig', await sign(pair, message, { algorithm: 'RSASSA_PSS_SHA_256' }));
    expect(Buffer.from(openssl(['dgst', '-sha256', ...pssOpts, '-verify', pubPem, '-signature', sigFile, m])).toString()).toMatch(/Verified OK/);
    const theirs = openssl(['dgst', '-sha256', ...pssOpts, '-sign', keyPem, m]);
    expect(await verify(pair, message, theirs, { algorithm: 'RSASSA_PSS_SHA_256' })).toBe(true);
  });
});

describe('ECDSA (P-256, P-384, secp256k1) against node:crypto, DER signatures, RAW and DIGEST, both ways', () => {
  for (const [specName, algName] of [['EC_P256', 'ECDSA_SHA_256'], ['EC_P384', 'ECDSA_SHA_384'], ['EC_P256K', 'ECDSA_SHA_256']] as const) {
    it(`${specName} ${algName}`, async () => {
      const pair = (await generateKey(specName)) as KeyPair;
      const keys = await nodeKeys(pair);
      const alg = signingAlgorithms().find((a) => a.name === (algName as SigningAlgorithmName))!;
      const h = nodeHash[alg.hash as keyof typeof nodeHash];
      const ours = await sign(pair, message);
      expect(ours[0]).toBe(0x30); // DER SEQUENCE, not P1363 r‖s
      expect(nodeVerify(h, message, { key: keys.pub, dsaEncoding: 'der' }, ours)).toBe(true);
      const theirs = new Uint8Array(nodeSign(h, message, { key: keys.priv, dsaEncoding: 'der' }));
      expect(await verify(pair, message, theirs, { algorithm: alg.name })).toBe(true);
      const digest = new Uint8Array(createHash(h).update(message).digest());
      expect(nodeVerify(h, message, { key: keys.pub, dsaEncoding: 'der' }, await sign(pair, digest, { messageType: 'DIGEST' }))).toBe(true);
      expect(await verify(pair, digest, theirs, { messageType: 'DIGEST' })).toBe(true);
      // a P1363 signature is not what crosses the seam
      const p1363 = new Uint8Array(nodeSign(h, message, { key: keys.priv, dsaEncoding: 'ieee-p1363' }));
      expect(await verify(pair, message, p1363)).toBe(false);
    });
  }
});

describe('RSAES-OAEP (SHA-1, SHA-256) against node:crypto, both ways', () => {
  for (const [algName, h] of [['RSAES_OAEP_SHA_1', 'sha1'], ['RSAES_OAEP_SHA_256', 'sha256']] as const) {
    it(algName, async () => {
      const pair = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', random: seededRandom('ops interop rsa enc') })) as KeyPair;
      const keys = await nodeKeys(pair);
      const ct = await encrypt(pair, message, { algorithm: algName });
      expect(new Uint8Array(privateDecrypt({ key: keys.priv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: h }, ct))).toEqual(message);
      const theirs = new Uint8Array(publicEncrypt({ key: keys.pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: h }, message));
      expect(await decrypt(pair, theirs, { algorithm: algName })).toEqual(message);
      // the hash is part of the algorithm: the other one does not open it
      const other = algName === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
      await expect(decrypt(pair, theirs, { algorithm: other })).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
    });
  }
});

describe('SM2 against the openssl CLI', () => {
  let signing: KeyPair;
  let encrypting: KeyPair;
  beforeAll(async () => {
    signing = (await generateKey('SM2', { usage: 'SIGN_VERIFY' })) as KeyPair;
    encrypting = (await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
  });
  const distid = ['-sigopt', 'distid:1234567812345678'];

  it('SM2DSA with the default ID 1234567812345678, RAW, both ways', async () => {
    const keyPem = file('sm2s.key.pem', (await exportKey(signing, 'pkcs8-pem')) as string);
    const pubPem = file('sm2s.pub.pem', (await exportKey(signing, 'spki-pem')) as string);
    const m = file('sm2.msg', message);
    const sig = file('sm2.sig', await sign(signing, message));
    expect(Buffer.from(openssl(['dgst', '-sm3', '-verify', pubPem, ...distid, '-signature', sig, m])).toString()).toMatch(/Verified OK/);
    const theirs = openssl(['dgst', '-sm3', '-sign', keyPem, ...distid, m]);
    expect(await verify(signing, message, theirs)).toBe(true);
  });

  it('SM2DSA DIGEST takes e = SM3(ZA ‖ M): a signature over it verifies in OpenSSL as a signature of M', async () => {
    const pubPem = file('sm2d.pub.pem', (await exportKey(signing, 'spki-pem')) as string);
    const m = file('sm2d.msg', message);
    const e = sm2Digest((await exportKey(signing, 'raw-public')) as Uint8Array, message);
    const sig = file('sm2d.sig', await sign(signing, e, { messageType: 'DIGEST' }));
    expect(Buffer.from(openssl(['dgst', '-sm3', '-verify', pubPem, ...distid, '-signature', sig, m])).toString()).toMatch(/Verified OK/);
    expect(await verify(signing, e, await sign(signing, message), { messageType: 'DIGEST' })).toBe(true);
    // SM3(M) alone is not the digest SM2DSA signs
    const sm3m = new Uint8Array(createHash('sm3').update(message).digest());
    expect(await verify(signing, sm3m, await sign(signing, message), { messageType: 'DIGEST' })).toBe(false);
  });

  it('SM2PKE (GM/T 0009 DER) with openssl pkeyutl, both ways', async () => {
    const keyPem = file('sm2e.key.pem', (await exportKey(encrypting, 'pkcs8-pem')) as string);
    const pubPem = file('sm2e.pub.pem', (await exportKey(encrypting, 'spki-pem')) as string);
    const ct = file('sm2e.ct', await encrypt(encrypting, message));
    expect(openssl(['pkeyutl', '-decrypt', '-inkey', keyPem, '-in', ct])).toEqual(message);
    const theirs = openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', pubPem], message);
    expect(await decrypt(encrypting, theirs)).toEqual(message);
  });
});
