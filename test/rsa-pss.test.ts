import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { signPssDigest, verifyPssDigest } from '../src/rsa/pss.js';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { i2osp, os2ip, rsadp, rsaep } from '../src/rsa/primitives.js';
import { seededRandom } from '../src/random.js';
import { codeOfSync } from './helpers/codes.js';

// RSASSA-PSS (RFC 8017 §8.1) as AWS KMS uses it: MGF1 with the message hash, salt as long as the hash.
// Interop with OpenSSL both ways is in test/ops-interop.test.ts; here, what verification must refuse.
describe('verifyPssDigest rejects', () => {
  const key = generateRsaPrivate(2048, 65537n, seededRandom('pss sig'));
  const digest = sha256(new TextEncoder().encode('message'));
  const sig = signPssDigest(key, digest, 'SHA-256', seededRandom('pss salt'));

  it('modified signatures, digests, hashes and lengths; representatives ≥ n', () => {
    expect(verifyPssDigest(key, digest, sig, 'SHA-256')).toBe(true);
    const other = digest.slice();
    other[0]! ^= 1;
    expect(verifyPssDigest(key, other, sig, 'SHA-256')).toBe(false);
    for (let i = 0; i < sig.length; i += 31) {
      const bad = sig.slice();
      bad[i]! ^= 0x80;
      expect(verifyPssDigest(key, digest, bad, 'SHA-256')).toBe(false);
    }
    expect(verifyPssDigest(key, digest, sig.subarray(1), 'SHA-256')).toBe(false);
    expect(verifyPssDigest(key, digest, new Uint8Array([0, ...sig]), 'SHA-256')).toBe(false);
    expect(verifyPssDigest(key, digest, i2osp(key.n, 256), 'SHA-256')).toBe(false); // s = n
    expect(verifyPssDigest(key, digest, new Uint8Array(256).fill(0xff), 'SHA-256')).toBe(false);
    expect(verifyPssDigest(key, digest, new Uint8Array(256), 'SHA-256')).toBe(false);
  });

  it('encodings that are almost right: the trailer byte, the masked DB, the hash H', () => {
    const em = i2osp(rsaep(key, os2ip(sig)), 256);
    const forge = (mutate: (e: Uint8Array) => void) => {
      const e = em.slice();
      mutate(e);
      return i2osp(rsadp(key, os2ip(e)), 256);
    };
    expect(verifyPssDigest(key, digest, forge(() => {}), 'SHA-256')).toBe(true); // the forging path itself is sound
    expect(verifyPssDigest(key, digest, forge((e) => (e[255] = 0xbd)), 'SHA-256')).toBe(false);
    expect(verifyPssDigest(key, digest, forge((e) => (e[5]! ^= 1)), 'SHA-256')).toBe(false); // padding or salt
    expect(verifyPssDigest(key, digest, forge((e) => (e[250]! ^= 1)), 'SHA-256')).toBe(false); // H
  });

  it('bad arguments throw', () => {
    expect(codeOfSync(() => verifyPssDigest(key, digest.subarray(1), sig, 'SHA-256'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => verifyPssDigest(key, digest, 'sig' as never, 'SHA-256'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => verifyPssDigest(key, digest, sig, 'SHA-1' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => signPssDigest(key, digest.subarray(2), 'SHA-256', seededRandom('x')))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => verifyPssDigest({ n: 4n, e: 3n }, digest, sig, 'SHA-256'))).toBe('INVALID_KEY');
  });
});
