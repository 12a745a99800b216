import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { isProbablePrime } from '../src/rsa/primes.js';
import { gcd, lcm, modInverse } from '../src/rsa/math.js';
import { signPkcs1v15, verifyPkcs1v15 } from '../src/rsa/pkcs1-signature.js';
import { seededRandom, systemRandom } from '../src/random.js';
import type { RsaPrivateComponents } from '../src/model/components.js';
import { codeOfSync } from './helpers/codes.js';
import { toJwk } from './helpers/rsa-fixtures.js';

const bitLength = (x: bigint) => x.toString(2).length;

function checkKey(k: RsaPrivateComponents, nlen: number): void {
  const half = nlen / 2;
  const random = seededRandom('recheck');
  expect(k.kind).toBe('rsa-private');
  expect(k.e).toBe(65537n);
  expect(bitLength(k.n)).toBe(nlen);
  expect(k.p * k.q).toBe(k.n);
  expect(bitLength(k.p)).toBe(half);
  expect(bitLength(k.q)).toBe(half);
  expect(k.p > k.q).toBe(true);
  // p, q ≥ √2·2^(half−1)  ⇔  p², q² ≥ 2^(2·half−1)
  expect(k.q * k.q >= 1n << BigInt(nlen - 1)).toBe(true);
  expect(k.p - k.q > 1n << BigInt(half - 100)).toBe(true);
  expect(gcd(k.e, k.p - 1n)).toBe(1n);
  expect(gcd(k.e, k.q - 1n)).toBe(1n);
  const lambda = lcm(k.p - 1n, k.q - 1n);
  expect((k.e * k.d) % lambda).toBe(1n);
  expect(k.d > 1n << BigInt(half)).toBe(true);
  expect(k.d < lambda).toBe(true);
  expect(k.dp).toBe(k.d % (k.p - 1n));
  expect(k.dq).toBe(k.d % (k.q - 1n));
  expect((k.qi * k.q) % k.p).toBe(1n);
  expect(k.qi).toBe(modInverse(k.q, k.p));
  expect(isProbablePrime(k.p, { rounds: 20, random })).toBe(true);
  expect(isProbablePrime(k.q, { rounds: 20, random })).toBe(true);
}

function nodeInterop(k: RsaPrivateComponents): void {
  const priv = createPrivateKey({ key: toJwk(k), format: 'jwk' });
  const pub = createPublicKey(priv);
  const msg = Buffer.from('keysmith interop');
  const ours = signPkcs1v15(k, msg, 'SHA-256');
  expect(nodeVerify('sha256', msg, pub, ours)).toBe(true);
  const theirs = nodeSign('sha256', msg, priv);
  // PKCS#1 v1.5 is deterministic: both must produce the same bytes
  expect(Buffer.from(ours).equals(theirs)).toBe(true);
  expect(verifyPkcs1v15(k, msg, new Uint8Array(theirs), 'SHA-256')).toBe(true);
  const ours384 = signPkcs1v15(k, msg, 'SHA-384');
  expect(nodeVerify('sha384', msg, pub, ours384)).toBe(true);
  expect(verifyPkcs1v15(k, msg, new Uint8Array(nodeSign('sha384', msg, priv)), 'SHA-384')).toBe(true);
}

describe('generateRsaPrivate', () => {
  it('RSA-2048 (3 keys): FIPS 186-5 A.1.3 properties, node loads the key, signatures interoperate', () => {
    for (let i = 0; i < 3; i++) {
      const k = generateRsaPrivate(2048, 65537n, systemRandom);
      checkKey(k, 2048);
      nodeInterop(k);
    }
  });

  it('RSA-2048 key passes `openssl rsa -check`', () => {
    const k = generateRsaPrivate(2048, 65537n, seededRandom('openssl check'));
    const pem = createPrivateKey({ key: toJwk(k), format: 'jwk' }).export({ format: 'pem', type: 'pkcs1' }) as string;
    const out = execFileSync('openssl', ['rsa', '-check', '-noout'], { input: pem }).toString();
    expect(out).toContain('RSA key ok');
  });

  it('RSA-3072 and RSA-4096 (one each)', () => {
    for (const bits of [3072, 4096]) {
      const k = generateRsaPrivate(bits, 65537n, systemRandom);
      checkKey(k, bits);
      nodeInterop(k);
    }
  });

  it('other multiples of 256 and other public exponents', () => {
    const k = generateRsaPrivate(2304, 65539n, seededRandom('2304'));
    expect(bitLength(k.n)).toBe(2304);
    expect(k.e).toBe(65539n);
    expect((k.e * k.d) % lcm(k.p - 1n, k.q - 1n)).toBe(1n);
  });

  it('is a deterministic function of the random stream', () => {
    const a = generateRsaPrivate(2048, 65537n, seededRandom('x'));
    const b = generateRsaPrivate(2048, 65537n, seededRandom('x'));
    const c = generateRsaPrivate(2048, 65537n, seededRandom('y'));
    expect(a).toEqual(b);
    expect(c.n).not.toBe(a.n);
    expect(c.p).not.toBe(a.p);
    checkKey(a, 2048);
  });

  it('bad sizes and exponents are INVALID_ARGUMENT', () => {
    for (const bits of [0, 1024, 2047, 2049, 2100, 8448, 16384, NaN, 2048.5, '2048', undefined]) {
      expect(codeOfSync(() => generateRsaPrivate(bits as number, 65537n, systemRandom)), String(bits)).toBe('INVALID_ARGUMENT');
    }
    for (const e of [3n, 17n, 65536n, 65537n + 1n, 1n << 16n, (1n << 256n) + 1n, -65537n, 65537]) {
      expect(codeOfSync(() => generateRsaPrivate(2048, e as bigint, systemRandom)), String(e)).toBe('INVALID_ARGUMENT');
    }
    expect(codeOfSync(() => generateRsaPrivate(2048, 65537n, 'random' as never))).toBe('INVALID_ARGUMENT');
  });

  it('a broken random source is RNG_FAILURE quickly, never a hang', () => {
    const constant = (byte: number) => (n: number) => new Uint8Array(n).fill(byte);
    const started = Date.now();
    expect(codeOfSync(() => generateRsaPrivate(2048, 65537n, constant(0)))).toBe('RNG_FAILURE');
    expect(codeOfSync(() => generateRsaPrivate(2048, 65537n, constant(0xff)))).toBe('RNG_FAILURE');
    // passes the range checks, so p is found, but q can never be far enough from p
    expect(codeOfSync(() => generateRsaPrivate(2048, 65537n, constant(0xc3)))).toBe('RNG_FAILURE');
    expect(codeOfSync(() => generateRsaPrivate(2048, 65537n, () => new Uint8Array(3)))).toBe('RNG_FAILURE');
    expect(codeOfSync(() => generateRsaPrivate(2048, 65537n, () => { throw new Error('boom'); }))).toBe('RNG_FAILURE');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
