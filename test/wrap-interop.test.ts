import { beforeAll, describe, expect, it } from 'vitest';
import {
  constants, createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes,
} from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import smCrypto from 'sm-crypto';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import type { AnyKey, KeyPair } from '../src/core/key.js';
import { bytesToHex } from '../src/bytes.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';

const OAEP = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' } as const;

async function material(k: AnyKey): Promise<Buffer> {
  const spec = k.spec;
  return Buffer.from((await exportKey(k, spec.family === 'symmetric' ? 'raw' : 'pkcs8-der')) as Uint8Array);
}

// The wrapping key pair is made by node, not keysmith: keysmith only reads its PEM.
const nodeRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPrivPem = nodeRsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsaPubPem = nodeRsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;

let aes: AnyKey;
let sm4: AnyKey;
let ec: AnyKey;
beforeAll(async () => {
  aes = await generateKey('AES_256');
  sm4 = await generateKey('SM4');
  ec = await generateKey('EC_P256');
});

describe('RSA wrapping: node:crypto as the peer', () => {
  for (const [alg, hash] of [['RSAES_OAEP_SHA_1', 'SHA-1'], ['RSAES_OAEP_SHA_256', 'SHA-256']] as const) {
    it(`${alg}: keysmith wraps, node privateDecrypt opens; node publicEncrypt, keysmith unwraps`, async () => {
      for (const key of [aes, sm4, ec]) {
        const m = await material(key);
        const ours = await wrapKey(key, { algorithm: alg, wrappingKey: rsaPubPem });
        const opened = privateDecrypt({ key: nodeRsa.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP[hash] }, ours);
        expect(opened.equals(m)).toBe(true);
        const theirs = publicEncrypt({ key: nodeRsa.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP[hash] }, m);
        const back = await unwrapKey(theirs, { algorithm: alg, unwrappingKey: rsaPrivPem, spec: key.spec, usage: key.usage });
        expect((await material(back)).equals(m)).toBe(true);
      }
    });
  }

  it('RSAES_PKCS1_V1_5: node publicEncrypt, keysmith unwraps (the other direction goes through the openssl CLI below)', async () => {
    const m = await material(sm4);
    const theirs = publicEncrypt({ key: nodeRsa.publicKey, padding: constants.RSA_PKCS1_PADDING }, m);
    const back = await unwrapKey(theirs, { algorithm: 'RSAES_PKCS1_V1_5', unwrappingKey: rsaPrivPem, spec: 'SM4' });
    expect((await material(back)).equals(m)).toBe(true);
  });

  for (const [alg, hash] of [['RSA_AES_KEY_WRAP_SHA_1', 'SHA-1'], ['RSA_AES_KEY_WRAP_SHA_256', 'SHA-256']] as const) {
    it(`${alg}: composed from node OAEP + id-aes256-wrap-pad, both directions`, async () => {
      const KWP_IV = Buffer.from('A65959A6', 'hex');
      for (const key of [aes, ec]) {
        const m = await material(key);
        const ours = await wrapKey(key, { algorithm: alg, wrappingKey: rsaPubPem });
        const eph = privateDecrypt({ key: nodeRsa.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP[hash] }, ours.subarray(0, 256));
        expect(eph.length).toBe(32);
        const d = createDecipheriv('id-aes256-wrap-pad', eph, KWP_IV);
        expect(Buffer.concat([d.update(ours.subarray(256)), d.final()]).equals(m)).toBe(true);

        const eph2 = randomBytes(32);
        const c = createCipheriv('id-aes256-wrap-pad', eph2, KWP_IV);
        const theirs = Buffer.concat([
          publicEncrypt({ key: nodeRsa.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP[hash] }, eph2),
          c.update(m),
          c.final(),
        ]);
        const back = await unwrapKey(theirs, { algorithm: alg, unwrappingKey: rsaPrivPem, spec: key.spec, usage: key.usage });
        expect((await material(back)).equals(m)).toBe(true);
      }
    });
  }

  it('RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: composed from node OAEP-SHA-256 + aes-256-ecb, both directions', async () => {
    for (const spec of ['EC_P256', 'SM2', 'RSA_2048'] as const) {
      const key = spec === 'EC_P256' ? ec : await generateKey(spec);
      const m = await material(key);
      const ours = await wrapKey(key, { algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', wrappingKey: rsaPubPem });
      const eph = privateDecrypt({ key: nodeRsa.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, ours.subarray(0, 256));
      const d = createDecipheriv('aes-256-ecb', eph, null);
      expect(Buffer.concat([d.update(ours.subarray(256)), d.final()]).equals(m)).toBe(true);

      const eph2 = randomBytes(32);
      const c = createCipheriv('aes-256-ecb', eph2, null);
      const theirs = Buffer.concat([
        publicEncrypt({ key: nodeRsa.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, eph2),
        c.update(m),
        c.final(),
      ]);
      const back = await unwrapKey(theirs, { algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', unwrappingKey: rsaPrivPem, spec, usage: key.usage });
      expect((await material(back)).equals(m)).toBe(true);
    }
  });
});

describe('SM2PKE_SM4_ECB: sm-crypto SM2 + node sm4-ecb as the peer', () => {
  it('both directions', async () => {
    const wrapping = (await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
    const pubHex = bytesToHex((await exportKey(wrapping, 'raw-public')) as Uint8Array);
    const dHex = bytesToHex((await exportKey(wrapping, 'raw')) as Uint8Array);
    const target = (await generateKey('SM2')) as KeyPair;
    const scalar = Buffer.from((await exportKey(target, 'raw')) as Uint8Array);

    const ours = await wrapKey(target, { algorithm: 'SM2PKE_SM4_ECB', wrappingKey: wrapping });
    const sm4Key = Uint8Array.from(smCrypto.sm2.doDecrypt(bytesToHex(ours.subarray(1, 113)), dHex, 1, { output: 'array' }) as unknown as number[]);
    expect(sm4Key.length).toBe(16);
    const d = createDecipheriv('sm4-ecb', sm4Key, null).setAutoPadding(false);
    expect(Buffer.concat([d.update(ours.subarray(113)), d.final()]).equals(scalar)).toBe(true);

    const eph = randomBytes(16);
    const head = Buffer.from('04' + smCrypto.sm2.doEncrypt(Array.from(eph), pubHex, 1), 'hex');
    const c = createCipheriv('sm4-ecb', eph, null).setAutoPadding(false);
    const theirs = Buffer.concat([head, c.update(scalar), c.final()]);
    const back = await unwrapKey(theirs, { algorithm: 'SM2PKE_SM4_ECB', unwrappingKey: wrapping, spec: 'SM2', usage: target.usage });
    expect(Buffer.from((await exportKey(back, 'raw')) as Uint8Array).equals(scalar)).toBe(true);
  });
});

describe('RSA wrapping: the openssl CLI as the peer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keysmith-wrap-'));
  const priv = join(dir, 'priv.pem');
  const pub = join(dir, 'pub.pem');
  writeFileSync(priv, rsaPrivPem);
  writeFileSync(pub, rsaPubPem);
  const ossl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const padding = {
    RSAES_OAEP_SHA_1: ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha1', '-pkeyopt', 'rsa_mgf1_md:sha1'],
    RSAES_OAEP_SHA_256: ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'],
    RSAES_PKCS1_V1_5: ['-pkeyopt', 'rsa_padding_mode:pkcs1'],
  } as const;
  for (const alg of Object.keys(padding) as (keyof typeof padding)[]) {
    it(`${alg}: openssl pkeyutl both directions`, async () => {
      const m = await material(aes);
      writeFileSync(join(dir, 'm.bin'), m);
      ossl(['pkeyutl', '-encrypt', '-pubin', '-inkey', pub, ...padding[alg], '-in', join(dir, 'm.bin'), '-out', join(dir, 'c.bin')]);
      const back = await unwrapKey(new Uint8Array(readFileSync(join(dir, 'c.bin'))), { algorithm: alg, unwrappingKey: rsaPrivPem, spec: 'AES_256' });
      expect((await material(back)).equals(m)).toBe(true);
      writeFileSync(join(dir, 'ours.bin'), await wrapKey(aes, { algorithm: alg, wrappingKey: rsaPubPem }));
      const out = ossl(['pkeyutl', '-decrypt', '-inkey', priv, ...padding[alg], '-in', join(dir, 'ours.bin')]);
      expect(Buffer.from(out).equals(m)).toBe(true);
    });
  }

  it('keysmith reads an openssl-generated RSA-3072 wrapping key (SPKI DER, PKCS#8 DER, PKCS#1 DER)', async () => {
    ossl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072', '-out', join(dir, 'k3072.pem')]);
    const der = ossl(['pkcs8', '-topk8', '-nocrypt', '-in', join(dir, 'k3072.pem'), '-outform', 'DER']);
    // openssl 3.0 `pkey -outform DER` writes the traditional PKCS#1 RSAPrivateKey; keysmith takes that too
    const traditional = ossl(['pkey', '-in', join(dir, 'k3072.pem'), '-outform', 'DER']);
    const pubDer = ossl(['pkey', '-in', join(dir, 'k3072.pem'), '-pubout', '-outform', 'DER']);
    const blob = await wrapKey(ec, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKey: new Uint8Array(pubDer) });
    expect(blob.length).toBeGreaterThan(384);
    const back = await unwrapKey(blob, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', unwrappingKey: new Uint8Array(der), spec: 'EC_P256' });
    expect((await material(back)).equals(await material(ec))).toBe(true);
    const back2 = await unwrapKey(blob, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', unwrappingKey: new Uint8Array(traditional), spec: 'EC_P256' });
    expect((await material(back2)).equals(await material(ec))).toBe(true);
    // node agrees that it is the same key pair
    expect(createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' }).equals(pubDer)).toBe(true);
  });

  it('an openssl-made EC key is imported through AES-KWP unchanged', async () => {
    ossl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', join(dir, 'ec.pem')]);
    const der = new Uint8Array(ossl(['pkcs8', '-topk8', '-nocrypt', '-in', join(dir, 'ec.pem'), '-outform', 'DER']));
    const k = await importKey('EC_P256', der, 'pkcs8-der');
    const blob = await wrapKey(k, { algorithm: 'AES_KWP', wrappingKey: aes });
    const kek = (await exportKey(aes, 'raw')) as Uint8Array;
    const d = createDecipheriv('id-aes256-wrap-pad', kek, Buffer.from('A65959A6', 'hex'));
    expect(Buffer.concat([d.update(blob), d.final()]).equals(Buffer.from(der))).toBe(true);
  });
});
