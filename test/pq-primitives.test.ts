import { describe, expect, it } from 'vitest';
import { codeOfSync } from './helpers/codes.js';
import { ML_DSA_PARAMS, mlDsaGenerate, mlDsaMu, mlDsaPublicKeyFromExpanded, mlDsaSign, mlDsaSignMu, mlDsaVerify, mlDsaVerifyMu } from '../src/pq/ml-dsa.js';
import { ML_KEM_PARAMS, mlKemDecapsulate, mlKemEncapsulate, mlKemGenerate, mlKemPublicKeyFromExpanded } from '../src/pq/ml-kem.js';
import { bytesToHex } from '../src/bytes.js';
import { seededRandom } from '../src/random.js';

describe('ML-DSA primitives', () => {
  for (const level of [44, 65, 87] as const) {
    it(`ML-DSA-${level}: seeded generation, pure and external-μ signing agree, hedged signing differs, verify refuses tampering`, () => {
      const p = ML_DSA_PARAMS[level];
      const a = mlDsaGenerate(level, seededRandom(`mldsa ${level}`));
      const b = mlDsaGenerate(level, seededRandom(`mldsa ${level}`));
      expect(bytesToHex(a.publicKey)).toBe(bytesToHex(b.publicKey));
      expect(a.publicKey.length).toBe(p.publicKeyBytes);
      expect(a.expandedKey.length).toBe(p.expandedKeyBytes);
      expect(bytesToHex(mlDsaPublicKeyFromExpanded(level, a.expandedKey))).toBe(bytesToHex(a.publicKey));
      const msg = new TextEncoder().encode('keysmith');
      const det = mlDsaSign(level, a.expandedKey, msg, { deterministic: true });
      expect(det.length).toBe(p.signatureBytes);
      const mu = mlDsaMu(level, a.publicKey, msg);
      expect(mlDsaSignMu(level, a.expandedKey, mu, { deterministic: true })).toEqual(det);
      expect(mlDsaVerify(level, a.publicKey, msg, det)).toBe(true);
      expect(mlDsaVerifyMu(level, a.publicKey, mu, det)).toBe(true);
      const r = seededRandom('rnd');
      const h1 = mlDsaSign(level, a.expandedKey, msg, { random: r });
      const h2 = mlDsaSign(level, a.expandedKey, msg, { random: r });
      expect(bytesToHex(h1)).not.toBe(bytesToHex(h2));
      expect(mlDsaVerify(level, a.publicKey, msg, h1) && mlDsaVerify(level, a.publicKey, msg, h2)).toBe(true);
      const bad = Uint8Array.from(det);
      bad[0]! ^= 1;
      expect(mlDsaVerify(level, a.publicKey, msg, bad)).toBe(false);
      expect(mlDsaVerify(level, a.publicKey, msg, det.subarray(1))).toBe(false);
      expect(mlDsaVerify(level, a.publicKey, msg, det, Uint8Array.of(1))).toBe(false); // another context
      expect(codeOfSync(() => mlDsaSignMu(level, a.expandedKey, mu.subarray(1)))).toBe('INVALID_ARGUMENT');
      expect(codeOfSync(() => mlDsaSign(level, a.expandedKey.subarray(1), msg))).toBe('INVALID_KEY');
      expect(codeOfSync(() => mlDsaVerify(level, a.publicKey.subarray(1), msg, det))).toBe('INVALID_KEY');
      expect(codeOfSync(() => mlDsaSign(level, a.expandedKey, msg, { random: () => new Uint8Array(31) }))).toBe('RNG_FAILURE');
    });
  }
});

describe('ML-KEM primitives', () => {
  for (const level of [512, 768, 1024] as const) {
    it(`ML-KEM-${level}: seeded generation, encapsulate/decapsulate, implicit rejection, input checks`, () => {
      const p = ML_KEM_PARAMS[level];
      const k = mlKemGenerate(level, seededRandom(`mlkem ${level}`));
      expect(k.seed.length).toBe(64);
      expect(k.publicKey.length).toBe(p.publicKeyBytes);
      expect(k.expandedKey.length).toBe(p.expandedKeyBytes);
      expect(bytesToHex(mlKemGenerate(level, seededRandom(`mlkem ${level}`)).publicKey)).toBe(bytesToHex(k.publicKey));
      const e1 = mlKemEncapsulate(level, k.publicKey, seededRandom('m'));
      const e2 = mlKemEncapsulate(level, k.publicKey, seededRandom('m'));
      expect(e1).toEqual(e2); // randomness is a parameter
      expect(e1.ciphertext.length).toBe(p.ciphertextBytes);
      expect(mlKemDecapsulate(level, k.expandedKey, e1.ciphertext)).toEqual(e1.sharedSecret);
      const tampered = Uint8Array.from(e1.ciphertext);
      tampered[5]! ^= 1;
      const rejected = mlKemDecapsulate(level, k.expandedKey, tampered);
      expect(rejected.length).toBe(32);
      expect(bytesToHex(rejected)).not.toBe(bytesToHex(e1.sharedSecret));
      expect(codeOfSync(() => mlKemDecapsulate(level, k.expandedKey, e1.ciphertext.subarray(1)))).toBe('INVALID_ARGUMENT');
      const badHash = Uint8Array.from(k.expandedKey);
      badHash[768 * p.k + 40]! ^= 1;
      expect(codeOfSync(() => mlKemDecapsulate(level, badHash, e1.ciphertext))).toBe('INVALID_KEY');
      expect(codeOfSync(() => mlKemPublicKeyFromExpanded(level, badHash))).toBe('INVALID_KEY');
      const badZ = Uint8Array.from(k.expandedKey);
      badZ[badZ.length - 1]! ^= 1; // z is invisible to the PCT when the ciphertext is valid: only the seed check finds it
      expect(bytesToHex(mlKemPublicKeyFromExpanded(level, badZ))).toBe(bytesToHex(k.publicKey));
      expect(codeOfSync(() => mlKemEncapsulate(level, k.publicKey.subarray(1)))).toBe('INVALID_KEY');
    });
  }
});
