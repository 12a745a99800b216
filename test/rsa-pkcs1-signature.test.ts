import { describe, expect, it } from 'vitest';
import { signPkcs1v15, verifyPkcs1v15 } from '../src/rsa/pkcs1-signature.js';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { i2osp, os2ip, rsadp, rsaep } from '../src/rsa/primitives.js';
import { seededRandom } from '../src/random.js';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { hexBytes, toHex } from './helpers/rsa-fixtures.js';

const b64uBig = (s: string) => BigInt('0x' + Buffer.from(s, 'base64url').toString('hex'));

describe.skipIf(!sharedAvailable)('Wycheproof RSASSA-PKCS1-v1_5 signature generation (SHA-256 / SHA-384 / SHA-512 groups)', () => {
  const files: Record<string, number> = {
    'rsa_pkcs1_2048_sig_gen_test.json': 27,
    'rsa_pkcs1_3072_sig_gen_test.json': 26,
    'rsa_pkcs1_4096_sig_gen_test.json': 24,
  };
  for (const [name, expected] of Object.entries(files)) {
    it(`${name}: byte-exact signatures`, () => {
      const file = readSharedJson(`wycheproof/testvectors_v1/${name}`);
      let ran = 0;
      for (const group of file.testGroups) {
        if (!['SHA-256', 'SHA-384', 'SHA-512'].includes(group.sha)) continue; // the hashes this signer offers (AWS's three)
        const j = group.privateKeyJwk;
        const key = { n: b64uBig(j.n), e: b64uBig(j.e), d: b64uBig(j.d), p: b64uBig(j.p), q: b64uBig(j.q), dp: b64uBig(j.dp), dq: b64uBig(j.dq), qi: b64uBig(j.qi) };
        for (const t of group.tests) {
          const result = knownResult(t.result);
          const msg = hexBytes(t.msg);
          // valid and acceptable (small public exponent) signatures are both well-defined outputs
          expect(result === 'valid' || result === 'acceptable', `tcId ${t.tcId}`).toBe(true);
          expect(toHex(signPkcs1v15(key, msg, group.sha)), `tcId ${t.tcId}`).toBe(t.sig);
          expect(verifyPkcs1v15(key, msg, hexBytes(t.sig), group.sha)).toBe(true);
          ran++;
        }
      }
      expect(ran).toBe(expected);
    });
  }
});

describe('verifyPkcs1v15 rejects', () => {
  const key = generateRsaPrivate(2048, 65537n, seededRandom('pkcs1 sig'));
  const msg = new TextEncoder().encode('message');
  const sig = signPkcs1v15(key, msg, 'SHA-256');

  it('modified signatures, messages, hashes and lengths', () => {
    expect(verifyPkcs1v15(key, msg, sig, 'SHA-256')).toBe(true);
    expect(verifyPkcs1v15(key, new TextEncoder().encode('messagf'), sig, 'SHA-256')).toBe(false);
    expect(verifyPkcs1v15(key, msg, sig, 'SHA-384')).toBe(false);
    for (let i = 0; i < sig.length; i += 31) {
      const bad = sig.slice();
      bad[i]! ^= 0x80;
      expect(verifyPkcs1v15(key, msg, bad, 'SHA-256')).toBe(false);
    }
    expect(verifyPkcs1v15(key, msg, sig.subarray(1), 'SHA-256')).toBe(false);
    expect(verifyPkcs1v15(key, msg, new Uint8Array([0, ...sig]), 'SHA-256')).toBe(false);
    expect(verifyPkcs1v15(key, msg, new Uint8Array(256).fill(0xff), 'SHA-256')).toBe(false);
    expect(verifyPkcs1v15(key, msg, new Uint8Array(256), 'SHA-256')).toBe(false);
  });

  it('encodings a lenient parser would accept (garbage after DigestInfo, NULL parameters missing)', () => {
    const em = i2osp(rsaep(key, os2ip(sig)), 256);
    // move the DigestInfo one byte left and put garbage at the end (Bleichenbacher '06 style)
    const shifted = new Uint8Array(256);
    shifted.set(em.subarray(0, 201));
    shifted.set(em.subarray(202), 201);
    shifted[255] = 0x42;
    const forged = i2osp(rsadp(key, os2ip(shifted)), 256);
    expect(verifyPkcs1v15(key, msg, forged, 'SHA-256')).toBe(false);
    // DigestInfo without the NULL parameters (RFC 8017 §9.2 note 2 allows only the form with NULL here)
    const noNull = new Uint8Array(256).fill(0xff);
    noNull[0] = 0;
    noNull[1] = 1;
    const tail = hexBytes('302f300b0609608648016503040201' + '0420' + toHex(em.subarray(224)));
    noNull[256 - tail.length - 1] = 0;
    noNull.set(tail, 256 - tail.length);
    expect(verifyPkcs1v15(key, msg, i2osp(rsadp(key, os2ip(noNull)), 256), 'SHA-256')).toBe(false);
  });

  it('bad arguments throw', () => {
    expect(codeOfSync(() => signPkcs1v15(key, msg, 'SHA-1' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => signPkcs1v15(key, 'm' as never, 'SHA-256'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => verifyPkcs1v15(key, msg, 'sig' as never, 'SHA-256'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => verifyPkcs1v15(key, msg, sig, 'SHA-224' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => verifyPkcs1v15({ n: 4n, e: 3n }, msg, sig, 'SHA-256'))).toBe('INVALID_KEY');
    expect(codeOfSync(() => signPkcs1v15({ ...key, d: undefined } as never, msg, 'SHA-256'))).toBe('INVALID_KEY');
    // a 259-bit modulus (33 octets) is too short for EMSA-PKCS1-v1_5 with SHA-384 (tLen + 11 = 70)
    const p = 0xf3e2c4b39c9a4a9e2fbbdc1ee8d1f6b4a4d0c5d2d8b2c9b56bd0d6b1d7c1f34bn;
    expect(codeOfSync(() => signPkcs1v15({ n: p * 5n, e: 65537n, d: 1n, p, q: 5n, dp: 1n, dq: 1n, qi: 1n }, msg, 'SHA-384'))).toBe('INVALID_KEY');
  });
});
