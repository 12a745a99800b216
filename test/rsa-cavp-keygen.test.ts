import { describe, expect, it } from 'vitest';
import { checkPrimeCandidate } from '../src/rsa/primes.js';
import { lcm, modInverse } from '../src/rsa/math.js';
import { rsadp, rsaep } from '../src/rsa/primitives.js';
import { signPkcs1v15, verifyPkcs1v15 } from '../src/rsa/pkcs1-signature.js';
import { seededRandom } from '../src/random.js';
import { readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { big, refModPow } from './helpers/rsa-fixtures.js';

/** The step a CAVP reason names, e.g. "(Step 5.6.2 Q is PROBABLY PRIME SUCCESS)" → "5.6.2". */
function stepOf(reason: string): string {
  const m = /Step (\d+(?:\.\d+)+)/.exec(reason);
  if (!m) throw new Error(`unparsed CAVP reason ${reason}`);
  return m[1]!;
}

describe.skipIf(!sharedAvailable)('CAVP FIPS 186-4 B.3.3 KAT (KeyGen_186-3_RandomProbablyPrime3_3)', () => {
  it('all 186 cases: P/F and the failing step', () => {
    const file = readSharedJson('cavp/rsa_186-3/rsa_keygen_b33_kat.json');
    const random = seededRandom('cavp b.3.3');
    let ran = 0;
    const byStep: Record<string, number> = {};
    for (const group of file.groups) {
      for (const t of group.tests) {
        const e = big(t.e);
        const p = big(t.prandom);
        const q = big(t.qrandom);
        const opts = { nlen: group.mod as number, e, random };
        const pr = checkPrimeCandidate(p, opts);
        const qr = pr.ok ? checkPrimeCandidate(q, { ...opts, p }) : undefined;
        const step = stepOf(t.reason);
        if (t.result === 'P') {
          expect(step).toBe('5.6.2');
          expect(pr, `${group.mod} e=${t.e}`).toEqual({ ok: true });
          expect(qr).toEqual({ ok: true });
        } else if (t.result === 'F') {
          const got = pr.ok ? qr! : pr;
          expect(got.ok, `${group.mod} e=${t.e}`).toBe(false);
          expect(got.ok ? undefined : got.step, `${group.mod} e=${t.e} ${t.reason}`).toBe(step);
        } else {
          throw new Error(`unknown CAVP result ${t.result}`);
        }
        byStep[t.result === 'P' ? 'P' : step] = (byStep[t.result === 'P' ? 'P' : step] ?? 0) + 1;
        ran++;
      }
    }
    expect(ran).toBe(186);
    expect(byStep).toEqual({ P: 33, '4.4': 44, '4.7': 40, '5.5': 40, '5.8': 29 });
  });

  it('ACVP FIPS 186-4 B.3.3 KAT, 3072 / table C.3: all 48 pass/fail', () => {
    const file = readSharedJson('cavp/acvp/rsa_keygen_fips186-4_b33_kat_3072.json');
    const random = seededRandom('acvp b.3.3');
    let pass = 0;
    let failed = 0;
    for (const t of file.tests) {
      const e = big(t.e);
      const p = big(t.p);
      const opts = { nlen: file.group.modulo as number, e, random };
      const pr = checkPrimeCandidate(p, opts);
      // ACVP leaves q empty when p already fails
      const ok = pr.ok && checkPrimeCandidate(big(t.q), { ...opts, p }).ok;
      if (typeof t.testPassed !== 'boolean') throw new Error('testPassed missing');
      expect(ok, `tcId ${t.tcId}`).toBe(t.testPassed);
      if (ok) pass++;
      else failed++;
    }
    expect([pass, failed]).toEqual([8, 40]);
  });

  it('all 40 CAVP B.3.3 response keys: CRT values, decrypt and sign work', () => {
    const file = readSharedJson('cavp/rsa_186-3/rsa_keygen_b33_rsp_keys.json');
    const random = seededRandom('rsp keys');
    let ran = 0;
    for (const k of file.keys) {
      const [e, p, q, n, d] = [big(k.e), big(k.p), big(k.q), big(k.n), big(k.d)];
      expect(p * q).toBe(n);
      expect((e * d) % lcm(p - 1n, q - 1n)).toBe(1n);
      // the file's primes pass the same acceptance checks the generator uses
      expect(checkPrimeCandidate(p, { nlen: k.mod, e, random })).toEqual({ ok: true });
      expect(checkPrimeCandidate(q, { nlen: k.mod, e, random, p })).toEqual({ ok: true });
      const priv = { n, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInverse(q, p) };
      const m = (n * 7n) / 11n;
      const c = rsaep(priv, m);
      expect(rsadp(priv, c)).toBe(m);
      // plain (non-CRT) decryption agrees
      expect(rsadp(priv, 12345n)).toBe(refModPow(12345n, d, n));
      const msg = new TextEncoder().encode(`key ${ran}`);
      const sig = signPkcs1v15(priv, msg, 'SHA-256');
      expect(verifyPkcs1v15(priv, msg, sig, 'SHA-256')).toBe(true);
      ran++;
    }
    expect(ran).toBe(40);
  });
});

describe('checkPrimeCandidate', () => {
  const random = seededRandom('cpc');
  const nlen = 2048;
  const e = 65537n;
  // 2^1024 − 105 is prime (largest 1024-bit prime); 2^1024 − 1093337 is prime too
  const p = (1n << 1024n) - 105n;

  it('accepts a good p and reports each failing step', () => {
    expect(checkPrimeCandidate(p, { nlen, e, random })).toEqual({ ok: true });
    expect(checkPrimeCandidate(p - 2n, { nlen, e, random })).toEqual({ ok: false, step: '4.7' });
    expect(checkPrimeCandidate(1n << 1023n, { nlen, e, random })).toEqual({ ok: false, step: '4.4' });
    expect(checkPrimeCandidate(1n << 1024n, { nlen, e, random })).toEqual({ ok: false, step: '4.4' });
    expect(checkPrimeCandidate(p, { nlen, e, random, p: p - (1n << 923n) })).toEqual({ ok: false, step: '5.4' });
    expect(checkPrimeCandidate(1n << 1023n, { nlen, e, random, p })).toEqual({ ok: false, step: '5.5' });
    expect(checkPrimeCandidate(p - 2n, { nlen, e, random, p: (1n << 1023n) * 3n / 2n })).toEqual({ ok: false, step: '5.8' });
  });

  it('√2 bound is exact: floor(√2·2^1023) fails, the next integer passes the range step', () => {
    const floorBound = isqrt(1n << 2047n);
    expect(floorBound * floorBound < 1n << 2047n).toBe(true);
    // make both odd candidates so only the bound decides between 4.4 and a later step
    const below = floorBound;
    const above = floorBound + 1n;
    const r1 = checkPrimeCandidate(below, { nlen, e, random });
    const r2 = checkPrimeCandidate(above, { nlen, e, random });
    expect(r1).toEqual({ ok: false, step: '4.4' });
    expect(r2.ok ? 'ok' : r2.step).not.toBe('4.4');
  });

  it('gcd(e, p − 1) ≠ 1 for a prime p is 4.5 / 5.6', () => {
    // find a prime p ≡ 1 (mod e') for a small odd e' > 2^16
    const e2 = 65539n; // odd, > 2^16
    let c = (1n << 1023n) * 3n / 2n;
    c = c - (c % e2) + 1n;
    if ((c & 1n) === 0n) c += e2;
    while (!checkPrimeCandidate(c, { nlen, e: 65537n, random }).ok) c += 2n * e2;
    expect(checkPrimeCandidate(c, { nlen, e: e2, random })).toEqual({ ok: false, step: '4.5' });
    expect(checkPrimeCandidate(c, { nlen, e: e2, random, p })).toEqual({ ok: false, step: '5.6' });
  });

  it('bad arguments are INVALID_ARGUMENT', () => {
    expect(codeOfSync(() => checkPrimeCandidate(p, { nlen: 2047, e, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate(p, { nlen: 1024, e, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate(p, { nlen, e: 65536n, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate(p, { nlen, e: 3n, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate(p, { nlen, e: 1n << 256n | 1n, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate('x' as never, { nlen, e, random }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate(p, { nlen, e, random, p: 5 as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => checkPrimeCandidate(p, null as never))).toBe('INVALID_ARGUMENT');
  });
});

function isqrt(n: bigint): bigint {
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
