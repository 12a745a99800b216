import { describe, expect, it } from 'vitest';
import { ecdsa } from '@noble/curves/abstract/weierstrass.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { curveMultiplier } from '../src/ec/scalar-mult.js';
import { ecdsaSign, ecdsaVerify } from '../src/ec/ecdsa.js';
import { pointGroupByCurve } from '../src/ec/groups.js';
import type { CurveName } from '../src/model/spec.js';
import { bigIntToBytes, bytesToBigInt, hex } from '../src/bytes.js';
import { seededRandom } from '../src/random.js';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';

// The fast EC arithmetic (src/ec/jacobian.ts, scalar-mult.ts, ecdsa.ts) checked against noble's own
// implementation, which it replaces on the hot paths, and against Wycheproof's ECDSA verify vectors.

const curves: readonly [CurveName, CHash][] = [
  ['P-256', sha256],
  ['P-384', sha384],
  ['secp256k1', sha256],
  ['sm2p256v1', sha256],
];

describe.each(curves)('%s fast multiplier', (curve, hash) => {
  const P = pointGroupByCurve(curve);
  const n = P.Fn.ORDER;
  const M = curveMultiplier(curve);
  const rnd = seededRandom(`ec-fast ${curve}`);
  const scalar = () => bytesToBigInt(rnd(P.Fn.BYTES + 8)) % n;
  const edges = [1n, 2n, 3n, n - 1n, n - 2n, n >> 1n, (n >> 1n) + 1n, 2n ** 128n, 2n ** BigInt(n.toString(2).length - 1)];

  it('k·G equals noble for edge and random scalars', () => {
    for (const k of [...edges, ...Array.from({ length: 40 }, scalar)]) {
      if (k === 0n) continue;
      const a = M.arithmetic.toAffine(M.baseMul(k));
      const b = P.BASE.multiply(k).toAffine();
      expect([a.x, a.y]).toEqual([b.x, b.y]);
    }
  });

  it('u1·G + u2·Q equals noble, including zero scalars, Q = ±G and a sum at infinity', () => {
    const Gaff = P.BASE.toAffine();
    const negG = P.BASE.negate().toAffine();
    const cases: [bigint, { x: bigint; y: bigint }, bigint][] = [
      [0n, P.BASE.multiply(5n).toAffine(), 7n],
      [9n, P.BASE.multiply(5n).toAffine(), 0n],
      [3n, Gaff, 4n],
      [3n, negG, 3n], // 3G − 3G = ∞
      [n - 1n, Gaff, 1n], // ∞
    ];
    for (let i = 0; i < 30; i++) cases.push([scalar(), P.BASE.multiply(scalar() || 1n).toAffine(), scalar()]);
    for (const [u1, Q, u2] of cases) {
      const got = M.mulAdd(u1, Q, u2);
      const want = P.BASE.multiplyUnsafe(u1).add(P.fromAffine(Q).multiplyUnsafe(u2));
      if (want.is0()) {
        expect(M.arithmetic.isZero(M.arithmetic.red(got.Z))).toBe(true);
      } else {
        const a = M.arithmetic.toAffine(got);
        const b = want.toAffine();
        expect([a.x, a.y]).toEqual([b.x, b.y]);
      }
    }
  });

  // ECDSA is not an algorithm of the SM2 curve (SM2 signs with SM2DSA, test/sm2.test.ts): no such case for it
  if (curve !== 'sm2p256v1') it('ECDSA signatures are byte-identical to noble (RFC 6979 + extra entropy, low-s) and verify both ways', () => {
    const noble = ecdsa(P, hash);
    for (let i = 0; i < 25; i++) {
      const d = bigIntToBytes((scalar() % (n - 1n)) + 1n, P.Fn.BYTES);
      const pub = noble.getPublicKey(d, false);
      const msg = rnd(i * 7);
      const entropy = rnd(32);
      const ours = ecdsaSign(curve, hash, msg, d, entropy);
      expect(ours).toEqual(noble.sign(msg, d, { format: 'der', extraEntropy: entropy }));
      expect(ecdsaVerify(curve, hash, msg, pub, ours)).toBe(true);
      expect(ecdsaVerify(curve, hash, msg, noble.getPublicKey(d, true), ours)).toBe(true);
      const other = msg.slice();
      if (other.length) other[0]! ^= 1;
      else continue;
      expect(ecdsaVerify(curve, hash, other, pub, ours)).toBe(false);
    }
  });
});

describe.skipIf(!sharedAvailable)('Wycheproof ECDSA DER verification on the fast path', () => {
  const files: readonly [string, CurveName, CHash, string][] = [
    ['ecdsa_secp256r1_sha256_test.json', 'P-256', sha256, 'secp256r1'],
    ['ecdsa_secp384r1_sha384_test.json', 'P-384', sha384, 'secp384r1'],
    ['ecdsa_secp256k1_sha256_test.json', 'secp256k1', sha256, 'secp256k1'],
  ];
  it.each(files)('%s: valid verify, invalid do not, acceptable agree with noble', (file, curve, hash, wycheproofCurve) => {
    const data = readSharedJson(`wycheproof/testvectors_v1/${file}`);
    const noble = ecdsa(pointGroupByCurve(curve), hash);
    const counts: Record<string, number> = {};
    for (const g of data.testGroups as { type: string; publicKey: { curve: string; uncompressed: string }; sha: string; tests: { tcId: number; msg: string; sig: string; result: string }[] }[]) {
      expect(g.type).toBe('EcdsaVerify');
      expect(g.publicKey.curve).toBe(wycheproofCurve);
      const pub = hex(g.publicKey.uncompressed);
      for (const t of g.tests) {
        const result = knownResult(t.result);
        const got = ecdsaVerify(curve, hash, hex(t.msg), pub, hex(t.sig));
        let ref: boolean;
        try {
          ref = noble.verify(hex(t.sig), hex(t.msg), pub, { format: 'der', lowS: false });
        } catch {
          ref = false;
        }
        if (result === 'valid') expect(got, `tcId ${t.tcId}`).toBe(true);
        else if (result === 'invalid') expect(got, `tcId ${t.tcId}`).toBe(false);
        expect(got, `tcId ${t.tcId} agrees with noble`).toBe(ref);
        counts[result] = (counts[result] ?? 0) + 1;
      }
    }
    expect(counts.valid).toBeGreaterThan(0);
    expect(counts.invalid).toBeGreaterThan(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(data.numberOfTests);
  });
});
