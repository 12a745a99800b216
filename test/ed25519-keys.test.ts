import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha512 } from '@noble/hashes/sha2.js';
import {
  createImportParameters, encryptKeyMaterial, exportKey, generateKey, importKey, KeyPair, openEncryptedKeyMaterial, seededRandom,
  sign, spkiFingerprint, unwrapKey, verify, wrapKey, type Key,
} from '../src/index.js';
import { codeOf } from './helpers/codes.js';
import { knownResult, readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { bytesToHex, hex, utf8 } from '../src/bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'keysmith-ed25519-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
const hexOf = async (key: Key | KeyPair, format: 'raw' | 'raw-public' | 'pkcs8-der' | 'spki-der') => bytesToHex((await exportKey(key, format)) as Uint8Array);

describe('RFC 8032 §7.1 and RFC 8410 §10 through the public API', () => {
  const rfc8032 = readOwnJson('rfc8032_ed25519.json');
  it('ED25519_SHA_512 (RAW) gives the RFC\'s signatures; ED25519_PH_SHA_512 (DIGEST) the Ed25519ph one', async () => {
    for (const t of rfc8032.ed25519) {
      const pair = (await importKey('ED25519', hex(t.secretKey), 'raw')) as KeyPair;
      expect(await hexOf(pair, 'raw-public'), t.section).toBe(t.publicKey);
      expect(bytesToHex(await sign(pair, hex(t.message))), t.section).toBe(t.signature);
      expect(await verify(pair, hex(t.message), hex(t.signature))).toBe(true);
      expect(await verify(pair, Uint8Array.from([...hex(t.message), 0]), hex(t.signature))).toBe(false);
    }
    for (const t of rfc8032.ed25519ph) {
      const pair = (await importKey('ED25519', hex(t.secretKey), 'raw')) as KeyPair;
      const digest = sha512(hex(t.message));
      expect(bytesToHex(await sign(pair, digest, { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST' }))).toBe(t.signature);
      expect(await verify(pair, digest, hex(t.signature), { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST' })).toBe(true);
      expect(await verify(pair, hex(t.message), hex(t.signature))).toBe(false);
      // AWS: ED25519_SHA_512 takes only RAW, ED25519_PH_SHA_512 only DIGEST (of 64 bytes)
      expect(await codeOf(sign(pair, digest, { messageType: 'DIGEST' }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(sign(pair, hex(t.message), { algorithm: 'ED25519_PH_SHA_512' }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(sign(pair, digest.subarray(1), { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST' }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(sign(pair, digest, { messageType: 'EXTERNAL_MU' }))).toBe('INVALID_ARGUMENT');
    }
  });

  it('RFC 8410 §10.1 / §10.3: the example keys import and re-export byte for byte; v2 with its public key imports', async () => {
    const ex = readOwnJson('rfc8410_ed25519_examples.json');
    const pair = (await importKey('ED25519', ex.privateKeyPem, 'pkcs8-pem')) as KeyPair;
    expect(await exportKey(pair, 'pkcs8-pem')).toBe(ex.privateKeyPem);
    expect(await exportKey(pair, 'spki-pem')).toBe(ex.publicKeyPem);
    expect(await hexOf(pair, 'raw')).toBe(ex.seed);
    // §10.3's second example: OneAsymmetricKey v2 with the [1] publicKey (and an attribute); keysmith writes v1
    const v2 = (await importKey('ED25519', ex.privateKeyV2Pem, 'pkcs8-pem')) as KeyPair;
    expect(await hexOf(v2, 'raw')).toBe(ex.seed);
    expect(await exportKey(v2, 'pkcs8-pem')).toBe(ex.privateKeyPem);
  });
});

describe('OpenSSL 3 and node:crypto, both directions', () => {
  it('openssl genpkey -algorithm ed25519: imports and re-exports byte for byte (PKCS#8, SPKI), fingerprints agree', async () => {
    for (let i = 0; i < 3; i++) {
      const keyPem = file(`o${i}.pem`, openssl(['genpkey', '-algorithm', 'ed25519']));
      const text = readFileSync(keyPem, 'utf8');
      const pair = (await importKey('ED25519', text, 'pkcs8-pem')) as KeyPair;
      expect(await exportKey(pair, 'pkcs8-pem')).toBe(text);
      const spki = openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']);
      expect(await hexOf(pair, 'spki-der')).toBe(bytesToHex(spki));
      expect(await spkiFingerprint(pair)).toBe(createHash('sha256').update(spki).digest('hex'));
      // OpenSSL signs (PureEdDSA), keysmith verifies, and the reverse
      const msg = file(`m${i}`, utf8(`openssl ed25519 message ${i}`));
      const theirs = openssl(['pkeyutl', '-sign', '-rawin', '-inkey', keyPem, '-in', msg]);
      expect(await verify(pair, readFileSync(msg), new Uint8Array(theirs))).toBe(true);
      expect(bytesToHex(await sign(pair, readFileSync(msg)))).toBe(bytesToHex(theirs)); // deterministic: same bytes
      const ours = file(`s${i}`, await sign(pair, readFileSync(msg)));
      const pubPem = file(`p${i}.pem`, (await exportKey(pair, 'spki-pem')) as string);
      expect(openssl(['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', pubPem, '-in', msg, '-sigfile', ours]).toString()).toMatch(/Success/);
    }
  });

  it('keysmith keys load in OpenSSL: pkey -check, and the public key OpenSSL derives is keysmith\'s', async () => {
    const pair = (await generateKey('ED25519', { random: seededRandom('ed25519 openssl') })) as KeyPair;
    const keyPem = file('k.pem', (await exportKey(pair, 'pkcs8-pem')) as string);
    expect(openssl(['pkey', '-in', keyPem, '-check', '-noout']).toString()).toMatch(/valid/i);
    expect(bytesToHex(openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']))).toBe(await hexOf(pair, 'spki-der'));
    expect(bytesToHex(openssl(['pkey', '-in', keyPem, '-outform', 'DER']))).toBe(await hexOf(pair, 'pkcs8-der'));
  });

  it('node:crypto: keys (PKCS#8, SPKI, JWK) and signatures cross both ways', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const der = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
    const pair = (await importKey('ED25519', der, 'pkcs8-der')) as KeyPair;
    expect(await hexOf(pair, 'pkcs8-der')).toBe(bytesToHex(der));
    expect(await hexOf(pair, 'spki-der')).toBe(bytesToHex(publicKey.export({ format: 'der', type: 'spki' })));
    const nodeJwk = privateKey.export({ format: 'jwk' });
    expect(await exportKey(pair, 'jwk')).toEqual(nodeJwk);
    expect(await hexOf(await importKey('ED25519', nodeJwk, 'jwk'), 'raw')).toBe(await hexOf(pair, 'raw'));
    expect(await exportKey(pair, 'jwk-public')).toEqual(publicKey.export({ format: 'jwk' }));

    const msg = utf8('node ed25519 message');
    const theirs = nodeSign(null, msg, privateKey);
    expect(await verify(pair, msg, new Uint8Array(theirs))).toBe(true);
    const ours = await sign(pair, msg);
    expect(bytesToHex(ours)).toBe(bytesToHex(theirs));
    const mine = (await generateKey('ED25519')) as KeyPair;
    const nodePriv = createPrivateKey({ key: (await exportKey(mine, 'jwk')) as never, format: 'jwk' });
    const nodePub = createPublicKey({ key: Buffer.from((await exportKey(mine, 'spki-der')) as Uint8Array), format: 'der', type: 'spki' });
    expect(nodeVerify(null, msg, nodePub, await sign(mine, msg))).toBe(true);
    expect(await verify(mine, msg, new Uint8Array(nodeSign(null, msg, nodePriv)))).toBe(true);
  });
});

describe.skipIf(!sharedAvailable)('Wycheproof ed25519_test.json through the public API', () => {
  it('every group\'s key imports (SPKI DER, JWK) and every signature verifies exactly when valid', async () => {
    const data = readSharedJson('wycheproof/testvectors_v1/ed25519_test.json');
    let n = 0;
    for (const g of data.testGroups) {
      const pub = await importKey('ED25519', hex(g.publicKeyDer), 'spki-der');
      expect(await hexOf(pub, 'raw-public')).toBe(g.publicKey.pk);
      const { kid: _kid, ...jwk } = g.publicKeyJwk;
      expect(await exportKey(pub, 'jwk-public')).toEqual(jwk);
      expect(await hexOf(await importKey('ED25519', g.publicKeyJwk, 'jwk-public'), 'spki-der')).toBe(g.publicKeyDer);
      for (const t of g.tests) {
        n++;
        const result = knownResult(t.result, ['valid', 'invalid']);
        expect(await verify(pub, hex(t.msg), hex(t.sig)), `tc ${t.tcId}`).toBe(result === 'valid');
      }
    }
    expect(n).toBe(data.numberOfTests);
  });
});

describe('Ed25519 formats, validation, wrapping and import flows', () => {
  it('raw is the 32-byte seed; wrong lengths, mismatched public keys and off-curve points are INVALID_KEY', async () => {
    const pair = (await generateKey('ED25519', { random: seededRandom('ed25519 formats') })) as KeyPair;
    expect(((await exportKey(pair, 'raw')) as Uint8Array).length).toBe(32);
    expect(await codeOf(importKey('ED25519', new Uint8Array(31), 'raw'))).toBe('INVALID_KEY');
    const jwk = (await exportKey(pair, 'jwk')) as Record<string, string>;
    const other = (await exportKey(await generateKey('ED25519'), 'jwk-public')) as Record<string, string>;
    expect(await codeOf(importKey('ED25519', { ...jwk, x: other.x }, 'jwk'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey('ED25519', { ...jwk, crv: 'Ed448' }, 'jwk'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey('ED25519', { ...jwk, kty: 'EC' }, 'jwk'))).toBe('INVALID_FORMAT');
    // y = 2 is not the y of any point (x² would be a non-square)
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    expect(await codeOf(importKey('ED25519', offCurve, 'raw-public'))).toBe('INVALID_KEY');
    // an EC key's PKCS#8 is not an Ed25519 key
    expect(await codeOf(importKey('ED25519', (await exportKey(await generateKey('EC_P256'), 'pkcs8-der')) as Uint8Array, 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(await codeOf(exportKey(pair, 'sec1-der'))).toBe('UNSUPPORTED');
  });

  it('wraps with the algorithms that carry PKCS#8; the GCP import flow takes Ed25519, AWS does not document it', async () => {
    const pair = (await generateKey('ED25519')) as KeyPair;
    const rsa = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', random: seededRandom('ed25519 wrap rsa') });
    for (const algorithm of ['RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1'] as const) {
      const back = await unwrapKey(await wrapKey(pair, { algorithm, wrappingKey: rsa }), { algorithm, unwrappingKey: rsa, spec: 'ED25519' });
      expect(await hexOf(back, 'pkcs8-der')).toBe(await hexOf(pair, 'pkcs8-der'));
    }
    const gcp = await createImportParameters('gcp', { random: seededRandom('gcp import params') });
    const material = await encryptKeyMaterial('gcp', { publicKey: gcp.publicKey, algorithm: gcp.algorithm, key: pair });
    const opened = await openEncryptedKeyMaterial(gcp, material.encryptedKeyMaterial, { spec: 'EC_SIGN_ED25519' });
    expect(await hexOf(opened, 'spki-der')).toBe(await hexOf(pair, 'spki-der'));
    expect(await codeOf(encryptKeyMaterial('gcp', { publicKey: gcp.publicKey, algorithm: gcp.algorithm, spec: 'ML_DSA_65' }))).toBe('UNSUPPORTED');
    const aws = await createImportParameters('aws', { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingSpec: 'RSA_2048' });
    for (const spec of ['ECC_NIST_EDWARDS25519', 'ML_DSA_44', 'ML_KEM_768']) {
      expect(await codeOf(encryptKeyMaterial('aws', { publicKey: aws.publicKey, algorithm: aws.algorithm, spec })), spec).toBe('UNSUPPORTED');
    }
  }, 60_000);
});
