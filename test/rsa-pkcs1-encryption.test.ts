import { afterAll, describe, expect, it } from 'vitest';
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../src/rsa/pkcs1-encryption.js';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { i2osp, os2ip, rsaep } from '../src/rsa/primitives.js';
import { seededRandom, systemRandom } from '../src/random.js';
import { KeysmithError } from '../src/errors.js';
import { codeOfSync } from './helpers/codes.js';
import { toHex, toJwk } from './helpers/rsa-fixtures.js';

const key = generateRsaPrivate(2048, 65537n, seededRandom('pkcs1 encryption'));
const k = 256;
const nodePriv = createPrivateKey({ key: toJwk(key), format: 'jwk' });
const nodePub = createPublicKey(nodePriv);
const dir = mkdtempSync(join(tmpdir(), 'keysmith-rsa-'));
const keyFile = join(dir, 'key.pem');
writeFileSync(keyFile, nodePriv.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Encrypted message block EM → ciphertext, bypassing our encoder, to build malformed paddings. */
const encryptRaw = (em: Uint8Array) => i2osp(rsaep(key, os2ip(em)), k);

describe('RSAES-PKCS1-v1_5', () => {
  const msg = new Uint8Array(Buffer.from('0123456789abcdef0123456789abcdef'));

  it('node encrypts, keysmith decrypts (20 messages of assorted lengths)', () => {
    for (let len = 0; len <= k - 11; len += 13) {
      const m = new Uint8Array(len).map((_, i) => (i * 7 + len) & 0xff);
      const ct = publicEncrypt({ key: nodePub, padding: constants.RSA_PKCS1_PADDING }, m);
      expect(toHex(pkcs1v15Decrypt(key, new Uint8Array(ct)))).toBe(toHex(m));
      expect(toHex(pkcs1v15Decrypt(key, new Uint8Array(ct), len))).toBe(toHex(m));
    }
  });

  it('keysmith encrypts, OpenSSL 3.0 CLI decrypts (node 20 refuses PKCS#1 v1.5 private decryption, CVE-2023-46809)', () => {
    expect(() => privateDecrypt({ key: nodePriv, padding: constants.RSA_PKCS1_PADDING }, Buffer.alloc(k))).toThrow(/no longer supported/);
    for (const m of [msg, new Uint8Array(0), new Uint8Array(k - 11).fill(0xa5)]) {
      const ct = pkcs1v15Encrypt(key, m, systemRandom);
      const out = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', keyFile, '-pkeyopt', 'rsa_padding_mode:pkcs1'], { input: ct });
      expect(toHex(out)).toBe(toHex(m));
      expect(toHex(pkcs1v15Decrypt(key, ct))).toBe(toHex(m));
    }
  });

  it('PS is non-zero random bytes, taken from the random source', () => {
    let calls = 0;
    // half the bytes zero: the encoder must skip them and draw more
    const halfZero = (n: number) => {
      calls++;
      return new Uint8Array(n).map((_, i) => (i % 2 ? 0 : 0x5a));
    };
    const ct = pkcs1v15Encrypt(key, msg, halfZero);
    expect(calls).toBeGreaterThan(1);
    const em = i2osp(os2ip(new Uint8Array(execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', keyFile, '-pkeyopt', 'rsa_padding_mode:none'], { input: ct }))), k);
    expect(em[0]).toBe(0);
    expect(em[1]).toBe(2);
    const ps = em.subarray(2, k - msg.length - 1);
    expect(ps.length).toBe(k - msg.length - 3);
    expect(ps.every((b) => b === 0x5a)).toBe(true);
    expect(em[k - msg.length - 1]).toBe(0);
    expect(codeOfSync(() => pkcs1v15Encrypt(key, msg, (n) => new Uint8Array(n)))).toBe('RNG_FAILURE');
  });

  it('flipping any byte of a ciphertext always gives the same error', () => {
    const ct = pkcs1v15Encrypt(key, msg, systemRandom);
    const outcomes = new Set<string>();
    let decryptedToOther = 0;
    for (let i = 0; i < k; i++) {
      const bad = ct.slice();
      bad[i]! ^= 0xff;
      try {
        const out = pkcs1v15Decrypt(key, bad, msg.length);
        // astronomically unlikely, but a valid-looking padding is not an error
        if (toHex(out) !== toHex(msg)) decryptedToOther++;
      } catch (e) {
        outcomes.add(e instanceof KeysmithError ? `${e.code}:${e.message}` : 'raw');
      }
    }
    expect([...outcomes]).toEqual(['UNWRAP_FAILED:decryption failed']);
    expect(decryptedToOther).toBe(0);
  });

  it('each padding defect is the same UNWRAP_FAILED', () => {
    const good = () => {
      const em = new Uint8Array(k).fill(0x11);
      em[0] = 0;
      em[1] = 2;
      em[k - msg.length - 1] = 0;
      em.set(msg, k - msg.length);
      return em;
    };
    expect(toHex(pkcs1v15Decrypt(key, encryptRaw(good())))).toBe(toHex(msg));
    const cases: [string, (em: Uint8Array) => void][] = [
      ['first byte not 0', (em) => (em[0] = 1)],
      ['block type 1', (em) => (em[1] = 1)],
      ['block type 0', (em) => (em[1] = 0)],
      ['no separator', (em) => em.fill(0x11, 2)],
      ['PS of 7 bytes', (em) => (em[9] = 0)],
      ['PS of 0 bytes', (em) => (em[2] = 0)],
    ];
    const errors = new Set<string>();
    for (const [, mutate] of cases) {
      const em = good();
      mutate(em);
      try {
        pkcs1v15Decrypt(key, encryptRaw(em));
        errors.add('decrypted');
      } catch (e) {
        errors.add(e instanceof KeysmithError ? `${e.code}:${e.message}` : 'raw');
      }
    }
    // PS of exactly 8 bytes is the minimum that decrypts
    const em8 = good();
    em8[10] = 0;
    expect(pkcs1v15Decrypt(key, encryptRaw(em8)).length).toBe(k - 11);
    // wrong expected length, wrong sizes, c ≥ n
    for (const fn of [
      () => pkcs1v15Decrypt(key, encryptRaw(good()), msg.length + 1),
      () => pkcs1v15Decrypt(key, encryptRaw(good()), 0),
      () => pkcs1v15Decrypt(key, encryptRaw(good()).subarray(1)),
      () => pkcs1v15Decrypt(key, new Uint8Array(k + 1)),
      () => pkcs1v15Decrypt(key, new Uint8Array(k).fill(0xff)),
    ]) {
      try {
        fn();
        errors.add('decrypted');
      } catch (e) {
        errors.add(e instanceof KeysmithError ? `${e.code}:${e.message}` : 'raw');
      }
    }
    expect([...errors]).toEqual(['UNWRAP_FAILED:decryption failed']);
  });

  it('bad arguments', () => {
    const ct = pkcs1v15Encrypt(key, msg, systemRandom);
    expect(codeOfSync(() => pkcs1v15Encrypt(key, new Uint8Array(k - 10), systemRandom))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => pkcs1v15Encrypt(key, 'x' as never, systemRandom))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => pkcs1v15Encrypt(key, msg, 5 as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => pkcs1v15Encrypt({ n: key.n, e: 0n }, msg, systemRandom))).toBe('INVALID_KEY');
    expect(codeOfSync(() => pkcs1v15Decrypt(key, ct, -1))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => pkcs1v15Decrypt(key, ct, 1.5))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => pkcs1v15Decrypt(key, null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => pkcs1v15Decrypt({ ...key, q: 7n }, ct))).toBe('INVALID_KEY');
    expect(codeOfSync(() => pkcs1v15Decrypt({ ...key, qi: key.qi + 1n }, ct))).toBe('INVALID_KEY');
  });
});
