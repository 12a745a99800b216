import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import smCrypto from 'sm-crypto';
import { readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { sm2Point } from '../src/sm/sm2-curve.js';
import { SM2_DEFAULT_ID, sm2Sign, sm2SignWithNonce, sm2Verify, sm2Za } from '../src/sm/sm2-sign.js';
import { sm2Decrypt, sm2Encrypt, sm2EncryptWithNonce } from '../src/sm/sm2-encrypt.js';
import { bigIntToBytes, bytesToHex, hex, utf8 } from '../src/bytes.js';
import { seededRandom, systemRandom } from '../src/random.js';
import { codeOfSync } from './helpers/codes.js';

const point = (x: string, y: string) => hex('04' + x + y);

describe.skipIf(!sharedAvailable)('SM2 on sm2p256v1: GB/T 32918.5 examples (sm/sm2_vectors.json)', () => {
  const v = sharedAvailable ? readSharedJson('sm/sm2_vectors.json').recommended_curve : undefined;

  it('uses the recommended-curve parameters of the vector file', () => {
    const c = readSharedJson('sm/sm2_vectors.json').curves.sm2p256v1_recommended;
    const base = sm2Point.BASE.toAffine();
    expect(base.x).toBe(BigInt('0x' + c.gx));
    expect(base.y).toBe(BigInt('0x' + c.gy));
    expect(sm2Point.Fn.ORDER).toBe(BigInt('0x' + c.n));
    expect(sm2Point.Fp.ORDER).toBe(BigInt('0x' + c.p));
  });

  it('derives P = d·G', () => {
    const P = sm2Point.BASE.multiply(BigInt('0x' + v.keypair.d));
    expect(bytesToHex(P.toBytes(false))).toBe(('04' + v.keypair.Px + v.keypair.Py).toLowerCase());
  });

  it('computes ZA and the signature of Annex A with the given k', () => {
    const s = v.signature;
    const P = point(v.keypair.Px, v.keypair.Py);
    expect(bytesToHex(sm2Za(P, SM2_DEFAULT_ID))).toBe(s.ZA.toLowerCase());
    const sig = sm2SignWithNonce(BigInt('0x' + s.d), P, utf8(s.message_ascii), BigInt('0x' + s.k));
    expect(sig).toEqual({ r: BigInt('0x' + s.r), s: BigInt('0x' + s.s) });
  });

  it('encrypts the Annex C message with the given k to C1‖C3‖C2, and decrypts it', () => {
    const e = v.encryption;
    const P = point(v.keypair.Px, v.keypair.Py);
    const c = sm2EncryptWithNonce(P, utf8(e.message_ascii), BigInt('0x' + e.k));
    expect(bytesToHex(c!)).toBe(e.ciphertext_raw_C1C3C2.toLowerCase());
    const d = bigIntToBytes(BigInt('0x' + e.d), 32);
    expect(new TextDecoder().decode(sm2Decrypt(d, hex(e.ciphertext_raw_C1C3C2)))).toBe(e.message_ascii);
  });
});

describe('SM2 signatures', () => {
  const d = bigIntToBytes(0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n, 32);
  const P = sm2Point.BASE.multiply(0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n).toBytes(false);
  const msg = utf8('keysmith');

  it('signs and verifies; rejects another message, another ID, another key, a mangled signature', () => {
    const sig = sm2Sign(d, P, msg, systemRandom);
    expect(sm2Verify(P, msg, sig)).toBe(true);
    expect(sm2Verify(P, utf8('keysmitH'), sig)).toBe(false);
    expect(sm2Verify(P, msg, sig, utf8('another id'))).toBe(false);
    expect(sm2Verify(sm2Point.BASE.toBytes(false), msg, sig)).toBe(false);
    for (let i = 0; i < sig.length; i++) {
      const bad = sig.slice();
      bad[i]! ^= 0x01;
      expect(sm2Verify(P, msg, bad)).toBe(false);
    }
    expect(sm2Verify(P, msg, new Uint8Array([...sig, 0]))).toBe(false);
    expect(sm2Verify(P, msg, new Uint8Array(0))).toBe(false);
  });

  it('interoperates with OpenSSL through node:crypto (node signs with an empty user ID)', () => {
    // An SM2-typed key, as `openssl genpkey -algorithm SM2` makes it; node's generateKeyPair('ec', SM2)
    // would make an EC-typed key, which OpenSSL signs with ECDSA rather than SM2.
    const pem = execFileSync('openssl', ['genpkey', '-algorithm', 'SM2']);
    const privateKey = createPrivateKey(pem);
    const publicKey = createPublicKey(privateKey);
    // PKCS#8 wrapping RFC 5915 ECPrivateKey: ... 02 01 01 04 20 <d>. (node aborts on 'sec1' export of an SM2-typed key.)
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    const at = pkcs8.indexOf(Buffer.from('0201010420', 'hex'));
    expect(at).toBeGreaterThan(0);
    const dn = new Uint8Array(pkcs8.subarray(at + 5, at + 37));
    const Pn = sm2Point.BASE.multiply(BigInt('0x' + bytesToHex(dn))).toBytes(false);
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    expect(bytesToHex(spki.subarray(spki.length - 65))).toBe(bytesToHex(Pn));

    const noId = new Uint8Array(0);
    for (let i = 0; i < 8; i++) {
      const m = systemRandom(1 + i * 13);
      expect(sm2Verify(Pn, m, new Uint8Array(nodeSign('sm3', m, privateKey)), noId)).toBe(true);
      expect(nodeVerify('sm3', m, publicKey, sm2Sign(dn, Pn, m, systemRandom, noId))).toBe(true);
    }
  });
});

describe('SM2 encryption', () => {
  const dn = 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n;
  const d = bigIntToBytes(dn, 32);
  const P = sm2Point.BASE.multiply(dn).toBytes(false);

  it('round-trips 1..100 bytes; seeded randomness gives the same ciphertext', () => {
    for (const len of [1, 16, 31, 32, 33, 64, 100]) {
      const m = systemRandom(len);
      const c = sm2Encrypt(P, m, systemRandom);
      expect(c.length).toBe(65 + 32 + len);
      expect(sm2Decrypt(d, c)).toEqual(m);
    }
    const m = utf8('same seed, same ciphertext');
    expect(sm2Encrypt(P, m, seededRandom('k'))).toEqual(sm2Encrypt(P, m, seededRandom('k')));
  });

  it('opens sm-crypto ciphertexts (cipherMode 1 = C1C3C2, hex without the 04 prefix) and sm-crypto opens ours', () => {
    const m = utf8('interop with sm-crypto');
    const theirs = smCrypto.sm2.doEncrypt(Array.from(m), bytesToHex(P), 1);
    expect(sm2Decrypt(d, hex('04' + theirs))).toEqual(m);
    const ours = sm2Encrypt(P, m, systemRandom);
    const back = smCrypto.sm2.doDecrypt(bytesToHex(ours.subarray(1)), bytesToHex(d), 1, { output: 'array' }) as unknown as number[];
    expect(Uint8Array.from(back)).toEqual(m);
  });

  it('rejects every modified byte, truncation, an off-curve C1 and a wrong key with one code', () => {
    const c = sm2Encrypt(P, utf8('tamper'), systemRandom);
    const codes = new Set<string>();
    const attempt = (bad: Uint8Array, key = d) => codes.add(codeOfSync(() => sm2Decrypt(key, bad)));
    for (let i = 0; i < c.length; i++) {
      const bad = c.slice();
      bad[i]! ^= 0x80;
      attempt(bad);
    }
    attempt(c.subarray(0, 97));
    attempt(c.subarray(0, c.length - 1));
    attempt(c, bigIntToBytes(dn + 1n, 32));
    expect([...codes]).toEqual(['UNWRAP_FAILED']);
  });

  it('refuses an empty plaintext and a public key off the curve', () => {
    expect(() => sm2Encrypt(P, new Uint8Array(0), systemRandom)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const off = P.slice();
    off[64]! ^= 1;
    expect(() => sm2Encrypt(off, utf8('x'), systemRandom)).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
  });
});
