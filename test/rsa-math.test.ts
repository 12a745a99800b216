import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { bitLen, gcd, lcm, mod, modInverse, modPow } from '../src/rsa/math.js';
import { codeOfSync } from './helpers/codes.js';
import { refModPow } from './helpers/rsa-fixtures.js';

const rnd = (bits: number) => BigInt('0x' + randomBytes(bits / 8).toString('hex'));

describe('modPow', () => {
  it('matches square-and-multiply for random 1024/1536/2048-bit moduli and all window sizes', () => {
    for (const bits of [1024, 1536, 2048]) {
      for (const eBits of [1, 2, 17, 24, 80, 240, 672, bits]) {
        const m = rnd(bits) | 1n;
        const b = rnd(bits);
        const e = rnd(Math.max(8, Math.ceil(eBits / 8) * 8)) >> BigInt(Math.max(0, Math.ceil(eBits / 8) * 8 - eBits));
        expect(modPow(b, e, m)).toBe(refModPow(b, e, m));
      }
    }
  });

  it('edge cases: exponent 0, modulus 1, even modulus, negative base, base ≥ modulus', () => {
    expect(modPow(5n, 0n, 7n)).toBe(1n);
    expect(modPow(0n, 0n, 7n)).toBe(1n);
    expect(modPow(0n, 5n, 7n)).toBe(0n);
    expect(modPow(5n, 3n, 1n)).toBe(0n);
    expect(modPow(3n, 10n, 1000n)).toBe(59049n % 1000n);
    expect(modPow(-2n, 3n, 7n)).toBe(6n);
    expect(modPow(100n, 65537n, 97n)).toBe(refModPow(100n, 65537n, 97n));
  });

  it('rejects bad arguments with INVALID_ARGUMENT', () => {
    expect(codeOfSync(() => modPow(2n, 3n, 0n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => modPow(2n, 3n, -5n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => modPow(2n, -1n, 5n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => modPow(2 as unknown as bigint, 3n, 5n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => mod(3n, 0n))).toBe('INVALID_ARGUMENT');
  });
});

describe('gcd / lcm / modInverse', () => {
  it('gcd and lcm', () => {
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(12n, 18n)).toBe(6n);
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(17n, 0n)).toBe(17n);
    expect(lcm(4n, 6n)).toBe(12n);
    expect(lcm(0n, 6n)).toBe(0n);
    expect(lcm(-4n, 6n)).toBe(12n);
  });

  it('modInverse on random values, checked by multiplication', () => {
    for (let i = 0; i < 20; i++) {
      const m = rnd(1024) | 1n;
      let a = rnd(1024);
      while (gcd(a, m) !== 1n) a++;
      const inv = modInverse(a, m);
      expect(inv >= 0n && inv < m).toBe(true);
      expect((a * inv) % m).toBe(1n);
    }
    expect(modInverse(-3n, 7n)).toBe(2n);
  });

  it('modInverse throws INVALID_ARGUMENT when not invertible or m ≤ 1', () => {
    expect(codeOfSync(() => modInverse(6n, 9n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => modInverse(0n, 7n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => modInverse(3n, 1n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => modInverse(3n, 0n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => gcd(1 as unknown as bigint, 2n))).toBe('INVALID_ARGUMENT');
  });

  it('bitLen', () => {
    expect(bitLen(0n)).toBe(0);
    expect(bitLen(1n)).toBe(1);
    expect(bitLen(255n)).toBe(8);
    expect(bitLen(256n)).toBe(9);
    const x = rnd(2048) | (1n << 2047n);
    expect(bitLen(x)).toBe(2048);
  });
});
