import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { p521 } from '@noble/curves/nist.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { exportKey, generateKey, importKey, sign, verify, seededRandom, fromCreateKey, type Key, type KeyPair } from '../src/index.js';
import { curveMultiplier } from '../src/ec/scalar-mult.js';
import { ecdsaSign, ecdsaVerify } from '../src/ec/ecdsa.js';
import { curveData } from '../src/ec/curve-data.js';
import { bigIntToBytes, bytesToBigInt, bytesToHex, hex } from '../src/bytes.js';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOf } from './helpers/codes.js';

const dir = mkdtempSync(join(tmpdir(), 'keysmith-p521-'));
const openssl = (args: string[], input?: string | Uint8Array) => execFileSync('openssl', args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'] });

describe('P-521 on the fast path (curve-data.ts: fold for 2^521 − 1, window 6) agrees with noble', () => {
  const P = p521.Point;
  const n = P.Fn.ORDER;
  const M = curveMultiplier('P-521');
  const rnd = seededRandom('p521 fast');
  const scalar = () => (bytesToBigInt(rnd(74)) % (n - 1n)) + 1n;

  it('the curve data is noble\'s and the fold matches p', () => {
    const c = curveData['P-521'];
    expect(c.p).toBe(2n ** 521n - 1n);
    expect(c.bytes).toBe(66);
    expect(c.n).toBe(n);
  });

  it('k·G and u1·G + u2·Q equal noble', () => {
    for (const k of [1n, 2n, n - 1n, n >> 1n, 2n ** 520n, ...Array.from({ length: 20 }, scalar)]) {
      const a = M.arithmetic.toAffine(M.baseMul(k));
      const b = P.BASE.multiply(k).toAffine();
      expect([a.x, a.y]).toEqual([b.x, b.y]);
    }
    for (let i = 0; i < 10; i++) {
      const [u1, u2, q] = [scalar(), scalar(), scalar()];
      const Q = P.BASE.multiply(q).toAffine();
      const a = M.arithmetic.toAffine(M.mulAdd(u1, Q, u2));
      const b = P.BASE.multiply(u1).add(P.fromAffine(Q).multiply(u2)).toAffine();
      expect([a.x, a.y]).toEqual([b.x, b.y]);
    }
  });

  it('ECDSA_SHA_512 signatures are byte-identical to noble p521 (RFC 6979 + extra entropy, low-s)', () => {
    for (let i = 0; i < 8; i++) {
      const d = bigIntToBytes(scalar(), 66);
      const msg = rnd(i * 13);
      const entropy = rnd(32);
      const ours = ecdsaSign('P-521', sha512, msg, d, entropy);
      expect(ours).toEqual(p521.sign(msg, d, { format: 'der', extraEntropy: entropy }));
      expect(ecdsaVerify('P-521', sha512, msg, p521.getPublicKey(d, false), ours)).toBe(true);
    }
  });
});

describe('EC_P521 formats are byte-identical to OpenSSL 3', () => {
  it('openssl genpkey P-521 → keysmith → PKCS#8, SEC 1, SPKI (PEM and DER), JWK as openssl and node write them', async () => {
    for (let i = 0; i < 3; i++) {
      const pem = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']).toString();
      const kp = (await importKey('EC_P521', pem, 'pkcs8-pem')) as KeyPair;
      expect(await exportKey(kp, 'pkcs8-pem')).toBe(openssl(['pkey'], pem).toString());
      // (`openssl pkey -outform DER` writes the traditional SEC 1 form in 3.0; pkcs8 -topk8 writes PKCS#8)
      expect(await exportKey(kp, 'pkcs8-der')).toEqual(new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], pem)));
      expect(await exportKey(kp, 'spki-pem')).toBe(openssl(['pkey', '-pubout'], pem).toString());
      expect(await exportKey(kp, 'spki-der')).toEqual(new Uint8Array(openssl(['pkey', '-pubout', '-outform', 'DER'], pem)));
      expect(await exportKey(kp, 'sec1-pem')).toBe(openssl(['ec'], pem).toString());
      expect(await exportKey(kp, 'sec1-der')).toEqual(new Uint8Array(openssl(['ec', '-outform', 'DER'], pem)));
      const jwk = createPrivateKey(pem).export({ format: 'jwk' });
      expect(await exportKey(kp, 'jwk')).toEqual({ kty: 'EC', crv: 'P-521', x: jwk.x, y: jwk.y, d: jwk.d });
      const raw = (await exportKey(kp, 'raw')) as Uint8Array;
      expect(raw.length).toBe(66);
      expect(bytesToHex(raw)).toBe(Buffer.from(jwk.d!, 'base64url').toString('hex'));
      const point = (await exportKey(kp, 'raw-public')) as Uint8Array;
      expect(point.length).toBe(133);
    }
  });

  it('keysmith-generated (seeded) keys read back identically in openssl, which finds them valid', async () => {
    for (let i = 0; i < 6; i++) {
      const kp = (await generateKey('EC_P521', { random: seededRandom(`p521 openssl ${i}`) })) as KeyPair;
      const pem = (await exportKey(kp, 'pkcs8-pem')) as string;
      expect(openssl(['pkey'], pem).toString()).toBe(pem);
      expect(openssl(['pkey', '-check', '-noout'], pem).toString()).toMatch(/valid/i);
      const sec1 = (await exportKey(kp, 'sec1-pem')) as string;
      expect(openssl(['ec'], sec1).toString()).toBe(sec1);
      const back = (await importKey('EC_P521', (await exportKey(kp, 'jwk')) as object, 'jwk')) as KeyPair;
      expect(await exportKey(back, 'pkcs8-pem')).toBe(pem);
    }
  });

  it('signatures cross with node:crypto (SHA-512, DER) in both directions', async () => {
    const kp = (await generateKey('EC_P521')) as KeyPair;
    const msg = new TextEncoder().encode('keysmith P-521');
    const ours = await sign(kp, msg);
    const pub = createPublicKey((await exportKey(kp, 'spki-pem')) as string);
    expect(nodeVerify('sha512', msg, pub, ours)).toBe(true);
    const theirs = nodeSign('sha512', msg, createPrivateKey((await exportKey(kp, 'pkcs8-pem')) as string));
    expect(await verify(kp, msg, new Uint8Array(theirs))).toBe(true);
    expect(await verify(kp, sha512(msg), new Uint8Array(theirs), { messageType: 'DIGEST' })).toBe(true);
    expect(await codeOf(sign(kp, msg, { algorithm: 'ECDSA_SHA_384' }))).toBe('UNSUPPORTED');
    // and an openssl-signed digest verifies too
    writeFileSync(join(dir, 'k.pem'), (await exportKey(kp, 'pkcs8-pem')) as string);
    writeFileSync(join(dir, 'm.bin'), msg);
    const sig = openssl(['dgst', '-sha512', '-sign', 'k.pem', 'm.bin']);
    expect(await verify(kp.publicKey, msg, new Uint8Array(sig))).toBe(true);
  });

  it('AWS ECC_NIST_P521: SIGN_VERIFY or KEY_AGREEMENT', () => {
    expect(fromCreateKey('aws', { KeySpec: 'ECC_NIST_P521', KeyUsage: 'SIGN_VERIFY' })).toMatchObject({ spec: { name: 'EC_P521' }, usage: 'SIGN_VERIFY' });
    expect(fromCreateKey('aws', { KeySpec: 'ECC_NIST_P521', KeyUsage: 'KEY_AGREEMENT' }).usage).toBe('KEY_AGREEMENT');
    expect(() => fromCreateKey('aws', { KeySpec: 'ECC_NIST_P521', KeyUsage: 'ENCRYPT_DECRYPT' })).toThrow(expect.objectContaining({ code: 'INVALID_USAGE' }));
  });
});

describe.skipIf(!sharedAvailable)('Wycheproof ecdsa_secp521r1_sha512_test.json through the public API', () => {
  it('every group\'s public key re-exports byte for byte; valid signatures verify, invalid ones do not', async () => {
    const data = readSharedJson('wycheproof/testvectors_v1/ecdsa_secp521r1_sha512_test.json');
    let groups = 0;
    const seen: Record<string, number> = {};
    for (const g of data.testGroups) {
      expect(g.type).toBe('EcdsaVerify');
      expect(g.publicKey.curve).toBe('secp521r1');
      const der = hex(g.publicKeyDer);
      const pub = (await importKey('EC_P521', der, 'spki-der')) as Key;
      expect(await exportKey(pub, 'spki-der')).toEqual(der);
      expect(await exportKey(pub, 'raw-public')).toEqual(hex(g.publicKey.uncompressed));
      const pem = ((await exportKey(pub, 'spki-pem')) as string).replace(/\s/g, '');
      expect(pem).toBe(String(g.publicKeyPem).replace(/\s/g, ''));
      groups++;
      for (const t of g.tests) {
        const result = knownResult(t.result, ['valid', 'invalid']);
        const ok = await verify(pub, hex(t.msg), hex(t.sig));
        expect(ok, `tc ${t.tcId} ${t.comment}`).toBe(result === 'valid');
        seen[result] = (seen[result] ?? 0) + 1;
      }
    }
    expect(groups).toBe(data.testGroups.length);
    expect((seen.valid ?? 0) + (seen.invalid ?? 0)).toBe(data.numberOfTests);
  });
});
