import { describe, expect, it } from 'vitest';
import { importKey } from '../src/core/import.js';
import { exportKey } from '../src/core/export.js';
import { KeyPair } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import type { EcSpec } from '../src/model/spec.js';
import { curveOrder, maxPrivateScalar } from '../src/ec/curves.js';
import { bigIntToBytes, bytesToHex, hex } from '../src/bytes.js';
import { readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOf } from './helpers/codes.js';

const ecSpecFor = (curve: string): EcSpec => {
  const s = specs.find((x) => x.family === 'ec' && x.curve === curve);
  if (!s || s.family !== 'ec') throw new Error(`no spec for curve ${curve}`);
  return s;
};

/** d → Q through the public API: import the raw scalar, export the uncompressed point. */
async function derive(spec: EcSpec, d: bigint): Promise<string> {
  const pair = (await importKey(spec, bigIntToBytes(d, spec.fieldBytes), 'raw')) as KeyPair;
  expect(pair).toBeInstanceOf(KeyPair);
  return bytesToHex((await exportKey(pair, 'raw-public')) as Uint8Array);
}

describe.skipIf(!sharedAvailable)('EC d → Q known answers', () => {
  it('ec/ec_scalar_mult_keypairs.json: P-256, P-384, secp256k1 (179 pairs)', async () => {
    const file = readSharedJson('ec/ec_scalar_mult_keypairs.json');
    const counts: Record<string, number> = {};
    for (const set of file.sets as { curve: string; count: number; tests: { k: string; x: string; y: string; origin: string }[] }[]) {
      const spec = ecSpecFor(set.curve);
      expect(set.tests.length).toBe(set.count);
      for (const t of set.tests) {
        const k = BigInt('0x' + t.k); // hex throughout, including k = 1..0x14 of the k·G table
        const want = ('04' + t.x.padStart(spec.fieldBytes * 2, '0') + t.y.padStart(spec.fieldBytes * 2, '0')).toLowerCase();
        if (k >= 1n && k <= maxPrivateScalar(spec)) {
          expect(await derive(spec, k)).toBe(want);
        } else {
          expect(k).toBeGreaterThanOrEqual(curveOrder(spec));
          expect(await codeOf(importKey(spec, bigIntToBytes(k % (1n << BigInt(spec.fieldBytes * 8)), spec.fieldBytes), 'raw'))).toBe('INVALID_KEY');
        }
        counts[set.curve] = (counts[set.curve] ?? 0) + 1;
      }
    }
    expect(counts).toEqual({ 'P-256': 67, 'P-384': 67, secp256k1: 45 });
  });

  it('sm/sm2_vectors.json: SM2 d → P on sm2p256v1 (GB/T 32918.5 example key)', async () => {
    const { keypair } = readSharedJson('sm/sm2_vectors.json').recommended_curve;
    expect(await derive(ecSpecFor('sm2p256v1'), BigInt('0x' + keypair.d))).toBe(('04' + keypair.Px + keypair.Py).toLowerCase());
    // SM2 scalars stop at n − 2 (GB/T 32918.1 §6.1): n − 1 is refused, n − 2 accepted
    const spec = ecSpecFor('sm2p256v1');
    expect(await codeOf(importKey(spec, bigIntToBytes(curveOrder(spec) - 1n, 32), 'raw'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey(spec, bigIntToBytes(curveOrder(spec) - 2n, 32), 'raw'))).toBe('no error');
  });

  it('ACVP ECDSA KeyGen (FIPS 186-5): P-256 and P-384 (12)', async () => {
    const file = readSharedJson('cavp/acvp/ecdsa_keygen_p256_p384.json');
    for (const t of file.tests as { curve: string; d: string; qx: string; qy: string }[]) {
      const spec = ecSpecFor(t.curve);
      expect(await derive(spec, BigInt('0x' + t.d))).toBe(('04' + t.qx + t.qy).toLowerCase());
    }
    expect(file.tests.length).toBe(12);
  });

  it('ACVP ECDSA KeyVer (FIPS 186-5): public keys accepted or rejected as NIST expects (6)', async () => {
    const file = readSharedJson('cavp/acvp/ecdsa_keyver_p256_p384.json');
    const expected: Record<string, string[]> = {
      none: ['no error'],
      'point not on curve': ['INVALID_KEY'],
      'x or y out of range': ['INVALID_KEY', 'INVALID_FORMAT'],
    };
    for (const t of file.tests as { curve: string; qx: string; qy: string; testPassed: boolean; reason: string }[]) {
      if (!Object.hasOwn(expected, t.reason)) throw new Error(`unknown KeyVer reason ${t.reason}`);
      expect(t.testPassed).toBe(t.reason === 'none');
      const spec = ecSpecFor(t.curve);
      const w = spec.fieldBytes * 2;
      const point = hex('04' + t.qx.padStart(w, '0') + t.qy.padStart(w, '0'));
      expect(expected[t.reason]).toContain(await codeOf(importKey(spec, point, 'raw-public')));
    }
    expect(file.tests.length).toBe(6);
  });
});
