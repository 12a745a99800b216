import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, publicEncrypt, constants } from 'node:crypto';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { spkiFingerprint } from '../src/core/fingerprint.js';
import { KeyPair } from '../src/core/key.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt } from '../src/ops/encrypt.js';
import { getSpec } from '../src/registry/lookup.js';
import type { EcSpec, RsaSpec } from '../src/model/spec.js';

/** The specs this suite covers (Ed25519: test/ed25519-keys.test.ts). */
type AsymmetricSpec = RsaSpec | EcSpec;
import { systemRandom } from '../src/random.js';
import { bytesToHex, utf8 } from '../src/bytes.js';
import { readOwnJson } from './helpers/vectors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keysmith-interop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (args: string[], input?: Uint8Array) => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
const file = (name: string, data: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

/** How OpenSSL and node name each signature scheme. SM2 signs with GM/T 0009's default ID on the CLI. */
const opensslDigest: Partial<Record<AsymmetricSpec['signature'], string>> = {
  RSASSA_PKCS1_V1_5_SHA_256: 'sha256',
  ECDSA_SHA_256: 'sha256',
  ECDSA_SHA_384: 'sha384',
  SM2DSA: 'sm3',
};

const SPECS = ['RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K', 'EC_P384', 'SM2'];

describe.each(SPECS)('%s keys made by keysmith load and sign in OpenSSL and node:crypto', (name) => {
  const spec = getSpec(name) as AsymmetricSpec;
  let pair: KeyPair;
  let keyPem: string;
  let pubPem: string;
  const msg = utf8(`interop message for ${name}`);
  const sm2 = spec.signature === 'SM2DSA';
  const distid = sm2 ? ['-sigopt', 'distid:1234567812345678'] : [];

  beforeAll(async () => {
    pair = (await generateKey(spec, { usage: 'SIGN_VERIFY' })) as KeyPair;
    keyPem = file(`${name}.key.pem`, (await exportKey(pair, 'pkcs8-pem')) as string);
    pubPem = file(`${name}.pub.pem`, (await exportKey(pair, 'spki-pem')) as string);
  });

  it('OpenSSL accepts the PKCS#8 key and derives the same SPKI and fingerprint', async () => {
    expect(openssl(['pkey', '-in', keyPem, '-check', '-noout']).toString()).toMatch(/valid/i);
    const spki = openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']);
    expect(bytesToHex(spki)).toBe(bytesToHex((await exportKey(pair, 'spki-der')) as Uint8Array));
    expect(await spkiFingerprint(pair)).toBe(createHash('sha256').update(spki).digest('hex'));
    const pubDer = openssl(['pkey', '-pubin', '-in', pubPem, '-outform', 'DER']);
    expect(bytesToHex(pubDer)).toBe(bytesToHex(spki));
  });

  it('OpenSSL reads the traditional forms (PKCS#1 for RSA, SEC 1 for EC) and writes back the same bytes', async () => {
    if (spec.family === 'rsa') {
      const p = file(`${name}.pkcs1.pem`, (await exportKey(pair, 'pkcs1-pem')) as string);
      expect(openssl(['rsa', '-in', p, '-check', '-noout']).toString()).toMatch(/RSA key ok/);
      expect(bytesToHex(openssl(['rsa', '-in', p, '-traditional', '-outform', 'DER']))).toBe(bytesToHex((await exportKey(pair, 'pkcs1-der')) as Uint8Array));
    } else {
      const p = file(`${name}.sec1.pem`, (await exportKey(pair, 'sec1-pem')) as string);
      expect(bytesToHex(openssl(['ec', '-in', p, '-outform', 'DER']))).toBe(bytesToHex((await exportKey(pair, 'sec1-der')) as Uint8Array));
      expect(bytesToHex(openssl(['pkcs8', '-topk8', '-nocrypt', '-in', p, '-outform', 'DER']))).toBe(bytesToHex((await exportKey(pair, 'pkcs8-der')) as Uint8Array));
    }
  });

  it('signatures cross between keysmith and the openssl CLI both ways', async () => {
    const m = file(`${name}.msg`, msg);
    const theirs = openssl(['dgst', `-${opensslDigest[spec.signature]}`, '-sign', keyPem, ...distid, m]);
    expect(await verify(pair, msg, new Uint8Array(theirs))).toBe(true);
    const ours = await sign(pair, msg);
    const sig = file(`${name}.sig`, ours);
    const out = openssl(['dgst', `-${opensslDigest[spec.signature]}`, '-verify', pubPem, ...distid, '-signature', sig, m]).toString();
    expect(out).toMatch(/Verified OK/);
  });

  it('signatures cross between keysmith and node:crypto both ways', async () => {
    const nodeKey = createPrivateKey({ key: Buffer.from((await exportKey(pair, 'pkcs8-der')) as Uint8Array), format: 'der', type: 'pkcs8' });
    const nodePub = createPublicKey({ key: Buffer.from((await exportKey(pair, 'spki-der')) as Uint8Array), format: 'der', type: 'spki' });
    const h = opensslDigest[spec.signature];
    if (sm2) {
      // node signs SM2 keys with an empty user ID rather than GM/T 0009's default
      const { sm2Sign, sm2Verify } = await import('../src/sm/sm2-sign.js');
      const raw = (await exportKey(pair, 'raw')) as Uint8Array;
      const point = (await exportKey(pair, 'raw-public')) as Uint8Array;
      const noId = new Uint8Array(0);
      expect(sm2Verify(point, msg, new Uint8Array(nodeSign(h!, msg, nodeKey)), noId)).toBe(true);
      expect(nodeVerify(h!, msg, nodePub, sm2Sign(raw, point, msg, systemRandom, noId))).toBe(true);
      return;
    }
    expect(await verify(pair, msg, new Uint8Array(nodeSign(h!, msg, nodeKey)))).toBe(true);
    expect(nodeVerify(h!, msg, nodePub, await sign(pair, msg))).toBe(true);
  });

  it('node:crypto reads the JWK and writes the same PKCS#8 (SM2 has no JWK)', async () => {
    if (sm2) {
      await expect(exportKey(pair, 'jwk')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      return;
    }
    const jwk = (await exportKey(pair, 'jwk')) as JsonWebKey;
    const nodeKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
    expect(bytesToHex(nodeKey.export({ format: 'der', type: 'pkcs8' }))).toBe(bytesToHex((await exportKey(pair, 'pkcs8-der')) as Uint8Array));
    expect(nodeKey.export({ format: 'jwk' })).toMatchObject(jwk);
  });
});

describe('keys made by OpenSSL import into keysmith', () => {
  const made: [string, string[]][] = [
    ['RSA_2048', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']],
    ['EC_P256', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['EC_P256K', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1']],
    ['EC_P384', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']],
    ['SM2', ['genpkey', '-algorithm', 'SM2']],
  ];
  it.each(made)('%s', async (name, args) => {
    const pem = openssl(args).toString();
    const pair = (await importKey(name, pem, 'pkcs8-pem')) as KeyPair;
    expect(pair).toBeInstanceOf(KeyPair);
    expect(await exportKey(pair, 'pkcs8-pem')).toBe(pem);
    // and a key made for another spec is refused
    const other = name === 'EC_P256' ? 'EC_P384' : 'EC_P256';
    await expect(importKey(other, pem, 'pkcs8-pem')).rejects.toMatchObject({ code: expect.stringMatching(/INVALID_KEY|INVALID_FORMAT/) });
  });
});

describe('RSA encryption keys', () => {
  it('decrypt what OpenSSL and node encrypt with OAEP-SHA-256 to the exported SPKI', async () => {
    const pair = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
    const pub = file('enc.pub.pem', (await exportKey(pair, 'spki-pem')) as string);
    const secret = systemRandom(32);
    const ct = openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', pub, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'], secret);
    expect(await decrypt(pair, new Uint8Array(ct))).toEqual(secret);
    const ct2 = publicEncrypt({ key: readFileSync(pub), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, secret);
    expect(await decrypt(pair, new Uint8Array(ct2))).toEqual(secret);
  });
});

describe('RFC 7517 Appendix A example keys (vectors/rfc7517_examples.json)', () => {
  const v = readOwnJson('rfc7517_examples.json').ecP256;
  it('the A.2 private JWK imports, and d·G is the A.1 public point', async () => {
    const pair = (await importKey('EC_P256', v.private, 'jwk')) as KeyPair;
    expect(bytesToHex((await exportKey(pair, 'raw-public')) as Uint8Array)).toBe('04' + v.xHex + v.yHex);
    const pub = await importKey('EC_P256', v.public, 'jwk-public');
    expect(await exportKey(pub, 'jwk-public')).toEqual({ kty: 'EC', crv: 'P-256', x: v.public.x, y: v.public.y });
  });
});
