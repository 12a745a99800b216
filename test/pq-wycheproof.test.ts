import { describe, expect, it } from 'vitest';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { ML_DSA_PARAMS, mlDsaKeyFromSeed, mlDsaMu, mlDsaPublicKeyFromExpanded, mlDsaSign, mlDsaSignMu, mlDsaVerify, mlDsaVerifyMu, type MlDsaLevel } from '../src/pq/ml-dsa.js';
import { mlKemDecapsulate, mlKemEncapsulate, mlKemKeyFromSeed, mlKemPublicKeyFromExpanded, type MlKemLevel } from '../src/pq/ml-kem.js';
import { decodePqPkcs8, decodePqSpki, encodePqPkcs8, encodePqSpki, mlDsaScheme } from '../src/encoding/pq-private.js';
import { bytesToHex, hex } from '../src/bytes.js';
import { ErrorCode } from '../src/errors.js';

const ERROR_CODES: readonly string[] = Object.values(ErrorCode);
const W = (f: string) => `wycheproof/testvectors_v1/${f}`;
const fixed = (b: Uint8Array) => () => Uint8Array.from(b);

/** Flags each sign-seed test may carry; an unknown flag fails so a new kind of case is looked at. */
const SIGN_FLAGS = new Set(['ValidSignature', 'InvalidContext', 'ManySteps', 'BoundaryCondition', 'Internal', 'Randomized', 'IncorrectPrivateKeyLength']);

describe.skipIf(!sharedAvailable)('Wycheproof ML-DSA sign (seed): keygen, PKCS#8, μ, signing', () => {
  for (const level of [44, 65, 87] as MlDsaLevel[]) {
    it(`mldsa_${level}_sign_seed_test.json`, () => {
      const data = readSharedJson(W(`mldsa_${level}_sign_seed_test.json`));
      expect(data.algorithm).toBe(ML_DSA_PARAMS[level].name);
      let n = 0;
      for (const g of data.testGroups) {
        const seed = hex(g.privateSeed);
        const seedOk = seed.length === 32;
        let sk: Uint8Array | undefined;
        if (seedOk) {
          const kp = mlDsaKeyFromSeed(level, seed);
          expect(bytesToHex(kp.publicKey)).toBe(g.publicKey);
          expect(bytesToHex(mlDsaPublicKeyFromExpanded(level, kp.expandedKey))).toBe(g.publicKey);
          sk = kp.expandedKey;
          if (g.privateKeyPkcs8 !== undefined) {
            expect(bytesToHex(encodePqPkcs8(mlDsaScheme(level), { seed, ...kp }))).toBe(g.privateKeyPkcs8);
            expect(bytesToHex(decodePqPkcs8(mlDsaScheme(level), hex(g.privateKeyPkcs8)).publicKey)).toBe(g.publicKey);
          }
        } else {
          expect(codeOfSync(() => mlDsaKeyFromSeed(level, seed))).toBe('INVALID_KEY');
        }
        for (const t of g.tests) {
          n++;
          const result = knownResult(t.result, ['valid', 'invalid']);
          for (const f of t.flags) expect(SIGN_FLAGS.has(f), `unknown flag ${f}`).toBe(true);
          const opts = t.rnd !== undefined ? { random: fixed(hex(t.rnd)) } : { deterministic: true };
          const pk = hex(g.publicKey ?? '');
          if (result === 'valid') {
            const sig = hex(t.sig);
            if (t.msg !== undefined) {
              const ctx = t.ctx === undefined ? undefined : hex(t.ctx);
              expect(bytesToHex(mlDsaSign(level, sk!, hex(t.msg), { ...opts, ...(ctx ? { context: ctx } : {}) })), `tc ${t.tcId}`).toBe(t.sig);
              expect(mlDsaVerify(level, pk, hex(t.msg), sig, ctx)).toBe(true);
              expect(bytesToHex(mlDsaMu(level, pk, hex(t.msg), ctx))).toBe(t.mu);
            }
            expect(bytesToHex(mlDsaSignMu(level, sk!, hex(t.mu), opts)), `tc ${t.tcId} (μ)`).toBe(t.sig);
            expect(mlDsaVerifyMu(level, pk, hex(t.mu), sig)).toBe(true);
          } else if (!seedOk) {
            expect(t.flags).toContain('IncorrectPrivateKeyLength');
          } else {
            expect(t.flags).toContain('InvalidContext');
            expect(codeOfSync(() => mlDsaSign(level, sk!, hex(t.msg), { deterministic: true, context: hex(t.ctx) }))).toBe('INVALID_ARGUMENT');
            expect(codeOfSync(() => mlDsaMu(level, pk, hex(t.msg), hex(t.ctx)))).toBe('INVALID_ARGUMENT');
          }
        }
      }
      expect(n).toBe(data.numberOfTests);
    });
  }
});

describe.skipIf(!sharedAvailable)('Wycheproof ML-DSA-44 verify', () => {
  it('mldsa_44_verify_test.json', () => {
    const data = readSharedJson(W('mldsa_44_verify_test.json'));
    let n = 0;
    for (const g of data.testGroups) {
      const pk = hex(g.publicKey);
      const pkOk = pk.length === ML_DSA_PARAMS[44].publicKeyBytes;
      if (pkOk) {
        expect(bytesToHex(decodePqSpki(mlDsaScheme(44), hex(g.publicKeyDer)))).toBe(g.publicKey);
        expect(bytesToHex(encodePqSpki(mlDsaScheme(44), pk))).toBe(g.publicKeyDer);
      } else {
        expect(codeOfSync(() => encodePqSpki(mlDsaScheme(44), pk))).toBe('INVALID_KEY');
      }
      for (const t of g.tests) {
        n++;
        const result = knownResult(t.result, ['valid', 'invalid']);
        const ctx = t.ctx === undefined ? undefined : hex(t.ctx);
        let got: string;
        try {
          got = mlDsaVerify(44, pk, hex(t.msg), hex(t.sig), ctx) ? 'valid' : 'invalid';
        } catch (e) {
          const code = (e as { code?: string }).code ?? 'raw';
          expect(ERROR_CODES, `tc ${t.tcId}: ${String(e)}`).toContain(code);
          got = 'invalid';
        }
        expect(got, `tc ${t.tcId} ${t.comment}`).toBe(result);
      }
    }
    expect(n).toBe(data.numberOfTests);
  });
});

describe.skipIf(!sharedAvailable)('Wycheproof ML-KEM keygen from seed', () => {
  for (const level of [512, 768, 1024] as MlKemLevel[]) {
    it(`mlkem_${level}_keygen_seed_test.json`, () => {
      const data = readSharedJson(W(`mlkem_${level}_keygen_seed_test.json`));
      let n = 0;
      for (const g of data.testGroups) {
        expect(g.parameterSet).toBe(`ML-KEM-${level}`);
        for (const t of g.tests) {
          n++;
          knownResult(t.result, ['valid']);
          const kp = mlKemKeyFromSeed(level, hex(t.seed));
          expect(bytesToHex(kp.publicKey), `tc ${t.tcId}`).toBe(t.ek);
          expect(bytesToHex(kp.expandedKey), `tc ${t.tcId}`).toBe(t.dk);
          if (t.tcId <= 3) {
            // the expanded-key checks (hash check + PCT) accept every genuine key; one round trip per file
            expect(bytesToHex(mlKemPublicKeyFromExpanded(level, kp.expandedKey))).toBe(t.ek);
            const e = mlKemEncapsulate(level, kp.publicKey, fixed(hex(t.seed).subarray(0, 32)));
            expect(mlKemDecapsulate(level, kp.expandedKey, e.ciphertext)).toEqual(e.sharedSecret);
          }
        }
      }
      expect(n).toBe(data.numberOfTests);
    });
  }
});
