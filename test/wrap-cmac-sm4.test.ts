import { describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { cmac as nobleCmac } from '@noble/ciphers/aes.js';
import smCrypto from 'sm-crypto';
import { aesCipher, sm4Cipher } from '../src/wrap/block-cipher.js';
import { cmac } from '../src/wrap/cmac.js';
import { sm4EcbDecrypt, sm4EcbEncrypt } from '../src/wrap/sm4.js';
import { ecbPkcs7Decrypt, ecbPkcs7Encrypt } from '../src/wrap/ecb-pkcs7.js';
import { keyCheckValueOf } from '../src/wrap/kcv.js';
import { bytesToHex, hex } from '../src/bytes.js';
import { readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';

/** CMAC (SP 800-38B §6.1–6.2) written again here over node's ECB, as an independent reference. */
function referenceCmac(cipherName: 'aes-128-ecb' | 'aes-256-ecb' | 'sm4-ecb', key: Buffer, msg: Buffer): Buffer {
  const enc = (b: Buffer) => {
    const c = createCipheriv(cipherName, key, null).setAutoPadding(false);
    return Buffer.concat([c.update(b), c.final()]);
  };
  const shift = (b: Buffer) => {
    const v = (BigInt('0x' + b.toString('hex')) << 1n) & ((1n << 128n) - 1n);
    const out = Buffer.from(v.toString(16).padStart(32, '0'), 'hex');
    if (b[0]! & 0x80) out[15]! ^= 0x87;
    return out;
  };
  const k1 = shift(enc(Buffer.alloc(16)));
  const k2 = shift(k1);
  const n = Math.max(1, Math.ceil(msg.length / 16));
  const lastFull = msg.length > 0 && msg.length % 16 === 0;
  const last = Buffer.alloc(16);
  msg.copy(last, 0, (n - 1) * 16);
  if (!lastFull) last[msg.length - (n - 1) * 16] = 0x80;
  const k = lastFull ? k1 : k2;
  for (let i = 0; i < 16; i++) last[i]! ^= k[i]!;
  let x = Buffer.alloc(16);
  for (let j = 0; j < n; j++) {
    const m = j === n - 1 ? last : msg.subarray(j * 16, j * 16 + 16);
    x = enc(Buffer.from(x.map((b, i) => b ^ m[i]!)));
  }
  return x;
}

describe('CMAC', () => {
  it('AES-CMAC: RFC 4493 §4 examples (transcribed in vectors/wrap/rfc4493-aes-cmac.json)', () => {
    const v = readOwnJson('wrap/rfc4493-aes-cmac.json');
    const key = hex(v.key);
    const msg = hex(v.message);
    expect(bytesToHex(aesCipher(key).encryptBlocks(new Uint8Array(16)))).toBe(v.subkeys.L);
    for (const ex of v.examples) {
      expect(bytesToHex(cmac(aesCipher(key), msg.subarray(0, ex.length))), ex.id).toBe(ex.mac);
      // the transcription is checked against a second implementation
      expect(bytesToHex(nobleCmac(msg.subarray(0, ex.length), key)), ex.id).toBe(ex.mac);
    }
    expect(v.examples.length).toBe(4);
  });

  it('AES-CMAC (128/256) and SM4-CMAC match a CMAC built on node:crypto ECB, lengths 0..80', () => {
    for (let len = 0; len <= 80; len++) {
      const msg = randomBytes(len);
      const k128 = randomBytes(16);
      const k256 = randomBytes(32);
      expect(bytesToHex(cmac(aesCipher(k128), msg))).toBe(referenceCmac('aes-128-ecb', k128, msg).toString('hex'));
      expect(bytesToHex(cmac(aesCipher(k256), msg))).toBe(referenceCmac('aes-256-ecb', k256, msg).toString('hex'));
      expect(bytesToHex(cmac(sm4Cipher(k128), msg))).toBe(referenceCmac('sm4-ecb', k128, msg).toString('hex'));
    }
  });
});

describe('key check value', () => {
  it('is the first 3 bytes of CMAC(key, 0^16), uppercase hex', () => {
    for (let i = 0; i < 20; i++) {
      const aes = randomBytes(32);
      const sm4 = randomBytes(16);
      expect(keyCheckValueOf('AES', aes)).toBe(referenceCmac('aes-256-ecb', aes, Buffer.alloc(16)).subarray(0, 3).toString('hex').toUpperCase());
      expect(keyCheckValueOf('SM4', sm4)).toBe(referenceCmac('sm4-ecb', sm4, Buffer.alloc(16)).subarray(0, 3).toString('hex').toUpperCase());
    }
  });
  it('RFC 4493 key: KCV = first 3 bytes of AES-CMAC(K, 0^16)', () => {
    // CMAC of one zero block under the RFC 4493 key, computed by the independent reference above
    const k = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
    expect(keyCheckValueOf('AES', k)).toBe(referenceCmac('aes-128-ecb', k, Buffer.alloc(16)).subarray(0, 3).toString('hex').toUpperCase());
  });
  it('bad input', () => {
    expect(codeOfSync(() => keyCheckValueOf('DES' as never, new Uint8Array(16)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => keyCheckValueOf('SM4', new Uint8Array(32)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => keyCheckValueOf('AES', new Uint8Array(20)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => keyCheckValueOf('AES', 'abc' as never))).toBe('INVALID_ARGUMENT');
  });
});

describe.skipIf(!sharedAvailable)('SM4 block cipher: GB/T 32907-2016 examples', () => {
  const v = sharedAvailable ? readSharedJson('sm/sm4_vectors.json') : undefined; // read only when the suite runs
  it('example 1', () => {
    const e = v.block_cipher.example1;
    expect(bytesToHex(sm4Cipher(hex(e.key)).encryptBlocks(hex(e.plaintext)))).toBe(e.ciphertext);
    expect(bytesToHex(sm4Cipher(hex(e.key)).decryptBlocks(hex(e.ciphertext)))).toBe(e.plaintext);
  });
  it('example 2: 1,000,000 encryptions', () => {
    const e = v.block_cipher.example2_1M;
    const c = sm4Cipher(hex(e.key));
    let b = hex(e.plaintext);
    for (let i = 0; i < e.iterations; i++) b = c.encryptBlocks(b);
    expect(bytesToHex(b)).toBe(e.ciphertext);
  });
  it('ECB mode vector from the OpenSSL file', () => {
    const ecbs = v.modes_openssl_evpciph_sm4.vectors.filter((m: { mode: string }) => m.mode === 'ECB');
    expect(ecbs.length).toBe(1);
    for (const m of ecbs) expect(bytesToHex(sm4Cipher(hex(m.key)).encryptBlocks(hex(m.pt)))).toBe(m.ct.toLowerCase());
  });
});

describe('SM4-ECB with PKCS#7', () => {
  it('interop with node:crypto sm4-ecb both ways, lengths 0..64', () => {
    for (let len = 0; len <= 64; len++) {
      const key = randomBytes(16);
      const pt = randomBytes(len);
      const ours = sm4EcbEncrypt(key, pt);
      const d = createDecipheriv('sm4-ecb', key, null);
      expect(Buffer.concat([d.update(ours), d.final()]).equals(pt)).toBe(true);
      const c = createCipheriv('sm4-ecb', key, null);
      const theirs = Buffer.concat([c.update(pt), c.final()]);
      expect(Buffer.from(ours).equals(theirs)).toBe(true);
      expect(Buffer.from(sm4EcbDecrypt(key, theirs)).equals(pt)).toBe(true);
    }
  });
  it('agrees with sm-crypto (pkcs#7)', () => {
    const key = randomBytes(16);
    const pt = randomBytes(37);
    const theirs = smCrypto.sm4.encrypt(Array.from(pt), Array.from(key), { output: 'array', padding: 'pkcs#7' });
    expect(bytesToHex(sm4EcbEncrypt(key, pt))).toBe(Buffer.from(theirs).toString('hex'));
  });
  it('AES-256-ECB with PKCS#7 interop with node aes-256-ecb', () => {
    for (let len = 0; len <= 40; len += 7) {
      const key = randomBytes(32);
      const pt = randomBytes(len);
      const c = createCipheriv('aes-256-ecb', key, null);
      const theirs = Buffer.concat([c.update(pt), c.final()]);
      expect(Buffer.from(ecbPkcs7Encrypt(aesCipher(key), pt)).equals(theirs)).toBe(true);
      expect(Buffer.from(ecbPkcs7Decrypt(aesCipher(key), theirs)).equals(pt)).toBe(true);
    }
  });
  it('bad padding, bad length and bad keys', () => {
    const key = new Uint8Array(16).fill(3);
    const cipher = sm4Cipher(key);
    // craft blocks whose plaintext padding is wrong in each way
    for (const lastBlock of [
      new Uint8Array(16), // pad byte 0
      new Uint8Array(16).fill(17), // pad byte > 16
      Uint8Array.from([...new Array(14).fill(0), 1, 2]), // pad 2 but byte before is 1
      Uint8Array.from([...new Array(15).fill(5), 16]), // pad 16, not all 16
    ]) {
      expect(codeOfSync(() => sm4EcbDecrypt(key, cipher.encryptBlocks(lastBlock)))).toBe('UNWRAP_FAILED');
    }
    for (const n of [0, 1, 15, 17]) expect(codeOfSync(() => sm4EcbDecrypt(key, new Uint8Array(n)))).toBe('UNWRAP_FAILED');
    expect(codeOfSync(() => sm4EcbEncrypt(new Uint8Array(15), new Uint8Array(3)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => sm4EcbEncrypt(key, 'x' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => sm4EcbDecrypt(key, null as never))).toBe('UNWRAP_FAILED');
  });
});
