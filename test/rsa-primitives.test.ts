import { describe, expect, it } from 'vitest';
import { i2osp, os2ip, rsadp, rsaep } from '../src/rsa/primitives.js';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { seededRandom } from '../src/random.js';
import { codeOfSync } from './helpers/codes.js';

describe('I2OSP / OS2IP (RFC 8017 §4)', () => {
  it('round-trips and pads', () => {
    expect(Array.from(i2osp(0n, 0))).toEqual([]);
    expect(Array.from(i2osp(0n, 3))).toEqual([0, 0, 0]);
    expect(Array.from(i2osp(0x0102n, 4))).toEqual([0, 0, 1, 2]);
    expect(Array.from(i2osp(255n, 1))).toEqual([255]);
    expect(os2ip(new Uint8Array([0, 0, 1, 2]))).toBe(0x102n);
    expect(os2ip(new Uint8Array(0))).toBe(0n);
    const x = (1n << 2047n) + 12345n;
    expect(os2ip(i2osp(x, 256))).toBe(x);
  });

  it('integer too large / negative / bad types are INVALID_ARGUMENT', () => {
    expect(codeOfSync(() => i2osp(256n, 1))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => i2osp(1n, 0))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => i2osp(-1n, 4))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => i2osp(1n, -1))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => i2osp(1 as never, 4))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => os2ip([1, 2] as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('RSAEP / RSADP (RFC 8017 §5.1)', () => {
  const key = generateRsaPrivate(2048, 65537n, seededRandom('primitives'));

  it('RSADP(CRT) inverts RSAEP, and agrees with m = c^d mod n', () => {
    for (const m of [0n, 1n, 2n, key.n - 1n, key.n / 3n, key.p, key.q]) {
      const c = rsaep(key, m);
      expect(rsadp(key, c)).toBe(m);
    }
  });

  it('representatives outside [0, n − 1] are INVALID_ARGUMENT', () => {
    expect(codeOfSync(() => rsaep(key, key.n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => rsaep(key, -1n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => rsadp(key, key.n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => rsadp(key, -1n))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => rsadp(key, 5 as never))).toBe('INVALID_ARGUMENT');
  });

  it('a faulty CRT component is caught by the e-check (INVALID_KEY), never a wrong result', () => {
    // m > p, q so that both halves and the recombination matter
    const c = rsaep(key, key.n - 12345n);
    expect(codeOfSync(() => rsadp({ ...key, dp: key.dp ^ 2n }, c))).toBe('INVALID_KEY');
    expect(codeOfSync(() => rsadp({ ...key, dq: key.dq ^ 2n }, c))).toBe('INVALID_KEY');
    expect(codeOfSync(() => rsadp({ ...key, qi: key.qi ^ 2n }, c))).toBe('INVALID_KEY');
    expect(codeOfSync(() => rsadp({ ...key, e: 65539n }, c))).toBe('INVALID_KEY');
  });

  it('malformed keys are INVALID_KEY', () => {
    const c = rsaep(key, 42n);
    const bad: unknown[] = [
      null,
      'key',
      { ...key, n: key.n + 2n },
      { ...key, n: key.n * 2n, p: key.p * 2n },
      { ...key, p: 1n, q: key.n },
      { ...key, d: -1n },
      { ...key, dp: key.p },
      { ...key, dq: 0n },
      { ...key, qi: key.p },
      { ...key, e: 1n },
      { ...key, e: key.n },
      { ...key, q: Number(7) },
    ];
    for (const k of bad) expect(codeOfSync(() => rsadp(k as never, c))).toBe('INVALID_KEY');
    expect(codeOfSync(() => rsaep({ n: 2n, e: 3n }, 1n))).toBe('INVALID_KEY');
    expect(codeOfSync(() => rsaep({ n: 15n } as never, 1n))).toBe('INVALID_KEY');
  });
});
